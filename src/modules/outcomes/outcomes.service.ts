import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { MethodName, MethodValues } from '../../core/rules/method-parameters.ts';
import { NotFoundError } from '../../core/errors.ts';
import { byPeriodStart } from '../../core/periods.ts';
import type { AreaGeometry, MapArea } from '../../core/ui/maps.ts';
import type { Geography } from '../areas/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import { SCOTLAND } from './codes.ts';
import { improvementRate, trafficLight, type SeriesPoint, type TrafficLight } from './cpop-methods.ts';
import { duncanIndexOfColumns, type DuncanColumns } from './duncan.ts';
import { classifySeriesChange, criterionFor, type ChangeDirection } from './change.ts';
import { familyGroupTrafficLight } from './family-groups.ts';
import { deprivationExtremes, slopeIndexOfInequality } from './inequality-methods.ts';
import { localityTest, summariseLocalities, type IndicatorLocalityTest, type LocalityZone } from './locality-test.ts';
import type { OutcomesRepository } from './outcomes.repository.ts';

/** Scotland's area code (kept here too for the benchmark, bench/outcomes.ts). */
export { SCOTLAND };

export interface ProfilePoint extends SeriesPoint {
  period: string;
}

export interface AreaSeries {
  points: ProfilePoint[];
  latest: ProfilePoint | null;
  improvementRate: number | null;
}

export interface IndicatorProfile {
  code: string;
  name: string;
  unit: string | null;
  higherIsBetter: boolean | null;
  /** Tagged by a national analyst as a measure of prevention (see /indicators). */
  prevention: boolean;
  area: AreaSeries;
  scotland: AreaSeries;
  /** Against Scotland; null when either side lacks a latest value or a rate, or polarity is unknown. */
  light: TrafficLight | null;
  /** The mean of the other partnerships of the CPOP family group, period by period; null without family groups. */
  family: AreaSeries | null;
  /** Against that family-group average. */
  familyLight: TrafficLight | null;
  /** Improving, maintaining or worsening, by the indicator's criterion in change_criteria. */
  change: { direction: ChangeDirection; fromYear: number; toYear: number } | null;
}

function summarise(points: ProfilePoint[]): AreaSeries {
  const actual = points.filter((p) => p.valueType !== 'projected');
  return { points, latest: actual.at(-1) ?? null, improvementRate: improvementRate(points) };
}

/** One council's zones for one indicator and year, in zone order (the inequality inputs), as columns. */
interface ZoneGroup extends DuncanColumns {
  councilCode: string;
  indicatorCode: string;
  year: number;
  /** The zone's position in the council's list. */
  index: number[];
  /** null where the zone has no value. */
  value: (number | null)[];
  incomeDeprived: (number | null)[];
  notIncomeDeprived: (number | null)[];
}

export interface DuncanRow {
  councilCode: string;
  council: string;
  indicatorCode: string;
  indicator: string;
  year: number;
  duncanIndex: number | null;
  zones: number;
  missingValues: number;
  note: string | null;
}

export interface IndicatorChoice {
  code: string;
  name: string;
  framework: string;
  unit: string | null;
  higherIsBetter: boolean | null;
}

/** One council area's row of the Scotland overview for one indicator. */
export interface OverviewRow {
  areaCode: string;
  area: string;
  partnershipCode: string;
  familyGroup: number | null;
  series: AreaSeries;
  light: TrafficLight | null;
  /** Against the average of the other members of its CPOP family group. */
  familyLight: TrafficLight | null;
  duncan: { year: number; value: number } | null;
}

export interface Overview {
  indicator: IndicatorChoice;
  scotland: AreaSeries;
  rows: OverviewRow[];
}

