import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

const PR_REGS = 'Participation Requests (Procedure) (Scotland) Regulations 2017';
const ATR_REGS = 'Asset Transfer Request (Procedure) (Scotland) Regulations 2016';

/**
 * The statutory clock as data: working-day calendars and the time limits of Parts 3 and 5 of the
 * Community Empowerment (Scotland) Act 2015, each with its source. Code computes; these rows decide.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE working_day_calendars (
       code text PRIMARY KEY,
       name text NOT NULL,
       source text NOT NULL
     )`,
    `CREATE TABLE calendar_exclusions (
       id serial PRIMARY KEY,
       calendar_code text NOT NULL REFERENCES working_day_calendars(code) ON DELETE CASCADE,
       kind text NOT NULL CHECK (kind IN ('weekday','annual','date')),
       weekday integer CHECK (weekday BETWEEN 1 AND 7),
       month integer CHECK (month BETWEEN 1 AND 12),
       day integer CHECK (day BETWEEN 1 AND 31),
       date date,
       label text NOT NULL,
       CHECK ((kind = 'weekday') = (weekday IS NOT NULL)),
       CHECK ((kind = 'annual') = (month IS NOT NULL AND day IS NOT NULL)),
       CHECK ((kind = 'date') = (date IS NOT NULL))
     )`,
    `INSERT INTO working_day_calendars (code, name, source) VALUES
       ('scotland-community-empowerment', 'Working days under the Community Empowerment (Scotland) Act 2015 regulations',
        'A working day is any day other than a Saturday, a Sunday, 25 or 26 December, or 1 or 2 January: ${PR_REGS}, regulation 2 (DOMAIN.md section 4)')`,
    `INSERT INTO calendar_exclusions (calendar_code, kind, weekday, month, day, label) VALUES
       ('scotland-community-empowerment', 'weekday', 6, NULL, NULL, 'Saturday'),
       ('scotland-community-empowerment', 'weekday', 7, NULL, NULL, 'Sunday'),
       ('scotland-community-empowerment', 'annual', NULL, 12, 25, 'Christmas Day (25 December)'),
       ('scotland-community-empowerment', 'annual', NULL, 12, 26, 'Boxing Day (26 December)'),
       ('scotland-community-empowerment', 'annual', NULL, 1, 1, 'New Year’s Day (1 January)'),
       ('scotland-community-empowerment', 'annual', NULL, 1, 2, '2 January')`,
    `CREATE TABLE statutory_rules (
       code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]*$'),
       name text NOT NULL,
       unit text NOT NULL CHECK (unit IN ('working_days','days','months')),
       length integer NOT NULL CHECK (length > 0),
       calendar_code text NOT NULL REFERENCES working_day_calendars(code),
       begins_with text NOT NULL,
       party text NOT NULL CHECK (party IN ('authority','additional_authority','community_body')),
       extendable boolean NOT NULL,
       source text NOT NULL,
       note text,
       sort_order integer NOT NULL
     )`,
    `INSERT INTO statutory_rules (code, name, unit, length, calendar_code, begins_with, party, extendable, source, note, sort_order) VALUES
       ('pr-decision', 'Participation request: decision notice', 'working_days', 30, 'scotland-community-empowerment',
        'the validation date', 'authority', true, 'Community Empowerment (Scotland) Act 2015, Part 3; ${PR_REGS}',
        'The period as councils publish it; the text of regulation 7 was not read here, so it is kept as data.', 1),
       ('pr-decision-joint', 'Participation request: decision notice when another authority is asked to join', 'working_days', 45, 'scotland-community-empowerment',
        'the validation date', 'authority', true, 'Community Empowerment (Scotland) Act 2015, Part 3; ${PR_REGS}',
        'The period as councils publish it; the text of regulation 7 was not read here, so it is kept as data.', 2),
       ('pr-additional-authority', 'Participation request: another authority says whether it will take part', 'working_days', 15, 'scotland-community-empowerment',
        'the day the other authority is asked to join', 'additional_authority', false, '${PR_REGS}', NULL, 3),
       ('pr-outcome-process', 'Participation request: outcome improvement process established', 'days', 90, 'scotland-community-empowerment',
        'the date of the decision notice', 'authority', true, 'Community Empowerment (Scotland) Act 2015, Part 3; ${PR_REGS}', NULL, 4),
       ('atr-decision', 'Asset transfer request: decision notice', 'months', 6, 'scotland-community-empowerment',
        'the validation date', 'authority', true, 'Community Empowerment (Scotland) Act 2015, Part 5; ${ATR_REGS}',
        'A longer period may be agreed with the community transfer body.', 5),
       ('atr-review', 'Asset transfer request: application for review of a council’s decision', 'working_days', 20, 'scotland-community-empowerment',
        'the date of the decision notice, or the day after the decision period ran out with no notice', 'community_body', false,
        'Community Empowerment (Scotland) Act 2015, Part 5; Asset Transfer Request (Review Procedure) (Scotland) Regulations 2016', NULL, 6),
       ('atr-appeal', 'Asset transfer request: appeal to the Scottish Ministers', 'working_days', 20, 'scotland-community-empowerment',
        'the date of the decision notice (or of the review decision)', 'community_body', false,
        'Community Empowerment (Scotland) Act 2015, Part 5; Asset Transfer Request (Appeals) (Scotland) Regulations 2016', NULL, 7)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE statutory_rules',
    'DROP TABLE calendar_exclusions',
    'DROP TABLE working_day_calendars',
  ]);
}
