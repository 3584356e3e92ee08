import type { Insertable, Kysely, Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database, LandAssetTable } from '../../db/schema.ts';
import type { CommunityTransaction } from './requests.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The key of an entry on a register of land: each partnership keeps its own register, so an authority in
 * several partnerships (Police Scotland, NHS boards) has one register per partnership, and a reference in
 * one never meets, overwrites or gives away the same reference in another (ADR 0013). Every lookup and
 * every conflict target uses the whole key.
 */
const LAND_KEY = ['partnership_id', 'owner_organisation_id', 'reference'] as const;

/** What a register file gives of an entry (the partnership and the owner are the upload's). */
export type LandFileRow = Required<
  Pick<
    Insertable<LandAssetTable>,
    'reference' | 'name' | 'asset_type' | 'address' | 'postcode' | 'description' | 'area_hectares' | 'uprn'
  >
>;

/**
 * The queries of the registers of land (table land_assets). The owners' names are the partnerships module's,
 * the import runs that load a register the imports module's: the service asks them.
 */
export class LandRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction (or the caller's), with this repository over it and the transaction itself. */
  transaction<T>(fn: (repo: LandRepository, trx: CommunityTransaction) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new LandRepository(trx), trx));
  }

  /** Run `fn` in a transaction of its own (a dry run of an import is rolled back by throwing out of it). */
  ownTransaction<T>(fn: (repo: LandRepository, trx: CommunityTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new LandRepository(trx), trx));
  }

  /**
   * The partnership's register, by name (the service orders it by owner); `q` searches names, addresses,
   * references and postcodes.
   */
  list(partnershipId: number, q?: string) {
    let query = this.db
      .selectFrom('land_assets as l')
      .select([
        'l.id',
        'l.reference',
        'l.name',
        'l.asset_type',
        'l.address',
        'l.postcode',
        'l.description',
        'l.area_hectares',
        'l.uprn',
        'l.owner_organisation_id as owner_id',
      ])
      .where('l.partnership_id', '=', partnershipId);
    if (q) {
      const like = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['l.name']), 'like', like),
          eb(eb.fn('lower', ['l.address']), 'like', like),
          eb(eb.fn('lower', ['l.reference']), 'like', like),
          eb(eb.fn('lower', ['l.postcode']), 'like', like),
        ]),
      );
    }
    return query.orderBy('l.name').execute();
  }

  /**
   * Add an entry; undefined when its reference is already on this partnership's register for this owner.
   * The key itself refuses it, so two adds at once cannot both pass a check; another partnership's register
   * is not in the key's reach.
   */
  addAsset(values: Insertable<LandAssetTable>) {
    return this.db
      .insertInto('land_assets')
      .values(values)
      .onConflict((oc) => oc.columns([...LAND_KEY]).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  /** The references already on the partnership's register for this owner. */
  async references(partnershipId: number, ownerOrganisationId: number): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('land_assets')
      .select('reference')
      .where('partnership_id', '=', partnershipId)
      .where('owner_organisation_id', '=', ownerOrganisationId)
      .execute();
    return new Set(rows.map((r) => r.reference));
  }

  /** Add a row of a register file, or update the entry with its reference. */
  async upsertAsset(
    r: LandFileRow,
    key: { partnershipId: number; ownerOrganisationId: number; importRunId: number },
    now: Date,
  ): Promise<void> {
    await this.db
      .insertInto('land_assets')
      .values({
        ...r,
        partnership_id: key.partnershipId,
        owner_organisation_id: key.ownerOrganisationId,
        import_run_id: key.importRunId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns([...LAND_KEY]).doUpdateSet({
          name: r.name,
          asset_type: r.asset_type,
          address: r.address,
          postcode: r.postcode,
          description: r.description,
          area_hectares: r.area_hectares,
          uprn: r.uprn,
          import_run_id: key.importRunId,
          updated_at: now,
        }),
      )
      .execute();
  }

  /** One entry of the partnership's register. */
  get(partnershipId: number, id: number) {
    return this.db
      .selectFrom('land_assets')
      .selectAll()
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }
}