/** One indicator's inequality within a partnership, from CPOP's inequality inputs. */
export interface InequalityProfile {
  indicatorCode: string;
  indicator: string;
  unit: string | null;
  higherIsBetter: boolean;
  /** The Duncan index year by year (null where the inputs are too incomplete). */
  duncan: { year: number; value: number | null; note: string | null }[];
  /** The latest year with values: the most and least income-deprived zones, and the slope and relative indexes. */
  latest: {
    year: number;
    zones: number;
    share: number;
    mostMean: number | null;
    leastMean: number | null;
    mostZones: number;
    leastZones: number;
    gap: number | null;
    ratio: number | null;
    worse: string | null;
    sii: number | null;
    rii: number | null;
  } | null;
}

/**
 * What the outcomes engine reads of Scotland's geography (the areas module's tables): council areas, their
 * zones and boundaries, the partnerships' localities, and the CPOP family groups. Each is one query.
 */
export type OutcomesGeography = Pick<
  Geography,
  | 'councilAreaCodes'
  | 'councilAreaNames'
  | 'realCouncilAreaCodes'
  | 'realCouncilAreasWithCpopGroup'
  | 'zonePopulations'
  | 'localityOfPartnership'
  | 'localityZones'
  | 'localityNames'
  | 'localityMembership'
  | 'boundaries'
  | 'realAreaNames'
  | 'cpopFamilyGroups'
  | 'fictionalAreaCodes'
>;

/** Outcomes and the measures computed from them. Open data: anyone may read it. */
export class OutcomesService {
  /**
   * `geography`: the areas module's, for the areas the outcomes are of; `directory`: the partnerships of the
   * council areas (the Scotland overview). `readParts`: how many queries, run at once, read the inequality
   * inputs in a national recompute. On PostgreSQL each runs on its own connection and core, so 2 halve the
   * read; the embedded engine has one connection, where 1 is best.
   */
  constructor(
    private readonly repo: OutcomesRepository,
    private readonly geography: OutcomesGeography,
    private readonly directory: Pick<PartnershipDirectory, 'allPartnerships'>,
    private readonly options: { readParts?: number } = {},
  ) {}

  /**
   * Results computed from the national data, kept until the next import: every import (national or a
   * partnership's own) writes an import_runs row, which moves the `imports` data version at its commit.
   */
  private cache = new Map<string, { run: string; value: Promise<unknown> }>();

