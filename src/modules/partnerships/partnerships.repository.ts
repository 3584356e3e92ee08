import type { Kysely, Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database, MembershipKind } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The queries of partnerships (tables partnerships, partnership_organisations, organisations, organisation_types).
 * Every query of a partnership's rows names the partnership's id. Its members' roles are the accounts module's
 * (AccountsService), its localities the areas module's (Localities).
 */
export class PartnershipsRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: PartnershipsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new PartnershipsRepository(trx), trx));
  }

  findPartnership(codeOrAreaCode: string) {
    return this.db
      .selectFrom('partnerships')
      .selectAll()
      .where((eb) => eb.or([eb('code', '=', codeOrAreaCode), eb('council_area_code', '=', codeOrAreaCode)]))
      .executeTakeFirst();
  }

  /** Reads one row of partnerships, if there is one: the health check's query on a migrated table. */
  async probe(): Promise<void> {
    await this.db.selectFrom('partnerships').select('id').limit(1).execute();
  }

  findPartnershipById(id: number) {
    return this.db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every partnership, real ones first, with its number of organisations (the service orders by area name). */
  listPartnerships() {
    return this.db
      .selectFrom('partnerships')
      .select([
        'partnerships.id',
        'partnerships.code',
        'partnerships.name',
        'partnerships.council_area_code',
        'partnerships.fictional',
        (eb) =>
          eb
            .selectFrom('partnership_organisations')
            .select((e2) => e2.fn.countAll<string>().as('n'))
            .whereRef('partnership_organisations.partnership_id', '=', 'partnerships.id')
            .as('organisation_count'),
      ])
      .orderBy('partnerships.fictional')
      .execute();
  }

  listMemberOrganisations(partnershipId: number) {
    return this.db
      .selectFrom('partnership_organisations as po')
      .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
      .innerJoin('organisation_types as t', 't.code', 'o.type_code')
      .select([
        'o.id',
        'o.name',
        'o.website',
        'o.type_code',
        't.name as type_name',
        't.category',
        't.sort_order',
        'po.kind',
        'po.joined_on',
        'o.owner_partnership_id',
        'o.fictional',
      ])
      .where('po.partnership_id', '=', partnershipId)
      .orderBy('t.sort_order')
      .orderBy('o.name')
      .execute();
  }

  /** Organisations a partnership may link to: national bodies and its own. */
  listLinkableOrganisations(partnershipId: number) {
    return this.db
      .selectFrom('organisations as o')
      .innerJoin('organisation_types as t', 't.code', 'o.type_code')
      .select(['o.id', 'o.name', 't.name as type_name'])
      .where((eb) =>
        eb.or([eb('o.owner_partnership_id', 'is', null), eb('o.owner_partnership_id', '=', partnershipId)]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('partnership_organisations as po')
              .select('po.organisation_id')
              .whereRef('po.organisation_id', '=', 'o.id')
              .where('po.partnership_id', '=', partnershipId),
          ),
        ),
      )
      .orderBy('o.name')
      .execute();
  }

  /**
   * The organisation with this id if the partnership can see it: a national body, or one of its own. Another
   * partnership's own organisations are not found.
   */
  findVisibleOrganisation(partnershipId: number, id: number) {
    return this.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('owner_partnership_id', 'is', null), eb('owner_partnership_id', '=', partnershipId)]))
      .executeTakeFirst();
  }

  /** A new organisation of the partnership's own. */
  insertOrganisation(organisation: {
    name: string;
    type_code: string;
    website: string | null;
    owner_partnership_id: number;
    fictional: boolean;
    created_at: Date;
    updated_at: Date;
  }) {
    return this.db.insertInto('organisations').values(organisation).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * An organisation of this name that the partnership can see: a national body, or one of its own. Another
   * partnership's own organisations are outside the name's scope (migration 0024), so a name is neither
   * refused because of them nor tells who else uses it.
   */
  findOrganisationByName(partnershipId: number, name: string) {
    return this.db
      .selectFrom('organisations')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .where((eb) => eb.or([eb('owner_partnership_id', 'is', null), eb('owner_partnership_id', '=', partnershipId)]))
      .executeTakeFirst();
  }

  findMembership(partnershipId: number, organisationId: number) {
    return this.db
      .selectFrom('partnership_organisations')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  }

  insertMembership(
    partnershipId: number,
    organisationId: number,
    kind: MembershipKind,
    joinedOn: string | null,
    now: Date,
  ) {
    return this.db
      .insertInto('partnership_organisations')
      .values({
        partnership_id: partnershipId,
        organisation_id: organisationId,
        kind,
        joined_on: joinedOn,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deleteMembership(partnershipId: number, organisationId: number): Promise<void> {
    await this.db
      .deleteFrom('partnership_organisations')
      .where('partnership_id', '=', partnershipId)
      .where('organisation_id', '=', organisationId)
      .execute();
  }

  listOrganisationTypes() {
    return this.db.selectFrom('organisation_types').selectAll().orderBy('sort_order').execute();
  }

  /** Organisations' names by id (a member's organisation, beside their account). */
  organisationNames(ids: readonly number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
  }

  renamePartnership(partnershipId: number, name: string, now: Date) {
    return this.db
      .updateTable('partnerships')
      .set({ name, updated_at: now })
      .where('id', '=', partnershipId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
