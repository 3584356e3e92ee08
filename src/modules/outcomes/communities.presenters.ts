import { toCsv } from '../../core/csv.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { CommunitiesOverview, CommunityProfile } from './communities.service.ts';
import { SCOTLAND } from './codes.ts';

/** A partnership's communities as the API and the CSV files give them (schemas in outcomes.api-schemas.ts). */

const partnershipJson = (p: PartnershipRef) => ({
  code: p.code,
  name: p.name,
  councilAreaCode: p.councilAreaCode,
  fictional: p.fictional,
});

/** The API's communities of a partnership: the partnership, then the ranking. */
export function communitiesJson(p: PartnershipRef, overview: CommunitiesOverview) {
  return { partnership: partnershipJson(p), ...overview };
}

/** The API's one community: the partnership, then the community's profile. */
export function communityJson(p: PartnershipRef, profile: CommunityProfile) {
  return { partnership: partnershipJson(p), ...profile };
}

/** The ranking as CSV: one row for each community and indicator. */
export function communitiesCsv(o: CommunitiesOverview): string {
  const rows = o.communities.flatMap((c) => o.indicators.map((i) => ({ c, i, s: c.scores[i.code] ?? null })));
  return toCsv(rows, [
    { header: 'council_area_code', value: () => o.councilArea.code },
    { header: 'intermediate_zone_code', value: (r) => r.c.code },
    { header: 'community', value: (r) => r.c.name },
    { header: 'overall_rank', value: (r) => r.c.overallRank },
    { header: 'overall_score', value: (r) => r.c.overallScore },
    { header: 'indicators_scored', value: (r) => r.c.indicatorsScored },
    { header: 'indicator_code', value: (r) => r.i.code },
    { header: 'indicator', value: (r) => r.i.name },
    { header: 'period', value: (r) => r.s?.period },
    { header: 'value_type', value: (r) => r.s?.valueType },
    { header: 'value', value: (r) => r.s?.value },
    { header: 'z_score', value: (r) => r.s?.zScore },
    { header: 'rank', value: (r) => r.s?.rank },
    { header: 'communities_with_value', value: (r) => r.i.communitiesWithValue },
  ]);
}

/** One community's series beside its council area's and Scotland's, as CSV: one row for each point. */
export function communityCsv(profile: CommunityProfile): string {
  const levels = [
    { key: 'community', code: profile.community.code, name: profile.community.name, level: 'intermediate_zone' },
    { key: 'councilArea', code: profile.councilArea.code, name: profile.councilArea.name, level: 'council_area' },
    { key: 'scotland', code: SCOTLAND, name: 'Scotland', level: 'country' },
  ] as const;
  const rows = profile.indicators.flatMap((i) => levels.flatMap((l) => i[l.key].points.map((p) => ({ i, l, p }))));
  return toCsv(rows, [
    { header: 'area_code', value: (r) => r.l.code },
    { header: 'area', value: (r) => r.l.name },
    { header: 'area_level', value: (r) => r.l.level },
    { header: 'indicator_code', value: (r) => r.i.code },
    { header: 'indicator', value: (r) => r.i.name },
    { header: 'period', value: (r) => r.p.period },
    { header: 'period_start', value: (r) => r.p.periodStart },
    { header: 'value_type', value: (r) => r.p.valueType },
    { header: 'value', value: (r) => r.p.value },
  ]);
}
