import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 3: an indicator's prevention tag (the column of 0005) gets its reason and who set it. No
 * published source says which national indicators measure prevention, so national analysts decide,
 * and the catalogue shows their reason beside the tag.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE indicators ADD COLUMN prevention_note text`,
    `ALTER TABLE indicators ADD COLUMN prevention_set_by_user_id integer REFERENCES users(id)`,
    `ALTER TABLE indicators ADD COLUMN prevention_set_at timestamptz`,
    `ALTER TABLE indicators ADD CONSTRAINT indicators_prevention_note CHECK (NOT prevention OR prevention_note IS NOT NULL)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE indicators DROP CONSTRAINT indicators_prevention_note`,
    `ALTER TABLE indicators DROP COLUMN prevention_set_at`,
    `ALTER TABLE indicators DROP COLUMN prevention_set_by_user_id`,
    `ALTER TABLE indicators DROP COLUMN prevention_note`,
  ]);
}