  private async cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const run = await this.repo.importsVersion();
    const hit = this.cache.get(key);
    if (hit && hit.run === run) return hit.value as Promise<T>;
    const value = compute();
    this.cache.set(key, { run, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** Forget every remembered result, so the next call computes it again (the recompute benchmark). */
  forget(): void {
    this.cache.clear();
  }

  /** One method parameter, checked against its method's schema (core/rules/method-parameters.ts). */
  async parameter<M extends MethodName, K extends keyof MethodValues<M>>(
    method: M,
    name: K,
  ): Promise<MethodValues<M>[K]> {
    return (await this.repo.methodParameters(method)).values[name];
  }

  /**
   * Every CPOP indicator for a council area beside Scotland and its CPOP family group's average: series,
   * latest values, improvement rates, traffic lights against both, and whether it is improving,
   * maintaining or worsening by the indicator's criterion.
   */
  async profile(ctx: RequestContext, councilCode: string): Promise<IndicatorProfile[]> {
    return (await this.profiles(ctx, [councilCode])).get(councilCode) ?? [];
  }

  /**
   * profile() for many council areas at once (all of them when none are named), reading the rows once:
   * the national view and a full recompute use this instead of one call per council.
   */
  async profiles(ctx: RequestContext, councilCodes?: readonly string[]): Promise<Map<string, IndicatorProfile[]>> {
    authorize(ctx.actor, 'outcome:read');
    const [groups, indicators, criteria, councils] = await Promise.all([
      this.geography.cpopFamilyGroups(),
      this.repo.cpopIndicators(),
      this.repo.changeCriteria(),
      councilCodes ? Promise.resolve([...councilCodes]) : this.geography.councilAreaCodes(),
    ]);
    const groupOf = new Map(groups.map((g) => [g.council_code, g.group_number]));
    const othersOf = (code: string) => {
      const g = groupOf.get(code);
      return g === undefined
        ? []
        : groups.filter((x) => x.group_number === g && x.council_code !== code).map((x) => x.council_code);
    };
    const areas = new Set([SCOTLAND, ...councils, ...councils.flatMap(othersOf)]);
    const rows = await this.repo.cpopObservations([...areas]);
    // Points by indicator and area, in period order: read once, looked up for every council. Each short
    // list is put in order here; ORDER BY would cost the database more than the read itself.
    const points = new Map<string, ProfilePoint[]>();
    for (const r of rows) {
      const key = `${r.indicator_code}|${r.area_code}`;
      let list = points.get(key);
      if (!list) points.set(key, (list = []));
      list.push({
        period: r.period_label,
        periodStart: String(r.period_start),
        value: Number(r.value),
        valueType: r.value_type,
      });
    }
    for (const list of points.values()) list.sort(byPeriodStart);
    const pointsOf = (indicator: string, area: string): ProfilePoint[] => points.get(`${indicator}|${area}`) ?? [];
    const criterionRows = criteria.map((c) => ({
      indicatorCode: c.indicator_code,
      kind: c.kind,
      threshold: Number(c.threshold),
      yearsBack: c.years_back,
      source: c.source,
    }));
    /** Period by period, the mean of the other members that have a value then (projected where any of them is). */
    const familyPoints = (indicator: string, others: readonly string[]): ProfilePoint[] => {
      const byPeriod = new Map<
        string,
        { periodStart: string; sum: number; n: number; projected: boolean; imputed: boolean }
      >();
      for (const code of others) {
        for (const p of pointsOf(indicator, code)) {
          const at = byPeriod.get(p.period);
          if (!at)
            byPeriod.set(p.period, {
              periodStart: p.periodStart,
              sum: p.value,
              n: 1,
              projected: p.valueType === 'projected',
              imputed: p.valueType === 'imputed',
            });
          else {
            at.sum += p.value;
            at.n += 1;
            at.projected ||= p.valueType === 'projected';
            at.imputed ||= p.valueType === 'imputed';
          }
        }
      }
      const out: ProfilePoint[] = [];
      for (const [period, at] of byPeriod) {
        out.push({
          period,
          periodStart: at.periodStart,
          value: at.sum / at.n,
          valueType: at.projected ? 'projected' : at.imputed ? 'imputed' : 'raw',
        });
      }
      return out.sort(byPeriodStart);
    };
    const lightOf = (a: AreaSeries, b: AreaSeries, higherIsBetter: boolean | null) =>
      higherIsBetter !== null && a.latest && b.latest && a.improvementRate !== null && b.improvementRate !== null
        ? trafficLight(a.latest.value, a.improvementRate, b.latest.value, b.improvementRate, higherIsBetter)
        : null;
    const scotland = new Map(indicators.map((i) => [i.code, summarise(pointsOf(i.code, SCOTLAND))]));
    const out = new Map<string, IndicatorProfile[]>();
    for (const councilCode of councils) {
      const others = othersOf(councilCode);
      out.set(
        councilCode,
        indicators
          .filter((i) => pointsOf(i.code, councilCode).length > 0)
          .map((i) => {
            const area = summarise(pointsOf(i.code, councilCode));
            const national = scotland.get(i.code)!;
            const family = others.length ? summarise(familyPoints(i.code, others)) : null;
            const criterion = criterionFor(i.code, criterionRows);
            const c =
              criterion && i.higher_is_better !== null
                ? classifySeriesChange(
                    area.points.map((p) => ({
                      year: Number(p.periodStart.slice(0, 4)),
                      value: p.value,
                      valueType: p.valueType,
                    })),
                    criterion,
                    i.higher_is_better,
                  )
                : null;
            return {
              code: i.code,
              name: i.name,
              unit: i.unit,
              higherIsBetter: i.higher_is_better,
              prevention: i.prevention,
              area,
              scotland: national,
              light: lightOf(area, national, i.higher_is_better),
              family,
              familyLight: family ? lightOf(area, family, i.higher_is_better) : null,
              change: c && c.direction ? { direction: c.direction, fromYear: c.fromYear, toYear: c.toYear } : null,
            };
          }),
      );
    }
    return out;
  }

  /**
   * One of a partnership's localities and the communities (intermediate zones) it is made of: its own
   * intermediate zones and those of its data zones. Another partnership's locality is not found.
   */
  async locality(
    ctx: RequestContext,
    partnershipId: number,
    localityCode: string,
  ): Promise<{ code: string; name: string; zones: { code: string; name: string }[] }> {
    authorize(ctx.actor, 'outcome:read');
    const locality = await this.geography.localityOfPartnership(partnershipId, localityCode);
    if (!locality) throw new NotFoundError('locality');
    const zones = await this.geography.localityZones(partnershipId, localityCode);
    return { ...locality, zones };
  }

  /**
   * The statutory locality test (s.10 of the 2015 Act) for a partnership: for each indicator CPOP gives
   * for communities (intermediate zones), in its latest year, whether each of the partnership's
   * localities has significantly poorer outcomes than the rest of the area and than Scotland, with the
   * evidence; then which localities that makes candidates for a locality plan. A locality's zones are its
   * intermediate zones, and the zones of its data zones. Populations are SIMD's (NRS mid-2017).
   */
  async localityTests(ctx: RequestContext, councilCode: string, partnershipId: number) {
    authorize(ctx.actor, 'outcome:read');
    const param = (await this.repo.methodParameters('locality_test')).values;
    const parameters = {
      significanceLevel: param.significance_level,
      minZones: param.min_zones,
      minExpectedCount: param.min_expected_count,
    };
    const minPoorer = param.min_poorer_indicators;
    const [zones, localities, components] = await Promise.all([
      this.geography.zonePopulations(councilCode),
      this.geography.localityNames(partnershipId),
      this.geography.localityMembership(partnershipId),
    ]);
    const zoneCodes = zones.map((z) => z.code);
    if (!zoneCodes.length || !localities.length)
      return { parameters, minPoorer, localities, indicators: [], summaries: [] };
    const zoneOf = (c: (typeof components)[number]) =>
      c.level === 'intermediate_zone' ? c.code : c.level === 'data_zone' ? c.parent_code : null;
    const membership = new Map<string, Set<string>>(
      localities.map((l) => [
        l.code,
        new Set(
          components
            .filter((c) => c.locality_code === l.code)
            .map(zoneOf)
            .filter((z): z is string => Boolean(z)),
        ),
      ]),
    );
    const inSome = new Set([...membership.values()].flatMap((s) => [...s]));
    const observations = await this.repo.actualNationalObservations([...zoneCodes, SCOTLAND]);
    const population = new Map(zones.map((z) => [z.code, z.population === null ? null : Number(z.population)]));
    const n = (v: string | null) => (v === null ? null : Number(v));
    const indicators: IndicatorLocalityTest[] = [];
    for (const code of [
      ...new Set(observations.filter((o) => o.area_code !== SCOTLAND).map((o) => o.indicator_code)),
    ].sort()) {
      const own = observations.filter((o) => o.indicator_code === code);
      const first = own[0]!;
      if (first.higher_is_better === null) continue;
      const latest = own
        .filter((o) => o.area_code !== SCOTLAND)
        .reduce((a, b) => (String(b.period_start) > String(a.period_start) ? b : a));
      const inPeriod = own.filter((o) => o.period_label === latest.period_label);
      const zone = (c: string): LocalityZone => {
        const o = inPeriod.find((x) => x.area_code === c);
        return {
          code: c,
          value: o ? Number(o.value) : null,
          population: population.get(c) ?? null,
          numerator: n(o?.numerator ?? null),
          denominator: n(o?.denominator ?? null),
        };
      };
      const scot = inPeriod.find((o) => o.area_code === SCOTLAND);
      const results = localityTest(
        localities.map((l) => ({ code: l.code, name: l.name, zones: [...membership.get(l.code)!].map(zone) })),
        zoneCodes.filter((c) => !inSome.has(c)).map(zone),
        {
          value: scot ? Number(scot.value) : null,
          numerator: n(scot?.numerator ?? null),
          denominator: n(scot?.denominator ?? null),
        },
        first.higher_is_better,
        parameters,
      );
      indicators.push({ indicatorCode: code, indicatorName: `${first.name} (${latest.period_label})`, results });
    }
    return { parameters, minPoorer, localities, indicators, summaries: summariseLocalities(indicators, minPoorer) };
  }

  /** The boundaries of areas for maps: all of a level, or the given codes. Empty when none are loaded. */
  async boundaries(
    ctx: RequestContext,
    filter: { level: 'council_area' | 'intermediate_zone'; parent?: string },
  ): Promise<MapArea[]> {
    authorize(ctx.actor, 'outcome:read');
    return this.cached(`boundaries|${filter.level}|${filter.parent ?? ''}`, async () => {
      const rows = await this.geography.boundaries(filter);
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        geometry: (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as AreaGeometry,
      }));
    });
  }

