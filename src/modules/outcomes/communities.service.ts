import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Geography } from '../areas/index.ts';
import type { CommunitiesRepository, CommunityObservationRow } from './communities.repository.ts';
import { communityZScores } from './cpop-methods.ts';
import { SCOTLAND } from './codes.ts';

/**
 * A partnership's communities — its council area's intermediate zones — on CPOP's community indicators,
 * "ranked in the round" as CPOP does it: for each indicator, every community's value in the latest year
 * with actual values (projections left out) as a z-score against the partnership's communities, its sign
 * flipped where a high value is bad so that above zero is always better than the partnership's average;
 * the rank on each indicator (1 = best); and an overall score, the mean of a community's z-scores, with
 * its rank. Open data: anyone may read it. A fictional (demo) council area's communities are only ever
 * compared with each other, and a real one's never with fictional ones.
 */

export interface CommunityPoint {
  period: string;
  /** ISO date the period starts: orders the series. */
  periodStart: string;
  value: number;
  valueType: 'raw' | 'imputed' | 'projected';
}

export interface CommunitySeries {
  points: CommunityPoint[];
  /** The latest actual (raw or imputed) value; projections are not values yet. */
  latest: CommunityPoint | null;
}

export interface CommunityIndicator {
  code: string;
  name: string;
  unit: string | null;
  higherIsBetter: boolean | null;
  /** The year compared: the latest with an actual value for any of the partnership's communities. */
  period: string | null;
  /** Communities with a value that year, which the z-scores and ranks are among. */
  communitiesWithValue: number;
}

export interface CommunityScore {
  period: string;
  value: number;
  valueType: 'raw' | 'imputed' | 'projected';
  /** Against the partnership's communities, positive = better than their average; null if polarity is unknown or too few values. */
  zScore: number | null;
  /** 1 = best of the partnership's communities on this indicator (ties share a rank). */
  rank: number | null;
}

export interface CommunityRanking {
  code: string;
  name: string;
  /** Indicator code → the community's score (null: no value in the year compared). */
  scores: Record<string, CommunityScore | null>;
  /** Mean of the community's z-scores, "in the round". */
  overallScore: number | null;
  /** 1 = best overall of the partnership's communities. */
  overallRank: number | null;
  /** How many indicators the overall score averages. */
  indicatorsScored: number;
}

export interface CouncilAreaRef {
  code: string;
  name: string;
  fictional: boolean;
}

export interface CommunitiesOverview {
  councilArea: CouncilAreaRef;
  indicators: CommunityIndicator[];
  /** Every community of the council area, best overall first (those without a score last, by name). */
  communities: CommunityRanking[];
  /** Communities with an overall score. */
  ranked: number;
}

export interface CommunityIndicatorProfile extends CommunityIndicator {
  community: CommunitySeries;
  councilArea: CommunitySeries;
  scotland: CommunitySeries;
  score: CommunityScore | null;
}

export interface CommunityProfile {
  councilArea: CouncilAreaRef;
  community: {
    code: string;
    name: string;
    overallScore: number | null;
    overallRank: number | null;
    indicatorsScored: number;
  };
  /** Communities in the council area, and how many have an overall score. */
  communities: number;
  ranked: number;
  indicators: CommunityIndicatorProfile[];
}

/** Competition ranking, best (highest) first: 1, 2, 2, 4. Null stays null. */
function ranks(scores: readonly (number | null)[]): (number | null)[] {
  const present = scores.filter((s): s is number => s !== null);
  return scores.map((s) => (s === null ? null : 1 + present.filter((o) => o > s).length));
}

function series(points: CommunityPoint[]): CommunitySeries {
  return { points, latest: points.filter((p) => p.valueType !== 'projected').at(-1) ?? null };
}

type ObservationRow = CommunityObservationRow;

const toPoint = (r: ObservationRow): CommunityPoint => ({
  period: r.period_label,
  periodStart: String(r.period_start),
  value: Number(r.value),
  valueType: r.value_type,
});

export class CommunitiesService {
  /** `geography`: the areas module's, for the council area and its intermediate zones. */
  constructor(
    private readonly repo: CommunitiesRepository,
    private readonly geography: Pick<Geography, 'councilArea' | 'councilZones' | 'councilZone'>,
  ) {}

  private async councilArea(code: string): Promise<CouncilAreaRef> {
    const area = await this.geography.councilArea(code);
    if (!area) throw new NotFoundError('council area');
    return area;
  }

