import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0020_self_evaluation (issue 6). Database in schema.ts extends this interface. */
/** A timestamp with a database default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface EvaluationFrameworkTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  /** null: national (every partnership may use it); set: a partnership's own framework. */
  partnership_id: number | null;
  source: string;
  created_at: Timestamp;
}

export interface EvaluationScaleLevelTable {
  framework_id: number;
  score: number;
  label: string;
}

export interface EvaluationCriterionTable {
  id: Generated<number>;
  framework_id: number;
  code: string;
  title: string;
  description: string | null;
  position: number;
}

export interface SelfEvaluationTable {
  id: Generated<number>;
  partnership_id: number;
  framework_id: number;
  year: number;
  status: 'draft' | 'published';
  published_at: NullableTimestamp;
  published_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SelfEvaluationScoreTable {
  evaluation_id: number;
  criterion_id: number;
  /** The evaluation's framework: with score, a key into evaluation_scale_levels. */
  framework_id: number;
  score: number;
  evidence: Generated<string>;
  scored_by: number | null;
  updated_at: Timestamp;
}

export interface SelfEvaluationViewTable {
  id: Generated<number>;
  evaluation_id: number;
  /** null: a view on the self-evaluation as a whole. */
  criterion_id: number | null;
  view: string;
  score: number | null;
  author_user_id: number;
  /** Exactly one of organisation_id (a partner) and community_body_id (a community body) is set. */
  organisation_id: number | null;
  community_body_id: number | null;
  created_at: Timestamp;
}

export interface SelfEvaluationTables {
  evaluation_frameworks: EvaluationFrameworkTable;
  evaluation_scale_levels: EvaluationScaleLevelTable;
  evaluation_criteria: EvaluationCriterionTable;
  self_evaluations: SelfEvaluationTable;
  self_evaluation_scores: SelfEvaluationScoreTable;
  self_evaluation_views: SelfEvaluationViewTable;
}
