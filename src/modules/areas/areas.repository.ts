import type { Kysely, Transaction } from 'kysely';
import type { AreaLevel, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function listAreas(db: Db, level: AreaLevel, parentCode?: string) {
  let q = db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'fictional'])
    .where('level', '=', level);
  if (parentCode) q = q.where('parent_code', '=', parentCode);
  return q.orderBy('name').execute();
}

export function findArea(db: Db, code: string) {
  return db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst();
}

export function childCounts(db: Db, parentCode: string) {
  return db
    .selectFrom('areas')
    .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
    .where('parent_code', '=', parentCode)
    .where('level', '!=', 'locality')
    .groupBy('level')
    .execute();
}

export function variantsOf(db: Db, code: string) {
  return db
    .selectFrom('area_name_variants')
    .select(['name', 'source'])
    .where('area_code', '=', code)
    .orderBy('name')
    .execute();
}

export function aliasesOf(db: Db, code: string) {
  return db
    .selectFrom('area_code_aliases')
    .select(['old_code', 'changed_in', 'source'])
    .where('area_code', '=', code)
    .execute();
}

/** Resolve a name as any source spells it, or an old code, to the current GSS code. */
export async function resolveName(db: Db, nameOrCode: string): Promise<string | null> {
  const needle = nameOrCode.trim();
  const byCode = await db.selectFrom('areas').select('code').where('code', '=', needle).executeTakeFirst();
  if (byCode) return byCode.code;
  const alias = await db
    .selectFrom('area_code_aliases')
    .select('area_code')
    .where('old_code', '=', needle)
    .executeTakeFirst();
  if (alias) return alias.area_code;
  const lower = needle.toLowerCase().replace(/\s+/g, ' ');
  const byName = await db
    .selectFrom('areas')
    .select('code')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', lower))
    .where('level', 'in', ['country', 'council_area'])
    .executeTakeFirst();
  if (byName) return byName.code;
  const variant = await db
    .selectFrom('area_name_variants')
    .select('area_code')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', lower))
    .executeTakeFirst();
  return variant?.area_code ?? null;
}
