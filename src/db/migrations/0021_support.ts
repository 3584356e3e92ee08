import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** Issue 6: to be written. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, []);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, []);
}
