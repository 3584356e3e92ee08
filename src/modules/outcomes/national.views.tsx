import { raw } from 'hono/html';
import { partnershipHref } from '../../core/http/paths.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { SelectField, Table, type TableColumn } from '../../core/ui/components.tsx';
import { choroplethSvg, type MapArea } from '../../core/ui/maps.ts';
import { fmt, pct } from './format.ts';
import type { Sort } from './national.schemas.ts';
import type { Comparison, IndicatorChoice, Overview, OverviewRow } from './outcomes.service.ts';

/** Views of the national pages, /scotland and /compare: props in, JSX out (the routes are in national.routes.tsx). */

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

/** The national pages before any outcomes data is loaded. */
export function NoOutcomesData({ command }: { command?: boolean }) {
  return command ? (
    <p>
      No outcomes data has been loaded yet. A national analyst loads it with{' '}
      <code>cairn import scotland ../shared/data</code>.
    </p>
  ) : (
    <p>No outcomes data has been loaded yet.</p>
  );
}

/** How the overview is shown: the indicator, the sort, and the family group it is narrowed to (if any). */
export interface OverviewView {
  chosen: IndicatorChoice;
  sort: Sort;
  dir: 'asc' | 'desc';
  group: number | undefined;
}

/** The overview's table: every partnership (of the group, when narrowed), sorted as asked by its headings' links. */
function OverviewTable({ overview: o, view }: { overview: Overview; view: OverviewView }) {
  const { chosen, sort, dir, group } = view;
  const rows = sortRows(group ? o.rows.filter((r) => r.familyGroup === group) : o.rows, sort, dir);
  const base = (s: Sort, d: 'asc' | 'desc') =>
    `/scotland?indicator=${chosen.code}&sort=${s}&dir=${d}${group ? `&group=${group}` : ''}`;
  const header = (s: Sort, label: string) => {
    const next = sort === s && dir === 'asc' ? 'desc' : 'asc';
    return <a href={base(s, next)}>{label}</a>;
  };
  const sorted = (s: Sort): 'ascending' | 'descending' | undefined =>
    sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const hasDuncan = o.rows.some((r) => r.duncan);
  const hasGroups = o.rows.some((r) => r.familyGroup !== null);
  const light = (l: OverviewRow['light']) =>
    l ? <span class={`cairn-light cairn-light--${l}`}>{LIGHT_TEXT[l]}</span> : '—';
  const columns: TableColumn<OverviewRow>[] = [
    {
      header: header('area', 'Council area'),
      cell: (r) => <a href={partnershipHref(r.partnershipCode, 'outcomes')}>{r.area}</a>,
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
    { header: header('light', 'Against Scotland'), cell: (r) => light(r.light), sorted: sorted('light') },
    ...(hasGroups
      ? [
          {
            header: header('family', 'Against its family group'),
            cell: (r: OverviewRow) => light(r.familyLight),
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
  return (
    <Table
      caption={`${chosen.name}: every partnership${group ? ` in family group ${group}` : ''}, sorted by ${sort}`}
      rows={rows}
      empty="No partnership has a value for this indicator."
      columns={columns}
    />
  );
}

/** The map of latest values by council area (those outside the chosen family group shown as no data). */
function OverviewMap({ overview: o, view, shapes }: { overview: Overview; view: OverviewView; shapes: MapArea[] }) {
  const { chosen, group } = view;
  return (
    <figure class="cairn-chart cairn-map">
      {raw(
        choroplethSvg(
          shapes,
          new Map(
            o.rows.map((r) => [r.areaCode, group && r.familyGroup !== group ? null : (r.series.latest?.value ?? null)]),
          ),
          {
            title: `${chosen.name}, latest value by council area${group ? ` (family group ${group}; others shown as no data)` : ''}`,
            higherIsBetter: chosen.higherIsBetter,
            unit: chosen.unit,
          },
        ),
      )}
      <figcaption>
        The latest value in each council area, in five bands; the table below gives every value. Boundaries: ONS and OS,
        Open Government Licence.
      </figcaption>
    </figure>
  );
}

/** Scotland: every partnership on one indicator, with the picker, the summary, the map and the table. */
export function ScotlandOverview({
  choices,
  overview: o,
  view,
  shapes,
}: {
  choices: IndicatorChoice[];
  overview: Overview;
  view: OverviewView;
  shapes: MapArea[];
}) {
  const { chosen, group } = view;
  const lights = { green: 0, amber: 0, red: 0 };
  for (const r of o.rows) if (r.light) lights[r.light]++;
  const hasGroups = o.rows.some((r) => r.familyGroup !== null);
  return (
    <>
      <p>
        Every community planning partnership on one indicator, beside Scotland: the latest value, the improvement since
        the first year (projections left out), and the traffic light against Scotland and against the average of the
        other partnerships in its CPOP family group (green: better and improving faster; red: worse and improving more
        slowly; amber: mixed). Click a column heading to sort. The demo partnership is fictional and never part of this
        picture.
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
              value={group ? String(group) : null}
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
        {o.scotland.latest ? `${fmt(o.scotland.latest.value)} (${o.scotland.latest.period})` : 'no value'}, improvement{' '}
        {pct(o.scotland.improvementRate)}. Against Scotland: {lights.green} green, {lights.amber} amber, {lights.red}{' '}
        red. <a href={`/scotland.csv?indicator=${chosen.code}`}>Download as CSV</a> ·{' '}
        <a href={`/compare?indicator=${chosen.code}`}>Compare partnerships over time</a> ·{' '}
        <a href={`/indicators/${encodeURIComponent(chosen.code)}`}>About this indicator</a> ·{' '}
        <a href="/indicators">All indicators</a>
      </p>
      {shapes.length ? <OverviewMap overview={o} view={view} shapes={shapes} /> : null}
      <OverviewTable overview={o} view={view} />
    </>
  );
}

/** The compare page's choice of council areas, as checkboxes. */
function AreaCheckboxes({
  councils,
  areas,
}: {
  councils: { councilAreaCode: string; councilAreaName: string }[];
  areas: readonly string[];
}) {
  return (
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
                checked={areas.includes(p.councilAreaCode)}
              />
              <label class="ds_checkbox__label" for={`area-${p.councilAreaCode}`}>
                {p.councilAreaName}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The compared areas' values, period by period. */
function ComparisonTable({ chosen, result }: { chosen: IndicatorChoice; result: Comparison }) {
  const periods = [
    ...new Set(result.areas.flatMap((a) => a.series.points.map((p) => `${p.periodStart}|${p.period}`))),
  ].sort();
  return (
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
  );
}

/** Compare: one indicator for up to six council areas beside Scotland, as a chart and a table. */
export function ComparePage({
  choices,
  chosen,
  councils,
  areas,
  result,
}: {
  choices: IndicatorChoice[];
  chosen: IndicatorChoice;
  councils: { councilAreaCode: string; councilAreaName: string }[];
  /** The areas asked for (the checkboxes ticked). */
  areas: readonly string[];
  result: Comparison;
}) {
  const points = result.areas.flatMap((a) =>
    a.series.points.map((p) => ({
      series: a.name,
      x: p.periodStart,
      y: p.value,
      projected: p.valueType === 'projected',
    })),
  );
  const csvHref = `/compare.csv?indicator=${chosen.code}${areas.map((a) => `&areas=${a}`).join('')}`;
  return (
    <>
      <p>One indicator for up to six council areas beside Scotland, over time. Dashed lines are projections.</p>
      <IndicatorPicker
        choices={choices}
        value={chosen.code}
        action="/compare"
        extra={<AreaCheckboxes councils={councils} areas={areas} />}
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
      <ComparisonTable chosen={chosen} result={result} />
      <p>
        <a href={csvHref}>Download as CSV</a>
      </p>
    </>
  );
}
