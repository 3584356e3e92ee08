import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type LocalitiesDb = Kysely<Database> | Transaction<Database>;

/** A new locality as a partnership defines it (its code made by the partnerships module). */
export interface NewLocality {
  code: string;
  name: string;
  /** The council area it lies in. */
  parent_code: string;
  partnership_id: number;
  fictional: boolean;
  source: string;
  created_at: Date;
}

/**
 * The queries of the localities partnerships draw (tables areas, level 'locality' with the partnership's id,
 * and locality_components). Every read of a partnership's localities names the partnership's id.
 */
export class LocalitiesRepository {
  constructor(private readonly db: LocalitiesDb) {}

  listLocalities(partnershipId: number, db: LocalitiesDb = this.db) {
    return db
      .selectFrom('areas')
      .select([
        'areas.code',
        'areas.name',
        'areas.fictional',
        (eb) =>
          eb
            .selectFrom('locality_components')
            .select((e2) => e2.fn.countAll<string>().as('n'))
            .whereRef('locality_components.locality_code', '=', 'areas.code')
            .as('component_count'),
      ])
      .where('level', '=', 'locality')
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  listLocalityComponents(partnershipId: number, db: LocalitiesDb = this.db) {
    return db
      .selectFrom('locality_components as lc')
      .innerJoin('areas as l', 'l.code', 'lc.locality_code')
      .innerJoin('areas as a', 'a.code', 'lc.component_code')
      .select(['lc.locality_code', 'a.code', 'a.name', 'a.level'])
      .where('l.partnership_id', '=', partnershipId)
      .orderBy('a.name')
      .execute();
  }

  /** Areas inside a council area that a locality may be built from. */
  findComponentAreas(councilAreaCode: string, codes: readonly string[], db: LocalitiesDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('areas as a')
      .leftJoin('areas as parent', 'parent.code', 'a.parent_code')
      .select(['a.code', 'a.level'])
      .where('a.code', 'in', [...codes])
      .where('a.level', 'in', ['intermediate_zone', 'data_zone', 'ward'])
      .where((eb) => eb.or([eb('a.parent_code', '=', councilAreaCode), eb('parent.parent_code', '=', councilAreaCode)]))
      .execute();
  }

  /** A new locality of a partnership: a row of `areas` at level 'locality'. */
  insertLocality(locality: NewLocality, db: LocalitiesDb = this.db) {
    return db
      .insertInto('areas')
      .values({ ...locality, level: 'locality' })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The areas a locality is made of. */
  async insertLocalityComponents(
    localityCode: string,
    componentCodes: readonly string[],
    db: LocalitiesDb = this.db,
  ): Promise<void> {
    await db
      .insertInto('locality_components')
      .values(componentCodes.map((c) => ({ locality_code: localityCode, component_code: c })))
      .execute();
  }
}
