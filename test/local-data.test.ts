import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';

/** A partnership's own data: tidy and Open SDG CSV, only its own indicators, only its own areas, all or nothing. */
let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const as = (email: string | null) => signedIn(world, email);
const MANAGER = 'manager@glenlochy.example';
const clients = new Map<string, Awaited<ReturnType<typeof as>>>();
/** One signed-in client per person (signing in is itself audited). */
const client = async (email: string) => {
  if (!clients.has(email)) clients.set(email, await as(email));
  return clients.get(email)!;
};
const upload = async (email: string, text: string, fields: Record<string, string> = {}) =>
  (await client(email)).request('POST', `/partnerships/${DEMO.code}/data/import`, {
    multipart: { file: new File([text], 'data.csv'), format: 'tidy', ...fields },
  });
const count = async () =>
  Number(
    (
      await world.handle.db
        .selectFrom('observations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the partnership’s own data', () => {
  it('loads a tidy CSV into a new indicator of the partnership’s own, with bounds, and offers it for plan measures', async () => {
    const csv = [
      'area_code,indicator,period,value,lower_bound,upper_bound',
      'DEMO-GLENLOCHY,Residents who feel safe after dark,2023,61.5,58.0,65.0',
      'DEMO-GLENLOCHY,Residents who feel safe after dark,2024,63,60,66',
      'DEMO-IZ-01,Residents who feel safe after dark,2024,55,,',
      'DEMO-IZ-02,Residents who feel safe after dark,2024,NA,,',
    ].join('\r\n');
    const res = await upload(MANAGER, csv);
    expect(res.status).toBe(303);
    const page = await (await client(MANAGER)).get(res.location!);
    expect(page.text).toContain('4 rows read, 3 loaded; skipped: 1 value missing (NA)');
    expect(page.text).toContain('Residents who feel safe after dark');
    const indicator = await world.handle.db
      .selectFrom('indicators')
      .selectAll()
      .where('name', '=', 'Residents who feel safe after dark')
      .executeTakeFirstOrThrow();
    expect(indicator.code).toBe('glenlochy-demo-residents-who-feel-safe-after-dark');
    expect(indicator.partnership_id).toBe((await world.deps.partnerships.resolve(DEMO.code))!.id);
    const obs = await world.handle.db
      .selectFrom('observations')
      .selectAll()
      .where('indicator_code', '=', indicator.code)
      .where('period_label', '=', '2023')
      .executeTakeFirstOrThrow();
    expect([Number(obs.value), Number(obs.lower_bound), Number(obs.upper_bound)]).toEqual([61.5, 58, 65]);
    const values = await (await as('viewer@glenlochy.example')).get(`/partnerships/${DEMO.code}/data/values.csv`);
    expect(values.text).toContain('DEMO-GLENLOCHY,Residents who feel safe after dark,2023,61.5,58,65,,');
    const { planId } = await import('./helpers/samples.ts').then((m) => m.demoPlan(world));
    const editor = await (await as(MANAGER)).get(`/partnerships/${DEMO.code}/plans/${planId}`);
    expect(editor.text).toContain(`<option value="${indicator.code}">Residents who feel safe after dark</option>`);
    // Again: the same values, nothing new.
    expect((await upload(MANAGER, csv)).status).toBe(303);
    expect(
      await world.handle.db
        .selectFrom('indicators')
        .select('code')
        .where('name', '=', 'Residents who feel safe after dark')
        .execute(),
    ).toHaveLength(1);
  });

  it('keeps the headline series of an Open SDG file', async () => {
    const csv = ['Year,Sex,GeoCode,Value', '2022,,,12', '2023,,,14', '2023,Female,,15', '2023,,DEMO-IZ-03,9'].join(
      '\r\n',
    );
    const res = await upload(MANAGER, csv, {
      format: 'open-sdg',
      indicator: 'Volunteering rate',
      unit: '%',
      higher_is_better: 'true',
    });
    expect(res.status).toBe(303);
    const rows = await world.handle.db
      .selectFrom('observations')
      .select(['area_code', 'period_label', 'value'])
      .where('indicator_code', '=', 'glenlochy-demo-volunteering-rate')
      .orderBy('area_code')
      .orderBy('period_label')
      .execute();
    expect(rows.map((r) => `${r.area_code} ${r.period_label} ${Number(r.value)}`)).toEqual([
      'DEMO-GLENLOCHY 2022 12',
      'DEMO-GLENLOCHY 2023 14',
      'DEMO-IZ-03 2023 9',
    ]);
    const ind = await world.handle.db
      .selectFrom('indicators')
      .select(['unit', 'higher_is_better'])
      .where('code', '=', 'glenlochy-demo-volunteering-rate')
      .executeTakeFirstOrThrow();
    expect(ind).toEqual({ unit: '%', higher_is_better: true });
    const missing = await upload(MANAGER, csv, { format: 'open-sdg' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('an Open SDG file holds one indicator: say which when uploading it');
  });

  it('refuses another partnership’s area, a national indicator, a decimal comma, a missing column or a repeated row, by row and column, writing nothing', async () => {
    await client(MANAGER);
    const before = [await count(), await auditCount(world)];
    const cases: [string, string][] = [
      [
        'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,2024,4\r\nS12000047,Litter picks,2024,5',
        'data.csv, row 3, column area_code: “S12000047” is not an area inside the partnership',
      ],
      [
        'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Child Poverty,2024,20',
        'data.csv, row 2, column indicator: “Child Poverty” is a national indicator',
      ],
      [
        'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,2024,"12,5"',
        'data.csv, row 2, column value: “12,5” is not a number',
      ],
      [
        'area,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,2024,4',
        'data.csv, row 1: missing column area_code',
      ],
      [
        'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,2024,4\r\nDEMO-GLENLOCHY,Litter picks,2024,5',
        'appears twice (rows 2 and 3)',
      ],
      [
        'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,last year,4',
        'data.csv, row 2, column period: “last year” is not a year',
      ],
    ];
    for (const [csv, message] of cases) {
      const res = await upload(MANAGER, csv);
      expect(res.status, message).toBe(400);
      expect(res.text, message).toContain(message.replace(/“/g, '“'));
    }
    expect([await count(), await auditCount(world)]).toEqual(before);
    expect(
      await world.handle.db.selectFrom('indicators').select('code').where('name', '=', 'Litter picks').execute(),
    ).toEqual([]);
  });

  it('lets only the partnership’s managers load data, and records who did', async () => {
    const csv = 'area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Litter picks,2024,4';
    expect((await upload('officer@glenlochy.example', csv)).status).toBe(403);
    expect((await upload(OTHER.email, csv)).status).toBe(404);
    await client(MANAGER);
    const before = await auditCount(world);
    expect((await upload(MANAGER, csv, { dry_run: 'true' })).status).toBe(303);
    expect(await auditCount(world)).toBe(before);
    expect((await upload(MANAGER, csv)).status).toBe(303);
    const audit = await world.handle.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('import.local-tidy');
    expect(audit.partnership_id).toBe((await world.deps.partnerships.resolve(DEMO.code))!.id);
  });
});
