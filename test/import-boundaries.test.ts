import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { choroplethSvg, type AreaGeometry } from '../src/core/ui/maps.ts';
import { ImportError, readSource, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const COUNCILS = 'npw_scotland_boundaries.geojson';
const ZONES = 'izboundaries_simplified.geojson';
const COUNCIL_FILE = readFileSync(sharedData('boundaries', COUNCILS));
const ZONE_FILE = readFileSync(sharedData('boundaries', ZONES));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});

interface Collection {
  type: string;
  features: { type: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
}
/** The file, changed: parsed, edited, written back. */
const edited = (name: string, content: Buffer, edit: (c: Collection) => void): SourceFile => {
  const collection = JSON.parse(content.toString('utf8')) as Collection;
  edit(collection);
  return file(name, JSON.stringify(collection));
};

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
  await world.deps.imports.importGeography(ctx, readSource(sharedData('geography', 'DataZone2011lookup.csv')));
});
afterAll(() => world.close());

/** What is stored: every import sets import_run_id on the boundaries it writes, so a failed one leaves this as it was. */
async function fingerprint() {
  const r = await sql<{
    n: string;
    run: number | null;
  }>`SELECT count(*) AS n, max(import_run_id) AS run FROM area_boundaries`.execute(world.handle.db);
  const runs = await world.handle.db
    .selectFrom('import_runs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { boundaries: Number(r.rows[0]?.n), lastRun: r.rows[0]?.run ?? null, runs: Number(runs.n) };
}

const contents = () =>
  sql<{
    s: string;
  }>`SELECT md5(string_agg(area_code || geometry::text || min_lon || min_lat || max_lon || max_lat, ',' ORDER BY area_code)) AS s FROM area_boundaries`
    .execute(world.handle.db)
    .then((r) => r.rows[0]?.s);

async function stored(level: 'council_area' | 'intermediate_zone') {
  return world.handle.db
    .selectFrom('area_boundaries as b')
    .innerJoin('areas as a', 'a.code', 'b.area_code')
    .select(['a.code', 'a.name', 'b.geometry', 'b.min_lon', 'b.min_lat', 'b.max_lon', 'b.max_lat'])
    .where('a.level', '=', level)
    .orderBy('a.code')
    .execute();
}

describe('area boundaries import', () => {
  it('loads the 32 council areas, matching their names to codes', async () => {
    const dry = await world.deps.imports.importBoundaries(ctx, file(COUNCILS, COUNCIL_FILE), { dryRun: true });
    expect(dry).toMatchObject({ kind: 'boundaries', dryRun: true, runId: null, result: { rowsLoaded: 32 } });
    expect(await fingerprint()).toEqual({ boundaries: 0, lastRun: null, runs: 1 });

    const progress: [number, number][] = [];
    const summary = await world.deps.imports.importBoundaries(ctx, file(COUNCILS, COUNCIL_FILE), {
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(summary.result).toMatchObject({
      level: 'council_area',
      rowsRead: 32,
      rowsLoaded: 32,
      replaced: 0,
      changed: 0,
      areasWithout: 0,
      points: 37_539,
    });
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const councils = await stored('council_area');
    expect(councils).toHaveLength(32);
    expect(councils.filter((c) => c.code.startsWith('S12')).length).toBe(32);
    const byName = new Map(councils.map((c) => [c.name, c]));
    // Shetland reaches past 60.8°N; Edinburgh sits around 3.2°W, 55.9°N; the Western Isles matched by name.
    expect(byName.get('Shetland Islands')!.max_lat).toBeGreaterThan(60.8);
    const edinburgh = byName.get('City of Edinburgh')!;
    expect(edinburgh.min_lon).toBeGreaterThan(-3.5);
    expect(edinburgh.max_lon).toBeLessThan(-3.0);
    expect(edinburgh.min_lat).toBeGreaterThan(55.8);
    expect(edinburgh.max_lat).toBeLessThan(56.05);
    expect((byName.get('Na h-Eileanan Siar')!.geometry as AreaGeometry).type).toBe('MultiPolygon');
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'boundaries',
      file_name: COUNCILS,
      rows_read: 32,
      rows_loaded: 32,
      rows_skipped: 0,
    });
  });

  it('loads the 1,279 intermediate zones by code, each inside its council', async () => {
    const progress: [number, number][] = [];
    const summary = await world.deps.imports.importBoundaries(ctx, file(ZONES, ZONE_FILE), {
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(summary.result).toMatchObject({
      level: 'intermediate_zone',
      rowsRead: 1279,
      rowsLoaded: 1279,
      replaced: 0,
      changed: 0,
      areasWithout: 0,
      points: 193_181,
    });
    expect(progress.at(-1)).toEqual([1, 1]);
    expect(await stored('intermediate_zone')).toHaveLength(1279);
    // Two publishers' boundaries, both simplified: every zone's box lies within its council's, give or take 0.05°.
    const outside = await sql<{ code: string }>`
      SELECT iz.code FROM areas iz
      JOIN area_boundaries z ON z.area_code = iz.code JOIN area_boundaries c ON c.area_code = iz.parent_code
      WHERE iz.level = 'intermediate_zone'
        AND (z.min_lon < c.min_lon - 0.05 OR z.max_lon > c.max_lon + 0.05 OR z.min_lat < c.min_lat - 0.05 OR z.max_lat > c.max_lat + 0.05)`.execute(
      world.handle.db,
    );
    expect(outside.rows).toEqual([]);
  });

  it('is idempotent: the same files again give the same counts and change nothing', async () => {
    const before = await contents();
    const councils = await world.deps.imports.importBoundaries(ctx, file(COUNCILS, COUNCIL_FILE));
    expect(councils.result).toMatchObject({ rowsLoaded: 32, replaced: 32, changed: 0, areasWithout: 0 });
    const zones = await world.deps.imports.importBoundaries(ctx, file(ZONES, ZONE_FILE));
    expect(zones.result).toMatchObject({ rowsLoaded: 1279, replaced: 1279, changed: 0, areasWithout: 0 });
    expect(await contents()).toBe(before);
    expect((await fingerprint()).boundaries).toBe(32 + 1279);
  });

  it('draws the stored boundaries as choropleth maps of a sensible size', async () => {
    for (const [level, count, limit] of [
      ['council_area', 32, 300_000],
      ['intermediate_zone', 1279, 1_300_000],
    ] as const) {
      const rows = await stored(level);
      const areas = rows.map((r) => ({ code: r.code, name: r.name, geometry: r.geometry as AreaGeometry }));
      const values = new Map(areas.map((a, i) => [a.code, i % 10 === 0 ? null : i]));
      const svg = choroplethSvg(areas, values, { title: `Test map of ${level}`, higherIsBetter: true });
      expect(svg.match(/<path data-code=/g)).toHaveLength(count);
      expect(Buffer.byteLength(svg)).toBeLessThan(limit);
    }
  });

  const cases: { name: string; source: () => SourceFile; message: string | RegExp }[] = [
    {
      name: 'a file that is not JSON',
      source: () => file('cut.geojson', COUNCIL_FILE.subarray(0, 5000)),
      message: /^cut\.geojson: is not GeoJSON: it cannot be read as JSON \(.+\)$/,
    },
    {
      name: 'a CSV file',
      source: () => file('lookup.geojson', readFileSync(sharedData('geography', 'DataZone2011lookup.csv'))),
      message: /^lookup\.geojson: is not GeoJSON: it cannot be read as JSON/,
    },
    {
      name: 'JSON that is not a FeatureCollection',
      source: () =>
        file('one.geojson', JSON.stringify({ type: 'Feature', properties: { name: 'Fife' }, geometry: null })),
      message: 'one.geojson: is not a GeoJSON FeatureCollection (it is a Feature)',
    },
    {
      name: 'a JSON array',
      source: () => file('list.geojson', '[1, 2]'),
      message: 'list.geojson: is not a GeoJSON FeatureCollection (it is an array)',
    },
    {
      name: 'an empty FeatureCollection',
      source: () => file('empty.geojson', '{"type":"FeatureCollection","features":[]}'),
      message: 'empty.geojson: is a FeatureCollection with no features',
    },
    {
      name: 'a file with neither layout’s property',
      source: () =>
        edited('codes.geojson', COUNCIL_FILE, (c) => {
          for (const f of c.features) f.properties = { LAD23CD: 'S12000005', kind: 'LAD' };
        }),
      message:
        'codes.geojson: has neither layout Cairn reads: feature 1 has properties LAD23CD, kind, not council areas (property name) or intermediate zones (property InterZone)',
    },
    {
      name: 'a feature without the property the others have',
      source: () =>
        edited('zones.geojson', ZONE_FILE, (c) => {
          c.features[4]!.properties = { IZcode: c.features[4]!.properties['InterZone'], Name: 'Renamed' };
        }),
      message:
        'zones.geojson, feature 5: has no InterZone property (feature 1 has one, so the file is read as intermediate zones (property InterZone); this one has IZcode, Name)',
    },
    {
      name: 'an unknown intermediate zone code',
      source: () =>
        edited('zones.geojson', ZONE_FILE, (c) => {
          c.features[16]!.properties['InterZone'] = 'S02999999';
        }),
      message:
        'zones.geojson, feature 17: InterZone “S02999999” is not a known intermediate zone code (import the geography first)',
    },
    {
      name: 'a data zone code where an intermediate zone code belongs',
      source: () =>
        edited('zones.geojson', ZONE_FILE, (c) => {
          c.features[0]!.properties['InterZone'] = 'S01006506';
        }),
      message:
        'zones.geojson, feature 1: InterZone “S01006506” is not a known intermediate zone code (import the geography first)',
    },
    {
      name: 'an unknown council name',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          c.features[16]!.properties['name'] = 'Nowhere';
        }),
      message: 'councils.geojson, feature 17: name “Nowhere” is not a council area under any name Cairn knows',
    },
    {
      name: 'a council twice',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          c.features[1]!.properties['name'] = 'clackmannanshire';
        }),
      message: 'councils.geojson, feature 2: name “clackmannanshire” is S12000005, which feature 1 is too',
    },
    {
      name: 'a geometry that is not an area',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          c.features[2]!.geometry = { type: 'Point', coordinates: [-4.4, 55.5] };
        }),
      message: 'councils.geojson, feature 3: geometry is a Point, not a Polygon or MultiPolygon',
    },
    {
      name: 'latitude and longitude swapped',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          const ring = (c.features[0]!.geometry.coordinates as number[][][])[0]!;
          for (const p of ring) p.reverse();
        }),
      message:
        /^councils\.geojson, feature 1: ring 1, position 1 \(56\.\d+, -3\.\d+\) is not in Scotland \(longitude -10 to 0, latitude 54 to 61\.5: is it WGS84, longitude first\?\)$/,
    },
    {
      name: 'British National Grid coordinates',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          c.features[5]!.geometry.coordinates = [
            [
              [100000, 900000],
              [110000, 900000],
              [110000, 910000],
              [100000, 900000],
            ],
          ];
          c.features[5]!.geometry.type = 'Polygon';
        }),
      message: /^councils\.geojson, feature 6: ring 1, position 1 \(100000, 900000\) is not in Scotland/,
    },
    {
      name: 'a coordinate that is not a number',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          (c.features[0]!.geometry.coordinates as unknown[][][])[0]![3] = ['-3.8', 56.1];
        }),
      message: 'councils.geojson, feature 1: ring 1, position 4 is not a pair of numbers (["-3.8",56.1])',
    },
    {
      name: 'a ring that is not closed',
      source: () =>
        edited('councils.geojson', COUNCIL_FILE, (c) => {
          (c.features[0]!.geometry.coordinates as unknown[][])[0]!.pop();
        }),
      message: 'councils.geojson, feature 1: ring 1 is not closed (its last position is not its first)',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await fingerprint();
      const error = await world.deps.imports.importBoundaries(ctx, c.source()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      if (typeof c.message === 'string') expect((error as Error).message).toBe(c.message);
      else expect((error as Error).message).toMatch(c.message);
      expect(await fingerprint()).toEqual(before);
    });
  }
});
