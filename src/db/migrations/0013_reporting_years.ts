import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * When a reporting year begins, as data with its source. Each yearly duty names the calendar it
 * reports on; "2026" means the reporting year that begins in 2026.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE reporting_years (
       code text PRIMARY KEY,
       name text NOT NULL,
       start_month smallint NOT NULL CHECK (start_month BETWEEN 1 AND 12),
       start_day smallint NOT NULL CHECK (start_day BETWEEN 1 AND 28),
       source text NOT NULL,
       note text
     )`,
    `INSERT INTO reporting_years (code, name, start_month, start_day, source, note) VALUES
       ('annual-progress-report', 'Annual progress report on the LOIP and locality plans', 4, 1,
        'Community Empowerment (Scotland) Act 2015, section 8: a progress report for each reporting year; the reporting year starts on 1 April (Cairn domain brief, DOMAIN.md section 1)',
        'The year runs with the public bodies'' financial year, 1 April to 31 March.'),
       ('request-annual-reports', 'Annual reports on participation requests and asset transfer requests', 4, 1,
        'Community Empowerment (Scotland) Act 2015, section 32 (participation requests) and Part 5 (asset transfer requests): each authority reports on the requests of each reporting year',
        'Cairn counts these years as it counts the progress report''s, 1 April to 31 March; the regulations'' wording was not read here, so a partnership should check it before publishing.')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE reporting_years']);
}
