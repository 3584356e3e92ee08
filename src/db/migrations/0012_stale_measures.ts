import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** When a plan's measure counts as stale: its latest value is more than this many years old. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('plans', 'stale_after_years', 3,
        'A measure whose latest value is older than this many years (before the current year) is flagged as having no recent data',
        'Cairn default: outcome statistics are typically published one to two years in arrears (CPOP, NPF); a partnership may set its own')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ["DELETE FROM method_parameters WHERE method = 'plans' AND name = 'stale_after_years'"]);
}
