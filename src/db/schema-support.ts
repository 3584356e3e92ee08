import type { ColumnType, Generated } from 'kysely';

/** Tables of migration 0021_support (issue 6). Database in schema.ts extends this interface. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SupportOfferStatus = 'published' | 'withdrawn';
export type SupportRequestStatus = 'requested' | 'accepted' | 'in_progress' | 'completed' | 'declined';

export interface SupportFormatTable {
  code: string;
  label: string;
  position: number;
  source: string;
}

export interface SupportRequestStatusTable {
  code: SupportRequestStatus;
  label: string;
  position: number;
  final: boolean;
  source: string;
}

/** The workflow of a support request: an action moves a request from one status to another. */
export interface SupportRequestTransitionTable {
  action: string;
  from_status: SupportRequestStatus;
  to_status: SupportRequestStatus;
  label: string;
  note_required: Generated<boolean>;
  source: string;
}

export interface SupportUsefulnessLevelTable {
  score: number;
  label: string;
  source: string;
}

export interface SupportOfferTable {
  id: Generated<number>;
  /** A national body (an organisation with no owner partnership), or provider_name when not listed. */
  provider_organisation_id: number | null;
  provider_name: string | null;
  title: string;
  theme: string;
  description: string;
  format_code: string;
  /** Who can use it. */
  eligibility: string;
  contact: string;
  status: Generated<SupportOfferStatus>;
  fictional: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface SupportOfferCriterionTable {
  offer_id: number;
  criterion_id: number;
}

export interface SupportOfferIndicatorTable {
  offer_id: number;
  indicator_code: string;
}

export interface SupportRequestTable {
  id: Generated<number>;
  offer_id: number;
  partnership_id: number;
  need: string;
  /** The need answered, when the request came from a matched need. */
  criterion_id: number | null;
  indicator_code: string | null;
  status: Generated<SupportRequestStatus>;
  requested_by: number | null;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  usefulness: number | null;
  what_changed: string | null;
  feedback_at: Timestamp | null;
  feedback_by: number | null;
}

export interface SupportRequestEventTable {
  id: Generated<number>;
  request_id: number;
  action: string;
  from_status: SupportRequestStatus | null;
  to_status: SupportRequestStatus;
  note: string | null;
  user_id: number | null;
  created_at: Timestamp;
}

export interface SupportTables {
  support_formats: SupportFormatTable;
  support_request_statuses: SupportRequestStatusTable;
  support_request_transitions: SupportRequestTransitionTable;
  support_usefulness_levels: SupportUsefulnessLevelTable;
  support_offers: SupportOfferTable;
  support_offer_criteria: SupportOfferCriterionTable;
  support_offer_indicators: SupportOfferIndicatorTable;
  support_requests: SupportRequestTable;
  support_request_events: SupportRequestEventTable;
}
