import { raw } from 'hono/html';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { Table, Tag } from '../../core/ui/components.tsx';
import type { CommunityRanking } from './communities.service.ts';
import { areaName, fmt, pct } from './format.ts';
import type { LocalitySummary } from './locality-test.ts';
import type { LocalityTestRow } from './outcomes.presenters.ts';
import type { IndicatorProfile, InequalityProfile, Locality, LocalityTests } from './outcomes.service.ts';
import { SeriesFigure } from './series-figure.tsx';

/** Views of a partnership's outcomes, inequality and localities: props in, JSX out (routes in outcomes.routes.tsx). */

const CHANGE_TEXT = { improving: 'Improving', maintaining: 'Maintaining', worsening: 'Worsening' } as const;
const LIGHT_TEXT = {
  green: 'Better and improving faster',
  amber: 'Mixed',
  red: 'Worse and improving more slowly',
} as const;

function Light({ light }: { light: keyof typeof LIGHT_TEXT }) {
  return <span class={`cairn-light cairn-light--${light}`}>{LIGHT_TEXT[light]}</span>;
}

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
            Against Scotland: <Light light={i.light} />
          </>
        ) : null}
        {i.familyLight ? (
          <>
            {' '}
            Against its family group: <Light light={i.familyLight} />
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

/** The profile's summary table: each indicator's latest values, improvement and lights. */
function ProfileSummary({ profile, area }: { profile: IndicatorProfile[]; area: string }) {
  return (
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
          cell: (i) => (i.scotland.latest ? `${fmt(i.scotland.latest.value)} (${i.scotland.latest.period})` : '—'),
          numeric: true,
        },
        { header: `${area}, improvement`, cell: (i) => pct(i.area.improvementRate), numeric: true },
        { header: 'Scotland, improvement', cell: (i) => pct(i.scotland.improvementRate), numeric: true },
        { header: 'Against Scotland', cell: (i) => (i.light ? <Light light={i.light} /> : '—') },
        { header: 'Against its family group', cell: (i) => (i.familyLight ? <Light light={i.familyLight} /> : '—') },
        {
          header: 'Latest change',
          cell: (i) =>
            i.change ? `${CHANGE_TEXT[i.change.direction]} (${i.change.fromYear}–${i.change.toYear})` : '—',
        },
      ]}
    />
  );
}

/** A partnership's outcomes profile: every CPOP indicator beside Scotland and its family group. */
export function OutcomesProfile({
  partnership: p,
  profile,
}: {
  partnership: PartnershipRef;
  profile: IndicatorProfile[];
}) {
  const area = areaName(p);
  const lights = { green: 0, amber: 0, red: 0 };
  for (const i of profile) if (i.light) lights[i.light]++;
  if (profile.length === 0)
    return (
      <p>
        No outcomes data has been loaded for this partnership yet. A national analyst loads it with{' '}
        <code>cairn import cpop-partnerships</code>.
      </p>
    );
  return (
    <>
      <p>
        The Community Planning Outcomes Profile’s indicators for {area}, beside Scotland. The improvement rate compares
        the latest value with the first (projections left out). The traffic light compares {area} with Scotland: green
        when it is better and improving faster, red when it is worse and improving more slowly, amber otherwise; it is
        given against the average of the other partnerships of {area}’s CPOP family group too. “Latest change” is
        improving, maintaining or worsening by each indicator’s criterion (kept as data with its source).{' '}
        {p.fictional ? (
          <strong>
            {area}’s values are invented for the demo; Scotland’s are real (Improvement Service, CPOP, September 2023).
          </strong>
        ) : (
          'Source: Improvement Service, CPOP, September 2023.'
        )}{' '}
        <a href={partnershipHref(p.code, 'outcomes.csv')}>Download all the data as CSV</a> ·{' '}
        <a href={partnershipHref(p.code, 'inequality')}>Inequality between {area}’s communities</a> ·{' '}
        <a href={partnershipHref(p.code, 'locality-test')}>Localities with significantly poorer outcomes</a> ·{' '}
        <a href="/scotland">All 32 partnerships</a>.
      </p>
      <p>
        Against Scotland: {lights.green} green, {lights.amber} amber, {lights.red} red.
      </p>
      <ProfileSummary profile={profile} area={area} />
      {profile.map((i) => (
        <IndicatorSection i={i} area={area} />
      ))}
    </>
  );
}

