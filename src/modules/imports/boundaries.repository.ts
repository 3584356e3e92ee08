import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the boundaries import writes: area_boundaries (a table of the areas module; loading them is its job). */

/** One area's boundary (GeoJSON, stored as jsonb), with its bounding box [min lon, min lat, max lon, max lat]. */
export interface BoundaryToWrite {
  area: string;
  geometry: unknown;
  bbox: readonly [number, number, number, number];
}

/**
 * Insert or replace the boundaries, in one statement, counting first (from the same arrays) how many of
 * these areas had one already, and how many of those differ.
 */
export async function replaceBoundaries(
  trx: Transaction<Database>,
  b: readonly BoundaryToWrite[],
  runId: number,
): Promise<{ replaced: number; changed: number }> {
  const arrays = sql`${b.map((x) => x.area)}::text[], ${b.map((x) => JSON.stringify(x.geometry))}::jsonb[],
    ${b.map((x) => x.bbox[0])}::float8[], ${b.map((x) => x.bbox[1])}::float8[], ${b.map((x) => x.bbox[2])}::float8[], ${b.map((x) => x.bbox[3])}::float8[]`;
  const before = await sql<{ replaced: string; changed: string }>`
    SELECT count(*) AS replaced, count(*) FILTER (WHERE ab.geometry <> t.g) AS changed
    FROM unnest(${arrays}) AS t(a, g, x0, y0, x1, y1) JOIN area_boundaries ab ON ab.area_code = t.a`.execute(trx);
  await sql`
    INSERT INTO area_boundaries (area_code, geometry, min_lon, min_lat, max_lon, max_lat, import_run_id)
    SELECT t.a, t.g, t.x0, t.y0, t.x1, t.y1, ${runId} FROM unnest(${arrays}) AS t(a, g, x0, y0, x1, y1)
    ON CONFLICT (area_code) DO UPDATE SET geometry = EXCLUDED.geometry, min_lon = EXCLUDED.min_lon, min_lat = EXCLUDED.min_lat,
      max_lon = EXCLUDED.max_lon, max_lat = EXCLUDED.max_lat, import_run_id = EXCLUDED.import_run_id`.execute(trx);
  return { replaced: Number(before.rows[0]?.replaced ?? 0), changed: Number(before.rows[0]?.changed ?? 0) };
}

/** How many (not fictional) areas of this level have no boundary. */
export async function areasWithoutBoundary(trx: Transaction<Database>, level: string): Promise<number> {
  const without = await sql<{ n: string }>`
    SELECT count(*) AS n FROM areas a WHERE a.level = ${level} AND a.fictional = false
      AND NOT EXISTS (SELECT 1 FROM area_boundaries ab WHERE ab.area_code = a.code)`.execute(trx);
  return Number(without.rows[0]?.n ?? 0);
}