  /** Indicators with values for council areas, by framework then name: what the overview and compare pages offer. */
  async indicatorChoices(ctx: RequestContext): Promise<IndicatorChoice[]> {
    authorize(ctx.actor, 'outcome:read');
    return this.cached('indicator-choices', async () => {
      const rows = await this.repo.indicatorChoices(await this.geography.realCouncilAreaCodes());
      const seen = new Set<string>();
      return rows
        .filter((r) => !seen.has(r.code) && seen.add(r.code))
        .map((r) => ({
          code: r.code,
          name: r.name,
          framework: r.framework,
          unit: r.unit,
          higherIsBetter: r.higher_is_better,
        }));
    });
  }

  /** Series of one indicator for the given areas, by area code. */
  private async seriesFor(indicator: string, areas: readonly string[]): Promise<Map<string, AreaSeries>> {
    if (!areas.length) return new Map();
    const rows = await this.repo.indicatorObservations(indicator, areas);
    const by = new Map<string, ProfilePoint[]>();
    for (const r of rows) {
      const list = by.get(r.area_code) ?? [];
      list.push({
        period: r.period_label,
        periodStart: String(r.period_start),
        value: Number(r.value),
        valueType: r.value_type,
      });
      by.set(r.area_code, list);
    }
    return new Map(areas.map((a) => [a, summarise(by.get(a) ?? [])]));
  }

