import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 6, the improvement-support portal. National bodies publish support offers (each addressing some
 * of the nine principles and, optionally, some outcome indicators); partnerships request them; each
 * request moves through a workflow kept as data (support_request_transitions) to completion, with
 * feedback on a usefulness scale kept as data (support_usefulness_levels). The history of every request
 * is in support_request_events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE support_formats (
       code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
       label text NOT NULL,
       position smallint NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO support_formats (code, label, position, source) VALUES
       ('workshop', 'Workshop', 1, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme'),
       ('coaching', 'Coaching or facilitation', 2, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme'),
       ('peer-learning', 'Peer learning', 3, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme'),
       ('guidance', 'Guidance or toolkit', 4, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme'),
       ('data-analysis', 'Data and analysis', 5, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme'),
       ('training', 'Training', 6, 'Cairn default list of support formats (issue 6); change the rows to match the national improvement programme')`,
    `CREATE TABLE support_request_statuses (
       code text PRIMARY KEY,
       label text NOT NULL,
       position smallint NOT NULL,
       final boolean NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO support_request_statuses (code, label, position, final, source) VALUES
       ('requested', 'Requested', 1, false, 'Cairn workflow for support requests (issue 6)'),
       ('accepted', 'Accepted', 2, false, 'Cairn workflow for support requests (issue 6)'),
       ('in_progress', 'In progress', 3, false, 'Cairn workflow for support requests (issue 6)'),
       ('completed', 'Completed', 4, true, 'Cairn workflow for support requests (issue 6)'),
       ('declined', 'Declined', 5, true, 'Cairn workflow for support requests (issue 6)')`,
    // The workflow: which action moves a request from which status to which. Anything else is refused.
    `CREATE TABLE support_request_transitions (
       action text NOT NULL,
       from_status text NOT NULL REFERENCES support_request_statuses(code),
       to_status text NOT NULL REFERENCES support_request_statuses(code),
       label text NOT NULL,
       note_required boolean NOT NULL DEFAULT false,
       source text NOT NULL,
       PRIMARY KEY (action, from_status)
     )`,
    `INSERT INTO support_request_transitions (action, from_status, to_status, label, note_required, source) VALUES
       ('accept', 'requested', 'accepted', 'Accept', false, 'Cairn workflow for support requests (issue 6)'),
       ('start', 'accepted', 'in_progress', 'Start', false, 'Cairn workflow for support requests (issue 6)'),
       ('complete', 'in_progress', 'completed', 'Complete', false, 'Cairn workflow for support requests (issue 6)'),
       ('decline', 'requested', 'declined', 'Decline', true, 'Cairn workflow for support requests (issue 6): a provider says why it cannot help'),
       ('decline', 'accepted', 'declined', 'Decline', true, 'Cairn workflow for support requests (issue 6): a provider says why it cannot help')`,
    `CREATE TABLE support_usefulness_levels (
       score smallint PRIMARY KEY,
       label text NOT NULL,
       source text NOT NULL
     )`,
    `INSERT INTO support_usefulness_levels (score, label, source) VALUES
       (1, 'Not useful', 'Issue 6: feedback on support is a usefulness rating from 1 to 5; the labels are a Cairn default'),
       (2, 'Of little use', 'Issue 6: feedback on support is a usefulness rating from 1 to 5; the labels are a Cairn default'),
       (3, 'Somewhat useful', 'Issue 6: feedback on support is a usefulness rating from 1 to 5; the labels are a Cairn default'),
       (4, 'Useful', 'Issue 6: feedback on support is a usefulness rating from 1 to 5; the labels are a Cairn default'),
       (5, 'Very useful', 'Issue 6: feedback on support is a usefulness rating from 1 to 5; the labels are a Cairn default')`,
    `CREATE TABLE support_offers (
       id serial PRIMARY KEY,
       provider_organisation_id integer REFERENCES organisations(id),
       provider_name text,
       title text NOT NULL,
       theme text NOT NULL,
       description text NOT NULL,
       format_code text NOT NULL REFERENCES support_formats(code),
       eligibility text NOT NULL,
       contact text NOT NULL,
       status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
       fictional boolean NOT NULL DEFAULT false,
       created_by integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       withdrawn_at timestamptz,
       CHECK (provider_organisation_id IS NOT NULL OR provider_name IS NOT NULL)
     )`,
    `CREATE INDEX support_offers_status_idx ON support_offers (status)`,
    `CREATE TABLE support_offer_criteria (
       offer_id integer NOT NULL REFERENCES support_offers(id) ON DELETE CASCADE,
       criterion_id integer NOT NULL REFERENCES evaluation_criteria(id),
       PRIMARY KEY (offer_id, criterion_id)
     )`,
    `CREATE INDEX support_offer_criteria_criterion_idx ON support_offer_criteria (criterion_id)`,
    `CREATE TABLE support_offer_indicators (
       offer_id integer NOT NULL REFERENCES support_offers(id) ON DELETE CASCADE,
       indicator_code text NOT NULL REFERENCES indicators(code),
       PRIMARY KEY (offer_id, indicator_code)
     )`,
    `CREATE INDEX support_offer_indicators_indicator_idx ON support_offer_indicators (indicator_code)`,
    `CREATE TABLE support_requests (
       id serial PRIMARY KEY,
       offer_id integer NOT NULL REFERENCES support_offers(id),
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       need text NOT NULL,
       criterion_id integer REFERENCES evaluation_criteria(id),
       indicator_code text REFERENCES indicators(code),
       status text NOT NULL DEFAULT 'requested' REFERENCES support_request_statuses(code),
       requested_by integer REFERENCES users(id),
       fictional boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       completed_at timestamptz,
       usefulness smallint REFERENCES support_usefulness_levels(score),
       what_changed text,
       feedback_at timestamptz,
       feedback_by integer REFERENCES users(id),
       CHECK (usefulness IS NULL OR status = 'completed')
     )`,
    `CREATE INDEX support_requests_partnership_idx ON support_requests (partnership_id)`,
    `CREATE INDEX support_requests_offer_idx ON support_requests (offer_id)`,
    `CREATE TABLE support_request_events (
       id serial PRIMARY KEY,
       request_id integer NOT NULL REFERENCES support_requests(id) ON DELETE CASCADE,
       action text NOT NULL,
       from_status text REFERENCES support_request_statuses(code),
       to_status text NOT NULL REFERENCES support_request_statuses(code),
       note text,
       user_id integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX support_request_events_request_idx ON support_request_events (request_id)`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('support_needs', 'inequality_ratio', 1.5,
        'An outcome is unequal, and so a support need, when in its latest year the worse-off end of the income-deprivation scale (the most or least deprived zones, as deprivation_extremes compares them) fares at least this many times worse than the other end',
        'Cairn default (issue 6): Audit Scotland and the 2016 guidance ask partnerships to reduce inequalities of outcome, but set no level; change this row to the level the national programme uses')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "DELETE FROM method_parameters WHERE method = 'support_needs' AND name = 'inequality_ratio'",
    'DROP TABLE support_request_events',
    'DROP TABLE support_requests',
    'DROP TABLE support_offer_indicators',
    'DROP TABLE support_offer_criteria',
    'DROP TABLE support_offers',
    'DROP TABLE support_usefulness_levels',
    'DROP TABLE support_request_transitions',
    'DROP TABLE support_request_statuses',
    'DROP TABLE support_formats',
  ]);
}
