import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 6, self-evaluation. Frameworks of criteria are data: the national one holds the nine principles
 * of effective community planning; a partnership may add frameworks of its own (partnership_id set). Each
 * framework has its own scale. Further tables (a partnership's scores per year, views) follow below.
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
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE evaluation_criteria', 'DROP TABLE evaluation_scale_levels', 'DROP TABLE evaluation_frameworks']);
}