  private async choice(ctx: RequestContext, code: string): Promise<IndicatorChoice> {
    const found = (await this.indicatorChoices(ctx)).find((i) => i.code === code);
    if (!found) throw new NotFoundError('indicator');
    return found;
  }

  /**
   * All 32 council areas for one indicator: latest value, improvement rate, the traffic light against
   * Scotland, the CPOP family group, and the latest Duncan index where CPOP's inequality inputs hold
   * the indicator. Fictional (demo) areas are never part of the national picture.
   */
  async overview(ctx: RequestContext, indicatorCode: string): Promise<Overview> {
    const indicator = await this.choice(ctx, indicatorCode);
    const councils = await this.partnershipCouncils();
    const series = await this.seriesFor(indicator.code, [SCOTLAND, ...councils.map((c) => c.code)]);
    const scotland = series.get(SCOTLAND)!;
    const duncan = (await this.duncanIndexes(ctx, { indicator: indicator.code })).filter((d) => d.duncanIndex !== null);
    const rows = councils.map((c): OverviewRow => {
      const s = series.get(c.code)!;
      const d = duncan.filter((x) => x.councilCode === c.code).at(-1);
      const light =
        indicator.higherIsBetter !== null &&
        s.latest &&
        scotland.latest &&
        s.improvementRate !== null &&
        scotland.improvementRate !== null
          ? trafficLight(
              s.latest.value,
              s.improvementRate,
              scotland.latest.value,
              scotland.improvementRate,
              indicator.higherIsBetter,
            )
          : null;
      const members = councils
        .filter((m) => c.group_number !== null && m.group_number === c.group_number)
        .map((m) => ({
          code: m.code,
          latest: series.get(m.code)!.latest?.value ?? null,
          rate: series.get(m.code)!.improvementRate,
        }));
      const familyLight =
        indicator.higherIsBetter !== null && members.length > 1
          ? familyGroupTrafficLight(c.code, members, indicator.higherIsBetter).light
          : null;
      return {
        areaCode: c.code,
        area: c.name,
        partnershipCode: c.partnership_code,
        familyGroup: c.group_number,
        series: s,
        light,
        familyLight,
        duncan: d ? { year: d.year, value: d.duncanIndex! } : null,
      };
    });
    return { indicator, scotland, rows };
  }

