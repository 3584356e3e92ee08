import { raw } from 'hono/html';
import { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import { ValidationError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { choroplethSvg } from '../../core/ui/maps.ts';
import { csvResponse, SelectField, Table, type TableColumn } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { ScotlandOverview } from './outcomes.api-schemas.ts';
import type { IndicatorChoice, OutcomesService, Overview, OverviewRow } from './outcomes.service.ts';
import { fmt, pct } from './format.ts';

const LIGHT_TEXT = {
  green: 'Better and improving faster',
  amber: 'Mixed',
  red: 'Worse and improving more slowly',
} as const;
const LIGHT_ORDER = { green: 0, amber: 1, red: 2 } as const;
const FRAMEWORK_NAMES: Record<string, string> = {
  CPOP: 'Community Planning Outcomes Profile',
  LGBF: 'Local Government Benchmarking Framework',
  NPF: 'National Performance Framework',
  local: 'Local',
};
const DEFAULT_INDICATOR = 'cpop-child-poverty';

const SORTS = ['area', 'group', 'latest', 'rate', 'light', 'family', 'duncan'] as const;
type Sort = (typeof SORTS)[number];

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const OverviewQuery = z.object({
  indicator: blank(z.string().trim().max(80)),
  sort: blank(z.enum(SORTS, { error: 'Sort by area, group, latest, rate, light, family or duncan' })),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
  group: blank(
    z.coerce
      .number({ error: 'Choose a family group from 1 to 4' })
      .int()
      .min(1, { error: 'Choose a family group from 1 to 4' })
      .max(8, { error: 'Choose a family group from 1 to 4' }),
  ),
});
type OverviewQuery = z.output<typeof OverviewQuery>;

const CompareQuery = z.object({
  indicator: blank(z.string().trim().max(80)),
  areas: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^S\d{8}$/, { error: 'Choose council areas by their codes, like S12000047' }))
        .max(6, { error: 'Compare at most six areas at once' }),
    ),
});

function sortRows(rows: OverviewRow[], sort: Sort, dir: 'asc' | 'desc'): OverviewRow[] {
  const key = (r: OverviewRow): number | string | null => {
    switch (sort) {
      case 'area':
        return r.area;
      case 'group':
        return r.familyGroup;
      case 'latest':
        return r.series.latest?.value ?? null;
      case 'rate':
        return r.series.improvementRate;
      case 'light':
        return r.light ? LIGHT_ORDER[r.light] : null;
      case 'family':
        return r.familyLight ? LIGHT_ORDER[r.familyLight] : null;
      case 'duncan':
        return r.duncan?.value ?? null;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // Rows without a value go last whichever way the table is sorted.
    if (x === null && y === null) return a.area.localeCompare(b.area);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return c === 0 ? a.area.localeCompare(b.area) : sign * c;
  });
}

function overviewCsv(o: Overview): string {
  return toCsv(o.rows, [
    { header: 'area_code', value: (r) => r.areaCode },
    { header: 'area', value: (r) => r.area },
    { header: 'cpop_family_group', value: (r) => r.familyGroup },
    { header: 'indicator_code', value: () => o.indicator.code },
    { header: 'latest_period', value: (r) => r.series.latest?.period },
    { header: 'latest_value', value: (r) => r.series.latest?.value },
    { header: 'improvement_rate_percent', value: (r) => r.series.improvementRate },
    { header: 'scotland_latest_value', value: () => o.scotland.latest?.value },
    { header: 'scotland_improvement_rate_percent', value: () => o.scotland.improvementRate },
    { header: 'light_against_scotland', value: (r) => r.light },
    { header: 'light_against_family_group', value: (r) => r.familyLight },
    { header: 'duncan_index_year', value: (r) => r.duncan?.year },
    { header: 'duncan_index', value: (r) => r.duncan?.value },
  ]);
}

function IndicatorPicker({
  choices,
  value,
  action,
  extra,
}: {
  choices: IndicatorChoice[];
  value: string;
  action: string;
  extra?: unknown;
}) {
  return (
    <form method="get" action={action}>
      <SelectField
        name="indicator"
        label="Indicator"
        options={choices.map((i) => ({ value: i.code, label: `${i.name} (${i.framework})` }))}
        value={value}
        errors={null}
      />
      {extra}
      <button type="submit" class="ds_button ds_button--secondary">
        Show
      </button>
    </form>
  );
}

