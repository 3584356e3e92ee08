import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * What the national files need beyond CPOP: family groups (CPOP's and LGBF's two kinds), LGBF's real-terms
 * values and numerator/denominator labels, the code an indicator has in its own framework, NRS
 * population estimates by sex and age, and area boundaries for maps.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE family_group_schemes (
       code text PRIMARY KEY,
       name text NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO family_group_schemes (code, name, source) VALUES
       ('cpop', 'CPOP family groups', 'Improvement Service, Community Planning Outcomes Profile: the FG column of CPPcleandata.csv'),
       ('lgbf-people', 'LGBF family groups for children, social work and housing indicators (by deprivation)', 'Improvement Service, Local Government Benchmarking Framework: Family_Groups.csv'),
       ('lgbf-other', 'LGBF family groups for environmental, culture and leisure, economic development, corporate and property indicators (by rurality and density)', 'Improvement Service, Local Government Benchmarking Framework: Family_Groups.csv')`,
    `CREATE TABLE family_groups (
       scheme_code text NOT NULL REFERENCES family_group_schemes(code),
       council_code text NOT NULL REFERENCES areas(code),
       group_number smallint NOT NULL CHECK (group_number BETWEEN 1 AND 8),
       import_run_id integer REFERENCES import_runs(id),
       PRIMARY KEY (scheme_code, council_code)
     )`,
    `ALTER TABLE indicators ADD COLUMN external_code text`,
    `ALTER TABLE indicators ADD COLUMN category text`,
    `ALTER TABLE indicators ADD COLUMN numerator_label text`,
    `ALTER TABLE indicators ADD COLUMN denominator_label text`,
    `ALTER TABLE observations ADD COLUMN real_terms_value numeric`,
    `CREATE TABLE population_estimates (
       area_code text NOT NULL REFERENCES areas(code),
       year smallint NOT NULL,
       sex text NOT NULL CHECK (sex IN ('all', 'female', 'male')),
       age text NOT NULL CHECK (age = 'all' OR age = '90+' OR age ~ '^[0-9]{1,2}$'),
       population integer NOT NULL CHECK (population >= 0),
       import_run_id integer REFERENCES import_runs(id),
       PRIMARY KEY (area_code, year, sex, age)
     )`,
    `CREATE TABLE area_boundaries (
       area_code text PRIMARY KEY REFERENCES areas(code),
       geometry jsonb NOT NULL,
       min_lon double precision NOT NULL,
       min_lat double precision NOT NULL,
       max_lon double precision NOT NULL,
       max_lat double precision NOT NULL,
       import_run_id integer REFERENCES import_runs(id)
     )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE area_boundaries',
    'DROP TABLE population_estimates',
    'ALTER TABLE observations DROP COLUMN real_terms_value',
    'ALTER TABLE indicators DROP COLUMN denominator_label',
    'ALTER TABLE indicators DROP COLUMN numerator_label',
    'ALTER TABLE indicators DROP COLUMN category',
    'ALTER TABLE indicators DROP COLUMN external_code',
    'DROP TABLE family_groups',
    'DROP TABLE family_group_schemes',
  ]);
}