  /** The scores and ranks of every community of a council area, and their observations (projections too, when asked). */
  private async rank(council: CouncilAreaRef, withProjections: boolean) {
    // The zones' observations are asked by the zones' codes, so the zones are read first.
    const [zones, indicators] = await Promise.all([this.geography.councilZones(council), this.repo.cpopIndicators()]);
    const rows = await this.repo.zoneObservations(
      zones.map((z) => z.code),
      withProjections,
    );
    const byIndicator = new Map<string, ObservationRow[]>();
    for (const r of rows)
      (byIndicator.get(r.indicator_code) ?? byIndicator.set(r.indicator_code, []).get(r.indicator_code)!).push(r);

    const scored: CommunityIndicator[] = [];
    const scores = new Map<string, Record<string, CommunityScore | null>>(zones.map((z) => [z.code, {}]));
    for (const i of indicators) {
      const actual = (byIndicator.get(i.code) ?? []).filter((r) => r.value_type !== 'projected');
      if (actual.length === 0) continue;
      // The latest year any community has an actual value for; every community is compared in that year.
      const latest = actual.reduce((a, b) => (String(b.period_start) > String(a.period_start) ? b : a));
      const inYear = new Map(actual.filter((r) => r.period_label === latest.period_label).map((r) => [r.area_code, r]));
      const values = zones.map((z) => (inYear.has(z.code) ? Number(inYear.get(z.code)!.value) : null));
      const z = i.higher_is_better === null ? values.map(() => null) : communityZScores(values, i.higher_is_better);
      const r = ranks(z);
      zones.forEach((zone, k) => {
        const row = inYear.get(zone.code);
        scores.get(zone.code)![i.code] = row
          ? {
              period: row.period_label,
              value: values[k]!,
              valueType: row.value_type,
              zScore: z[k] ?? null,
              rank: r[k] ?? null,
            }
          : null;
      });
      scored.push({
        code: i.code,
        name: i.name,
        unit: i.unit,
        higherIsBetter: i.higher_is_better,
        period: latest.period_label,
        communitiesWithValue: inYear.size,
      });
    }
    const overall = zones.map((zone) => {
      const zs = scored
        .map((i) => scores.get(zone.code)![i.code]?.zScore ?? null)
        .filter((v): v is number => v !== null);
      return { score: zs.length ? zs.reduce((s, v) => s + v, 0) / zs.length : null, count: zs.length };
    });
    const overallRanks = ranks(overall.map((o) => o.score));
    const communities: CommunityRanking[] = zones.map((zone, k) => ({
      code: zone.code,
      name: zone.name,
      scores: scores.get(zone.code)!,
      overallScore: overall[k]!.score,
      overallRank: overallRanks[k] ?? null,
      indicatorsScored: overall[k]!.count,
    }));
    communities.sort(
      (a, b) => (a.overallRank ?? Infinity) - (b.overallRank ?? Infinity) || a.name.localeCompare(b.name),
    );
    return {
      indicators: scored,
      communities,
      ranked: communities.filter((c) => c.overallRank !== null).length,
      byIndicator,
    };
  }

  /** Every community of a council area, ranked in the round. */
  async overview(ctx: RequestContext, councilAreaCode: string): Promise<CommunitiesOverview> {
    authorize(ctx.actor, 'outcome:read');
    const councilArea = await this.councilArea(councilAreaCode);
    const { indicators, communities, ranked } = await this.rank(councilArea, false);
    return { councilArea, indicators, communities, ranked };
  }

  /**
   * One community: each indicator's series (projections included, marked) beside its council area's and
   * Scotland's where CPOP publishes them, with its latest value, z-score and rank. Not found unless the
   * zone lies in the council area.
   */
  async community(ctx: RequestContext, councilAreaCode: string, zoneCode: string): Promise<CommunityProfile> {
    authorize(ctx.actor, 'outcome:read');
    const councilArea = await this.councilArea(councilAreaCode);
    const zone = await this.geography.councilZone(councilArea, zoneCode);
    if (!zone) throw new NotFoundError('community');
    const { indicators, communities, ranked, byIndicator } = await this.rank(councilArea, true);
    const me = communities.find((c) => c.code === zone.code)!;
    const comparators = indicators.length
      ? await this.repo.observations(
          [councilArea.code, SCOTLAND],
          indicators.map((i) => i.code),
        )
      : [];
    const pointsOf = (list: readonly ObservationRow[], indicator: string, area: string) =>
      list.filter((r) => r.indicator_code === indicator && r.area_code === area).map(toPoint);
    return {
      councilArea,
      community: {
        code: zone.code,
        name: zone.name,
        overallScore: me.overallScore,
        overallRank: me.overallRank,
        indicatorsScored: me.indicatorsScored,
      },
      communities: communities.length,
      ranked,
      indicators: indicators.map((i) => ({
        ...i,
        community: series(pointsOf(byIndicator.get(i.code) ?? [], i.code, zone.code)),
        councilArea: series(pointsOf(comparators, i.code, councilArea.code)),
        scotland: series(pointsOf(comparators, i.code, SCOTLAND)),
        score: me.scores[i.code] ?? null,
      })),
    };
  }
}
