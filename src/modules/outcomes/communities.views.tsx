import { raw } from 'hono/html';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipApiHref, partnershipHref } from '../../core/http/paths.ts';
import { Table, type TableColumn } from '../../core/ui/components.tsx';
import { choroplethSvg, type MapArea } from '../../core/ui/maps.ts';
import type {
  CommunitiesOverview,
  CommunityIndicatorProfile,
  CommunityPoint,
  CommunityProfile,
  CommunityRanking,
  CommunitySeries,
} from './communities.service.ts';
import { areaName, fmt } from './format.ts';
import { SeriesFigure } from './series-figure.tsx';

/** Views of a partnership's communities ranked in the round: props in, JSX out (routes in communities.routes.tsx). */

const SOURCE = 'Improvement Service, Community Planning Outcomes Profile (CPOP), September 2023';

const signed = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : v.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero' });
const typeNote = (t: CommunityPoint['valueType'] | undefined) =>
  t === 'projected' ? ' (projected)' : t === 'imputed' ? ' (imputed)' : '';

/** Sort the ranking by overall rank, name, or one indicator's rank; communities without a value go last either way. */
function sortCommunities(o: CommunitiesOverview, sort: string, dir: 'asc' | 'desc'): CommunityRanking[] {
  const key = (c: CommunityRanking): number | string | null =>
    sort === 'name' ? c.name : sort === 'rank' ? c.overallRank : (c.scores[sort]?.rank ?? null);
  const sign = dir === 'asc' ? 1 : -1;
  return [...o.communities].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
}

/** The ranking table, sorted as asked, each heading a link that sorts by it. */
function RankingTable({
  partnership: p,
  overview: o,
  sort,
  dir,
}: {
  partnership: PartnershipRef;
  overview: CommunitiesOverview;
  sort: string;
  dir: 'asc' | 'desc';
}) {
  const base = partnershipHref(p.code, 'communities');
  const header = (s: string, label: string) => (
    <a href={`${base}?sort=${encodeURIComponent(s)}&dir=${sort === s && dir === 'asc' ? 'desc' : 'asc'}`}>{label}</a>
  );
  const sorted = (s: string): 'ascending' | 'descending' | undefined =>
    sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const columns: TableColumn<CommunityRanking>[] = [
    {
      header: header('rank', 'Overall rank'),
      cell: (r) => r.overallRank ?? '—',
      numeric: true,
      sorted: sorted('rank'),
    },
    {
      header: header('name', 'Community'),
      cell: (r) => <a href={partnershipHref(p.code, 'communities', r.code)}>{r.name}</a>,
      sorted: sorted('name'),
    },
    { header: 'Overall score', cell: (r) => signed(r.overallScore), numeric: true },
    ...o.indicators.map((i): TableColumn<CommunityRanking> => ({
      header: header(i.code, `${i.name} (${i.period})`),
      cell: (r) => {
        const s = r.scores[i.code];
        return s ? (
          <>
            {fmt(s.value)} <span class="cairn-z">({signed(s.zScore)})</span>
          </>
        ) : (
          '—'
        );
      },
      numeric: true,
      sorted: sorted(i.code),
    })),
  ];
  const sortLabel =
    sort === 'rank'
      ? 'overall rank'
      : sort === 'name'
        ? 'name'
        : `rank on ${o.indicators.find((i) => i.code === sort)!.name}`;
  return (
    <Table
      caption={`${areaName(p)}’s communities, sorted by ${sortLabel} (${dir === 'asc' ? 'ascending' : 'descending'})`}
      rows={sortCommunities(o, sort, dir)}
      empty=""
      columns={columns}
    />
  );
}

/** A partnership's communities ranked in the round: the method, the map of overall scores and the table. */
export function CommunitiesRanking({
  partnership: p,
  overview: o,
  shapes,
  sort,
  dir,
}: {
  partnership: PartnershipRef;
  overview: CommunitiesOverview;
  shapes: MapArea[];
  sort: string;
  dir: 'asc' | 'desc';
}) {
  const area = areaName(p);
  if (o.indicators.length === 0)
    return (
      <p>
        No community data has been loaded for {area} yet. A national analyst loads CPOP’s intermediate zone data with{' '}
        <code>cairn import cpop-communities</code>.
      </p>
    );
  return (
    <>
      <p>
        {area}’s {o.communities.length} communities (intermediate zones) on the Community Planning Outcomes Profile’s
        community indicators, ranked “in the round” as CPOP does. Each cell gives a community’s value in the latest year
        with actual values (projections left out) and, in brackets, its z-score: how many standard deviations it lies
        from the average of {area}’s communities, with the sign turned round where a high value is bad, so that above
        zero is always better than average. The overall score is the mean of a community’s z-scores; rank 1 is the best.
        Choose a column heading to sort by it, and a community for its trends.
      </p>
      <p>
        {p.fictional ? (
          <strong>{area} and its communities are fictional, for the demo. </strong>
        ) : (
          `Source: ${SOURCE}. `
        )}
        <a href={partnershipHref(p.code, 'communities.csv')}>Download the table as CSV</a> ·{' '}
        <a href={partnershipApiHref(p.code, 'communities')}>as JSON</a>
      </p>
      {shapes.length ? (
        <figure class="cairn-chart cairn-map">
          {raw(
            choroplethSvg(shapes, new Map(o.communities.map((cm) => [cm.code, cm.overallScore])), {
              title: `${area}’s communities by overall score (mean z-score; darker is better)`,
              higherIsBetter: true,
              unit: null,
            }),
          )}
          <figcaption>
            Each community’s overall score, in five bands; the table below gives every value. Boundaries: Scottish
            Government, contains OS data.
          </figcaption>
        </figure>
      ) : null}
      <RankingTable partnership={p} overview={o} sort={sort} dir={dir} />
    </>
  );
}

