import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, createWorld, type TestWorld } from './helpers/app.ts';

/** The catalogue of national indicators and the prevention tag national analysts set, with its reason. */
let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const ANALYST = 'analyst@cairn.example';
const prevention = async (code: string) =>
  await world.handle.db
    .selectFrom('indicators')
    .select(['prevention', 'prevention_note'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

describe('the indicator catalogue', () => {
  it('lists the national indicators with frameworks and polarity, filters them, and gives them as CSV', async () => {
    const client = new Client(world);
    const page = await client.get('/indicators?framework=CPOP');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/indicators/cpop-child-poverty"');
    expect(page.text).toContain('Lower is better');
    const csv = (await client.get('/indicators.csv?framework=CPOP')).text.trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'code,name,frameworks,external_code,category,unit,higher_is_better,prevention,prevention_reason,values,latest_period,source',
    );
    const cpop = await world.handle.db
      .selectFrom('indicator_frameworks')
      .select('indicator_code')
      .where('framework', '=', 'CPOP')
      .execute();
    expect(csv).toHaveLength(cpop.length + 1);
    expect(csv.find((l) => l.startsWith('cpop-child-poverty,'))).toContain(',false,');
    // A search that matches nothing says so.
    expect((await client.get('/indicators?q=nothing-is-called-this')).text).toContain('No indicator matches.');
    // A partnership's own indicators are not in the national catalogue; an unknown code is not found.
    expect((await client.get('/indicators/no-such-indicator')).status).toBe(404);
  });

  it('lets a national analyst tag an indicator as prevention only with a reason, shows the tag everywhere, and takes it off again', async () => {
    const analyst = new Client(world);
    await analyst.login(ANALYST);
    const before = await auditCount(world);
    const refused = await analyst.post('/indicators/cpop-child-poverty/prevention', { prevention: 'yes', note: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Say why this indicator measures prevention');
    expect(await prevention('cpop-child-poverty')).toEqual({ prevention: false, prevention_note: null });
    expect(await auditCount(world)).toBe(before);

    const bad = await analyst.post('/indicators/cpop-child-poverty/prevention', { prevention: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Say whether the indicator measures prevention');

    const ok = await analyst.post('/indicators/cpop-child-poverty/prevention', {
      prevention: 'yes',
      note: 'Poverty in childhood is what prevention aims at (test).',
    });
    expect(ok.status).toBe(303);
    expect(await prevention('cpop-child-poverty')).toEqual({
      prevention: true,
      prevention_note: 'Poverty in childhood is what prevention aims at (test).',
    });
    expect(await auditCount(world)).toBe(before + 1);

    const anyone = new Client(world);
    expect((await anyone.get('/indicators/cpop-child-poverty')).text).toContain(
      'Poverty in childhood is what prevention aims at (test).',
    );
    expect((await anyone.get('/indicators?prevention=yes')).text).toContain('href="/indicators/cpop-child-poverty"');
    expect((await anyone.get('/indicators?prevention=yes')).text).not.toContain('href="/indicators/cpop-attainment"');

    expect((await analyst.post('/indicators/cpop-child-poverty/prevention', { prevention: 'no' })).status).toBe(303);
    expect(await prevention('cpop-child-poverty')).toEqual({ prevention: false, prevention_note: null });
  });

  it('refuses the tag to a partnership manager, and sends visitors to sign in', async () => {
    const manager = new Client(world);
    await manager.login('manager@glenlochy.example');
    expect(
      (await manager.post('/indicators/cpop-child-poverty/prevention', { prevention: 'yes', note: 'No.' })).status,
    ).toBe(403);
    expect((await manager.get('/indicators/cpop-child-poverty')).text).not.toContain('Save the tag');
    const visitor = new Client(world);
    const res = await visitor.post('/indicators/cpop-child-poverty/prevention', { prevention: 'yes', note: 'No.' });
    expect([303, 401]).toContain(res.status);
    expect(await prevention('cpop-child-poverty')).toEqual({ prevention: false, prevention_note: null });
  });
});
