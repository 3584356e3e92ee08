import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

const NPF =
  'National Performance Framework (2018), the eleven national outcomes: Community Empowerment (Scotland) Act 2015, Part 1 (DOMAIN.md section 4)';
const OPEN_SDG =
  'Open SDG progress status (compound annual growth against the growth needed to reach a target): DOMAIN.md section 5';

/**
 * Plans (issue 4): a partnership's LOIP, locality plans and improvement plans, with priorities, local
 * outcomes linked to the national outcomes, measures (an indicator of the outcomes data or the
 * partnership's own) with baselines and targets, actions with lead and contributing partners, progress
 * updates with approval, and frozen versions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE national_outcomes (
       code text PRIMARY KEY,
       name text NOT NULL,
       sort_order integer NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO national_outcomes (code, name, sort_order, source) VALUES
       ('children', 'Children', 1, '${NPF}'),
       ('communities', 'Communities', 2, '${NPF}'),
       ('culture', 'Culture', 3, '${NPF}'),
       ('economy', 'Economy', 4, '${NPF}'),
       ('education', 'Education', 5, '${NPF}'),
       ('environment', 'Environment', 6, '${NPF}'),
       ('fair_work_business', 'Fair Work and Business', 7, '${NPF}'),
       ('health', 'Health', 8, '${NPF}'),
       ('human_rights', 'Human Rights', 9, '${NPF}'),
       ('international', 'International', 10, '${NPF}'),
       ('poverty', 'Poverty', 11, '${NPF}')`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('open_sdg_progress', 'on_track', 0.95, 'Share of the growth needed to reach the target at or above which a measure is on track', '${OPEN_SDG}'),
       ('open_sdg_progress', 'acceleration', 0.60, 'Share of the needed growth at or above which acceleration is needed (below it: limited progress; below zero: deterioration)', '${OPEN_SDG}'),
       ('open_sdg_progress', 'no_target_on_track', 0.015, 'Without a target: yearly growth in the good direction at or above which a measure is on track', '${OPEN_SDG}'),
       ('open_sdg_progress', 'no_target_acceleration', 0.005, 'Without a target: yearly growth at or above which acceleration is needed (below: limited progress; below zero: deterioration)', '${OPEN_SDG}')`,
    `CREATE TABLE plans (
       id serial PRIMARY KEY,
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       kind text NOT NULL CHECK (kind IN ('loip','locality','improvement')),
       title text NOT NULL,
       summary text,
       locality_code text REFERENCES areas(code),
       start_year integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
       end_year integer NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
       status text NOT NULL CHECK (status IN ('draft','consultation','approved','published')),
       version integer NOT NULL DEFAULT 0,
       published_at timestamptz,
       fictional boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       CHECK (end_year >= start_year),
       CHECK ((kind = 'locality') = (locality_code IS NOT NULL))
     )`,
    `CREATE INDEX plans_partnership_idx ON plans (partnership_id)`,
    `CREATE TABLE plan_versions (
       plan_id integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
       version integer NOT NULL,
       status text NOT NULL,
       snapshot jsonb NOT NULL,
       note text,
       created_at timestamptz NOT NULL,
       created_by_user_id integer REFERENCES users(id),
       PRIMARY KEY (plan_id, version)
     )`,
    `CREATE TABLE plan_priorities (
       id serial PRIMARY KEY,
       plan_id integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
       title text NOT NULL,
       description text,
       sort_order integer NOT NULL
     )`,
    `CREATE TABLE plan_outcomes (
       id serial PRIMARY KEY,
       priority_id integer NOT NULL REFERENCES plan_priorities(id) ON DELETE CASCADE,
       title text NOT NULL,
       description text,
       sort_order integer NOT NULL
     )`,
    `CREATE TABLE plan_outcome_national (
       plan_outcome_id integer NOT NULL REFERENCES plan_outcomes(id) ON DELETE CASCADE,
       national_outcome_code text NOT NULL REFERENCES national_outcomes(code),
       PRIMARY KEY (plan_outcome_id, national_outcome_code)
     )`,
    `CREATE TABLE plan_measures (
       id serial PRIMARY KEY,
       plan_outcome_id integer NOT NULL REFERENCES plan_outcomes(id) ON DELETE CASCADE,
       title text NOT NULL,
       indicator_code text REFERENCES indicators(code),
       area_code text REFERENCES areas(code),
       unit text,
       higher_is_better boolean NOT NULL,
       baseline_year integer,
       baseline_value numeric,
       sort_order integer NOT NULL,
       CHECK ((baseline_year IS NULL) = (baseline_value IS NULL))
     )`,
    `CREATE TABLE measure_targets (
       measure_id integer NOT NULL REFERENCES plan_measures(id) ON DELETE CASCADE,
       year integer NOT NULL,
       value numeric NOT NULL,
       PRIMARY KEY (measure_id, year)
     )`,
    `CREATE TABLE measure_values (
       measure_id integer NOT NULL REFERENCES plan_measures(id) ON DELETE CASCADE,
       year integer NOT NULL,
       value numeric NOT NULL,
       source text,
       PRIMARY KEY (measure_id, year)
     )`,
    `CREATE TABLE plan_actions (
       id serial PRIMARY KEY,
       plan_outcome_id integer NOT NULL REFERENCES plan_outcomes(id) ON DELETE CASCADE,
       title text NOT NULL,
       lead_organisation_id integer NOT NULL REFERENCES organisations(id),
       start_date date,
       due_date date,
       status text NOT NULL CHECK (status IN ('not_started','in_progress','complete','cancelled')),
       horizon text NOT NULL CHECK (horizon IN ('short','medium','long')),
       sort_order integer NOT NULL,
       CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
     )`,
    `CREATE TABLE action_contributors (
       action_id integer NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
       organisation_id integer NOT NULL REFERENCES organisations(id),
       PRIMARY KEY (action_id, organisation_id)
     )`,
    `CREATE TABLE progress_updates (
       id serial PRIMARY KEY,
       plan_id integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
       subject_kind text NOT NULL CHECK (subject_kind IN ('outcome','measure','action')),
       subject_id integer NOT NULL,
       rag text NOT NULL CHECK (rag IN ('red','amber','green')),
       narrative text NOT NULL,
       evidence_url text,
       update_date date NOT NULL,
       author_user_id integer REFERENCES users(id),
       author_label text NOT NULL,
       approved boolean NOT NULL DEFAULT false,
       approved_by_user_id integer REFERENCES users(id),
       approved_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX progress_updates_subject_idx ON progress_updates (subject_kind, subject_id, update_date)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE progress_updates',
    'DROP TABLE action_contributors',
    'DROP TABLE plan_actions',
    'DROP TABLE measure_values',
    'DROP TABLE measure_targets',
    'DROP TABLE plan_measures',
    'DROP TABLE plan_outcome_national',
    'DROP TABLE plan_outcomes',
    'DROP TABLE plan_priorities',
    'DROP TABLE plan_versions',
    'DROP TABLE plans',
    "DELETE FROM method_parameters WHERE method = 'open_sdg_progress'",
    'DROP TABLE national_outcomes',
  ]);
}
