import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CaseStudyTables } from './schema-case-studies.ts';
import type { RecommendationTables } from './schema-recommendations.ts';
import type { SelfEvaluationTables } from './schema-self-evaluation.ts';
import type { SupportTables } from './schema-support.ts';

/**
 * The database as Kysely sees it. One interface per table; the migrations in ./migrations are the
 * source of truth and this file mirrors them (see docs/adr/0003-schema-types-in-db.md).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export const AREA_LEVELS = [
  'country',
  'council_area',
  'locality',
  'intermediate_zone',
  'data_zone',
  'ward',
  'health_board',
] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export interface AreaTable {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  /** Set for localities: the partnership that defined it. */
  partnership_id: number | null;
  fictional: Generated<boolean>;
  source: string | null;
  created_at: Timestamp;
}

export interface AreaNameVariantTable {
  id: Generated<number>;
  area_code: string;
  name: string;
  source: string | null;
}

export interface AreaCodeAliasTable {
  old_code: string;
  area_code: string;
  changed_in: string | null;
  source: string | null;
}

export interface LocalityComponentTable {
  locality_code: string;
  component_code: string;
}

export interface PartnershipTable {
  id: Generated<number>;
  /** URL key, e.g. "aberdeen-city". */
  code: string;
  name: string;
  council_area_code: string;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationTypeTable {
  code: string;
  name: string;
  category: 'statutory_partner' | 'community' | 'third_sector' | 'business' | 'national' | 'other';
  legal_basis: string | null;
  note: string | null;
  sort_order: number;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  type_code: string;
  website: string | null;
  /** Null for national bodies kept by administrators; otherwise the partnership that keeps this record. */
  owner_partnership_id: number | null;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const MEMBERSHIP_KINDS = ['statutory_partner', 'partner', 'community', 'observer'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export interface PartnershipOrganisationTable {
  partnership_id: number;
  organisation_id: number;
  kind: MembershipKind;
  joined_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  organisation_id: number | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  fictional: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserNationalRoleTable {
  user_id: number;
  role: string;
  created_at: Timestamp;
}

export interface PartnershipRoleTable {
  user_id: number;
  partnership_id: number;
  role: string;
  created_at: Timestamp;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

/** A personal API token (migration 0026): only the SHA-256 of its secret is kept. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  scope: 'read' | 'partnership-write';
  /** The partnership a `partnership-write` token writes in; null for `read`. */
  partnership_id: number | null;
  token_hash: string;
  /** Eight hex digits of the token, not secret: how a token is told apart in lists (`cairn_<prefix>_…`). */
  prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** One request made with an API token (migration 0026). */
export interface ApiTokenUseTable {
  id: Generated<string>;
  token_id: number;
  used_at: Timestamp;
  method: string;
  path: string;
  status: number;
  ip: string | null;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  at: Timestamp;
  email: string;
  ip: string | null;
  outcome: 'success' | 'failure' | 'reset';
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_label: string;
  partnership_id: number | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  request_id: string | null;
}

export interface ImportRunTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  checksum: string;
  bytes: ColumnType<string, number, number>;
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  summary: Json;
  partnership_id: number | null;
  actor_user_id: number | null;
  actor_label: string;
  started_at: Timestamp;
  finished_at: Timestamp;
}

export interface AreaClassificationSchemeTable {
  code: string;
  name: string;
  source: string;
}

export interface AreaClassificationTable {
  area_code: string;
  scheme: string;
  value: number;
  label: string;
}

export interface AreaLinkTable {
  area_code: string;
  relation: 'ward' | 'health_board';
  linked_code: string;
}

export interface SimdEditionTable {
  code: string;
  name: string;
  data_zones: number;
  population_year: number;
  source: string;
}

type Numeric = ColumnType<string | null, number | string | null, number | string | null>;
/** A `numeric NOT NULL` column: read as a string, like Numeric, but never null. */
type RequiredNumeric = ColumnType<string, number | string, number | string>;

export interface SimdDataZoneTable {
  edition: string;
  data_zone_code: string;
  population: number;
  working_age_population: number;
  rank: number;
  percentile: number;
  vigintile: number;
  decile: number;
  quintile: number;
  income_rank: RequiredNumeric;
  employment_rank: RequiredNumeric;
  health_rank: RequiredNumeric;
  education_rank: RequiredNumeric;
  access_rank: RequiredNumeric;
  crime_rank: RequiredNumeric;
  housing_rank: RequiredNumeric;
  income_rate_pct: Numeric;
  income_count: number | null;
  employment_rate_pct: Numeric;
  employment_count: number | null;
}

export interface IndicatorTable {
  code: string;
  name: string;
  unit: string | null;
  higher_is_better: boolean | null;
  prevention: Generated<boolean>;
  /** Why a national analyst tagged it as a measure of prevention (required when tagged). */
  prevention_note: Generated<string | null>;
  prevention_set_by_user_id: Generated<number | null>;
  prevention_set_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  definition: string | null;
  source: string;
  partnership_id: number | null;
  created_at: Timestamp;
  /** The indicator's code in its own framework (LGBF "CHN1"); Cairn's own code is `code`. */
  external_code: Generated<string | null>;
  /** LGBF category or NPF outcome. */
  category: Generated<string | null>;
  numerator_label: Generated<string | null>;
  denominator_label: Generated<string | null>;
}

export interface IndicatorFrameworkTable {
  indicator_code: string;
  framework: 'CPOP' | 'NPF' | 'LGBF' | 'local';
}

export interface ObservationTable {
  indicator_code: string;
  area_code: string;
  period_label: string;
  period_kind: string;
  period_start: ColumnType<string, string, string>;
  period_end: ColumnType<string, string, string>;
  value_type: 'raw' | 'imputed' | 'projected';
  value: ColumnType<string, number | string, number | string>;
  lower_bound: Numeric;
  upper_bound: Numeric;
  numerator: Numeric;
  denominator: Numeric;
  import_run_id: number | null;
  /** LGBF: the value in real terms (at the deflator's base year), beside the cash value. */
  real_terms_value: Generated<string | null>;
}

export interface FamilyGroupSchemeTable {
  code: string;
  name: string;
  source: string;
}

export interface FamilyGroupTable {
  scheme_code: string;
  council_code: string;
  group_number: number;
  import_run_id: number | null;
}

export interface PopulationEstimateTable {
  area_code: string;
  year: number;
  sex: 'all' | 'female' | 'male';
  /** 'all', '0'…'89', or '90+' */
  age: string;
  population: number;
  import_run_id: number | null;
}

export interface AreaBoundaryTable {
  area_code: string;
  /** A GeoJSON geometry (Polygon or MultiPolygon, WGS84 longitude/latitude). */
  geometry: ColumnType<unknown, string, string>;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  import_run_id: number | null;
}

export interface MethodParameterTable {
  method: string;
  name: string;
  value: ColumnType<string, number | string, number | string>;
  description: string;
  source: string;
}

/** Criteria for change (improving / maintaining / worsening) per indicator; indicator_code '*' is the default. */
export interface ChangeCriterionTable {
  indicator_code: string;
  kind: 'relative' | 'absolute';
  threshold: ColumnType<string, number | string, number | string>;
  years_back: number;
  source: string;
}

export interface ReportingYearTable {
  code: string;
  name: string;
  start_month: number;
  start_day: number;
  source: string;
  note: string | null;
}

export interface InequalityZoneTable {
  year: number;
  council_code: string;
  zone_index: number;
  income_deprived: Numeric;
  not_income_deprived: Numeric;
  population: Numeric;
  import_run_id: number;
}

export interface InequalityZoneValueTable {
  year: number;
  council_code: string;
  zone_index: number;
  indicator_code: string;
  value: Numeric;
}

type DateString = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface WorkingDayCalendarTable {
  code: string;
  name: string;
  source: string;
}

export interface CalendarExclusionTable {
  id: Generated<number>;
  calendar_code: string;
  kind: 'weekday' | 'annual' | 'date';
  weekday: number | null;
  month: number | null;
  day: number | null;
  date: NullableDate;
  label: string;
}

export const PERIOD_UNITS = ['working_days', 'days', 'months'] as const;

export interface StatutoryRuleTable {
  code: string;
  name: string;
  unit: (typeof PERIOD_UNITS)[number];
  length: number;
  calendar_code: string;
  begins_with: string;
  party: 'authority' | 'additional_authority' | 'community_body';
  extendable: boolean;
  source: string;
  note: string | null;
  sort_order: number;
}

export const COMMUNITY_BODY_TYPES = [
  'community_council',
  'community_controlled_body',
  'designated_body',
  'community_transfer_body',
  'unconstituted_group',
] as const;
export type CommunityBodyType = (typeof COMMUNITY_BODY_TYPES)[number];

export interface CommunityBodyTable {
  id: Generated<number>;
  partnership_id: number;
  name: string;
  body_type: CommunityBodyType;
  community: string;
  community_kind: 'place' | 'interest';
  constitution: string | null;
  constituted_on: NullableDate;
  charity_number: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  involved: Generated<boolean>;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityBodyMemberTable {
  community_body_id: number;
  user_id: number;
  role: 'lead' | 'member';
  created_at: Timestamp;
}

export const ASSET_TYPES = ['land', 'building', 'land_and_building'] as const;

export interface LandAssetTable {
  id: Generated<number>;
  partnership_id: number;
  owner_organisation_id: number;
  reference: string;
  name: string;
  asset_type: (typeof ASSET_TYPES)[number];
  address: string | null;
  postcode: string | null;
  description: string | null;
  area_hectares: Numeric;
  uprn: string | null;
  import_run_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const REQUEST_KINDS = ['participation', 'asset_transfer'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const TRANSFER_TYPES = ['ownership', 'lease', 'management', 'occupation', 'use'] as const;

export interface CommunityRequestTable {
  id: Generated<number>;
  reference: string;
  kind: RequestKind;
  partnership_id: number;
  authority_organisation_id: number;
  community_body_id: number;
  responsible_user_id: number | null;
  status: string;
  title: string;
  outcome: string | null;
  reasons: string | null;
  knowledge: string | null;
  improvement: string | null;
  additional_authority_organisation_id: number | null;
  additional_authority_asked_on: NullableDate;
  additional_authority_answer: 'joins' | 'declines' | null;
  land_asset_id: number | null;
  asset_description: string | null;
  transfer_type: (typeof TRANSFER_TYPES)[number] | null;
  price_offered: Numeric;
  terms: string | null;
  benefits: string | null;
  submitted_at: Timestamp | null;
  validation_date: NullableDate;
  information_needed: string | null;
  decision: 'agreed' | 'refused' | null;
  decision_date: NullableDate;
  decision_reasons: string | null;
  decision_conditions: string | null;
  s24_factors: string | null;
  decision_notice: string | null;
  decision_published_at: Timestamp | null;
  process_established_on: NullableDate;
  process_description: string | null;
  final_report: string | null;
  completed_on: NullableDate;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  at: Timestamp;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_user_id: number | null;
  actor_label: string;
  note: string | null;
  public: boolean;
}

export interface RequestDocumentTable {
  id: Generated<number>;
  request_id: number;
  kind: 'attachment' | 'process_update' | 'final_report';
  file_name: string;
  content_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  public: boolean;
  uploaded_by_user_id: number | null;
  created_at: Timestamp;
}

export interface RequestDeadlineTable {
  id: Generated<number>;
  request_id: number;
  rule_code: string;
  begins_on: DateString;
  statutory_due: DateString;
  extended_to: NullableDate;
  extension_reason: string | null;
  due: DateString;
  met_on: NullableDate;
  cancelled: Generated<boolean>;
  reminded_at: Timestamp | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  partnership_id: number | null;
  text: string;
  link: string | null;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  dedupe_key: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** Claimed by a sender until then (migration 0025); a lapsed claim may be taken again. */
  claimed_until: Timestamp | null;
}

/** Versions of the data, bumped at commit in commit order (migration 0025): `audit` at every audited write, `imports` at every import run. */
export interface DataVersionTable {
  scope: 'audit' | 'imports';
  version: string;
}

export interface NationalOutcomeTable {
  code: string;
  name: string;
  sort_order: number;
  source: string;
}

export const PLAN_KINDS = ['loip', 'locality', 'improvement'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_STATUSES = ['draft', 'consultation', 'approved', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanTable {
  id: Generated<number>;
  partnership_id: number;
  kind: PlanKind;
  title: string;
  summary: string | null;
  locality_code: string | null;
  /** The plan this one sits under (a locality plan under the LOIP); never a cycle. */
  parent_plan_id: Generated<number | null>;
  start_year: number;
  end_year: number;
  status: PlanStatus;
  version: Generated<number>;
  published_at: Timestamp | null;
  fictional: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanVersionTable {
  plan_id: number;
  version: number;
  status: string;
  snapshot: ColumnType<unknown, string, string>;
  note: string | null;
  created_at: Timestamp;
  created_by_user_id: number | null;
}

export interface PlanPriorityTable {
  id: Generated<number>;
  plan_id: number;
  title: string;
  description: string | null;
  sort_order: number;
}

export interface PlanOutcomeTable {
  id: Generated<number>;
  priority_id: number;
  title: string;
  description: string | null;
  sort_order: number;
}

export interface PlanOutcomeNationalTable {
  plan_outcome_id: number;
  national_outcome_code: string;
}

export interface PlanMeasureTable {
  id: Generated<number>;
  plan_outcome_id: number;
  title: string;
  indicator_code: string | null;
  area_code: string | null;
  unit: string | null;
  higher_is_better: boolean;
  baseline_year: number | null;
  baseline_value: Numeric;
  sort_order: number;
}

export interface MeasureTargetTable {
  measure_id: number;
  year: number;
  value: ColumnType<string, number | string, number | string>;
}

export interface MeasureValueTable {
  measure_id: number;
  year: number;
  value: ColumnType<string, number | string, number | string>;
  source: string | null;
}

export const ACTION_STATUSES = ['not_started', 'in_progress', 'complete', 'cancelled'] as const;
export const HORIZONS = ['short', 'medium', 'long'] as const;

export interface PlanActionTable {
  id: Generated<number>;
  plan_outcome_id: number;
  title: string;
  lead_organisation_id: number;
  start_date: NullableDate;
  due_date: NullableDate;
  status: (typeof ACTION_STATUSES)[number];
  horizon: (typeof HORIZONS)[number];
  sort_order: number;
}

export interface ActionContributorTable {
  action_id: number;
  organisation_id: number;
}

export interface ProgressUpdateTable {
  id: Generated<number>;
  plan_id: number;
  subject_kind: 'outcome' | 'measure' | 'action';
  subject_id: number;
  rag: 'red' | 'amber' | 'green';
  narrative: string;
  evidence_url: string | null;
  update_date: DateString;
  author_user_id: number | null;
  author_label: string;
  approved: Generated<boolean>;
  approved_by_user_id: number | null;
  approved_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ResourceCommitmentTable {
  id: Generated<number>;
  plan_id: number;
  organisation_id: number;
  priority_id: number;
  plan_outcome_id: number | null;
  financial_year: number;
  money: ColumnType<string, number | string, number | string>;
  fte: ColumnType<string, number | string, number | string>;
  in_kind: string | null;
  arrangement: 'aligned' | 'pooled';
  prevention: 'preventative' | 'early_intervention' | 'reactive';
  note: string | null;
  import_run_id: number | null;
  created_by_user_id: number | null;
  created_at: Timestamp;
}

export interface AnnualReportTable {
  id: Generated<number>;
  partnership_id: number;
  year: number;
  version: number;
  content: ColumnType<unknown, string, string>;
  published_at: Timestamp;
  published_by_user_id: number | null;
}

export interface Database extends RecommendationTables, SelfEvaluationTables, SupportTables, CaseStudyTables {
  areas: AreaTable;
  area_name_variants: AreaNameVariantTable;
  area_code_aliases: AreaCodeAliasTable;
  locality_components: LocalityComponentTable;
  partnerships: PartnershipTable;
  organisation_types: OrganisationTypeTable;
  organisations: OrganisationTable;
  partnership_organisations: PartnershipOrganisationTable;
  users: UserTable;
  user_national_roles: UserNationalRoleTable;
  partnership_roles: PartnershipRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  api_token_uses: ApiTokenUseTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  import_runs: ImportRunTable;
  area_classification_schemes: AreaClassificationSchemeTable;
  area_classifications: AreaClassificationTable;
  area_links: AreaLinkTable;
  simd_editions: SimdEditionTable;
  simd_data_zones: SimdDataZoneTable;
  indicators: IndicatorTable;
  indicator_frameworks: IndicatorFrameworkTable;
  observations: ObservationTable;
  method_parameters: MethodParameterTable;
  change_criteria: ChangeCriterionTable;
  inequality_zones: InequalityZoneTable;
  inequality_zone_values: InequalityZoneValueTable;
  working_day_calendars: WorkingDayCalendarTable;
  calendar_exclusions: CalendarExclusionTable;
  statutory_rules: StatutoryRuleTable;
  reporting_years: ReportingYearTable;
  family_group_schemes: FamilyGroupSchemeTable;
  family_groups: FamilyGroupTable;
  population_estimates: PopulationEstimateTable;
  area_boundaries: AreaBoundaryTable;
  community_bodies: CommunityBodyTable;
  community_body_members: CommunityBodyMemberTable;
  land_assets: LandAssetTable;
  community_requests: CommunityRequestTable;
  request_events: RequestEventTable;
  request_documents: RequestDocumentTable;
  request_deadlines: RequestDeadlineTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  data_versions: DataVersionTable;
  national_outcomes: NationalOutcomeTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_priorities: PlanPriorityTable;
  plan_outcomes: PlanOutcomeTable;
  plan_outcome_national: PlanOutcomeNationalTable;
  plan_measures: PlanMeasureTable;
  measure_targets: MeasureTargetTable;
  measure_values: MeasureValueTable;
  plan_actions: PlanActionTable;
  action_contributors: ActionContributorTable;
  progress_updates: ProgressUpdateTable;
  resource_commitments: ResourceCommitmentTable;
  annual_reports: AnnualReportTable;
}

export type Area = Selectable<AreaTable>;
export type Partnership = Selectable<PartnershipTable>;
export type Organisation = Selectable<OrganisationTable>;
export type OrganisationType = Selectable<OrganisationTypeTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
