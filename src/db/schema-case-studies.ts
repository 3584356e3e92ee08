import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0022_case_studies (issue 6). Database in schema.ts extends this interface. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export const CASE_STUDY_STATUSES = ['draft', 'submitted', 'published', 'returned'] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

export interface CaseStudyTable {
  id: Generated<number>;
  partnership_id: number;
  title: string;
  summary: string;
  body: string;
  /** The national outcome (national_outcomes.code) the case study mainly serves. */
  theme_code: string;
  contact: string;
  status: CaseStudyStatus;
  return_reason: string | null;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  published_by_user_id: number | null;
  created_by_user_id: number | null;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /**
   * Generated: title (weight A), summary (B) and body (C) as an English tsvector. Never written. PostgreSQL
   * reports a generated column as nullable, so the type says so too (test/schema-types.test.ts).
   */
  search: ColumnType<string | null, never, never>;
}

export interface CaseStudyCriterionTable {
  case_study_id: number;
  criterion_id: number;
}

export interface CaseStudyMeasureTable {
  id: Generated<number>;
  case_study_id: number;
  title: string;
  /** Set: before and after values are read from observations of this indicator in area_code. */
  indicator_code: string | null;
  area_code: string | null;
  before_period: string;
  after_period: string;
  /** The partnership's own figures, only when there is no indicator. */
  before_value: Numeric;
  after_value: Numeric;
  unit: string | null;
  higher_is_better: boolean | null;
  source: string | null;
  created_at: Timestamp;
}

export interface CaseStudyDocumentTable {
  id: Generated<number>;
  case_study_id: number;
  title: string;
  url: string;
  created_at: Timestamp;
}

export interface CaseStudyTables {
  case_studies: CaseStudyTable;
  case_study_criteria: CaseStudyCriterionTable;
  case_study_measures: CaseStudyMeasureTable;
  case_study_documents: CaseStudyDocumentTable;
}
