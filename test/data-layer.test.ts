import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/core/access/actor.ts';
import { toCsv } from '../src/core/csv.ts';
import { appliedMigrations, migrateDown, migrateToLatest } from '../src/db/connect.ts';
import { MIGRATIONS } from '../src/db/migrations/index.ts';
import { COUNCIL_AREAS, slugify } from '../src/db/reference/council-areas.ts';
import { ORGANISATION_TYPES } from '../src/db/reference/organisation-types.ts';
import { Client, createWorld, type TestWorld } from './helpers/app.ts';
import { createTestDatabase, engine } from './helpers/db.ts';
import { sharedData } from './helpers/shared-data.ts';

const ctx = { actor: ANONYMOUS, ip: null, requestId: null };

describe(`migrations on ${engine()}`, () => {
  it('apply from nothing, revert one by one to nothing, and apply again', async () => {
    const handle = await createTestDatabase({ migrate: false });
    try {
      const names = Object.keys(MIGRATIONS);
      expect(await migrateToLatest(handle.db)).toEqual(names.map((n) => `applied ${n}`));
      expect(await appliedMigrations(handle.db)).toEqual(names);
      for (const name of [...names].reverse()) expect(await migrateDown(handle.db)).toEqual([`reverted ${name}`]);
      const left = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely_%'`.execute(
        handle.db,
      );
      expect(Number(left.rows[0]?.n)).toBe(0);
      expect(await migrateToLatest(handle.db)).toHaveLength(names.length);
      expect(await migrateToLatest(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

describe('geography and partnerships reference data', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createWorld({ demo: false });
  });
  afterAll(() => world.close());

  it('seeds Scotland, its 32 council areas and one partnership for each', async () => {
    const areas = await world.deps.areas.councilAreas(ctx);
    expect(areas).toHaveLength(32);
    expect(areas.every((a) => /^S12\d{6}$/.test(a.code))).toBe(true);
    expect(new Set(areas.map((a) => a.code)).size).toBe(32);
    const partnerships = await world.deps.partnerships.list(ctx);
    expect(partnerships).toHaveLength(32);
    expect(new Set(partnerships.map((p) => p.councilAreaCode))).toEqual(new Set(areas.map((a) => a.code)));
  });

  it('agrees with the statistics.gov.scot lookup in ../shared/data on every council code and name', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(sharedData('geography', 'DataZone2011lookup.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    const fromFile = new Map<string, string>();
    for (const line of lines) {
      const cells = line.split(',');
      fromFile.set(cells[cells.length - 2]!.replace(/"/g, ''), cells[cells.length - 1]!.replace(/"/g, ''));
    }
    expect(fromFile.size).toBe(32);
    expect(new Map(COUNCIL_AREAS.map((c) => [c.code, c.name]))).toEqual(fromFile);
  });

  it('resolves the names sources use, and old codes, to current GSS codes', async () => {
    const cases: [string, string | null][] = [
      ['Edinburgh, City of', 'S12000036'],
      ['City of Edinburgh', 'S12000036'],
      ['eilean siar', 'S12000013'],
      ['Na h-Eileanan an Iar', 'S12000013'],
      ['Argyle & Bute', 'S12000035'],
      ['  Orkney  ', 'S12000023'],
      ['S12000015', 'S12000047'],
      ['S12000046', 'S12000049'],
      ['Scotland', 'S92000003'],
      ['Atlantis', null],
    ];
    for (const [name, code] of cases) expect(await world.deps.areas.resolve(ctx, name), name).toBe(code);
    const res = await new Client(world).get('/api/v1/areas/resolve?name=Edinburgh%20City');
    expect(res.json()).toEqual({ name: 'Edinburgh City', code: 'S12000036' });
    const bad = await new Client(world).get('/api/v1/areas/resolve');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json<{ error: { fields: object } }>().error.fields)).toEqual(['name']);
  });

  it('keeps every statutory partner type of Schedule 1 with its legal basis', async () => {
    const types = await world.deps.partnerships.organisationTypes({ ...ctx });
    const statutory = types.filter((t) => t.category === 'statutory_partner');
    expect(statutory.map((t) => t.code)).toEqual(
      ORGANISATION_TYPES.filter((t) => t.category === 'statutory_partner').map((t) => t.code),
    );
    expect(statutory).toHaveLength(17);
    expect(statutory.every((t) => t.legal_basis?.includes('2015'))).toBe(true);
    for (const kind of ['community_body', 'third_sector_interface', 'business', 'national_body'])
      expect(types.map((t) => t.code)).toContain(kind);
  });

  it('makes partnership codes from council names', () => {
    expect(slugify('City of Edinburgh')).toBe('city-of-edinburgh');
    expect(slugify('Na h-Eileanan Siar')).toBe('na-h-eileanan-siar');
    expect(slugify('Argyll & Bute')).toBe('argyll-and-bute');
  });

  it('hides localities from the public geography', async () => {
    const res = await new Client(world).get('/api/v1/areas/S12000036');
    expect(res.json<{ nameVariants: string[] }>().nameVariants).toContain('Edinburgh, City of');
  });
});

describe('demo content', () => {
  it('is labelled fictional everywhere, and is never added to a database in real use', async () => {
    const world = await createWorld({ demo: false });
    try {
      const outcome = await world.deps.demo.seed();
      expect(outcome.seeded).toBe(true);
      for (const table of ['users', 'organisations', 'partnerships', 'areas'] as const) {
        const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE fictional`.execute(
          world.handle.db,
        );
        expect(Number(rows.rows[0]?.n), table).toBeGreaterThan(0);
      }
      const demoUsers = await world.handle.db.selectFrom('users').select(['email', 'fictional']).execute();
      expect(demoUsers.every((u) => u.fictional)).toBe(true);
      const again = await world.deps.demo.seed();
      expect(again).toEqual({ seeded: false, reason: 'The demo partnership is already there.' });
    } finally {
      await world.close();
    }
    const used = await createWorld({ demo: false });
    try {
      const { seedOtherPartnership } = await import('./helpers/app.ts');
      await seedOtherPartnership(used.deps);
      const outcome = await used.deps.demo.seed();
      expect(outcome.seeded).toBe(false);
      expect(outcome.seeded ? '' : outcome.reason).toMatch(/never added to a database in real use \(Fife/);
      expect(await used.deps.partnerships.resolve('glenlochy-demo')).toBeNull();
    } finally {
      await used.close();
    }
  });
});

describe('CSV', () => {
  it('quotes, escapes and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      [{ a: 'plain', b: 'with, comma', c: '=HYPERLINK("x")', d: null, e: 'line\nbreak', f: '-5' }],
      ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => ({ header: k, value: (r: Record<string, string | null>) => r[k] })),
    );
    expect(csv).toBe('a,b,c,d,e,f\r\nplain,"with, comma","\'=HYPERLINK(""x"")",,"line\nbreak",\'-5\r\n');
  });
});

describe('OpenAPI', () => {
  it('describes every JSON route with its permission', async () => {
    const world = await createWorld({ demo: false });
    try {
      const doc = (await new Client(world).get('/api/v1/openapi.json')).json<{
        openapi: string;
        paths: Record<string, Record<string, { description: string; requestBody?: unknown }>>;
      }>();
      expect(doc.openapi).toBe('3.1.0');
      const api = world.cairn.routes.filter((r) => r.kind === 'api');
      for (const r of api) {
        const op = doc.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
        expect(op, `${r.method} ${r.path}`).toBeDefined();
        expect(op!.description).toContain(r.permission);
        if (r.body) expect(op!.requestBody, `${r.method} ${r.path} body`).toBeDefined();
      }
    } finally {
      await world.close();
    }
  });
});
