import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0019_recommendations (issue 6). Database in schema.ts extends this interface. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = ColumnType<string, string, string>;

export type RecommendationRating = 'green' | 'amber' | 'red';
export type AddresseeKind = 'scottish_government' | 'cosla' | 'all_cpps' | 'partnership' | 'organisation';

/** The wider-scope audit dimensions (Code of Audit Practice 2016), as data with their source. */
export interface AuditDimensionTable {
  code: string;
  name: string;
  position: number;
  source: string;
}

export interface RecommendationReportTable {
  id: Generated<number>;
  title: string;
  publisher: string;
  published_on: DateString;
  url: string | null;
  summary: string | null;
  created_by_user_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecommendationGroupTable {
  id: Generated<number>;
  report_id: number;
  title: string;
  position: number;
}

export interface RecommendationTable {
  id: Generated<number>;
  report_id: number;
  group_id: number | null;
  /** The report's own numbering, e.g. "5.1 a". Unique within the report. */
  ref: string;
  text: string;
  position: number;
  created_at: Timestamp;
}

export interface RecommendationAddresseeTable {
  id: Generated<number>;
  recommendation_id: number;
  kind: AddresseeKind;
  partnership_id: number | null;
  organisation_id: number | null;
}

export interface RecommendationDimensionTable {
  recommendation_id: number;
  dimension_code: string;
}

/** Append-only: a rating is never changed, a newer one is added. */
export interface RecommendationProgressTable {
  id: Generated<number>;
  recommendation_id: number;
  rating: RecommendationRating;
  narrative: string;
  evidence: string | null;
  as_of: DateString;
  author_user_id: number | null;
  /** Who recorded it: a user's display name, or the CLI or demo seed (as progress_updates.author_label). */
  author_label: string;
  created_at: Timestamp;
}

/** A partnership's answer: an action of its own improvement plan. */
export interface RecommendationResponseTable {
  id: Generated<number>;
  recommendation_id: number;
  partnership_id: number;
  action_id: number;
  note: string | null;
  created_by_user_id: number | null;
  created_at: Timestamp;
}

export interface RecommendationTables {
  audit_dimensions: AuditDimensionTable;
  recommendation_reports: RecommendationReportTable;
  recommendation_groups: RecommendationGroupTable;
  recommendations: RecommendationTable;
  recommendation_addressees: RecommendationAddresseeTable;
  recommendation_dimensions: RecommendationDimensionTable;
  recommendation_progress: RecommendationProgressTable;
  recommendation_responses: RecommendationResponseTable;
}
