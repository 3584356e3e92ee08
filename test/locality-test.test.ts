import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { Client, createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

/**
 * The statutory locality test (s.10) on real data: Glasgow's communities from CPOP, two localities drawn
 * from them, each tested against the rest of the city and Scotland.
 */
let world: TestWorld;
const ctx = cliContext(systemActor('test'));
const read = (...parts: string[]) => ({ name: parts.at(-1)!, content: readFileSync(sharedData(...parts)) });
const GLASGOW = 'S12000049';

beforeAll(async () => {
  world = await createWorld();
  await world.deps.imports.importGeography(ctx, read('geography', 'DataZone2011lookup.csv'));
  await world.deps.imports.importSimd(ctx, read('simd', 'simd2020_withinds.csv'));
  await world.deps.imports.importCpopPartnerships(ctx, read('cpop', 'CPPcleandata.csv'));
  await world.deps.imports.importCpopCommunities(ctx, read('derived', 'cpop_intermediate_zone_timeseries.csv'));
  // Two localities: the 20 communities with the most child poverty in 2021/22, and the 20 with the least.
  const ranked = await world.handle.db
    .selectFrom('observations as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select(['o.area_code', 'o.value'])
    .where('o.indicator_code', '=', 'cpop-child-poverty')
    .where('o.period_label', '=', '2021/22')
    .where('a.parent_code', '=', GLASGOW)
    .orderBy('o.value', 'desc')
    .execute();
  const p = (await world.deps.partnerships.resolve('glasgow-city'))!;
  await world.deps.partnerships.createLocality(ctx, p, {
    name: 'Most child poverty (test)',
    components: ranked.slice(0, 20).map((r) => r.area_code),
  });
  await world.deps.partnerships.createLocality(ctx, p, {
    name: 'Least child poverty (test)',
    components: ranked.slice(-20).map((r) => r.area_code),
  });
}, 240_000);
afterAll(() => world.close());

interface Api {
  summaries: {
    name: string;
    needsPlan: boolean;
    poorerThanArea: number;
    reasons: { indicatorCode: string; poorerThan: string[] }[];
  }[];
  indicators: {
    indicatorCode: string;
    results: {
      name: string;
      value: number;
      vsArea: { verdict: string; test: string; pValue: number };
      vsScotland: { verdict: string };
    }[];
  }[];
}

describe('the locality test', () => {
  it('finds the locality with the most child poverty significantly poorer than the rest of Glasgow and Scotland, and the other significantly better', async () => {
    const api = (await new Client(world).get('/api/v1/partnerships/glasgow-city/locality-test')).json<Api>();
    const cp = api.indicators.find((i) => i.indicatorCode === 'cpop-child-poverty')!;
    const most = cp.results.find((r) => r.name === 'Most child poverty (test)')!;
    const least = cp.results.find((r) => r.name === 'Least child poverty (test)')!;
    expect(most.vsArea.verdict).toBe('significantly poorer');
    expect(most.vsArea.test).toBe("Welch's t-test");
    expect(most.vsArea.pValue).toBeLessThan(0.001);
    expect(most.vsScotland.verdict).toBe('significantly poorer');
    expect(least.vsArea.verdict).toBe('significantly better');
    const summary = api.summaries.find((s) => s.name === 'Most child poverty (test)')!;
    expect(summary.needsPlan).toBe(true);
    expect(summary.reasons.map((r) => r.indicatorCode)).toContain('cpop-child-poverty');
  });

  it('gives each locality a profile: its verdicts, its communities with their ranks, and CSV; another partnership’s locality is not found', async () => {
    const p = (await world.deps.partnerships.resolve('glasgow-city'))!;
    const code = (
      await world.handle.db
        .selectFrom('areas')
        .select('code')
        .where('partnership_id', '=', p.id)
        .where('name', '=', 'Most child poverty (test)')
        .executeTakeFirstOrThrow()
    ).code;
    const client = new Client(world);
    const page = await client.get(`/partnerships/glasgow-city/localities/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('A locality plan is indicated');
    // Its 20 communities, each linked to its own profile and ranked among Glasgow's.
    expect(page.text.match(/href="\/partnerships\/glasgow-city\/communities\/S02/g)).toHaveLength(20);
    expect(page.text).toMatch(/Rank of \d{3}/);
    const csv = (await client.get(`/partnerships/glasgow-city/localities/${code}/data.csv`)).text
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe(
      'indicator_code,indicator,locality_code,locality_value,zones_with_values,rest_of_area_value,rest_of_area_p_value,rest_of_area_verdict,scotland_value,scotland_p_value,scotland_verdict',
    );
    const child = csv.find((l) => l.startsWith('cpop-child-poverty,'))!;
    expect(child).toContain('significantly poorer');
    // The summary table of the locality test links to it.
    expect((await client.get('/partnerships/glasgow-city/locality-test')).text).toContain(
      `href="/partnerships/glasgow-city/localities/${code}"`,
    );
    // Glasgow's locality under another partnership's address is not found.
    expect((await client.get(`/partnerships/fife/localities/${code}`)).status).toBe(404);
  });

  it('shows the summary and the evidence on a page, and every comparison as CSV', async () => {
    const page = await new Client(world).get('/partnerships/glasgow-city/locality-test');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Localities: on how many indicators each is significantly poorer');
    expect(page.text).toMatch(/Most child poverty \(test\)<\/a><\/td><td[^>]*>\d+<\/td>/);
    const csv = await new Client(world).get('/partnerships/glasgow-city/locality-test.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'indicator_code,indicator,locality_code,locality,locality_value,zones_with_values,rest_of_area_value,rest_of_area_test,rest_of_area_statistic,rest_of_area_p_value,rest_of_area_verdict,scotland_value,scotland_test,scotland_statistic,scotland_p_value,scotland_verdict',
    );
    expect(lines.length).toBeGreaterThan(2 * 7);
  });

  it('says so when a partnership has no localities', async () => {
    const page = await new Client(world).get('/partnerships/fife/locality-test');
    expect(page.text).toContain('The partnership has not defined its localities yet.');
  });
});
