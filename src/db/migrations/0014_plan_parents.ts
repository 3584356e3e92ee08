import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** A plan may sit under another of the partnership's plans: a locality plan under the LOIP, an improvement plan under either. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'ALTER TABLE plans ADD COLUMN parent_plan_id integer REFERENCES plans(id) ON DELETE SET NULL',
    'ALTER TABLE plans ADD CONSTRAINT plans_parent_not_self CHECK (parent_plan_id IS NULL OR parent_plan_id <> id)',
    'CREATE INDEX plans_parent_idx ON plans (parent_plan_id)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['ALTER TABLE plans DROP COLUMN parent_plan_id']);
}
