/**
 * Which module owns each table (issue #15, item 4): only the owner's repositories read or write it; another
 * module reaches it through the owner's service. test/table-ownership.test.ts checks that every migrated table
 * is listed here, and that no module names a table it does not own, apart from the reads and loads listed
 * below, each with the module and table named.
 */
export type TableOwner =
  | 'accounts'
  | 'areas'
  | 'audit'
  | 'community'
  | 'deadlines'
  | 'imports'
  | 'improvement'
  | 'outcomes'
  | 'partnerships'
  | 'plans'
  | 'db';

export const TABLE_OWNERS: Readonly<Record<string, TableOwner>> = {
  // Accounts: people, their roles (national and in a partnership: what an actor is made of), their sessions and
  // tokens, and what is sent to them.
  users: 'accounts',
  sessions: 'accounts',
  login_attempts: 'accounts',
  user_national_roles: 'accounts',
  partnership_roles: 'accounts',
  api_tokens: 'accounts',
  api_token_uses: 'accounts',
  outbox: 'accounts',
  notifications: 'accounts',
  // The audit trail.
  audit_events: 'audit',
  audit_dimensions: 'audit',
  // Partnerships and their partner organisations.
  partnerships: 'partnerships',
  partnership_organisations: 'partnerships',
  organisations: 'partnerships',
  organisation_types: 'partnerships',
  // Scotland's geography, with the localities partnerships draw from it.
  areas: 'areas',
  locality_components: 'areas',
  area_boundaries: 'areas',
  area_classification_schemes: 'areas',
  area_classifications: 'areas',
  area_code_aliases: 'areas',
  area_links: 'areas',
  area_name_variants: 'areas',
  family_group_schemes: 'areas',
  family_groups: 'areas',
  simd_editions: 'areas',
  simd_data_zones: 'areas',
  population_estimates: 'areas',
  // Indicators and what they measure.
  indicators: 'outcomes',
  indicator_frameworks: 'outcomes',
  national_outcomes: 'outcomes',
  observations: 'outcomes',
  inequality_zones: 'outcomes',
  inequality_zone_values: 'outcomes',
  change_criteria: 'outcomes',
  // Imports of data.
  import_runs: 'imports',
  // The statutory clock.
  statutory_rules: 'deadlines',
  working_day_calendars: 'deadlines',
  calendar_exclusions: 'deadlines',
  request_deadlines: 'deadlines',
  reporting_years: 'deadlines',
  // Community bodies and their requests.
  community_bodies: 'community',
  community_body_members: 'community',
  community_requests: 'community',
  request_documents: 'community',
  request_events: 'community',
  land_assets: 'community',
  // Plans, their measures, actions, progress and money, and the annual report.
  plans: 'plans',
  plan_priorities: 'plans',
  plan_outcomes: 'plans',
  plan_outcome_national: 'plans',
  plan_measures: 'plans',
  measure_targets: 'plans',
  measure_values: 'plans',
  plan_actions: 'plans',
  action_contributors: 'plans',
  plan_versions: 'plans',
  progress_updates: 'plans',
  resource_commitments: 'plans',
  annual_reports: 'plans',
  // Improvement: case studies, self-evaluation, recommendations and support.
  case_studies: 'improvement',
  case_study_criteria: 'improvement',
  case_study_documents: 'improvement',
  case_study_measures: 'improvement',
  evaluation_frameworks: 'improvement',
  evaluation_criteria: 'improvement',
  evaluation_scale_levels: 'improvement',
  self_evaluations: 'improvement',
  self_evaluation_scores: 'improvement',
  self_evaluation_views: 'improvement',
  recommendation_addressees: 'improvement',
  recommendation_dimensions: 'improvement',
  recommendation_groups: 'improvement',
  recommendation_progress: 'improvement',
  recommendation_reports: 'improvement',
  recommendation_responses: 'improvement',
  recommendations: 'improvement',
  support_formats: 'improvement',
  support_offer_criteria: 'improvement',
  support_offer_indicators: 'improvement',
  support_offers: 'improvement',
  support_request_events: 'improvement',
  support_request_statuses: 'improvement',
  support_request_transitions: 'improvement',
  support_requests: 'improvement',
  support_usefulness_levels: 'improvement',
  // The database layer: the cache version and the method parameters every method reads through one reader.
  data_versions: 'db',
  method_parameters: 'db',
};