  /**
   * The real council areas that have a partnership, by name, with its code and their CPOP family group: the
   * geography's areas and the partnerships' directory read at once and matched by council area.
   */
  private async partnershipCouncils(): Promise<
    { code: string; name: string; partnership_code: string; group_number: number | null }[]
  > {
    const [areas, partnerships] = await Promise.all([
      this.geography.realCouncilAreasWithCpopGroup(),
      this.directory.allPartnerships(),
    ]);
    const partnershipOf = new Map(partnerships.map((p) => [p.council_area_code, p.code]));
    return areas.flatMap((a) => {
      const partnershipCode = partnershipOf.get(a.code);
      return partnershipCode === undefined
        ? []
        : [{ code: a.code, name: a.name, partnership_code: partnershipCode, group_number: a.group_number }];
    });
  }

  /** One indicator for chosen areas (council areas or Scotland) side by side. */
  async compare(ctx: RequestContext, indicatorCode: string, areaCodes: readonly string[]) {
    const indicator = await this.choice(ctx, indicatorCode);
    const areas = await this.geography.realAreaNames([...areaCodes, SCOTLAND]);
    const ordered = [...areaCodes.filter((c) => c !== SCOTLAND), SCOTLAND]
      .map((c) => areas.find((a) => a.code === c))
      .filter((a): a is { code: string; name: string } => Boolean(a));
    const series = await this.seriesFor(
      indicator.code,
      ordered.map((a) => a.code),
    );
    return { indicator, areas: ordered.map((a) => ({ ...a, series: series.get(a.code)! })) };
  }

  /**
   * Inequality inside one council area for each indicator of CPOP's inequality inputs: the Duncan index
   * over the years, and in the latest year the most against the least income-deprived zones (CPOP's
   * tenths, the share a method parameter) and the slope and relative indexes of inequality over all its
   * zones ranked by income deprivation.
   */
  async inequality(ctx: RequestContext, councilCode: string): Promise<InequalityProfile[]> {
    return (await this.inequalities(ctx, [councilCode])).get(councilCode) ?? [];
  }

