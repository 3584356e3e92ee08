import type { Context } from 'hono';
import { z } from 'zod';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { SeriesFigure } from './series-figure.tsx';
import { raw } from 'hono/html';
import { choroplethSvg } from '../../core/ui/maps.ts';
import { csvResponse, Table, type TableColumn } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { Communities, Community } from './outcomes.api-schemas.ts';
import type {
  CommunitiesOverview,
  CommunitiesService,
  CommunityIndicatorProfile,
  CommunityPoint,
  CommunityProfile,
  CommunityRanking,
  CommunitySeries,
} from './communities.service.ts';
import { SCOTLAND, type OutcomesService } from './outcomes.service.ts';
import { fmt } from './format.ts';

/** What these routes need: the partnership lookup by code, the communities service and the zones' boundaries. */
export interface CommunitiesRoutesDeps {
  partnerships: Pick<PartnershipsService, 'resolve'>;
  outcomes: Pick<OutcomesService, 'boundaries'>;
  communities: CommunitiesService;
}

const SOURCE = 'Improvement Service, Community Planning Outcomes Profile (CPOP), September 2023';

const signed = (v: number | null | undefined) =>
  v === null || v === undefined
    ? '—'
    : v.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero' });
const typeNote = (t: CommunityPoint['valueType'] | undefined) =>
  t === 'projected' ? ' (projected)' : t === 'imputed' ? ' (imputed)' : '';
const areaName = (p: PartnershipRef) => p.name.replace(/ Community Planning Partnership.*$/, '');

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ListQuery = z.object({
  sort: blank(z.string().trim().max(80)),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
});

async function resolve(deps: CommunitiesRoutesDeps, c: Context<AppEnv>): Promise<PartnershipRef> {
  const p = await deps.partnerships.resolve(codeParam(c, 'code'));
  if (!p) throw new NotFoundError('partnership');
  return p;
}

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

function overviewCsv(o: CommunitiesOverview): string {
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

function communityCsv(profile: CommunityProfile): string {
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

const partnershipJson = (p: PartnershipRef) => ({
  code: p.code,
  name: p.name,
  councilAreaCode: p.councilAreaCode,
  fictional: p.fictional,
});

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

export function communitiesRoutes(router: Router, deps: CommunitiesRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/communities',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'A partnership’s communities (intermediate zones) ranked in the round on CPOP’s community indicators',
      query: ListQuery,
    },
    async (c, { ctx, query }) => {
      const p = await resolve(deps, c);
      const [o, shapes] = await Promise.all([
        deps.communities.overview(ctx, p.councilAreaCode),
        deps.outcomes.boundaries(ctx, { level: 'intermediate_zone', parent: p.councilAreaCode }),
      ]);
      const sort = query.sort ?? 'rank';
      if (!['rank', 'name', ...o.indicators.map((i) => i.code)].includes(sort)) {
        throw ValidationError.field(
          'sort',
          `Sort by rank, name or an indicator’s code (${o.indicators.map((i) => i.code).join(', ')})`,
        );
      }
      const dir = query.dir ?? 'asc';
      const rows = sortCommunities(o, sort, dir);
      const area = areaName(p);
      const base = `/partnerships/${p.code}/communities`;
      const header = (s: string, label: string) => (
        <a href={`${base}?sort=${encodeURIComponent(s)}&dir=${sort === s && dir === 'asc' ? 'desc' : 'asc'}`}>
          {label}
        </a>
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
          cell: (r) => <a href={`${base}/${r.code}`}>{r.name}</a>,
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
      return render(c, {
        title: 'Communities',
        label: p.name,
        wide: true,
        crumbs: [
          { href: '/partnerships', label: 'Partnerships' },
          { href: `/partnerships/${p.code}/outcomes`, label: 'Outcomes profile' },
        ],
        children:
          o.indicators.length === 0 ? (
            <p>
              No community data has been loaded for {area} yet. A national analyst loads CPOP’s intermediate zone data
              with <code>cairn import cpop-communities</code>.
            </p>
          ) : (
            <>
              <p>
                {area}’s {o.communities.length} communities (intermediate zones) on the Community Planning Outcomes
                Profile’s community indicators, ranked “in the round” as CPOP does. Each cell gives a community’s value
                in the latest year with actual values (projections left out) and, in brackets, its z-score: how many
                standard deviations it lies from the average of {area}’s communities, with the sign turned round where a
                high value is bad, so that above zero is always better than average. The overall score is the mean of a
                community’s z-scores; rank 1 is the best. Choose a column heading to sort by it, and a community for its
                trends.
              </p>
              <p>
                {p.fictional ? (
                  <strong>{area} and its communities are fictional, for the demo. </strong>
                ) : (
                  `Source: ${SOURCE}. `
                )}
                <a href={`${base}.csv`}>Download the table as CSV</a> · <a href={`/api/v1${base}`}>as JSON</a>
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
                    Each community’s overall score, in five bands; the table below gives every value. Boundaries:
                    Scottish Government, contains OS data.
                  </figcaption>
                </figure>
              ) : null}
              <Table
                caption={`${area}’s communities, sorted by ${sortLabel} (${dir === 'asc' ? 'ascending' : 'descending'})`}
                rows={rows}
                empty=""
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
      path: '/partnerships/:code/communities.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'A partnership’s communities ranked in the round, as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return csvResponse(
        c,
        `${p.code}-communities.csv`,
        overviewCsv(await deps.communities.overview(ctx, p.councilAreaCode)),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/communities',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'A partnership’s communities: latest values, z-scores and ranks on each CPOP community indicator, and the overall rank in the round',
      operationId: 'listCommunities',
      response: Communities,
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json({ partnership: partnershipJson(p), ...(await deps.communities.overview(ctx, p.councilAreaCode)) });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/communities/:izCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'One community’s profile: each CPOP indicator beside its council area and Scotland',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const profile = await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'));
      const base = `/partnerships/${p.code}/communities`;
      const me = profile.community;
      const area = profile.councilArea.name;
      const latest = (s: CommunitySeries) => (s.latest ? `${fmt(s.latest.value)} (${s.latest.period})` : '—');
      return render(c, {
        title: me.name,
        label: p.name,
        wide: true,
        crumbs: [
          { href: '/partnerships', label: 'Partnerships' },
          { href: `/partnerships/${p.code}/outcomes`, label: 'Outcomes profile' },
          { href: base, label: 'Communities' },
        ],
        children:
          profile.indicators.length === 0 ? (
            <p>
              No community data has been loaded for {area} yet. A national analyst loads it with{' '}
              <code>cairn import cpop-communities</code>.
            </p>
          ) : (
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
                <a href={`${base}/${me.code}/data.csv`}>Download all the data as CSV</a> ·{' '}
                <a href={`/api/v1${base}/${me.code}`}>as JSON</a> · <a href={base}>All {area}’s communities</a>
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
          ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/communities/:izCode/data.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'One community’s series beside its council area and Scotland, as CSV',
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      const profile = await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'));
      return csvResponse(c, `${p.code}-${profile.community.code}.csv`, communityCsv(profile));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/communities/:izCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'One community: each CPOP indicator’s series beside its council area and Scotland, with latest value, z-score and rank',
      operationId: 'getCommunity',
      response: Community,
    },
    async (c, { ctx }) => {
      const p = await resolve(deps, c);
      return c.json({
        partnership: partnershipJson(p),
        ...(await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'))),
      });
    },
  );
}
