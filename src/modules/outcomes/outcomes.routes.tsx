import type { Context } from 'hono';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import type { Router } from '../../core/http/router.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { Table } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { raw } from 'hono/html';
import type { Deps } from '../../deps.ts';
import type { IndicatorProfile } from './outcomes.service.ts';

const LIGHT_TEXT = { green: 'Better and improving faster', amber: 'Mixed', red: 'Worse and improving more slowly' } as const;

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${fmt(v)}%`);

function IndicatorSection({ i, area }: { i: IndicatorProfile; area: string }) {
  const points = [
    ...i.area.points.map((p) => ({ series: area, x: p.periodStart, y: p.value, projected: p.valueType === 'projected' })),
    ...i.scotland.points.map((p) => ({ series: 'Scotland', x: p.periodStart, y: p.value, projected: p.valueType === 'projected' })),
  ];
  const periods = [...new Set([...i.area.points, ...i.scotland.points].map((p) => p.period))];
  const value = (series: IndicatorProfile['area'], period: string) => series.points.find((p) => p.period === period);
  const headingId = `indicator-${i.code}`;
  return (
    <section class="cairn-indicator" aria-labelledby={headingId}>
      <h2 id={headingId}>{i.name}</h2>
      <p>
        {i.unit ? `${i.unit}. ` : ''}
        {i.higherIsBetter === null ? '' : i.higherIsBetter ? 'Higher is better.' : 'Lower is better.'} Improvement rate since the first
        year: {area} {pct(i.area.improvementRate)}, Scotland {pct(i.scotland.improvementRate)}.
        {i.light ? (
          <>
            {' '}
            Against Scotland: <span class={`cairn-light cairn-light--${i.light}`}>{LIGHT_TEXT[i.light]}</span>
          </>
        ) : null}
      </p>
      <figure class="cairn-chart">
        {raw(lineChartSvg(points, { title: `${i.name}: ${area} and Scotland over time; dashed lines are projections`, yLabel: i.unit ?? '' }))}
        <figcaption>
          <ul class="cairn-legend">
            <li>
              <span class="cairn-legend__swatch cairn-legend__swatch--area"></span>
              {area}
            </li>
            <li>
              <span class="cairn-legend__swatch cairn-legend__swatch--scotland"></span>Scotland
            </li>
            <li>Dashed: projected</li>
          </ul>
        </figcaption>
      </figure>
      <details class="ds_details">
        <summary class="ds_details__summary">The data behind this chart</summary>
        <div class="ds_details__text">
          <Table
            caption={`${i.name}, ${area} and Scotland`}
            rows={periods}
            empty=""
            columns={[
              { header: 'Period', cell: (p) => p },
              { header: area, cell: (p) => `${fmt(value(i.area, p)?.value, 2)}${value(i.area, p)?.valueType === 'projected' ? ' (projected)' : value(i.area, p)?.valueType === 'imputed' ? ' (imputed)' : ''}`, numeric: true },
              { header: 'Scotland', cell: (p) => `${fmt(value(i.scotland, p)?.value, 2)}${value(i.scotland, p)?.valueType === 'projected' ? ' (projected)' : ''}`, numeric: true },
            ]}
          />
        </div>
      </details>
    </section>
  );
}

async function resolve(deps: Deps, c: Context<AppEnv>): Promise<PartnershipRef> {
  const p = await deps.partnerships.resolve(c.req.param('code') ?? '');
  if (!p) throw new NotFoundError('partnership');
  return p;
}

function csvOf(profile: IndicatorProfile[], p: PartnershipRef) {
  const rows = profile.flatMap((i) => [
    ...i.area.points.map((pt) => ({ i, area: p.councilAreaCode, pt })),
    ...i.scotland.points.map((pt) => ({ i, area: 'S92000003', pt })),
  ]);
  return toCsv(rows, [
    { header: 'area_code', value: (r) => r.area },
    { header: 'indicator_code', value: (r) => r.i.code },
    { header: 'indicator', value: (r) => r.i.name },
    { header: 'period', value: (r) => r.pt.period },
    { header: 'period_start', value: (r) => r.pt.periodStart },
    { header: 'value_type', value: (r) => r.pt.valueType },
    { header: 'value', value: (r) => r.pt.value },
  ]);
}

export function outcomesRoutes(router: Router, deps: Deps): void {
  const profileOf = (ctx: RequestContext, p: PartnershipRef) => deps.outcomes.profile(ctx, p.councilAreaCode);

  router.route(
    { method: 'GET', path: '/partnerships/:code/outcomes', permission: 'outcome:read', kind: 'page', summary: 'A partnership’s outcomes profile (CPOP indicators beside Scotland)' },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const profile = await profileOf(ctx, p);
      const area = p.name.replace(/ Community Planning Partnership.*$/, '');
      const lights = { green: 0, amber: 0, red: 0 };
      for (const i of profile) if (i.light) lights[i.light]++;
      return render(c, {
        title: 'Outcomes profile',
        label: p.name,
        wide: true,
        crumbs: [{ href: '/partnerships', label: 'Partnerships' }],
        children: (
          <>
            {profile.length === 0 ? (
              <p>
                No outcomes data has been loaded for this partnership yet. A national analyst loads it with{' '}
                <code>cairn import cpop-partnerships</code>.
              </p>
            ) : (
              <>
                <p>
                  The Community Planning Outcomes Profile’s indicators for {area}, beside Scotland. The improvement rate compares the
                  latest value with the first (projections left out). The traffic light compares {area} with Scotland: green when it is
                  better and improving faster, red when it is worse and improving more slowly, amber otherwise.{' '}
                  {p.fictional ? (
                    <strong>
                      {area}’s values are invented for the demo; Scotland’s are real (Improvement Service, CPOP, September 2023).
                    </strong>
                  ) : (
                    'Source: Improvement Service, CPOP, September 2023.'
                  )}{' '}
                  <a href={`/partnerships/${p.code}/outcomes.csv`}>Download all the data as CSV</a>.
                </p>
                <p>
                  Against Scotland: {lights.green} green, {lights.amber} amber, {lights.red} red.
                </p>
                <Table
                  caption={`Summary: ${area} against Scotland`}
                  rows={profile}
                  empty=""
                  columns={[
                    { header: 'Indicator', cell: (i) => <a href={`#indicator-${i.code}`}>{i.name}</a> },
                    { header: `${area}, latest`, cell: (i) => (i.area.latest ? `${fmt(i.area.latest.value)} (${i.area.latest.period})` : '—'), numeric: true },
                    { header: 'Scotland, latest', cell: (i) => (i.scotland.latest ? `${fmt(i.scotland.latest.value)} (${i.scotland.latest.period})` : '—'), numeric: true },
                    { header: `${area}, improvement`, cell: (i) => pct(i.area.improvementRate), numeric: true },
                    { header: 'Scotland, improvement', cell: (i) => pct(i.scotland.improvementRate), numeric: true },
                    { header: 'Against Scotland', cell: (i) => (i.light ? <span class={`cairn-light cairn-light--${i.light}`}>{LIGHT_TEXT[i.light]}</span> : '—') },
                  ]}
                />
                {profile.map((i) => (
                  <IndicatorSection i={i} area={area} />
                ))}
              </>
            )}
          </>
        ),
      });
    },
  );

  router.route(
    { method: 'GET', path: '/partnerships/:code/outcomes.csv', permission: 'outcome:read', kind: 'file', summary: 'A partnership’s outcomes profile as CSV' },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.body(csvOf(await profileOf(ctx, p), p), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-outcomes.csv"`,
      });
    },
  );

  router.route(
    { method: 'GET', path: '/api/v1/partnerships/:code/outcomes', permission: 'outcome:read', kind: 'api', tag: 'outcomes', summary: 'A partnership’s outcomes profile: CPOP series beside Scotland, improvement rates, traffic lights' },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json({ partnership: { code: p.code, name: p.name, councilAreaCode: p.councilAreaCode }, indicators: await profileOf(ctx, p) });
    },
  );
}
