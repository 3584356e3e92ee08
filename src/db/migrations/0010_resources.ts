import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Resources (issue 4): what each partner commits to each priority (or local outcome) of a plan per
 * financial year — money, staff time, assets in kind — aligned or pooled, and whether it is
 * preventative, early intervention or reactive (Audit Scotland: align resources to priorities, shift
 * them to prevention).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE resource_commitments (
       id serial PRIMARY KEY,
       plan_id integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
       organisation_id integer NOT NULL REFERENCES organisations(id),
       priority_id integer NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
       plan_outcome_id integer REFERENCES plan_outcomes(id) ON DELETE CASCADE,
       financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2100),
       money numeric(14,2) NOT NULL DEFAULT 0 CHECK (money >= 0),
       fte numeric(8,2) NOT NULL DEFAULT 0 CHECK (fte >= 0),
       in_kind text,
       arrangement text NOT NULL CHECK (arrangement IN ('aligned','pooled')),
       prevention text NOT NULL CHECK (prevention IN ('preventative','early_intervention','reactive')),
       note text,
       import_run_id integer REFERENCES import_runs(id),
       created_by_user_id integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (money > 0 OR fte > 0 OR in_kind IS NOT NULL)
     )`,
    `CREATE INDEX resource_commitments_plan_idx ON resource_commitments (plan_id, financial_year)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE resource_commitments']);
}
