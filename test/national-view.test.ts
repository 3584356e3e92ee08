import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { readCsv } from '../src/modules/imports/index.ts';
import { Client, createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

/** The national view of all 32 partnerships on one indicator, and comparing partnerships over time, on the real CPOP files. */
let world: TestWorld;
const ctx = cliContext(systemActor('test import'));
const read = (...parts: string[]) => ({ name: parts.at(-1)!, content: readFileSync(sharedData(...parts)) });

beforeAll(async () => {
  world = await createWorld();
  await world.deps.imports.importGeography(ctx, read('geography', 'DataZone2011lookup.csv'));
  await world.deps.imports.importCpopPartnerships(ctx, read('cpop', 'CPPcleandata.csv'));
  const dir = sharedData('cpop', 'inequality-inputs');
  await world.deps.imports.importInequality(
    ctx,
    readdirSync(dir)
      .filter((f) => /^\d{4}_IGZ\.csv$/.test(f))
      .map((f) => read('cpop', 'inequality-inputs', f)),
  );
});
afterAll(() => world.close());

/** Child poverty's latest raw value per council, straight from the file: what the page must show. */
function latestChildPoverty(): Map<string, number> {
  const latest = new Map<string, { year: string; value: number }>();
  for (const [cpp, indicator, type, year, value] of readCsv(read('cpop', 'CPPcleandata.csv')).rows) {
    if (indicator !== 'Child Poverty' || type === 'Projected' || cpp === 'Scotland' || !value || value === 'NA')
      continue;
    const seen = latest.get(cpp!);
    if (!seen || year! > seen.year) latest.set(cpp!, { year: year!, value: Number(value) });
  }
  return new Map([...latest].map(([k, v]) => [k, v.value]));
}

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr>\s*<td[^>]*><a href="\/partnerships\/([a-z-]+)\/outcomes">([^<]+)<\/a>/g)].map((m) =>
    m[2]!.replace('&amp;', '&'),
  );

describe('the Scotland overview', () => {
  it('lists all 32 partnerships on child poverty by default, never the fictional demo, with a traffic light and the Duncan index', async () => {
    const res = await new Client(world).get('/scotland');
    expect(res.status).toBe(200);
    expect(rowsOf(res.text)).toHaveLength(32);
    expect(res.text).not.toContain('Glenlochy');
    expect(res.text).toContain('<h2>Child Poverty');
    expect(res.text).toMatch(/cairn-light--(green|amber|red)/);
    expect(res.text).toContain('Inequality (Duncan index)');
  });

  it('sorts by any column, both ways, saying so to screen readers', async () => {
    const values = latestChildPoverty();
    const desc = await new Client(world).get('/scotland?indicator=cpop-child-poverty&sort=latest&dir=desc');
    const names = rowsOf(desc.text);
    const byName = (n: string) =>
      values.get(n) ??
      values.get(n.replace('City of Edinburgh', 'Edinburgh, City of').replace('Na h-Eileanan Siar', 'Eilean Siar'));
    const shown = names.map(byName);
    expect(shown.every((v) => v !== undefined)).toBe(true);
    expect(shown).toEqual([...shown].sort((a, b) => b! - a!));
    expect(desc.text).toContain('aria-sort="descending"');
    const asc = rowsOf(
      (await new Client(world).get('/scotland?indicator=cpop-child-poverty&sort=latest&dir=asc')).text,
    );
    expect(asc).toEqual([...names].reverse().sort((a, b) => byName(a)! - byName(b)! || a.localeCompare(b)));
  });

  it('gives the same figures as CSV and JSON', async () => {
    const csv = await new Client(world).get('/scotland.csv?indicator=cpop-child-poverty');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'area_code,area,cpop_family_group,indicator_code,latest_period,latest_value,improvement_rate_percent,scotland_latest_value,scotland_improvement_rate_percent,light_against_scotland,light_against_family_group,duncan_index_year,duncan_index',
    );
    expect(lines).toHaveLength(33);
    const glasgow = lines.find((l) => l.startsWith('S12000049,'))!;
    expect(glasgow).toContain(',cpop-child-poverty,2021/22,');
    const api = await new Client(world).get('/api/v1/scotland?indicator=cpop-early-mortality');
    const body = api.json<{ overview: { indicator: { code: string }; rows: unknown[] } }>();
    expect(body.overview.indicator.code).toBe('cpop-early-mortality');
    expect(body.overview.rows).toHaveLength(32);
  });

  it('refuses an unknown indicator or sort by name', async () => {
    const unknown = await new Client(world).get('/scotland?indicator=cpop-happiness');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('No indicator “cpop-happiness” has values for council areas');
    const sort = await new Client(world).get('/scotland?sort=colour');
    expect(sort.status).toBe(400);
    expect(sort.text).toContain('Sort by area, group, latest, rate, light, family or duncan');
  });
});

