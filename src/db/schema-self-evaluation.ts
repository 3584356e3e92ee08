import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0020_self_evaluation (issue 6). Database in schema.ts extends this interface. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EvaluationFrameworkTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  /** null: national (every partnership may use it); set: a partnership's own framework. */
  partnership_id: number | null;
  source: string;
  created_at: Generated<Timestamp>;
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

export interface SelfEvaluationTables {
  evaluation_frameworks: EvaluationFrameworkTable;
  evaluation_scale_levels: EvaluationScaleLevelTable;
  evaluation_criteria: EvaluationCriterionTable;
}