  /**
   * inequality() for many council areas at once (all when none are named): the Duncan index over the
   * years (remembered until the next import), and for each indicator's latest year with values the most
   * against the least income-deprived communities and the slope and relative indexes. Only the latest
   * year's zones are read.
   */
  async inequalities(ctx: RequestContext, councilCodes?: readonly string[]): Promise<Map<string, InequalityProfile[]>> {
    authorize(ctx.actor, 'outcome:read');
    const only = councilCodes ? [...councilCodes] : null;
    if (only && !only.length) return new Map();
    const [share, duncan, indicators, groups] = await Promise.all([
      this.parameter('deprivation_extremes', 'deprived_share'),
      this.duncanIndexes(ctx),
      this.repo.allIndicators(),
      this.zoneGroups(),
    ]);
    const indicatorOf = new Map(indicators.map((i) => [i.code, i]));
    // Each council and indicator's latest year in which any zone has a value (groups come in year order).
    const latestOf = new Map<string, ZoneGroup>();
    for (const g of groups) if (g.value.some((v) => v !== null)) latestOf.set(`${g.councilCode}|${g.indicatorCode}`, g);
    const duncanOf = new Map<string, DuncanRow[]>();
    // Each council's indicators with a Duncan index, found in the same pass.
    const codesOf = new Map<string, Set<string>>();
    for (const d of duncan) {
      const key = `${d.councilCode}|${d.indicatorCode}`;
      let list = duncanOf.get(key);
      if (!list) {
        duncanOf.set(key, (list = []));
        let codes = codesOf.get(d.councilCode);
        if (!codes) codesOf.set(d.councilCode, (codes = new Set()));
        codes.add(d.indicatorCode);
      }
      list.push(d);
    }
    const councils = only ?? [...codesOf.keys()].sort();
    const out = new Map<string, InequalityProfile[]>();
    for (const councilCode of councils) {
      const codes = [...(codesOf.get(councilCode) ?? [])].sort();
      const profiles: InequalityProfile[] = [];
      for (const code of codes) {
        const ind = indicatorOf.get(code);
        if (!ind || ind.higher_is_better === null) continue;
        const group = latestOf.get(`${councilCode}|${code}`);
        let latest: InequalityProfile['latest'] = null;
        if (group) {
          const year = group.year;
          const inYear = group.index.map((index, i) => ({
            code: String(index),
            incomeDeprived: group.incomeDeprived[i] ?? null,
            notIncomeDeprived: group.notIncomeDeprived[i] ?? null,
            value: group.value[i] ?? null,
          }));
          const ext = deprivationExtremes(inYear, share, ind.higher_is_better);
          const sii = slopeIndexOfInequality(
            inYear.map((z) => {
              const total =
                z.incomeDeprived !== null && z.notIncomeDeprived !== null
                  ? z.incomeDeprived + z.notIncomeDeprived
                  : null;
              return {
                code: z.code,
                value: z.value,
                population: total,
                deprivationRank: total ? -(z.incomeDeprived! / total) : Number.NaN,
              };
            }),
            ind.higher_is_better,
          );
          latest = {
            year,
            zones: inYear.length,
            share,
            mostMean: ext.most?.mean ?? null,
            leastMean: ext.least?.mean ?? null,
            mostZones: ext.most?.zones.length ?? 0,
            leastZones: ext.least?.zones.length ?? 0,
            gap: ext.most ? ext.gap : null,
            ratio: ext.most ? ext.ratio : null,
            worse: ext.most ? ext.worse : null,
            sii: sii.sii,
            rii: sii.sii === null ? null : sii.rii,
          };
        }
        profiles.push({
          indicatorCode: code,
          indicator: ind.name,
          unit: ind.unit,
          higherIsBetter: ind.higher_is_better,
          duncan: (duncanOf.get(`${councilCode}|${code}`) ?? []).map((d) => ({
            year: d.year,
            value: d.duncanIndex,
            note: d.note,
          })),
          latest,
        });
      }
      out.set(councilCode, profiles);
    }
    return out;
  }

  /** Every national indicator once for each of its frameworks, by framework then code: the national export. */
  async exportIndicators(ctx: RequestContext) {
    authorize(ctx.actor, 'outcome:read');
    return this.repo.nationalIndicatorRows();
  }

  /**
   * Every value of a national indicator for a real area, by indicator, area and period: the national export
   * (the fictional areas, from the geography, left out).
   */
  async exportObservations(ctx: RequestContext) {
    authorize(ctx.actor, 'outcome:read');
    return this.repo.nationalObservationRows(await this.geography.fictionalAreaCodes());
  }

  /** The Duncan index for every partnership, indicator and year with inequality inputs. */
  async duncanIndexes(ctx: RequestContext, only?: { indicator?: string; council?: string }): Promise<DuncanRow[]> {
    authorize(ctx.actor, 'outcome:read');
    const all = await this.cached('duncan', () => this.computeDuncanIndexes());
    return only?.indicator || only?.council
      ? all.filter(
          (d) =>
            (!only.indicator || d.indicatorCode === only.indicator) &&
            (!only.council || d.councilCode === only.council),
        )
      : all;
  }