/** What the national routes need: the outcomes service and the list of partnerships (for the comparison). */
export interface NationalRoutesDeps {
  outcomes: OutcomesService;
  partnerships: Pick<PartnershipsService, 'list'>;
}

export function nationalRoutes(router: Router, deps: NationalRoutesDeps): void {
  const pick = async (ctx: RequestContext, code: string | undefined) => {
    const choices = await deps.outcomes.indicatorChoices(ctx);
    if (code !== undefined && !choices.some((i) => i.code === code))
      throw ValidationError.field(
        'indicator',
        `No indicator “${code}” has values for council areas: choose one from the list`,
      );
    const chosen =
      choices.find((i) => i.code === code) ?? choices.find((i) => i.code === DEFAULT_INDICATOR) ?? choices[0] ?? null;
    return { choices, chosen };
  };

  router.route(
    {
      method: 'GET',
      path: '/scotland',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'All 32 partnerships on one indicator: latest values, improvement, traffic lights, family groups, inequality',
      query: OverviewQuery,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      if (!chosen) {
        return render(c, {
          title: 'Scotland: all partnerships',
          children: (
            <p>
              No outcomes data has been loaded yet. A national analyst loads it with{' '}
              <code>cairn import scotland ../shared/data</code>.
            </p>
          ),
        });
      }
      const [o, shapes] = await Promise.all([
        deps.outcomes.overview(ctx, chosen.code),
        deps.outcomes.boundaries(ctx, { level: 'council_area' }),
      ]);
      const sort: Sort = query.sort ?? 'area';
      const dir = query.dir ?? (sort === 'area' || sort === 'group' ? 'asc' : 'desc');
      const rows = sortRows(query.group ? o.rows.filter((r) => r.familyGroup === query.group) : o.rows, sort, dir);
      const base = (s: Sort, d: 'asc' | 'desc') =>
        `/scotland?indicator=${chosen.code}&sort=${s}&dir=${d}${query.group ? `&group=${query.group}` : ''}`;
      const header = (s: Sort, label: string) => {
        const next = sort === s && dir === 'asc' ? 'desc' : 'asc';
        return <a href={base(s, next)}>{label}</a>;
      };
      const sorted = (s: Sort): 'ascending' | 'descending' | undefined =>
        sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
      const lights = { green: 0, amber: 0, red: 0 };
      for (const r of o.rows) if (r.light) lights[r.light]++;
      const hasDuncan = o.rows.some((r) => r.duncan);
      const hasGroups = o.rows.some((r) => r.familyGroup !== null);
      const columns: TableColumn<OverviewRow>[] = [
        {
          header: header('area', 'Council area'),
          cell: (r) => <a href={`/partnerships/${r.partnershipCode}/outcomes`}>{r.area}</a>,
          sorted: sorted('area'),
        },
        ...(hasGroups
          ? [
              {
                header: header('group', 'Family group'),
                cell: (r: OverviewRow) => r.familyGroup ?? '—',
                numeric: true,
                sorted: sorted('group'),
              },
            ]
          : []),
        {
          header: header('latest', 'Latest'),
          cell: (r) => (r.series.latest ? `${fmt(r.series.latest.value)} (${r.series.latest.period})` : '—'),
          numeric: true,
          sorted: sorted('latest'),
        },
        {
          header: header('rate', 'Improvement since the first year'),
          cell: (r) => pct(r.series.improvementRate),
          numeric: true,
          sorted: sorted('rate'),
        },
        {
          header: header('light', 'Against Scotland'),
          cell: (r) =>
            r.light ? <span class={`cairn-light cairn-light--${r.light}`}>{LIGHT_TEXT[r.light]}</span> : '—',
          sorted: sorted('light'),
        },
        ...(hasGroups
          ? [
              {
                header: header('family', 'Against its family group'),
                cell: (r: OverviewRow) =>
                  r.familyLight ? (
                    <span class={`cairn-light cairn-light--${r.familyLight}`}>{LIGHT_TEXT[r.familyLight]}</span>
                  ) : (
                    '—'
                  ),
                sorted: sorted('family'),
              },
            ]
          : []),
        ...(hasDuncan
          ? [
              {
                header: header('duncan', 'Inequality (Duncan index)'),
                cell: (r: OverviewRow) => (r.duncan ? `${fmt(r.duncan.value, 3)} (${r.duncan.year})` : '—'),
                numeric: true,
                sorted: sorted('duncan'),
              },
            ]
          : []),
      ];
      const csvHref = `/scotland.csv?indicator=${chosen.code}`;
      return render(c, {
        title: 'Scotland: all partnerships',
        wide: true,
        children: (
          <>
            <p>
              Every community planning partnership on one indicator, beside Scotland: the latest value, the improvement
              since the first year (projections left out), and the traffic light against Scotland and against the
              average of the other partnerships in its CPOP family group (green: better and improving faster; red: worse
              and improving more slowly; amber: mixed). Click a column heading to sort. The demo partnership is
              fictional and never part of this picture.
            </p>
            <IndicatorPicker
              choices={choices}
              value={chosen.code}
              action="/scotland"
              extra={
                hasGroups ? (
                  <SelectField
                    name="group"
                    label="Family group (optional)"
                    hint="CPOP’s family groups put similar partnerships together by deprivation."
                    options={[1, 2, 3, 4].map((g) => ({ value: String(g), label: `Family group ${g}` }))}
                    value={query.group ? String(query.group) : null}
                    placeholder="All 32 partnerships"
                    errors={null}
                  />
                ) : null
              }
            />
            <h2>{chosen.name}</h2>
            <p>
              {chosen.unit ? `${chosen.unit}. ` : ''}
              {chosen.higherIsBetter === null ? '' : chosen.higherIsBetter ? 'Higher is better. ' : 'Lower is better. '}
              {FRAMEWORK_NAMES[chosen.framework] ?? chosen.framework}. Scotland:{' '}
              {o.scotland.latest ? `${fmt(o.scotland.latest.value)} (${o.scotland.latest.period})` : 'no value'},
              improvement {pct(o.scotland.improvementRate)}. Against Scotland: {lights.green} green, {lights.amber}{' '}
              amber, {lights.red} red. <a href={csvHref}>Download as CSV</a> ·{' '}
              <a href={`/compare?indicator=${chosen.code}`}>Compare partnerships over time</a> ·{' '}
              <a href={`/indicators/${encodeURIComponent(chosen.code)}`}>About this indicator</a> ·{' '}
              <a href="/indicators">All indicators</a>
            </p>
            {shapes.length ? (
              <figure class="cairn-chart cairn-map">
                {raw(
                  choroplethSvg(
                    shapes,
                    new Map(
                      o.rows.map((r) => [
                        r.areaCode,
                        query.group && r.familyGroup !== query.group ? null : (r.series.latest?.value ?? null),
                      ]),
                    ),
                    {
                      title: `${chosen.name}, latest value by council area${query.group ? ` (family group ${query.group}; others shown as no data)` : ''}`,
                      higherIsBetter: chosen.higherIsBetter,
                      unit: chosen.unit,
                    },
                  ),
                )}
                <figcaption>
                  The latest value in each council area, in five bands; the table below gives every value. Boundaries:
                  ONS and OS, Open Government Licence.
                </figcaption>
              </figure>
            ) : null}
            <Table
              caption={`${chosen.name}: every partnership${query.group ? ` in family group ${query.group}` : ''}, sorted by ${sort}`}
              rows={rows}
              empty="No partnership has a value for this indicator."
              columns={columns}
            />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/scotland.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The Scotland overview for one indicator, as CSV',
      query: OverviewQuery,
    },
    async (c, { ctx, query }) => {
      const { chosen } = await pick(ctx, query.indicator);
      if (!chosen) return csvResponse(c, 'scotland.csv', 'area_code\r\n');
      return csvResponse(c, `scotland-${chosen.code}.csv`, overviewCsv(await deps.outcomes.overview(ctx, chosen.code)));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/scotland',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'All 32 partnerships on one indicator: series, improvement rates, traffic lights against Scotland, family groups, latest Duncan index',
      query: OverviewQuery,
      operationId: 'getScotlandOverview',
      response: ScotlandOverview,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      if (!chosen) return c.json({ indicators: [], overview: null });
      return c.json({ indicators: choices, overview: await deps.outcomes.overview(ctx, chosen.code) });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/compare',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'Compare partnerships on one indicator over time',
      query: CompareQuery,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      const councils = (await deps.partnerships.list(ctx)).filter((p) => !p.fictional);
      if (!chosen) {
        return render(c, { title: 'Compare partnerships', children: <p>No outcomes data has been loaded yet.</p> });
      }
      const result = await deps.outcomes.compare(ctx, chosen.code, query.areas);
      const periods = [
        ...new Set(result.areas.flatMap((a) => a.series.points.map((p) => `${p.periodStart}|${p.period}`))),
      ].sort();
      const points = result.areas.flatMap((a) =>
        a.series.points.map((p) => ({
          series: a.name,
          x: p.periodStart,
          y: p.value,
          projected: p.valueType === 'projected',
        })),
      );
      const csvHref = `/compare.csv?indicator=${chosen.code}${query.areas.map((a) => `&areas=${a}`).join('')}`;
      return render(c, {
        title: 'Compare partnerships',
        wide: true,
        children: (
          <>
            <p>One indicator for up to six council areas beside Scotland, over time. Dashed lines are projections.</p>
            <IndicatorPicker
              choices={choices}
              value={chosen.code}
              action="/compare"
              extra={
                <div class="ds_question">
                  <fieldset>
                    <legend>Council areas (up to six)</legend>
                    <div class="cairn-checkbox-columns">
                      {councils.map((p) => (
                        <div class="ds_checkbox ds_checkbox--small">
                          <input
                            class="ds_checkbox__input"
                            type="checkbox"
                            id={`area-${p.councilAreaCode}`}
                            name="areas"
                            value={p.councilAreaCode}
                            checked={query.areas.includes(p.councilAreaCode)}
                          />
                          <label class="ds_checkbox__label" for={`area-${p.councilAreaCode}`}>
                            {p.councilAreaName}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
              }
            />
            <h2>{chosen.name}</h2>
            <figure class="cairn-chart">
              {raw(
                lineChartSvg(points, {
                  title: `${chosen.name}: ${result.areas.map((a) => a.name).join(', ')} over time`,
                  yLabel: chosen.unit ?? '',
                  width: 720,
                  height: 320,
                  labelLines: true,
                }),
              )}
              <figcaption>{result.areas.map((a) => a.name).join(', ')}. The table below gives every value.</figcaption>
            </figure>
            <Table
              caption={`${chosen.name} by period`}
              rows={periods}
              empty="No values."
              columns={[
                { header: 'Period', cell: (p) => p.split('|')[1] },
                ...result.areas.map((a) => ({
                  header: a.name,
                  cell: (p: string) => {
                    const pt = a.series.points.find((x) => `${x.periodStart}|${x.period}` === p);
                    return pt
                      ? `${fmt(pt.value, 2)}${pt.valueType === 'projected' ? ' (projected)' : pt.valueType === 'imputed' ? ' (imputed)' : ''}`
                      : '—';
                  },
                  numeric: true,
                })),
              ]}
            />
            <p>
              <a href={csvHref}>Download as CSV</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/compare.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The compare page’s values as CSV',
      query: CompareQuery,
    },
    async (c, { ctx, query }) => {
      const { chosen } = await pick(ctx, query.indicator);
      if (!chosen) return csvResponse(c, 'compare.csv', 'area_code\r\n');
      const result = await deps.outcomes.compare(ctx, chosen.code, query.areas);
      const rows = result.areas.flatMap((a) => a.series.points.map((p) => ({ a, p })));
      return csvResponse(
        c,
        `compare-${chosen.code}.csv`,
        toCsv(rows, [
          { header: 'area_code', value: (r) => r.a.code },
          { header: 'area', value: (r) => r.a.name },
          { header: 'indicator_code', value: () => chosen.code },
          { header: 'period', value: (r) => r.p.period },
          { header: 'period_start', value: (r) => r.p.periodStart },
          { header: 'value_type', value: (r) => r.p.valueType },
          { header: 'value', value: (r) => r.p.value },
        ]),
      );
    },
  );
}
