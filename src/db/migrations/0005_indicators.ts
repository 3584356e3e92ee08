import { sql, type Kysely } from 'kysely';
import { runStatements } from './run.ts';
import { CPOP_INDICATORS, CPOP_SOURCE } from '../reference/cpop-indicators.ts';

/** Indicators, the frameworks they belong to, and observations of them for areas and periods. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE indicators (
       code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
       name text NOT NULL,
       unit text,
       higher_is_better boolean,
       prevention boolean NOT NULL DEFAULT false,
       definition text,
       source text NOT NULL,
       partnership_id integer REFERENCES partnerships(id),
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE indicator_frameworks (
       indicator_code text NOT NULL REFERENCES indicators(code) ON DELETE CASCADE,
       framework text NOT NULL CHECK (framework IN ('CPOP','NPF','LGBF','local')),
       PRIMARY KEY (indicator_code, framework)
     )`,
    `CREATE TABLE observations (
       indicator_code text NOT NULL REFERENCES indicators(code),
       area_code text NOT NULL REFERENCES areas(code),
       period_label text NOT NULL,
       period_kind text NOT NULL CHECK (period_kind IN ('year','financial_year','year_range','financial_year_range','quarter')),
       period_start date NOT NULL,
       period_end date NOT NULL,
       value_type text NOT NULL CHECK (value_type IN ('raw','imputed','projected')),
       value numeric NOT NULL,
       lower_bound numeric,
       upper_bound numeric,
       numerator numeric,
       denominator numeric,
       import_run_id integer REFERENCES import_runs(id),
       PRIMARY KEY (indicator_code, area_code, period_label)
     )`,
    `CREATE INDEX observations_area_idx ON observations (area_code, indicator_code, period_start)`,
  ]);
  const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
  await sql
    .raw(
      `INSERT INTO indicators (code, name, unit, higher_is_better, source) VALUES ` +
        CPOP_INDICATORS.map(
          (i) => `(${q(i.code)}, ${q(i.name)}, ${q(i.unit)}, ${i.higherIsBetter}, ${q(CPOP_SOURCE)})`,
        ).join(', '),
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO indicator_frameworks (indicator_code, framework) VALUES ` +
        CPOP_INDICATORS.map((i) => `(${q(i.code)}, 'CPOP')`).join(', '),
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE observations', 'DROP TABLE indicator_frameworks', 'DROP TABLE indicators']);
}
