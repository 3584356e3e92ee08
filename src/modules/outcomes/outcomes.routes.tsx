import type { Context } from 'hono';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { Table, Tag } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { raw } from 'hono/html';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { CommunitiesService } from './communities.service.ts';
import { Inequality, LocalityTest, OutcomesProfile } from './outcomes.api-schemas.ts';
import type { IndicatorProfile, InequalityProfile, OutcomesService } from './outcomes.service.ts';
import { SeriesFigure } from './series-figure.tsx';
import { fmt, pct } from './format.ts';

const CHANGE_TEXT = { improving: 'Improving', maintaining: 'Maintaining', worsening: 'Worsening' } as const;
const LIGHT_TEXT = {
  green: 'Better and improving faster',
  amber: 'Mixed',
  red: 'Worse and improving more slowly',
} as const;

function IndicatorSection({ i, area }: { i: IndicatorProfile; area: string }) {
  const headingId = `indicator-${i.code}`;
  return (
    <section class="cairn-indicator" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {i.name}
        {i.prevention ? (
          <>
            {' '}
            <Tag colour="teal">Prevention</Tag>
          </>
        ) : null}
      </h2>
      <p>
        {i.unit ? `${i.unit}. ` : ''}
        {i.higherIsBetter === null ? '' : i.higherIsBetter ? 'Higher is better.' : 'Lower is better.'} Improvement rate
        since the first year: {area} {pct(i.area.improvementRate)}, Scotland {pct(i.scotland.improvementRate)}.
        {i.light ? (
          <>
            {' '}
            Against Scotland: <span class={`cairn-light cairn-light--${i.light}`}>{LIGHT_TEXT[i.light]}</span>
          </>
        ) : null}
        {i.familyLight ? (
          <>
            {' '}
            Against its family group:{' '}
            <span class={`cairn-light cairn-light--${i.familyLight}`}>{LIGHT_TEXT[i.familyLight]}</span>
          </>
        ) : null}
        {i.change ? ` ${CHANGE_TEXT[i.change.direction]} (${i.change.fromYear} to ${i.change.toYear}).` : ''}
      </p>
      <SeriesFigure
        title={i.name}
        unit={i.unit}
        lines={[
          { label: area, points: i.area.points },
          { label: 'Scotland', points: i.scotland.points },
          ...(i.family ? [{ label: 'Family group average', points: i.family.points }] : []),
        ]}
      />
    </section>
  );
}

/** What the outcomes routes need: the partnership lookup by code, the outcomes and communities services. */
export interface OutcomesRoutesDeps {
  partnerships: Pick<PartnershipsService, 'resolve'>;
  outcomes: OutcomesService;
  communities: CommunitiesService;
}

