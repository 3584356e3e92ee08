import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** Method parameters as data, and CPOP's inequality inputs per intermediate zone and year. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE method_parameters (
       method text NOT NULL,
       name text NOT NULL,
       value numeric NOT NULL,
       description text NOT NULL,
       source text NOT NULL,
       PRIMARY KEY (method, name)
     )`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('duncan_index', 'max_missing_share', 0.2, 'No index is given when more than this share of a partnership''s zones have no value',
        'Improvement Service, CPOP Duncan index method (Duncan_Index in the CPOP repository); DOMAIN.md section 5')`,
    // One row per partnership zone and year, as CPOP's inputs list them: the zone is known by its
    // council and its position in the council's list, not by a code.
    `CREATE TABLE inequality_zones (
       year integer NOT NULL,
       council_code text NOT NULL REFERENCES areas(code),
       zone_index integer NOT NULL,
       income_deprived numeric,
       not_income_deprived numeric,
       population numeric,
       import_run_id integer NOT NULL REFERENCES import_runs(id),
       PRIMARY KEY (year, council_code, zone_index)
     )`,
    `CREATE TABLE inequality_zone_values (
       year integer NOT NULL,
       council_code text NOT NULL,
       zone_index integer NOT NULL,
       indicator_code text NOT NULL REFERENCES indicators(code),
       value numeric,
       PRIMARY KEY (year, council_code, zone_index, indicator_code),
       FOREIGN KEY (year, council_code, zone_index) REFERENCES inequality_zones(year, council_code, zone_index) ON DELETE CASCADE
     )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE inequality_zone_values',
    'DROP TABLE inequality_zones',
    'DROP TABLE method_parameters',
  ]);
}
