import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** The Scottish Index of Multiple Deprivation, per data zone and edition. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE simd_editions (
       code text PRIMARY KEY,
       name text NOT NULL,
       data_zones integer NOT NULL,
       population_year integer NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO simd_editions (code, name, data_zones, population_year, source) VALUES
       ('2020v2', 'SIMD 2020v2', 6976, 2017, 'Scottish Government, Scottish Index of Multiple Deprivation 2020v2 ranks and indicators (OGL v3); population: NRS mid-2017 estimates')`,
    `CREATE TABLE simd_data_zones (
       edition text NOT NULL REFERENCES simd_editions(code),
       data_zone_code text NOT NULL REFERENCES areas(code),
       population integer NOT NULL,
       working_age_population integer NOT NULL,
       rank integer NOT NULL,
       percentile integer NOT NULL,
       vigintile integer NOT NULL,
       decile integer NOT NULL,
       quintile integer NOT NULL,
       income_rank numeric NOT NULL,
       employment_rank numeric NOT NULL,
       health_rank numeric NOT NULL,
       education_rank numeric NOT NULL,
       access_rank numeric NOT NULL,
       crime_rank numeric NOT NULL,
       housing_rank numeric NOT NULL,
       income_rate_pct numeric,
       income_count integer,
       employment_rate_pct numeric,
       employment_count integer,
       PRIMARY KEY (edition, data_zone_code),
       UNIQUE (edition, rank)
     )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE simd_data_zones', 'DROP TABLE simd_editions']);
}