async function resolve(deps: OutcomesRoutesDeps, c: Context<AppEnv>): Promise<PartnershipRef> {
  const p = await deps.partnerships.resolve(codeParam(c, 'code'));
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

export function outcomesRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  const profileOf = (ctx: RequestContext, p: PartnershipRef) => deps.outcomes.profile(ctx, p.councilAreaCode);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/outcomes',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'A partnership’s outcomes profile (CPOP indicators beside Scotland)',
    },
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
                  The Community Planning Outcomes Profile’s indicators for {area}, beside Scotland. The improvement rate
                  compares the latest value with the first (projections left out). The traffic light compares {area}{' '}
                  with Scotland: green when it is better and improving faster, red when it is worse and improving more
                  slowly, amber otherwise; it is given against the average of the other partnerships of {area}’s CPOP
                  family group too. “Latest change” is improving, maintaining or worsening by each indicator’s criterion
                  (kept as data with its source).{' '}
                  {p.fictional ? (
                    <strong>
                      {area}’s values are invented for the demo; Scotland’s are real (Improvement Service, CPOP,
                      September 2023).
                    </strong>
                  ) : (
                    'Source: Improvement Service, CPOP, September 2023.'
                  )}{' '}
                  <a href={`/partnerships/${p.code}/outcomes.csv`}>Download all the data as CSV</a> ·{' '}
                  <a href={`/partnerships/${p.code}/inequality`}>Inequality between {area}’s communities</a> ·{' '}
                  <a href={`/partnerships/${p.code}/locality-test`}>Localities with significantly poorer outcomes</a> ·{' '}
                  <a href="/scotland">All 32 partnerships</a>.
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
                    {
                      header: `${area}, latest`,
                      cell: (i) => (i.area.latest ? `${fmt(i.area.latest.value)} (${i.area.latest.period})` : '—'),
                      numeric: true,
                    },
                    {
                      header: 'Scotland, latest',
                      cell: (i) =>
                        i.scotland.latest ? `${fmt(i.scotland.latest.value)} (${i.scotland.latest.period})` : '—',
                      numeric: true,
                    },
                    { header: `${area}, improvement`, cell: (i) => pct(i.area.improvementRate), numeric: true },
                    { header: 'Scotland, improvement', cell: (i) => pct(i.scotland.improvementRate), numeric: true },
                    {
                      header: 'Against Scotland',
                      cell: (i) =>
                        i.light ? (
                          <span class={`cairn-light cairn-light--${i.light}`}>{LIGHT_TEXT[i.light]}</span>
                        ) : (
                          '—'
                        ),
                    },
                    {
                      header: 'Against its family group',
                      cell: (i) =>
                        i.familyLight ? (
                          <span class={`cairn-light cairn-light--${i.familyLight}`}>{LIGHT_TEXT[i.familyLight]}</span>
                        ) : (
                          '—'
                        ),
                    },
                    {
                      header: 'Latest change',
                      cell: (i) =>
                        i.change ? `${CHANGE_TEXT[i.change.direction]} (${i.change.fromYear}–${i.change.toYear})` : '—',
                    },
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
    {
      method: 'GET',
      path: '/partnerships/:code/outcomes.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'A partnership’s outcomes profile as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.body(csvOf(await profileOf(ctx, p), p), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-outcomes.csv"`,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/outcomes',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary: 'A partnership’s outcomes profile: CPOP series beside Scotland, improvement rates, traffic lights',
      operationId: 'getOutcomesProfile',
      response: OutcomesProfile,
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json({
        partnership: { code: p.code, name: p.name, councilAreaCode: p.councilAreaCode },
        indicators: await profileOf(ctx, p),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/inequality',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'Inequality inside a partnership: Duncan index over time, most vs least income-deprived communities, slope and relative indexes',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const rows = await deps.outcomes.inequality(ctx, p.councilAreaCode);
      const area = p.name.replace(/ Community Planning Partnership.*$/, '');
      const worseText = (i: InequalityProfile) =>
        i.latest?.worse === 'most deprived'
          ? 'Most deprived worse'
          : i.latest?.worse === 'least deprived'
            ? 'Least deprived worse'
            : i.latest?.worse === 'neither'
              ? 'No gap'
              : '—';
      return render(c, {
        title: 'Inequality between communities',
        label: p.name,
        wide: true,
        crumbs: [{ href: `/partnerships/${p.code}/outcomes`, label: 'Outcomes profile' }],
        children: rows.length ? (
          <>
            <p>
              How unequal outcomes are between {area}’s communities (intermediate zones), from the Improvement Service’s
              CPOP inequality inputs. The <strong>Duncan index</strong> runs from 0 (income-deprived people are spread
              evenly across communities whatever their outcome) towards 1 (they are concentrated where outcomes are
              poorest); a negative value means the reverse. In the latest year, the{' '}
              <strong>most and least income-deprived</strong> communities (the tenth at each end, as CPOP counts them)
              are compared, and the <strong>slope index of inequality</strong> (the gap between the two ends of the
              deprivation scale, fitted over every community and weighted by population) and the{' '}
              <strong>relative index</strong> (the slope over the mean) are given.{' '}
              <a href={`/partnerships/${p.code}/inequality.csv`}>Download as CSV</a>.
            </p>
            <Table
              caption={`Inequality in ${area}, latest year of each indicator`}
              rows={rows}
              empty=""
              columns={[
                { header: 'Indicator', cell: (i) => <a href={`#inequality-${i.indicatorCode}`}>{i.indicator}</a> },
                { header: 'Year', cell: (i) => i.latest?.year ?? '—', numeric: true },
                {
                  header: 'Duncan index',
                  cell: (i) => fmt(i.duncan.find((d) => d.year === i.latest?.year)?.value, 3),
                  numeric: true,
                },
                { header: 'Most deprived tenth', cell: (i) => fmt(i.latest?.mostMean, 1), numeric: true },
                { header: 'Least deprived tenth', cell: (i) => fmt(i.latest?.leastMean, 1), numeric: true },
                { header: 'Gap', cell: (i) => fmt(i.latest?.gap, 1), numeric: true },
                { header: 'Which fares worse', cell: worseText },
                { header: 'Slope index', cell: (i) => fmt(i.latest?.sii, 2), numeric: true },
                { header: 'Relative index', cell: (i) => fmt(i.latest?.rii, 2), numeric: true },
              ]}
            />
            {rows.map((i) => {
              const points = i.duncan
                .filter((d) => d.value !== null)
                .map((d) => ({ series: `${area}: Duncan index`, x: `${d.year}-01-01`, y: d.value as number }));
              return (
                <section aria-labelledby={`inequality-${i.indicatorCode}`}>
                  <h2 id={`inequality-${i.indicatorCode}`}>{i.indicator}</h2>
                  {points.length > 1 ? (
                    <figure class="cairn-chart">
                      {raw(
                        lineChartSvg(points, {
                          title: `${i.indicator}: Duncan index in ${area} by year`,
                          yLabel: 'Duncan index',
                        }),
                      )}
                    </figure>
                  ) : null}
                  <details class="ds_details">
                    <summary class="ds_details__summary">The data behind this chart</summary>
                    <div class="ds_details__text">
                      <Table
                        caption={`${i.indicator}: Duncan index by year`}
                        rows={i.duncan}
                        empty="No year."
                        columns={[
                          { header: 'Year', cell: (d) => d.year, numeric: true },
                          { header: 'Duncan index', cell: (d) => fmt(d.value, 3), numeric: true },
                          { header: 'Note', cell: (d) => d.note ?? '' },
                        ]}
                      />
                    </div>
                  </details>
                </section>
              );
            })}
          </>
        ) : (
          <p>
            No inequality inputs have been loaded for this partnership. A national analyst loads CPOP’s with{' '}
            <code>cairn import cpop-inequality</code>.
          </p>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/inequality.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'Inequality inside a partnership by indicator and year, as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const rows = (await deps.outcomes.inequality(ctx, p.councilAreaCode)).flatMap((i) =>
        i.duncan.map((d) => ({ i, d, latest: i.latest?.year === d.year ? i.latest : null })),
      );
      return c.body(
        toCsv(rows, [
          { header: 'area_code', value: () => p.councilAreaCode },
          { header: 'indicator_code', value: (r) => r.i.indicatorCode },
          { header: 'year', value: (r) => r.d.year },
          { header: 'duncan_index', value: (r) => r.d.value },
          { header: 'most_deprived_mean', value: (r) => r.latest?.mostMean },
          { header: 'least_deprived_mean', value: (r) => r.latest?.leastMean },
          { header: 'gap', value: (r) => r.latest?.gap },
          { header: 'slope_index', value: (r) => r.latest?.sii },
          { header: 'relative_index', value: (r) => r.latest?.rii },
        ]),
        200,
        {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${p.code}-inequality.csv"`,
        },
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/inequality',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'Inequality inside a partnership: Duncan index by year; latest most vs least deprived, slope and relative indexes',
      operationId: 'getInequality',
      response: Inequality,
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json({
        partnership: { code: p.code, councilAreaCode: p.councilAreaCode },
        indicators: await deps.outcomes.inequality(ctx, p.councilAreaCode),
      });
    },
  );

  const localityRows = async (ctx: RequestContext, p: PartnershipRef) => {
    const t = await deps.outcomes.localityTests(ctx, p.councilAreaCode, p.id);
    const rows = t.indicators.flatMap((i) =>
      i.results.map((r) => ({ indicator: i.indicatorName ?? i.indicatorCode, code: i.indicatorCode, r })),
    );
    return { t, rows };
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/locality-test',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'Which localities have significantly poorer outcomes than the rest of the area and Scotland (s.10), with the evidence',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const { t, rows } = await localityRows(ctx, p);
      const verdict = (v: string) =>
        v === 'significantly poorer' ? <strong>Significantly poorer</strong> : v.charAt(0).toUpperCase() + v.slice(1);
      const pv = (x: number | null) => (x === null ? '—' : x < 0.001 ? '< 0.001' : x.toFixed(3));
      return render(c, {
        title: 'Localities with significantly poorer outcomes',
        label: p.name,
        wide: true,
        crumbs: [{ href: `/partnerships/${p.code}/outcomes`, label: 'Outcomes profile' }],
        children: (
          <>
            <p>
              Section 10 of the Community Empowerment (Scotland) Act 2015 asks a partnership to plan for the localities
              whose residents experience significantly poorer outcomes than people elsewhere in its area or in Scotland.
              For each indicator CPOP gives for communities, in its latest year, each locality’s value (its communities
              weighted by population) is tested against the rest of the area and against Scotland at the{' '}
              {Math.round((1 - t.parameters.significanceLevel) * 100)}% level: a proportion test where counts are given,
              otherwise Welch’s t-test on the communities’ values (at least {t.parameters.minZones} communities a side).
              The parameters are data (method_parameters). Whether a gap results from socio-economic disadvantage is for
              the partnership to judge.
            </p>
            {t.localities.length === 0 ? (
              <p>The partnership has not defined its localities yet.</p>
            ) : t.indicators.length === 0 ? (
              <p>
                No community-level outcomes data has been loaded. A national analyst loads it with{' '}
                <code>cairn import cpop-communities</code>.
              </p>
            ) : (
              <>
                <Table
                  caption="Localities: on how many indicators each is significantly poorer"
                  rows={t.summaries}
                  empty=""
                  columns={[
                    {
                      header: 'Locality',
                      cell: (s) => (
                        <a href={`/partnerships/${p.code}/localities/${encodeURIComponent(s.code)}`}>
                          {s.name ?? s.code}
                        </a>
                      ),
                    },
                    { header: 'Indicators tested', cell: (s) => s.tested, numeric: true },
                    { header: 'Poorer than the rest of the area', cell: (s) => s.poorerThanArea, numeric: true },
                    { header: 'Poorer than Scotland', cell: (s) => s.poorerThanScotland, numeric: true },
                    {
                      header: 'A locality plan is indicated',
                      cell: (s) => (s.needsPlan ? <strong>Yes</strong> : 'No'),
                    },
                    {
                      header: 'Significantly poorer on',
                      cell: (s) =>
                        s.reasons
                          .map((r) => `${r.indicatorName ?? r.indicatorCode} (than ${r.poorerThan.join(' and ')})`)
                          .join('; ') || '—',
                    },
                  ]}
                />
                <p>
                  <a href={`/partnerships/${p.code}/locality-test.csv`}>Download every comparison as CSV</a>
                </p>
                <h2>The evidence, indicator by indicator</h2>
                <Table
                  caption="Each locality against the rest of the area and Scotland"
                  rows={rows}
                  empty=""
                  columns={[
                    { header: 'Indicator', cell: (x) => x.indicator },
                    { header: 'Locality', cell: (x) => x.r.name ?? x.r.code },
                    { header: 'Locality value', cell: (x) => fmt(x.r.value, 2), numeric: true },
                    { header: 'Rest of area', cell: (x) => fmt(x.r.vsArea.comparatorValue, 2), numeric: true },
                    { header: 'p (area)', cell: (x) => pv(x.r.vsArea.pValue), numeric: true },
                    { header: 'Against the area', cell: (x) => verdict(x.r.vsArea.verdict) },
                    { header: 'Scotland', cell: (x) => fmt(x.r.vsScotland.comparatorValue, 2), numeric: true },
                    { header: 'p (Scotland)', cell: (x) => pv(x.r.vsScotland.pValue), numeric: true },
                    { header: 'Against Scotland', cell: (x) => verdict(x.r.vsScotland.verdict) },
                  ]}
                />
              </>
            )}
          </>
        ),
      });
    },
  );

  /** One locality of the partnership: the locality test's verdicts for it, and its communities. */
  const localityProfile = async (ctx: RequestContext, p: PartnershipRef, code: string) => {
    const [locality, { t, rows }, communities] = await Promise.all([
      deps.outcomes.locality(ctx, p.id, code),
      localityRows(ctx, p),
      deps.communities.overview(ctx, p.councilAreaCode).catch(() => null),
    ]);
    const zones = new Set(locality.zones.map((z) => z.code));
    return {
      locality,
      t,
      summary: t.summaries.find((s) => s.code === locality.code) ?? null,
      rows: rows.filter((x) => x.r.code === locality.code),
      communities: (communities?.communities ?? []).filter((c) => zones.has(c.code)),
      ranked: communities?.ranked ?? 0,
    };
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/localities/:localityCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'One locality of a partnership: its outcomes against the rest of the area and Scotland, and its communities with their ranks',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const l = await localityProfile(ctx, p, codeParam(c, 'localityCode'));
      const verdict = (v: string) =>
        v === 'significantly poorer' ? <strong>Significantly poorer</strong> : v.charAt(0).toUpperCase() + v.slice(1);
      const base = `/partnerships/${p.code}/localities/${encodeURIComponent(l.locality.code)}`;
      return render(c, {
        title: l.locality.name,
        label: `Locality of ${p.name}`,
        wide: true,
        crumbs: [
          { href: `/partnerships/${p.code}/outcomes`, label: 'Outcomes profile' },
          { href: `/partnerships/${p.code}/locality-test`, label: 'Localities' },
        ],
        children: (
          <>
            <p>
              {l.locality.name} is made of {l.locality.zones.length}{' '}
              {l.locality.zones.length === 1 ? 'community' : 'communities'} (intermediate zones). Its value on each
              indicator is its communities’ values weighted by population, in the latest year CPOP gives, tested against
              the rest of the area and against Scotland at the{' '}
              {Math.round((1 - l.t.parameters.significanceLevel) * 100)}% level (see{' '}
              <a href={`/partnerships/${p.code}/locality-test`}>the locality test</a> for the method).
            </p>
            {l.summary ? (
              <p>
                {l.summary.needsPlan ? (
                  <>
                    <strong>A locality plan is indicated:</strong> significantly poorer on{' '}
                    {l.summary.reasons
                      .map((r) => `${r.indicatorName ?? r.indicatorCode} (than ${r.poorerThan.join(' and ')})`)
                      .join('; ')}
                    .
                  </>
                ) : (
                  <>
                    Not significantly poorer than the rest of the area or Scotland on enough of the {l.summary.tested}{' '}
                    indicators tested to indicate a locality plan.
                  </>
                )}
              </p>
            ) : null}
            <h2>Outcomes against the rest of the area and Scotland</h2>
            <Table
              caption={`${l.locality.name}: each indicator against the rest of the area and Scotland`}
              rows={l.rows}
              empty="No community-level outcomes data has been loaded for this area."
              columns={[
                { header: 'Indicator', cell: (x) => x.indicator },
                { header: 'Locality value', cell: (x) => fmt(x.r.value, 2), numeric: true },
                { header: 'Communities with values', cell: (x) => x.r.zonesWithValues, numeric: true },
                { header: 'Rest of area', cell: (x) => fmt(x.r.vsArea.comparatorValue, 2), numeric: true },
                { header: 'Against the area', cell: (x) => verdict(x.r.vsArea.verdict) },
                { header: 'Scotland', cell: (x) => fmt(x.r.vsScotland.comparatorValue, 2), numeric: true },
                { header: 'Against Scotland', cell: (x) => verdict(x.r.vsScotland.verdict) },
              ]}
            />
            <p>
              <a href={`${base}/data.csv`}>Download these comparisons as CSV</a>
            </p>
            <h2>Its communities</h2>
            <Table
              caption={`The communities of ${l.locality.name}, best overall first, ranked among the ${l.ranked} communities of the area`}
              rows={l.communities}
              empty="No community of this locality has an overall score: community-level outcomes data has not been loaded."
              columns={[
                {
                  header: 'Community',
                  cell: (x) => <a href={`/partnerships/${p.code}/communities/${x.code}`}>{x.name}</a>,
                },
                { header: 'Overall score (mean z-score)', cell: (x) => fmt(x.overallScore, 2), numeric: true },
                { header: `Rank of ${l.ranked}`, cell: (x) => x.overallRank ?? '—', numeric: true },
                { header: 'Indicators scored', cell: (x) => x.indicatorsScored, numeric: true },
              ]}
            />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/localities/:localityCode/data.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'One locality’s comparisons with the rest of the area and Scotland, as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const l = await localityProfile(ctx, p, codeParam(c, 'localityCode'));
      return c.body(
        toCsv(l.rows, [
          { header: 'indicator_code', value: (x) => x.code },
          { header: 'indicator', value: (x) => x.indicator },
          { header: 'locality_code', value: (x) => x.r.code },
          { header: 'locality_value', value: (x) => x.r.value },
          { header: 'zones_with_values', value: (x) => x.r.zonesWithValues },
          { header: 'rest_of_area_value', value: (x) => x.r.vsArea.comparatorValue },
          { header: 'rest_of_area_p_value', value: (x) => x.r.vsArea.pValue },
          { header: 'rest_of_area_verdict', value: (x) => x.r.vsArea.verdict },
          { header: 'scotland_value', value: (x) => x.r.vsScotland.comparatorValue },
          { header: 'scotland_p_value', value: (x) => x.r.vsScotland.pValue },
          { header: 'scotland_verdict', value: (x) => x.r.vsScotland.verdict },
        ]),
        200,
        {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${p.code}-${l.locality.code}.csv"`,
        },
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/locality-test.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'Every locality test comparison (s.10), as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const { rows } = await localityRows(ctx, p);
      const side = (k: 'vsArea' | 'vsScotland', prefix: string) => [
        { header: `${prefix}_value`, value: (x: (typeof rows)[number]) => x.r[k].comparatorValue },
        { header: `${prefix}_test`, value: (x: (typeof rows)[number]) => x.r[k].test },
        { header: `${prefix}_statistic`, value: (x: (typeof rows)[number]) => x.r[k].statistic },
        { header: `${prefix}_p_value`, value: (x: (typeof rows)[number]) => x.r[k].pValue },
        { header: `${prefix}_verdict`, value: (x: (typeof rows)[number]) => x.r[k].verdict },
      ];
      return c.body(
        toCsv(rows, [
          { header: 'indicator_code', value: (x) => x.code },
          { header: 'indicator', value: (x) => x.indicator },
          { header: 'locality_code', value: (x) => x.r.code },
          { header: 'locality', value: (x) => x.r.name },
          { header: 'locality_value', value: (x) => x.r.value },
          { header: 'zones_with_values', value: (x) => x.r.zonesWithValues },
          ...side('vsArea', 'rest_of_area'),
          ...side('vsScotland', 'scotland'),
        ]),
        200,
        {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${p.code}-locality-test.csv"`,
        },
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/locality-test',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'The locality test (s.10): each locality against the rest of the area and Scotland, per indicator, with the summary',
      operationId: 'getLocalityTest',
      response: LocalityTest,
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json(await deps.outcomes.localityTests(ctx, p.councilAreaCode, p.id));
    },
  );
}
