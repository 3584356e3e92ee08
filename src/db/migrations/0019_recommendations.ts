import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

const DIMENSIONS =
  "Audit Scotland, Code of Audit Practice (May 2016), the four audit dimensions of the wider scope of public audit; as used in Audit Scotland's impact report on Community planning: an update (../shared/domain/seeds/001_*.txt, 'Impact in terms of the four audit dimensions')";

/**
 * Issue 6, recommendations tracker. Reports (Audit Scotland's and others') hold recommendations, in
 * groups of related ones; each is addressed to the Scottish Government, COSLA, all CPPs, a named
 * partnership or a named organisation, and touches one or more audit dimensions (data, with source).
 * Progress ratings are an append-only history. A partnership responds by linking an action of its own
 * improvement plan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE audit_dimensions (
       code text PRIMARY KEY,
       name text NOT NULL,
       position smallint NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO audit_dimensions (code, name, position, source) VALUES
       ('financial-management', 'Financial management', 1, '${DIMENSIONS.replace(/'/g, "''")}'),
       ('financial-sustainability', 'Financial sustainability', 2, '${DIMENSIONS.replace(/'/g, "''")}'),
       ('governance-transparency', 'Governance and transparency', 3, '${DIMENSIONS.replace(/'/g, "''")}'),
       ('value-for-money', 'Value for money', 4, '${DIMENSIONS.replace(/'/g, "''")}')`,
    `CREATE TABLE recommendation_reports (
       id serial PRIMARY KEY,
       title text NOT NULL,
       publisher text NOT NULL,
       published_on date NOT NULL,
       url text,
       summary text,
       created_by_user_id integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE recommendation_groups (
       id serial PRIMARY KEY,
       report_id integer NOT NULL REFERENCES recommendation_reports(id) ON DELETE CASCADE,
       title text NOT NULL,
       position integer NOT NULL,
       UNIQUE (report_id, title)
     )`,
    `CREATE TABLE recommendations (
       id serial PRIMARY KEY,
       report_id integer NOT NULL REFERENCES recommendation_reports(id) ON DELETE CASCADE,
       group_id integer REFERENCES recommendation_groups(id) ON DELETE SET NULL,
       ref text NOT NULL,
       text text NOT NULL,
       position integer NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (report_id, ref)
     )`,
    `CREATE INDEX recommendations_report_idx ON recommendations (report_id, position)`,
    `CREATE TABLE recommendation_addressees (
       id serial PRIMARY KEY,
       recommendation_id integer NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
       kind text NOT NULL CHECK (kind IN ('scottish_government','cosla','all_cpps','partnership','organisation')),
       partnership_id integer REFERENCES partnerships(id),
       organisation_id integer REFERENCES organisations(id),
       CHECK ((kind = 'partnership') = (partnership_id IS NOT NULL)),
       CHECK ((kind = 'organisation') = (organisation_id IS NOT NULL))
     )`,
    `CREATE UNIQUE INDEX recommendation_addressees_unique ON recommendation_addressees (recommendation_id, kind, coalesce(partnership_id, 0), coalesce(organisation_id, 0))`,
    `CREATE INDEX recommendation_addressees_partnership_idx ON recommendation_addressees (partnership_id) WHERE partnership_id IS NOT NULL`,
    `CREATE TABLE recommendation_dimensions (
       recommendation_id integer NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
       dimension_code text NOT NULL REFERENCES audit_dimensions(code),
       PRIMARY KEY (recommendation_id, dimension_code)
     )`,
    `CREATE TABLE recommendation_progress (
       id serial PRIMARY KEY,
       recommendation_id integer NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
       rating text NOT NULL CHECK (rating IN ('green','amber','red')),
       narrative text NOT NULL,
       evidence text,
       as_of date NOT NULL,
       author_user_id integer REFERENCES users(id),
       author_label text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX recommendation_progress_idx ON recommendation_progress (recommendation_id, as_of, id)`,
    `CREATE TABLE recommendation_responses (
       id serial PRIMARY KEY,
       recommendation_id integer NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       action_id integer NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
       note text,
       created_by_user_id integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (recommendation_id, action_id)
     )`,
    `CREATE INDEX recommendation_responses_partnership_idx ON recommendation_responses (partnership_id, recommendation_id)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE recommendation_responses',
    'DROP TABLE recommendation_progress',
    'DROP TABLE recommendation_dimensions',
    'DROP TABLE recommendation_addressees',
    'DROP TABLE recommendations',
    'DROP TABLE recommendation_groups',
    'DROP TABLE recommendation_reports',
    'DROP TABLE audit_dimensions',
  ]);
}
