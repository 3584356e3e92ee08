import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/** Where imported data came from, and the geography beyond the council areas. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE import_runs (
       id serial PRIMARY KEY,
       kind text NOT NULL,
       file_name text NOT NULL,
       checksum text NOT NULL,
       bytes bigint NOT NULL,
       rows_read integer NOT NULL,
       rows_loaded integer NOT NULL,
       rows_skipped integer NOT NULL,
       summary jsonb,
       partnership_id integer REFERENCES partnerships(id),
       actor_user_id integer REFERENCES users(id),
       actor_label text NOT NULL,
       started_at timestamptz NOT NULL,
       finished_at timestamptz NOT NULL
     )`,
    `CREATE INDEX import_runs_kind_idx ON import_runs (kind, finished_at)`,
    `CREATE TABLE area_classification_schemes (
       code text PRIMARY KEY,
       name text NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO area_classification_schemes (code, name, source) VALUES
       ('urban_rural_2', 'Urban Rural Classification, 2-fold', 'Scottish Government Urban Rural Classification, as in the NRS data zone 2011 lookup'),
       ('urban_rural_3', 'Urban Rural Classification, 3-fold', 'Scottish Government Urban Rural Classification, as in the NRS data zone 2011 lookup'),
       ('urban_rural_6', 'Urban Rural Classification, 6-fold', 'Scottish Government Urban Rural Classification, as in the NRS data zone 2011 lookup'),
       ('urban_rural_8', 'Urban Rural Classification, 8-fold', 'Scottish Government Urban Rural Classification, as in the NRS data zone 2011 lookup')`,
    `CREATE TABLE area_classifications (
       area_code text NOT NULL REFERENCES areas(code) ON DELETE CASCADE,
       scheme text NOT NULL REFERENCES area_classification_schemes(code),
       value integer NOT NULL,
       label text NOT NULL,
       PRIMARY KEY (area_code, scheme)
     )`,
    // Memberships outside the main tree: a data zone's ward and health board.
    `CREATE TABLE area_links (
       area_code text NOT NULL REFERENCES areas(code) ON DELETE CASCADE,
       relation text NOT NULL CHECK (relation IN ('ward','health_board')),
       linked_code text NOT NULL REFERENCES areas(code),
       PRIMARY KEY (area_code, relation)
     )`,
    `CREATE INDEX area_links_linked_idx ON area_links (linked_code)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE area_links',
    'DROP TABLE area_classifications',
    'DROP TABLE area_classification_schemes',
    'DROP TABLE import_runs',
    `DELETE FROM locality_components WHERE component_code IN (SELECT code FROM areas WHERE level IN ('data_zone','intermediate_zone','ward','health_board') AND NOT fictional)`,
    `DELETE FROM areas WHERE level = 'data_zone' AND NOT fictional`,
    `DELETE FROM areas WHERE level IN ('intermediate_zone','ward','health_board') AND NOT fictional`,
  ]);
}