const worseText = (i: InequalityProfile) =>
  i.latest?.worse === 'most deprived'
    ? 'Most deprived worse'
    : i.latest?.worse === 'least deprived'
      ? 'Least deprived worse'
      : i.latest?.worse === 'neither'
        ? 'No gap'
        : '—';

/** One indicator's Duncan index over the years, as a chart (given two years or more) and a table. */
function InequalitySection({ i, area }: { i: InequalityProfile; area: string }) {
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
}

/** Inequality between a partnership's communities: the method, the latest year of each indicator, and each over time. */
export function InequalityPage({ partnership: p, rows }: { partnership: PartnershipRef; rows: InequalityProfile[] }) {
  const area = areaName(p);
  if (!rows.length)
    return (
      <p>
        No inequality inputs have been loaded for this partnership. A national analyst loads CPOP’s with{' '}
        <code>cairn import cpop-inequality</code>.
      </p>
    );
  return (
    <>
      <p>
        How unequal outcomes are between {area}’s communities (intermediate zones), from the Improvement Service’s CPOP
        inequality inputs. The <strong>Duncan index</strong> runs from 0 (income-deprived people are spread evenly
        across communities whatever their outcome) towards 1 (they are concentrated where outcomes are poorest); a
        negative value means the reverse. In the latest year, the <strong>most and least income-deprived</strong>{' '}
        communities (the tenth at each end, as CPOP counts them) are compared, and the{' '}
        <strong>slope index of inequality</strong> (the gap between the two ends of the deprivation scale, fitted over
        every community and weighted by population) and the <strong>relative index</strong> (the slope over the mean)
        are given. <a href={partnershipHref(p.code, 'inequality.csv')}>Download as CSV</a>.
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
      {rows.map((i) => (
        <InequalitySection i={i} area={area} />
      ))}
    </>
  );
}

const verdict = (v: string) =>
  v === 'significantly poorer' ? <strong>Significantly poorer</strong> : v.charAt(0).toUpperCase() + v.slice(1);
const pValue = (x: number | null) => (x === null ? '—' : x < 0.001 ? '< 0.001' : x.toFixed(3));
const reasonsText = (s: LocalitySummary) =>
  s.reasons.map((r) => `${r.indicatorName ?? r.indicatorCode} (than ${r.poorerThan.join(' and ')})`).join('; ');

/** The locality test's summary: on how many indicators each locality is significantly poorer. */
function LocalitySummaries({ partnership: p, t }: { partnership: PartnershipRef; t: LocalityTests }) {
  return (
    <Table
      caption="Localities: on how many indicators each is significantly poorer"
      rows={t.summaries}
      empty=""
      columns={[
        {
          header: 'Locality',
          cell: (s) => <a href={partnershipHref(p.code, 'localities', s.code)}>{s.name ?? s.code}</a>,
        },
        { header: 'Indicators tested', cell: (s) => s.tested, numeric: true },
        { header: 'Poorer than the rest of the area', cell: (s) => s.poorerThanArea, numeric: true },
        { header: 'Poorer than Scotland', cell: (s) => s.poorerThanScotland, numeric: true },
        {
          header: 'A locality plan is indicated',
          cell: (s) => (s.needsPlan ? <strong>Yes</strong> : 'No'),
        },
        { header: 'Significantly poorer on', cell: (s) => reasonsText(s) || '—' },
      ]}
    />
  );
}

/** The locality test's evidence: each locality against the rest of the area and Scotland, indicator by indicator. */
function LocalityEvidence({ rows }: { rows: LocalityTestRow[] }) {
  return (
    <Table
      caption="Each locality against the rest of the area and Scotland"
      rows={rows}
      empty=""
      columns={[
        { header: 'Indicator', cell: (x) => x.indicator },
        { header: 'Locality', cell: (x) => x.r.name ?? x.r.code },
        { header: 'Locality value', cell: (x) => fmt(x.r.value, 2), numeric: true },
        { header: 'Rest of area', cell: (x) => fmt(x.r.vsArea.comparatorValue, 2), numeric: true },
        { header: 'p (area)', cell: (x) => pValue(x.r.vsArea.pValue), numeric: true },
        { header: 'Against the area', cell: (x) => verdict(x.r.vsArea.verdict) },
        { header: 'Scotland', cell: (x) => fmt(x.r.vsScotland.comparatorValue, 2), numeric: true },
        { header: 'p (Scotland)', cell: (x) => pValue(x.r.vsScotland.pValue), numeric: true },
        { header: 'Against Scotland', cell: (x) => verdict(x.r.vsScotland.verdict) },
      ]}
    />
  );
}

