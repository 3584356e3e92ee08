import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 6, the good-practice library: case studies a partnership writes and submits, national analysts
 * publish or return. Each names the principles it shows (evaluation_criteria of migration 0020), the
 * measures it moved (an indicator of the outcomes data in an area between two periods, whose values
 * Cairn reads from observations; or the partnership's own figures), documents (links) and a contact.
 * Full-text search works on both engines through a stored tsvector column with a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE case_studies (
       id serial PRIMARY KEY,
       partnership_id integer NOT NULL REFERENCES partnerships(id),
       title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
       summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
       body text NOT NULL,
       theme_code text NOT NULL REFERENCES national_outcomes(code),
       contact text NOT NULL,
       status text NOT NULL CHECK (status IN ('draft','submitted','published','returned')),
       return_reason text,
       submitted_at timestamptz,
       published_at timestamptz,
       published_by_user_id integer REFERENCES users(id),
       created_by_user_id integer REFERENCES users(id),
       fictional boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL,
       search tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
         setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
         setweight(to_tsvector('english', coalesce(body, '')), 'C')
       ) STORED,
       CHECK ((status = 'published') = (published_at IS NOT NULL)),
       CHECK ((status = 'returned') = (return_reason IS NOT NULL))
     )`,
    `CREATE INDEX case_studies_partnership_idx ON case_studies (partnership_id, status)`,
    `CREATE INDEX case_studies_search_idx ON case_studies USING gin (search)`,
    `CREATE TABLE case_study_criteria (
       case_study_id integer NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
       criterion_id integer NOT NULL REFERENCES evaluation_criteria(id),
       PRIMARY KEY (case_study_id, criterion_id)
     )`,
    `CREATE TABLE case_study_measures (
       id serial PRIMARY KEY,
       case_study_id integer NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
       title text NOT NULL,
       indicator_code text REFERENCES indicators(code),
       area_code text REFERENCES areas(code),
       before_period text NOT NULL,
       after_period text NOT NULL,
       before_value numeric,
       after_value numeric,
       unit text,
       higher_is_better boolean,
       source text,
       created_at timestamptz NOT NULL,
       CHECK (before_period <> after_period),
       CHECK (
         (indicator_code IS NOT NULL AND area_code IS NOT NULL AND before_value IS NULL AND after_value IS NULL)
         OR (indicator_code IS NULL AND before_value IS NOT NULL AND after_value IS NOT NULL AND higher_is_better IS NOT NULL AND source IS NOT NULL)
       )
     )`,
    `CREATE INDEX case_study_measures_case_idx ON case_study_measures (case_study_id)`,
    `CREATE TABLE case_study_documents (
       id serial PRIMARY KEY,
       case_study_id integer NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
       title text NOT NULL,
       url text NOT NULL CHECK (url ~ '^https?://'),
       created_at timestamptz NOT NULL
     )`,
    `CREATE INDEX case_study_documents_case_idx ON case_study_documents (case_study_id)`,
    // The national view says whether each annual progress report was published on time: this is the expectation it uses.
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('national_view', 'annual_report_months', 6,
        'The national view counts an annual progress report as on time when its first version is published by the end of this many months after its reporting year ends',
        'Cairn default. Section 8 of the Community Empowerment (Scotland) Act 2015 requires a progress report for each reporting year (DOMAIN.md section 1); the sources Cairn holds give no date by which it must be published, so this is Cairn''s expectation, not a statutory deadline. A national analyst may change it')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "DELETE FROM method_parameters WHERE method = 'national_view'",
    'DROP TABLE case_study_documents',
    'DROP TABLE case_study_measures',
    'DROP TABLE case_study_criteria',
    'DROP TABLE case_studies',
  ]);
}
