import type { Kysely } from 'kysely';
import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import { improvementRate, trafficLight, type SeriesPoint, type TrafficLight } from './cpop-methods.ts';
import { duncanIndex, type DuncanZone } from './duncan.ts';

export const SCOTLAND = 'S92000003';

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
  area: AreaSeries;
  scotland: AreaSeries;
  /** Against Scotland; null when either side lacks a latest value or a rate, or polarity is unknown. */
  light: TrafficLight | null;
}

function summarise(points: ProfilePoint[]): AreaSeries {
  const actual = points.filter((p) => p.valueType !== 'projected');
  return { points, latest: actual.at(-1) ?? null, improvementRate: improvementRate(points) };
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

/** Outcomes and the measures computed from them. Open data: anyone may read it. */
export class OutcomesService {
  constructor(private readonly db: Kysely<Database>) {}

  async parameter(method: string, name: string): Promise<number> {
    const row = await this.db.selectFrom('method_parameters').select('value').where('method', '=', method).where('name', '=', name).executeTakeFirst();
    if (!row) throw new NotFoundError(`method parameter ${method}.${name}`);
    return Number(row.value);
  }

  /** Every CPOP indicator for a council area beside Scotland: series, latest values, improvement rates, traffic lights. */
  async profile(ctx: RequestContext, councilCode: string): Promise<IndicatorProfile[]> {
    authorize(ctx.actor, 'outcome:read');
    const [indicators, rows] = await Promise.all([
      this.db
        .selectFrom('indicators')
        .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'indicators.code')
        .select(['code', 'name', 'unit', 'higher_is_better'])
        .where('f.framework', '=', 'CPOP')
        .orderBy('name')
        .execute(),
      this.db
        .selectFrom('observations')
        .select(['indicator_code', 'area_code', 'period_label', 'period_start', 'value_type', 'value'])
        .where('area_code', 'in', [councilCode, SCOTLAND])
        .orderBy('period_start')
        .execute(),
    ]);
    const pointsOf = (indicator: string, area: string): ProfilePoint[] =>
      rows
        .filter((r) => r.indicator_code === indicator && r.area_code === area)
        .map((r) => ({ period: r.period_label, periodStart: String(r.period_start), value: Number(r.value), valueType: r.value_type }));
    return indicators
      .map((i) => {
        const area = summarise(pointsOf(i.code, councilCode));
        const scotland = summarise(pointsOf(i.code, SCOTLAND));
        const light =
          i.higher_is_better !== null && area.latest && scotland.latest && area.improvementRate !== null && scotland.improvementRate !== null
            ? trafficLight(area.latest.value, area.improvementRate, scotland.latest.value, scotland.improvementRate, i.higher_is_better)
            : null;
        return { code: i.code, name: i.name, unit: i.unit, higherIsBetter: i.higher_is_better, area, scotland, light };
      })
      .filter((p) => p.area.points.length > 0);
  }

  /** The Duncan index for every partnership, indicator and year with inequality inputs. */
  async duncanIndexes(ctx: RequestContext): Promise<DuncanRow[]> {
    authorize(ctx.actor, 'outcome:read');
    const maxMissing = await this.parameter('duncan_index', 'max_missing_share');
    const rows = await this.db
      .selectFrom('inequality_zone_values as v')
      .innerJoin('inequality_zones as z', (j) =>
        j.onRef('z.year', '=', 'v.year').onRef('z.council_code', '=', 'v.council_code').onRef('z.zone_index', '=', 'v.zone_index'),
      )
      .select(['v.year', 'v.council_code', 'v.indicator_code', 'v.zone_index', 'v.value', 'z.income_deprived', 'z.not_income_deprived'])
      .orderBy('v.council_code')
      .orderBy('v.indicator_code')
      .orderBy('v.year')
      .orderBy('v.zone_index')
      .execute();
    const names = new Map(
      (await this.db.selectFrom('areas').select(['code', 'name']).where('level', '=', 'council_area').execute()).map((a) => [a.code, a.name]),
    );
    const indicators = new Map((await this.db.selectFrom('indicators').select(['code', 'name']).execute()).map((i) => [i.code, i.name]));
    const out: DuncanRow[] = [];
    let group: DuncanZone[] = [];
    let key = '';
    let current: (typeof rows)[number] | undefined;
    const flush = () => {
      if (!current || !group.length) return;
      const r = duncanIndex(group, maxMissing);
      out.push({
        councilCode: current.council_code,
        council: names.get(current.council_code) ?? current.council_code,
        indicatorCode: current.indicator_code,
        indicator: indicators.get(current.indicator_code) ?? current.indicator_code,
        year: current.year,
        duncanIndex: r.index,
        zones: r.zones,
        missingValues: r.missing,
        note: r.index === null ? r.reason : null,
      });
    };
    const num = (v: string | null) => (v === null ? null : Number(v));
    for (const row of rows) {
      const k = `${row.council_code}|${row.indicator_code}|${row.year}`;
      if (k !== key) {
        flush();
        group = [];
        key = k;
        current = row;
      }
      group.push({ value: num(row.value), incomeDeprived: num(row.income_deprived), notIncomeDeprived: num(row.not_income_deprived) });
    }
    flush();
    return out;
  }
}
