import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_reference_data.ts';
import * as m0003 from './0003_imports_and_geography.ts';
import * as m0004 from './0004_simd.ts';
import * as m0005 from './0005_indicators.ts';
import * as m0006 from './0006_inequality.ts';
import * as m0007 from './0007_statutory_clock.ts';
import * as m0008 from './0008_community_requests.ts';
import * as m0009 from './0009_plans.ts';
import * as m0010 from './0010_resources.ts';
import * as m0011 from './0011_annual_reports.ts';
import * as m0012 from './0012_stale_measures.ts';
import * as m0013 from './0013_reporting_years.ts';
import * as m0014 from './0014_plan_parents.ts';
import * as m0015 from './0015_national_data.ts';
import * as m0018 from './0018_outcome_methods.ts';
import * as m0019 from './0019_recommendations.ts';
import * as m0020 from './0020_self_evaluation.ts';
import * as m0021 from './0021_support.ts';
import * as m0022 from './0022_case_studies.ts';
import * as m0023 from './0023_indicator_prevention.ts';
import * as m0024 from './0024_land_register_scope.ts';
import * as m0025 from './0025_commit_ordered_version_and_outbox_claims.ts';
import * as m0026 from './0026_api_tokens.ts';

/** Every migration, in order. Names are permanent: add new ones at the end, never rename. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_reference_data': m0002,
  '0003_imports_and_geography': m0003,
  '0004_simd': m0004,
  '0005_indicators': m0005,
  '0006_inequality': m0006,
  '0007_statutory_clock': m0007,
  '0008_community_requests': m0008,
  '0009_plans': m0009,
  '0010_resources': m0010,
  '0011_annual_reports': m0011,
  '0012_stale_measures': m0012,
  '0013_reporting_years': m0013,
  '0014_plan_parents': m0014,
  '0015_national_data': m0015,
  '0018_outcome_methods': m0018,
  '0019_recommendations': m0019,
  '0020_self_evaluation': m0020,
  '0021_support': m0021,
  '0022_case_studies': m0022,
  '0023_indicator_prevention': m0023,
  '0024_land_register_scope': m0024,
  '0025_commit_ordered_version_and_outbox_claims': m0025,
  '0026_api_tokens': m0026,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
