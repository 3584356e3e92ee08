import type { Kysely, Transaction } from 'kysely';
import type { AreaLevel, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The queries of the public geography (areas, their name variants and code aliases). */
export class AreasRepository {
  constructor(private readonly db: Db) {}

  listAreas(level: AreaLevel, parentCode?: string) {
    let q = this.db
      .selectFrom('areas')
      .select(['code', 'name', 'level', 'parent_code', 'fictional'])
      .where('level', '=', level);
    if (parentCode) q = q.where('parent_code', '=', parentCode);
    return q.orderBy('name').execute();
  }

  findArea(code: string) {
    return this.db.selectFrom('areas').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /**
   * An area of the public geography: any level but a locality. Localities belong to partnerships and are read
   * through their partnership, so the public geography's query leaves them out.
   */
  findPublicArea(code: string) {
    return this.db
      .selectFrom('areas')
      .selectAll()
      .where('code', '=', code)
      .where('level', '!=', 'locality')
      .executeTakeFirst();
  }

  childCounts(parentCode: string) {
    return this.db
      .selectFrom('areas')
      .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
      .where('parent_code', '=', parentCode)
      .where('level', '!=', 'locality')
      .groupBy('level')
      .execute();
  }

  variantsOf(code: string) {
    return this.db
      .selectFrom('area_name_variants')
      .select(['name', 'source'])
      .where('area_code', '=', code)
      .orderBy('name')
      .execute();
  }

  aliasesOf(code: string) {
    return this.db
      .selectFrom('area_code_aliases')
      .select(['old_code', 'changed_in', 'source'])
      .where('area_code', '=', code)
      .execute();
  }

  /** Resolve a name as any source spells it, or an old code, to the current GSS code. */
  async resolveName(nameOrCode: string): Promise<string | null> {
    const needle = nameOrCode.trim();
    const byCode = await this.db.selectFrom('areas').select('code').where('code', '=', needle).executeTakeFirst();
    if (byCode) return byCode.code;
    const alias = await this.db
      .selectFrom('area_code_aliases')
      .select('area_code')
      .where('old_code', '=', needle)
      .executeTakeFirst();
    if (alias) return alias.area_code;
    const lower = needle.toLowerCase().replace(/\s+/g, ' ');
    const byName = await this.db
      .selectFrom('areas')
      .select('code')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', lower))
      .where('level', 'in', ['country', 'council_area'])
      .executeTakeFirst();
    if (byName) return byName.code;
    const variant = await this.db
      .selectFrom('area_name_variants')
      .select('area_code')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', lower))
      .executeTakeFirst();
    return variant?.area_code ?? null;
  }
}