function IndicatorSection({ i, profile }: { i: CommunityIndicatorProfile; profile: CommunityProfile }) {
  const lines: { label: string; series: CommunitySeries }[] = [
    { label: profile.community.name, series: i.community },
    { label: profile.councilArea.name, series: i.councilArea },
    { label: 'Scotland', series: i.scotland },
  ].filter((l) => l.series.points.length > 0);
  const headingId = `indicator-${i.code}`;
  const score = i.score;
  return (
    <section class="cairn-indicator" aria-labelledby={headingId}>
      <h2 id={headingId}>{i.name}</h2>
      <p>
        {i.unit ? `${i.unit}. ` : ''}
        {i.higherIsBetter === null ? '' : i.higherIsBetter ? 'Higher is better. ' : 'Lower is better. '}
        {score
          ? `In ${score.period}: ${fmt(score.value, 2)}${typeNote(score.valueType)}, z-score ${signed(score.zScore)}, ranked ${score.rank ?? '—'} of ${i.communitiesWithValue} communities in ${profile.councilArea.name}.`
          : `No value for ${i.period ?? 'the latest year'}, so not ranked on this indicator.`}
      </p>
      <SeriesFigure
        title={i.name}
        unit={i.unit}
        lines={lines.map((l) => ({ label: l.label, points: l.series.points }))}
      />
    </section>
  );
}

/** One community's profile: its rank, a summary table, and each indicator beside its council area and Scotland. */
export function CommunityPage({ partnership: p, profile }: { partnership: PartnershipRef; profile: CommunityProfile }) {
  const me = profile.community;
  const area = profile.councilArea.name;
  const latest = (s: CommunitySeries) => (s.latest ? `${fmt(s.latest.value)} (${s.latest.period})` : '—');
  if (profile.indicators.length === 0)
    return (
      <p>
        No community data has been loaded for {area} yet. A national analyst loads it with{' '}
        <code>cairn import cpop-communities</code>.
      </p>
    );
  return (
    <>
      <p>
        Intermediate zone {me.code} in {area}.{' '}
        {me.overallRank !== null
          ? `Ranked ${me.overallRank} of ${profile.ranked} communities in the round (overall score ${signed(me.overallScore)}, the mean of its z-scores on ${me.indicatorsScored} indicators).`
          : 'Not ranked overall: it has no value on any indicator in the year compared.'}{' '}
        A z-score above zero is better than the average of {area}’s communities; rank 1 is the best.
      </p>
      <p>
        {p.fictional ? (
          <strong>This community is fictional, for the demo; Scotland’s values are real. </strong>
        ) : (
          `Source: ${SOURCE}. `
        )}
        <a href={partnershipHref(p.code, 'communities', me.code, 'data.csv')}>Download all the data as CSV</a> ·{' '}
        <a href={partnershipApiHref(p.code, 'communities', me.code)}>as JSON</a> ·{' '}
        <a href={partnershipHref(p.code, 'communities')}>All {area}’s communities</a>
      </p>
      <Table
        caption={`Summary: ${me.name} against ${area}’s communities`}
        rows={profile.indicators}
        empty=""
        columns={[
          { header: 'Indicator', cell: (i) => <a href={`#indicator-${i.code}`}>{i.name}</a> },
          { header: `${me.name}, latest`, cell: (i) => latest(i.community), numeric: true },
          { header: `${area}, latest`, cell: (i) => latest(i.councilArea), numeric: true },
          { header: 'Scotland, latest', cell: (i) => latest(i.scotland), numeric: true },
          { header: 'z-score', cell: (i) => signed(i.score?.zScore), numeric: true },
          {
            header: 'Rank',
            cell: (i) => (i.score?.rank ? `${i.score.rank} of ${i.communitiesWithValue}` : '—'),
            numeric: true,
          },
        ]}
      />
      {profile.indicators.map((i) => (
        <IndicatorSection i={i} profile={profile} />
      ))}
    </>
  );
}
