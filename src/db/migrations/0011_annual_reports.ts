import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Annual progress reports (section 8 of the Community Empowerment (Scotland) Act 2015): each published
 * version frozen with the figures it was published with, at a permanent address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE annual_reports (
       id serial PRIMARY KEY,
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       year integer NOT NULL CHECK (year BETWEEN 2016 AND 2100),
       version integer NOT NULL CHECK (version > 0),
       content jsonb NOT NULL,
       published_at timestamptz NOT NULL,
       published_by_user_id integer REFERENCES users(id),
       UNIQUE (partnership_id, year, version)
     )`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('annual_report', 'maintained_band', 0.01,
        'In the annual report, a measure whose latest value differs from the one before by less than this share counts as maintained rather than improved or worsened',
        'Cairn default (the NPF rates each national indicator by its own criteria for change, DOMAIN.md section 4; a partnership may set its own band)')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "DELETE FROM method_parameters WHERE method = 'annual_report'",
    'DROP TABLE annual_reports',
  ]);
}
