import type { Kysely } from 'kysely';
import {
  CODE_CHANGES_SOURCE,
  COUNCIL_AREAS,
  COUNCIL_AREAS_SOURCE,
  NAME_VARIANTS_SOURCE,
  SCOTLAND,
  slugify,
} from '../reference/council-areas.ts';
import { NATIONAL_ORGANISATIONS, ORGANISATION_TYPES } from '../reference/organisation-types.ts';
import type { Database } from '../schema.ts';

/** Facts every Cairn database starts with: Scotland, its 32 council areas and their partnerships. */
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as Kysely<Database>;
  await db
    .insertInto('areas')
    .values({
      code: SCOTLAND.code,
      name: SCOTLAND.name,
      level: 'country',
      parent_code: null,
      partnership_id: null,
      source: COUNCIL_AREAS_SOURCE,
    })
    .execute();
  await db
    .insertInto('areas')
    .values(
      COUNCIL_AREAS.map((c) => ({
        code: c.code,
        name: c.name,
        level: 'council_area' as const,
        parent_code: SCOTLAND.code,
        partnership_id: null,
        source: COUNCIL_AREAS_SOURCE,
      })),
    )
    .execute();
  const variants = COUNCIL_AREAS.flatMap((c) =>
    c.variants.map((name) => ({ area_code: c.code, name, source: NAME_VARIANTS_SOURCE })),
  );
  await db.insertInto('area_name_variants').values(variants).execute();
  const aliases = COUNCIL_AREAS.filter((c) => c.previousCode).map((c) => ({
    old_code: c.previousCode as string,
    area_code: c.code,
    changed_in: '2018/19',
    source: CODE_CHANGES_SOURCE,
  }));
  await db.insertInto('area_code_aliases').values(aliases).execute();
  await db
    .insertInto('partnerships')
    .values(
      COUNCIL_AREAS.map((c) => ({
        code: slugify(c.name),
        name: `${c.name} Community Planning Partnership`,
        council_area_code: c.code,
      })),
    )
    .execute();
  await db
    .insertInto('organisation_types')
    .values(
      ORGANISATION_TYPES.map((t, i) => ({
        code: t.code,
        name: t.name,
        category: t.category,
        legal_basis: t.legalBasis,
        note: t.note ?? null,
        sort_order: i + 1,
      })),
    )
    .execute();
  await db
    .insertInto('organisations')
    .values(
      NATIONAL_ORGANISATIONS.map((o) => ({
        name: o.name,
        type_code: o.type,
        website: o.website,
        owner_partnership_id: null,
      })),
    )
    .execute();
}

export async function down(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as Kysely<Database>;
  await db
    .deleteFrom('organisations')
    .where('owner_partnership_id', 'is', null)
    .where('fictional', '=', false)
    .execute();
  await db.deleteFrom('organisation_types').execute();
  await db.deleteFrom('partnerships').where('fictional', '=', false).execute();
  await db.deleteFrom('area_code_aliases').execute();
  await db.deleteFrom('area_name_variants').execute();
  await db.deleteFrom('areas').where('level', '=', 'council_area').where('fictional', '=', false).execute();
  await db.deleteFrom('areas').where('level', '=', 'country').execute();
}
