import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 6, self-evaluation. Frameworks of criteria are data: the national one holds the nine principles
 * of effective community planning; a partnership may add frameworks of its own (partnership_id set). Each
 * framework has its own scale. Then a partnership's self-evaluations per framework and year, their scores
 * per criterion, and the views partners and community bodies give on them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE evaluation_frameworks (
       id serial PRIMARY KEY,
       code text NOT NULL UNIQUE,
       name text NOT NULL,
       description text,
       partnership_id integer REFERENCES partnerships(id) ON DELETE CASCADE,
       source text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE evaluation_scale_levels (
       framework_id integer NOT NULL REFERENCES evaluation_frameworks(id) ON DELETE CASCADE,
       score smallint NOT NULL,
       label text NOT NULL,
       PRIMARY KEY (framework_id, score)
     )`,
    `CREATE TABLE evaluation_criteria (
       id serial PRIMARY KEY,
       framework_id integer NOT NULL REFERENCES evaluation_frameworks(id) ON DELETE CASCADE,
       code text NOT NULL,
       title text NOT NULL,
       description text,
       position smallint NOT NULL,
       UNIQUE (framework_id, code)
     )`,
    `INSERT INTO evaluation_frameworks (code, name, description, partnership_id, source) VALUES
       ('principles-2016', 'The nine principles of effective community planning',
        'The principles the statutory guidance on community planning sets for every partnership and partner.',
        NULL,
        'Scottish Government, Community Planning Guidance under Part 2 of the Community Empowerment (Scotland) Act 2015 (December 2016); DOMAIN.md section 4. Scale: the six-point scale of Scottish public-sector self-evaluation (Education Scotland, How good is our school? 4th edition, 2015)')`,
    `INSERT INTO evaluation_scale_levels (framework_id, score, label)
       SELECT f.id, l.score, l.label FROM evaluation_frameworks f,
         (VALUES (1, 'Unsatisfactory'), (2, 'Weak'), (3, 'Satisfactory'), (4, 'Good'), (5, 'Very good'), (6, 'Excellent')) AS l(score, label)
       WHERE f.code = 'principles-2016'`,
    `INSERT INTO evaluation_criteria (framework_id, code, title, position)
       SELECT f.id, c.code, c.title, c.position FROM evaluation_frameworks f,
         (VALUES
           ('community-participation', 'Community participation', 1),
           ('tackling-inequalities', 'Tackling inequalities', 2),
           ('shared-leadership', 'Shared leadership', 3),
           ('governance-accountability', 'Governance and accountability', 4),
           ('understanding-communities', 'Understanding local communities’ needs, circumstances and opportunities', 5),
           ('key-priorities', 'Focus on key priorities', 6),
           ('prevention', 'Focus on prevention', 7),
           ('resourcing-improvement', 'Resourcing improvement', 8),
           ('performance-management', 'Effective performance management', 9)
         ) AS c(code, title, position)
       WHERE f.code = 'principles-2016'`,
    // A partnership's self-evaluation against one framework in one year: a draft until published, then frozen.
    `CREATE TABLE self_evaluations (
       id serial PRIMARY KEY,
       partnership_id integer NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
       framework_id integer NOT NULL REFERENCES evaluation_frameworks(id),
       year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
       status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
       published_at timestamptz,
       published_by integer REFERENCES users(id),
       created_by integer REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (partnership_id, framework_id, year),
       CHECK ((status = 'published') = (published_at IS NOT NULL))
     )`,
    `CREATE INDEX self_evaluations_framework_year_idx ON self_evaluations (framework_id, year)`,
    // One score per criterion; the framework's scale levels are the only scores allowed (the service checks
    // the criterion belongs to the framework; the composite key checks the score is one of its levels).
    `CREATE TABLE self_evaluation_scores (
       evaluation_id integer NOT NULL REFERENCES self_evaluations(id) ON DELETE CASCADE,
       criterion_id integer NOT NULL REFERENCES evaluation_criteria(id),
       framework_id integer NOT NULL,
       score smallint NOT NULL,
       evidence text NOT NULL DEFAULT '',
       scored_by integer REFERENCES users(id),
       updated_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (evaluation_id, criterion_id),
       FOREIGN KEY (framework_id, score) REFERENCES evaluation_scale_levels(framework_id, score)
     )`,
    // Views on a self-evaluation from a partner organisation or a community body (exactly one of the two).
    `CREATE TABLE self_evaluation_views (
       id serial PRIMARY KEY,
       evaluation_id integer NOT NULL REFERENCES self_evaluations(id) ON DELETE CASCADE,
       criterion_id integer REFERENCES evaluation_criteria(id),
       view text NOT NULL,
       score smallint,
       author_user_id integer NOT NULL REFERENCES users(id),
       organisation_id integer REFERENCES organisations(id),
       community_body_id integer REFERENCES community_bodies(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (num_nonnulls(organisation_id, community_body_id) = 1)
     )`,
    `CREATE INDEX self_evaluation_views_evaluation_idx ON self_evaluation_views (evaluation_id)`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('support_needs', 'weak_score', 2, 'A criterion a partnership scored at or below this level in its latest self-evaluation against the nine principles is a support need',
        'Cairn default: ''Weak'' (2) on the six-point self-evaluation scale, the level at which Education Scotland''s How good is our school? (4th edition, 2015) describes important weaknesses that need action')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "DELETE FROM method_parameters WHERE method = 'support_needs' AND name = 'weak_score'",
    'DROP TABLE self_evaluation_views',
    'DROP TABLE self_evaluation_scores',
    'DROP TABLE self_evaluations',
    'DROP TABLE evaluation_criteria',
    'DROP TABLE evaluation_scale_levels',
    'DROP TABLE evaluation_frameworks',
  ]);
}
