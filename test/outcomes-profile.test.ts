import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import type { IndicatorProfile } from '../src/modules/outcomes/index.ts';
import { Client, createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
  await world.deps.imports.importCpopPartnerships(cliContext(systemActor('test import')), {
    name: 'CPPcleandata.csv',
    content: readFileSync(sharedData('cpop', 'CPPcleandata.csv')),
  });
});
afterAll(() => world.close());

describe('a partnership’s outcomes profile', () => {
  it('is public, charts every CPOP indicator beside Scotland, with a data table for each chart', async () => {
    const res = await new Client(world).get('/partnerships/glasgow-city/outcomes');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Outcomes profile');
    const charts = res.text.match(/<svg[^>]*class="cairn-plot[^"]*"[^>]*>/g) ?? [];
    expect(charts).toHaveLength(20);
    for (const svg of charts) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-label="[^"]+ Glasgow City, Scotland and Family group average over time/);
    }
    expect(res.text.match(/The data behind this chart/g)).toHaveLength(20);
    expect(res.text).not.toMatch(/<style/);
    expect(res.text).toContain('+52.2%');
    expect(res.text).toContain('href="/partnerships/glasgow-city/outcomes.csv"');
  });

  it('offers every value as CSV', async () => {
    const res = await new Client(world).get('/partnerships/glasgow-city/outcomes.csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('area_code,indicator_code,indicator,period,period_start,value_type,value');
    const count = await world.handle.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('area_code', 'in', ['S12000049', 'S92000003'])
      .executeTakeFirstOrThrow();
    expect(lines.length - 1).toBe(Number(count.n));
  });

  it('answers in JSON with improvement rates and traffic lights', async () => {
    const body = (await new Client(world).get('/api/v1/partnerships/S12000049/outcomes')).json<{
      indicators: IndicatorProfile[];
    }>();
    const childPoverty = body.indicators.find((i) => i.code === 'cpop-child-poverty')!;
    expect(childPoverty.area.improvementRate!.toFixed(1)).toBe('52.2');
    expect(childPoverty.higherIsBetter).toBe(false);
    // Glasgow's child poverty is above Scotland's and rose faster: worse and slower.
    expect(childPoverty.light).toBe('red');
    expect(body.indicators.every((i) => i.light === null || ['green', 'amber', 'red'].includes(i.light))).toBe(true);
  });

  it('says plainly when no data is loaded, labels the demo’s invented values, and 404s an unknown partnership', async () => {
    const empty = await createWorld({ demo: false });
    try {
      const fife = await new Client(empty).get('/partnerships/fife/outcomes');
      expect(fife.status).toBe(200);
      expect(fife.text).toContain('No outcomes data has been loaded for this partnership yet');
    } finally {
      await empty.close();
    }
    const demo = await new Client(world).get('/partnerships/glenlochy-demo/outcomes');
    expect(demo.text).toContain('Glenlochy’s values are invented for the demo; Scotland’s are real');
    expect((await new Client(world).get('/partnerships/atlantis/outcomes')).status).toBe(404);
  });
});

describe('the profile against the family group', () => {
  it('charts the average of the other partnerships in the CPOP family group, lights the partnership against it, and says whether each indicator is improving', async () => {
    const api = (await new Client(world).get('/api/v1/partnerships/glasgow-city/outcomes')).json<{
      indicators: IndicatorProfile[];
    }>();
    const cp = api.indicators.find((i) => i.code === 'cpop-child-poverty')!;
    const group = await world.handle.db
      .selectFrom('family_groups')
      .select(['council_code', 'group_number'])
      .where('scheme_code', '=', 'cpop')
      .execute();
    const glasgow = group.find((g) => g.council_code === 'S12000049')!.group_number;
    const others = group
      .filter((g) => g.group_number === glasgow && g.council_code !== 'S12000049')
      .map((g) => g.council_code);
    expect(others).toHaveLength(7);
    const values = await world.handle.db
      .selectFrom('observations')
      .select('value')
      .where('indicator_code', '=', 'cpop-child-poverty')
      .where('period_label', '=', '2021/22')
      .where('area_code', 'in', others)
      .execute();
    const mean = values.reduce((a, v) => a + Number(v.value), 0) / values.length;
    expect(cp.family!.points.find((p) => p.period === '2021/22')!.value).toBeCloseTo(mean, 9);
    expect(['green', 'amber', 'red']).toContain(cp.familyLight);
    expect(cp.change).toMatchObject({ toYear: 2021, fromYear: 2020 });
    expect(['improving', 'maintaining', 'worsening']).toContain(cp.change!.direction);
    const page = await new Client(world).get('/partnerships/glasgow-city/outcomes');
    expect(page.text).toContain('Family group average');
    expect(page.text).toContain('Against its family group');
  });

  it('gives every council area from one read what it gives one council at a time', async () => {
    const ctx = cliContext(systemActor('test'));
    const all = await world.deps.outcomes.profiles(ctx);
    expect(all.size).toBeGreaterThanOrEqual(32);
    for (const code of ['S12000049', 'S12000036', 'S12000013']) {
      const one = await world.deps.outcomes.profile(ctx, code);
      expect(one.length, code).toBeGreaterThan(5);
      expect(all.get(code)).toEqual(one);
    }
  });
});