  /**
   * Every council's zones for every indicator and year of the inequality inputs, with their values and
   * income-deprived counts, in zone order, the groups in council, indicator and year order: the one read
   * behind the Duncan index and the latest-year measures.
   */
  private zoneGroups(): Promise<ZoneGroup[]> {
    return this.cached('zone-groups', async () => {
      // One row for each council, indicator and year (3,584, not 143,248 rows of values: a row costs
      // more to receive than its few numbers), its zones' values as a JSON object keyed by zone; the
      // zones' people counts likewise, one row for each council and year. The drivers parse json with
      // JSON.parse, and a number keeps the digits the database holds. The people counts (20,000 rows) are
      // read apart and looked up by zone, which is cheaper than joining them in the database. With
      // readParts > 1 the values come in that many queries at once, each taking the years whose remainder
      // it is.
      const parts = Math.max(1, Math.floor(this.options.readParts ?? 1));
      const [peopleRows, ...valueParts] = await Promise.all([
        this.repo.zonePeople(),
        ...Array.from({ length: parts }, (_, part) => this.repo.zoneValues(parts, part)),
      ]);
      const people = new Map(peopleRows.map((r) => [`${r.council_code}|${r.year}`, r.zones]));
      const groups: ZoneGroup[] = [];
      for (const r of valueParts.flat()) {
        const counts = people.get(`${r.council_code}|${r.year}`);
        if (!counts) continue;
        // The zones in order; as an inner join would, a value without its zone's people counts is no zone of the inputs.
        const zones = Object.keys(r.zones)
          .map(Number)
          .filter((zone) => counts[zone] !== undefined)
          .sort((a, b) => a - b);
        if (!zones.length) continue;
        groups.push({
          councilCode: r.council_code,
          indicatorCode: r.indicator_code,
          year: r.year,
          index: zones,
          value: zones.map((zone) => r.zones[zone] ?? null),
          incomeDeprived: zones.map((zone) => counts[zone]![0]),
          notIncomeDeprived: zones.map((zone) => counts[zone]![1]),
        });
      }
      const byKey = (a: ZoneGroup, b: ZoneGroup) =>
        a.councilCode < b.councilCode
          ? -1
          : a.councilCode > b.councilCode
            ? 1
            : a.indicatorCode < b.indicatorCode
              ? -1
              : a.indicatorCode > b.indicatorCode
                ? 1
                : a.year - b.year;
      return groups.sort(byKey);
    });
  }

  private async computeDuncanIndexes(): Promise<DuncanRow[]> {
    const [maxMissing, groups, areas, indicatorRows] = await Promise.all([
      this.parameter('duncan_index', 'max_missing_share'),
      this.zoneGroups(),
      this.geography.councilAreaNames(),
      this.repo.indicatorNames(),
    ]);
    const names = new Map(areas.map((a) => [a.code, a.name]));
    const indicators = new Map(indicatorRows.map((i) => [i.code, i.name]));
    return groups.map((g) => {
      const r = duncanIndexOfColumns(g, maxMissing);
      return {
        councilCode: g.councilCode,
        council: names.get(g.councilCode) ?? g.councilCode,
        indicatorCode: g.indicatorCode,
        indicator: indicators.get(g.indicatorCode) ?? g.indicatorCode,
        year: g.year,
        duncanIndex: r.index,
        zones: r.zones,
        missingValues: r.missing,
        note: r.index === null ? r.reason : null,
      };
    });
  }
}

/** One indicator for chosen areas side by side (OutcomesService.compare). */
export type Comparison = Awaited<ReturnType<OutcomesService['compare']>>;

/** The locality test of a partnership (OutcomesService.localityTests). */
export type LocalityTests = Awaited<ReturnType<OutcomesService['localityTests']>>;

/** One of a partnership's localities and its communities (OutcomesService.locality). */
export type Locality = Awaited<ReturnType<OutcomesService['locality']>>;
