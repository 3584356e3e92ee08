import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { NotFoundError } from '../src/core/errors.ts';
import type { SourceFile } from '../src/modules/imports/index.ts';
import type { CommunitiesOverview, CommunitiesService } from '../src/modules/outcomes/communities.service.ts';
import { createWorld, DEMO, signedIn, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

/**
 * Communities ranked in the round: the service's z-scores must be CPOP's own (`CPPScore` in IGZ_latest.csv,
 * the latest year for every zone and indicator), computed from the observations Cairn imported.
 */
type Latest = { InterZone: string; CPP: string; Indicator: string; Year: string; value: string; CPPScore: string };
const LATEST = parse(readFileSync(sharedData('cpop', 'IGZ_latest.csv')), { columns: true, bom: true }) as Latest[];
const ctx = cliContext(systemActor('test'));
const file = (name: string, ...parts: string[]): SourceFile => ({ name, content: readFileSync(sharedData(...parts)) });

const GLASGOW = 'S12000049';
const ABERDEEN = 'S12000033';
const CULTER = 'S02001236'; // Aberdeen City

let world: TestWorld;
let communities: CommunitiesService;
const overviews = new Map<string, CommunitiesOverview>();

beforeAll(async () => {
  world = await createWorld({ demo: true });
  communities = world.deps.communities;
  await world.deps.imports.importGeography(ctx, file('DataZone2011lookup.csv', 'geography', 'DataZone2011lookup.csv'));
  await world.deps.imports.importCpopPartnerships(ctx, file('CPPcleandata.csv', 'cpop', 'CPPcleandata.csv'));
  await world.deps.imports.importCpopCommunities(
    ctx,
    file('cpop_intermediate_zone_timeseries.csv', 'derived', 'cpop_intermediate_zone_timeseries.csv'),
  );
  const councils = await world.handle.db
    .selectFrom('areas')
    .select('code')
    .where('level', '=', 'council_area')
    .where('fictional', '=', false)
    .execute();
  for (const c of councils) overviews.set(c.code, await communities.overview(ctx, c.code));
}, 600_000);
afterAll(() => world.close());

const indicatorName = (o: CommunitiesOverview, code: string) => o.indicators.find((i) => i.code === code)!.name;

describe('communities ranked in the round', () => {
  it('covers the 1,279 communities of the 32 council areas on 8 indicators, compared in 2021/22', () => {
    expect(overviews.size).toBe(32);
    const all = [...overviews.values()].flatMap((o) => o.communities);
    expect(all.length).toBe(1279);
    expect(new Set(all.map((c) => c.code)).size).toBe(1279);
    for (const o of overviews.values()) {
      expect(o.indicators.map((i) => i.name)).toEqual([
        'Attainment',
        'Child Poverty',
        'Crime Rate',
        'Depopulation',
        'Early Mortality',
        'Emergency Admissions',
        'Out of Work Benefits',
        'Participation Rate',
      ]);
      expect(new Set(o.indicators.map((i) => i.period))).toEqual(new Set(['2021/22']));
      expect(o.ranked).toBe(o.communities.length);
    }
    expect(overviews.get(GLASGOW)!.communities.length).toBe(136);
  });

  it('reproduces CPOP’s CPPScore for every zone and indicator of Glasgow City, and of every other partnership, to 1e-6', () => {
    const byZone = new Map<
      string,
      { council: string; o: CommunitiesOverview; c: CommunitiesOverview['communities'][number] }
    >();
    for (const [council, o] of overviews) for (const c of o.communities) byZone.set(c.code, { council, o, c });
    let compared = 0;
    let glasgow = 0;
    for (const row of LATEST) {
      const found = byZone.get(row.InterZone);
      expect(found, row.InterZone).toBeDefined();
      const { council, o, c } = found!;
      const code = o.indicators.find((i) => i.name === row.Indicator)!.code;
      const s = c.scores[code]!;
      expect(s.period).toBe(row.Year);
      expect(s.value).toBeCloseTo(Number(row.value), 9);
      expect(Math.abs(s.zScore! - Number(row.CPPScore)), `${row.InterZone} ${row.Indicator}`).toBeLessThan(1e-6);
      compared++;
      if (council === GLASGOW) {
        expect(row.CPP).toBe('Glasgow City');
        glasgow++;
      }
    }
    expect(compared).toBe(10_232);
    expect(glasgow).toBe(136 * 8);
  });

  it('ranks each indicator best first (1 = highest z-score) and overall by the mean of the z-scores', () => {
    const o = overviews.get(GLASGOW)!;
    for (const i of o.indicators) {
      const scored = o.communities.map((c) => c.scores[i.code]!);
      // Competition ranking: 1 + how many communities score better (equal values share a rank).
      for (const s of scored) expect(s.rank, i.code).toBe(1 + scored.filter((o) => o.zScore! > s.zScore!).length);
      expect(Math.min(...scored.map((s) => s.rank!))).toBe(1);
      const best = scored.find((s) => s.rank === 1)!;
      expect(best.zScore).toBe(Math.max(...scored.map((s) => s.zScore!)));
      // For a high-is-bad indicator the best community has the lowest value.
      const values = scored.map((s) => s.value);
      expect(best.value).toBe(i.higherIsBetter ? Math.max(...values) : Math.min(...values));
    }
    for (const c of o.communities) {
      const zs = o.indicators.map((i) => c.scores[i.code]!.zScore!);
      expect(c.overallScore).toBeCloseTo(zs.reduce((s, v) => s + v, 0) / zs.length, 12);
      expect(c.indicatorsScored).toBe(8);
    }
    expect(o.communities.map((c) => c.overallRank)).toEqual(Array.from({ length: 136 }, (_, k) => k + 1));
    const scores = o.communities.map((c) => c.overallScore!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // In the round from CPOP's own CPPScores, Glasgow's best community is S02001957.
    const cpop = new Map<string, number[]>();
    for (const r of LATEST.filter((x) => x.CPP === 'Glasgow City'))
      (cpop.get(r.InterZone) ?? cpop.set(r.InterZone, []).get(r.InterZone)!).push(Number(r.CPPScore));
    const cpopOrder = [...cpop]
      .map(([zone, zs]) => ({ zone, mean: zs.reduce((s, v) => s + v, 0) / zs.length }))
      .sort((a, b) => b.mean - a.mean);
    expect(cpopOrder[0]!.zone).toBe('S02001957');
    expect(o.communities.slice(0, 10).map((c) => c.code)).toEqual(cpopOrder.slice(0, 10).map((x) => x.zone));
    expect(indicatorName(o, 'cpop-child-poverty')).toBe('Child Poverty');
  });

  it('gives one community its series beside its council area and Scotland, with its latest value, z-score and rank', async () => {
    const profile = await communities.community(ctx, ABERDEEN, CULTER);
    expect(profile.community).toMatchObject({ code: CULTER, name: 'Culter' });
    expect(profile.councilArea).toMatchObject({ code: ABERDEEN, fictional: false });
    expect(profile.communities).toBe(overviews.get(ABERDEEN)!.communities.length);
    const fromOverview = overviews.get(ABERDEEN)!.communities.find((c) => c.code === CULTER)!;
    expect(profile.community.overallRank).toBe(fromOverview.overallRank);
    expect(profile.indicators).toHaveLength(8);
    const cp = profile.indicators.find((i) => i.code === 'cpop-child-poverty')!;
    expect(cp.community.points).toHaveLength(15);
    expect(cp.community.points.filter((p) => p.valueType === 'projected').map((p) => p.period)).toEqual([
      '2022/23',
      '2023/24',
      '2024/25',
    ]);
    expect(cp.community.latest).toMatchObject({ period: '2021/22', valueType: 'raw' });
    expect(cp.community.latest!.value).toBeCloseTo(12.20472440944882, 12);
    expect(cp.councilArea.points.length).toBeGreaterThan(10);
    expect(cp.scotland.points.length).toBeGreaterThan(10);
    expect(cp.score!.zScore).toBeCloseTo(0.4361867852929416, 9);
    expect(cp.score!.rank).toBe(fromOverview.scores['cpop-child-poverty']!.rank);
    expect(cp.communitiesWithValue).toBe(profile.communities);
  });

  it('a zone of another council area, or an unknown code, is not found', async () => {
    await expect(communities.community(ctx, GLASGOW, CULTER)).rejects.toBeInstanceOf(NotFoundError);
    await expect(communities.community(ctx, GLASGOW, 'S02999999')).rejects.toBeInstanceOf(NotFoundError);
    await expect(communities.overview(ctx, 'S12999999')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never mixes the fictional demo area with real ones', async () => {
    const demo = await world.deps.partnerships.resolve(DEMO.code);
    const o = await communities.overview(ctx, demo!.councilAreaCode);
    expect(o.councilArea.fictional).toBe(true);
    expect(o.communities.length).toBe(8);
    expect(o.communities.every((c) => c.code.startsWith('DEMO-'))).toBe(true);
    expect(o.indicators).toEqual([]);
    for (const real of overviews.values()) expect(real.communities.some((c) => c.code.startsWith('DEMO-'))).toBe(false);
    await expect(communities.community(ctx, demo!.councilAreaCode, CULTER)).rejects.toBeInstanceOf(NotFoundError);
    await expect(communities.community(ctx, GLASGOW, 'DEMO-IZ-01')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('community pages', () => {
  it('lists a partnership’s communities ranked in the round, sortable by link, with CSV and JSON', async () => {
    const anyone = await signedIn(world, null);
    const page = await anyone.get('/partnerships/glasgow-city/communities');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<table');
    expect(page.text).toContain('href="/partnerships/glasgow-city/communities.csv"');
    expect(page.text).toContain('href="/partnerships/glasgow-city/communities/S02001957"');
    expect(page.text).toContain('href="/partnerships/glasgow-city/communities?sort=cpop-child-poverty&amp;dir=asc"');
    expect(page.text).not.toMatch(/style="/);
    const rows = page.text.match(/<tr>/g)!.length;
    expect(rows).toBe(137);
    // The first row is the best overall.
    const firstLink = /<tbody>\s*<tr>.*?communities\/(S\d{8})"/s.exec(page.text)![1];
    expect(firstLink).toBe('S02001957');

    const sorted = await anyone.get('/partnerships/glasgow-city/communities?sort=cpop-child-poverty&dir=asc');
    expect(sorted.status).toBe(200);
    expect(sorted.text).toContain('aria-sort="ascending"');
    const bestOnChildPoverty = overviews
      .get(GLASGOW)!
      .communities.find((c) => c.scores['cpop-child-poverty']!.rank === 1)!;
    expect(/<tbody>\s*<tr>.*?communities\/(S\d{8})"/s.exec(sorted.text)![1]).toBe(bestOnChildPoverty.code);
    expect((await anyone.get('/partnerships/glasgow-city/communities?sort=happiness')).status).toBe(400);

    const csv = await anyone.get('/partnerships/glasgow-city/communities.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(136 * 8);
    const culterLike = records.find(
      (r) => r['intermediate_zone_code'] === 'S02001957' && r['indicator_code'] === 'cpop-child-poverty',
    )!;
    expect(culterLike['overall_rank']).toBe('1');
    expect(Number(culterLike['z_score'])).toBeCloseTo(
      overviews.get(GLASGOW)!.communities[0]!.scores['cpop-child-poverty']!.zScore!,
      12,
    );

    const api = await anyone.get('/api/v1/partnerships/glasgow-city/communities');
    expect(api.status).toBe(200);
    const json = api.json<CommunitiesOverview & { partnership: { code: string } }>();
    expect(json.partnership.code).toBe('glasgow-city');
    expect(json.communities).toHaveLength(136);
    expect(json.communities[0]!.code).toBe('S02001957');
  });

  it('shows one community: every indicator charted beside its council area and Scotland, each chart with a table, and a CSV', async () => {
    const anyone = await signedIn(world, null);
    const page = await anyone.get(`/partnerships/aberdeen-city/communities/${CULTER}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Culter');
    expect(page.text.match(/<svg[^>]*cairn-plot/g)!.length).toBe(8);
    expect(page.text.match(/The data behind this chart/g)!.length).toBe(8);
    expect(page.text).toContain(`href="/partnerships/aberdeen-city/communities/${CULTER}/data.csv"`);
    expect(page.text).toContain('cairn-legend__swatch--series-3');
    expect(page.text).not.toMatch(/style="/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script: the charts are drawn on the server

    const csv = await anyone.get(`/partnerships/aberdeen-city/communities/${CULTER}/data.csv`);
    expect(csv.status).toBe(200);
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(new Set(records.map((r) => r['area_code']))).toEqual(new Set([CULTER, ABERDEEN, 'S92000003']));
    expect(records.filter((r) => r['area_code'] === CULTER)).toHaveLength(8 * 15);

    const api = await anyone.get(`/api/v1/partnerships/aberdeen-city/communities/${CULTER}`);
    expect(api.status).toBe(200);
    expect(api.json<{ community: { code: string } }>().community.code).toBe(CULTER);
  });

  it('is 404 for a zone of another council area or an unknown code, and shows the demo partnership’s fictional communities without data', async () => {
    const anyone = await signedIn(world, null);
    expect((await anyone.get(`/partnerships/glasgow-city/communities/${CULTER}`)).status).toBe(404);
    expect((await anyone.get(`/partnerships/glasgow-city/communities/${CULTER}/data.csv`)).status).toBe(404);
    expect((await anyone.get('/partnerships/glasgow-city/communities/S02999999')).status).toBe(404);
    expect((await anyone.get('/partnerships/atlantis/communities')).status).toBe(404);
    expect((await anyone.get(`/api/v1/partnerships/glasgow-city/communities/${CULTER}`)).status).toBe(404);
    const demo = await anyone.get(`/partnerships/${DEMO.code}/communities`);
    expect(demo.status).toBe(200);
    expect(demo.text).toContain('No community data has been loaded');
    expect((await anyone.get(`/partnerships/${DEMO.code}/communities/DEMO-IZ-01`)).status).toBe(200);
    expect((await anyone.get(`/partnerships/${DEMO.code}/communities/DEMO-IZ-01/data.csv`)).status).toBe(200);
    expect((await anyone.get(`/partnerships/${DEMO.code}/communities/${CULTER}`)).status).toBe(404);
  });
});

describe('the communities map', () => {
  it('maps the partnership’s communities by overall score once the intermediate zone boundaries are loaded', async () => {
    await world.deps.imports.importBoundaries(
      ctx,
      file('izboundaries_simplified.geojson', 'boundaries', 'izboundaries_simplified.geojson'),
    );
    const page = await (await signedIn(world, null)).get('/partnerships/glasgow-city/communities');
    const map =
      /<svg[^>]*class="cairn-plot[^"]*"[^>]*role="img"[\s\S]*?<\/svg>/.exec(
        page.text.slice(page.text.indexOf('cairn-map')),
      )?.[0] ?? '';
    expect(map).toContain('by overall score');
    const zones = (
      await world.handle.db
        .selectFrom('areas')
        .select('code')
        .where('parent_code', '=', GLASGOW)
        .where('level', '=', 'intermediate_zone')
        .execute()
    ).length;
    expect((map.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(zones);
  });
});
