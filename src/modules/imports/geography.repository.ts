import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What the data zone lookup writes: areas, area_links and area_classifications (tables of the areas
 * module; loading the national geography is this importer's job).
 */

/** The level each of these codes has already, for those Cairn holds. */
export function areaLevels(trx: Transaction<Database>, codes: readonly string[]) {
  return trx.selectFrom('areas').select(['code', 'level']).where('code', 'in', codes).execute();
}

/** Insert or update national areas of one level under their parents, in one statement. */
export async function upsertNationalAreas(
  trx: Transaction<Database>,
  level: string,
  rows: readonly { code: string; name: string; parent: string }[],
  source: string,
): Promise<void> {
  // One statement for the lot: arrays in, rows out (twice as fast as batches of VALUES on both engines).
  await sql`
    INSERT INTO areas (code, name, level, parent_code, partnership_id, fictional, source)
    SELECT t.code, t.name, ${level}, t.parent, NULL, false, ${source}
    FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.parent)}::text[]) AS t(code, name, parent)
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, source = EXCLUDED.source`.execute(
    trx,
  );
}

/** Each data zone's ward and health board, replacing the one it had. */
export async function upsertAreaLinks(
  trx: Transaction<Database>,
  links: readonly { area: string; relation: 'ward' | 'health_board'; linked: string }[],
): Promise<void> {
  await sql`
      INSERT INTO area_links (area_code, relation, linked_code)
      SELECT * FROM unnest(${links.map((l) => l.area)}::text[], ${links.map((l) => l.relation)}::text[], ${links.map((l) => l.linked)}::text[])
      ON CONFLICT (area_code, relation) DO UPDATE SET linked_code = EXCLUDED.linked_code`.execute(trx);
}

/** Each data zone's class in each urban/rural scheme, replacing the one it had. */
export async function upsertAreaClassifications(
  trx: Transaction<Database>,
  classifications: readonly { area: string; scheme: string; value: number; label: string }[],
): Promise<void> {
  const c = classifications;
  await sql`
      INSERT INTO area_classifications (area_code, scheme, value, label)
      SELECT * FROM unnest(${c.map((x) => x.area)}::text[], ${c.map((x) => x.scheme)}::text[],
                           ${c.map((x) => x.value)}::int[], ${c.map((x) => x.label)}::text[])
      ON CONFLICT (area_code, scheme) DO UPDATE SET value = EXCLUDED.value, label = EXCLUDED.label`.execute(trx);
}