/** The statutory locality test (s.10): the method, the summary by locality and the evidence. */
export function LocalityTestPage({
  partnership: p,
  t,
  rows,
}: {
  partnership: PartnershipRef;
  t: LocalityTests;
  rows: LocalityTestRow[];
}) {
  return (
    <>
      <p>
        Section 10 of the Community Empowerment (Scotland) Act 2015 asks a partnership to plan for the localities whose
        residents experience significantly poorer outcomes than people elsewhere in its area or in Scotland. For each
        indicator CPOP gives for communities, in its latest year, each locality’s value (its communities weighted by
        population) is tested against the rest of the area and against Scotland at the{' '}
        {Math.round((1 - t.parameters.significanceLevel) * 100)}% level: a proportion test where counts are given,
        otherwise Welch’s t-test on the communities’ values (at least {t.parameters.minZones} communities a side). The
        parameters are data (method_parameters). Whether a gap results from socio-economic disadvantage is for the
        partnership to judge.
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
          <LocalitySummaries partnership={p} t={t} />
          <p>
            <a href={partnershipHref(p.code, 'locality-test.csv')}>Download every comparison as CSV</a>
          </p>
          <h2>The evidence, indicator by indicator</h2>
          <LocalityEvidence rows={rows} />
        </>
      )}
    </>
  );
}

/** What one locality's page shows: the locality, the test's verdicts for it, and its communities. */
export interface LocalityProfile {
  locality: Locality;
  t: LocalityTests;
  summary: LocalitySummary | null;
  rows: LocalityTestRow[];
  communities: CommunityRanking[];
  ranked: number;
}

/** Whether the test indicates a locality plan, and on which indicators. */
function LocalityVerdict({ summary }: { summary: LocalitySummary }) {
  return (
    <p>
      {summary.needsPlan ? (
        <>
          <strong>A locality plan is indicated:</strong> significantly poorer on {reasonsText(summary)}.
        </>
      ) : (
        <>
          Not significantly poorer than the rest of the area or Scotland on enough of the {summary.tested} indicators
          tested to indicate a locality plan.
        </>
      )}
    </p>
  );
}

/** One locality: its outcomes against the rest of the area and Scotland, and its communities with their ranks. */
export function LocalityPage({
  partnership: p,
  profile: l,
}: {
  partnership: PartnershipRef;
  profile: LocalityProfile;
}) {
  return (
    <>
      <p>
        {l.locality.name} is made of {l.locality.zones.length}{' '}
        {l.locality.zones.length === 1 ? 'community' : 'communities'} (intermediate zones). Its value on each indicator
        is its communities’ values weighted by population, in the latest year CPOP gives, tested against the rest of the
        area and against Scotland at the {Math.round((1 - l.t.parameters.significanceLevel) * 100)}% level (see{' '}
        <a href={partnershipHref(p.code, 'locality-test')}>the locality test</a> for the method).
      </p>
      {l.summary ? <LocalityVerdict summary={l.summary} /> : null}
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
        <a href={partnershipHref(p.code, 'localities', l.locality.code, 'data.csv')}>
          Download these comparisons as CSV
        </a>
      </p>
      <h2>Its communities</h2>
      <Table
        caption={`The communities of ${l.locality.name}, best overall first, ranked among the ${l.ranked} communities of the area`}
        rows={l.communities}
        empty="No community of this locality has an overall score: community-level outcomes data has not been loaded."
        columns={[
          {
            header: 'Community',
            cell: (x) => <a href={partnershipHref(p.code, 'communities', x.code)}>{x.name}</a>,
          },
          { header: 'Overall score (mean z-score)', cell: (x) => fmt(x.overallScore, 2), numeric: true },
          { header: `Rank of ${l.ranked}`, cell: (x) => x.overallRank ?? '—', numeric: true },
          { header: 'Indicators scored', cell: (x) => x.indicatorsScored, numeric: true },
        ]}
      />
    </>
  );
}