describe('comparing partnerships', () => {
  it('charts chosen council areas beside Scotland, with the values as a table and CSV', async () => {
    const res = await new Client(world).get('/compare?indicator=cpop-child-poverty&areas=S12000047&areas=S12000049');
    expect(res.status).toBe(200);
    expect(res.text).toContain('role="img"');
    expect(res.text).toMatch(/<th scope="col"[^>]*>Fife<\/th>/);
    expect(res.text).toMatch(/<th scope="col"[^>]*>Glasgow City<\/th>/);
    expect(res.text).toMatch(/<th scope="col"[^>]*>Scotland<\/th>/);
    expect(res.text).toContain('id="area-S12000047" name="areas" value="S12000047" checked');
    const csv = await new Client(world).get('/compare.csv?indicator=cpop-child-poverty&areas=S12000047,S12000049');
    expect(csv.text).toContain('S12000047,Fife,cpop-child-poverty,2021/22,2021-04-01,raw,17.49528894472362');
    const tooMany = await new Client(world).get(
      `/compare?areas=${['S12000005', 'S12000006', 'S12000008', 'S12000010', 'S12000011', 'S12000013', 'S12000014'].join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('Compare at most six areas at once');
    const bad = await new Client(world).get('/compare?areas=Fife');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose council areas by their codes, like S12000047');
  });
});

describe('family groups and inequality', () => {
  it('filters the overview to one CPOP family group and lights each partnership against the rest of its group', async () => {
    const res = await new Client(world).get('/scotland?indicator=cpop-child-poverty&group=4');
    expect(res.status).toBe(200);
    expect(rowsOf(res.text)).toHaveLength(8);
    expect(res.text).toContain('Against its family group');
    const csv = (await new Client(world).get('/scotland.csv?indicator=cpop-child-poverty')).text
      .trimEnd()
      .split('\r\n')
      .slice(1);
    const groups = csv.map((l) => l.split(',')[2]);
    expect([1, 2, 3, 4].map((g) => groups.filter((x) => x === String(g)).length)).toEqual([8, 8, 8, 8]);
    expect(csv.every((l) => /,(green|amber|red),(green|amber|red),/.test(l))).toBe(true);
  });

  it('shows inequality between a partnership’s communities: the Duncan index by year, the most and least deprived tenths, the slope and relative indexes', async () => {
    const res = await new Client(world).get('/partnerships/glasgow-city/inequality');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Inequality in Glasgow City, latest year of each indicator');
    expect(res.text).toContain('Most deprived worse');
    const api = (await new Client(world).get('/api/v1/partnerships/glasgow-city/inequality')).json<{
      indicators: {
        indicatorCode: string;
        latest: { year: number; mostZones: number; leastZones: number; sii: number; worse: string };
      }[];
    }>();
    const cp = api.indicators.find((i) => i.indicatorCode === 'cpop-child-poverty')!;
    expect(cp.latest.year).toBe(2021);
    // Glasgow has 136 intermediate zones: CPOP's ntile gives the least deprived tenth 14 and the most deprived 13.
    expect([cp.latest.leastZones, cp.latest.mostZones]).toEqual([14, 13]);
    expect(cp.latest.worse).toBe('most deprived');
    // The slope index is the fitted value at the least deprived end minus the most deprived end: child poverty falls as deprivation does.
    expect(cp.latest.sii).toBeLessThan(0);
    const csv = await new Client(world).get('/partnerships/glasgow-city/inequality.csv');
    expect(csv.text.split('\r\n')[0]).toBe(
      'area_code,indicator_code,year,duncan_index,most_deprived_mean,least_deprived_mean,gap,slope_index,relative_index',
    );
  });
});

describe('computed results follow the data', () => {
  it('offers LGBF indicators once their values are imported (what is kept between requests is dropped on every import)', async () => {
    const before = (await new Client(world).get('/api/v1/scotland')).json<{ indicators: { framework: string }[] }>();
    expect(before.indicators.some((i) => i.framework === 'LGBF')).toBe(false);
    await world.deps.imports.importLgbfIndicators(ctx, read('lgbf', 'Metadata_Shiny.xlsx'));
    await world.deps.imports.importLgbf(ctx, read('lgbf', 'new_bnch_data.xlsx'));
    const after = (await new Client(world).get('/api/v1/scotland?indicator=lgbf-chn1')).json<{
      indicators: { framework: string }[];
      overview: { rows: { series: { latest: { value: number } | null } }[] };
    }>();
    expect(after.indicators.filter((i) => i.framework === 'LGBF').length).toBeGreaterThan(100);
    expect(after.overview.rows.filter((r) => r.series.latest).length).toBe(32);
  });
});
