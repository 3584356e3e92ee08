import type { Kysely, Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database, MembershipKind } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The queries of partnerships (tables partnerships, partnership_organisations, organisations, organisation_types,
 * partnership_roles, locality_components). Every query of a partnership's rows names the partnership's id.
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

  listPartnerships() {
    return this.db
      .selectFrom('partnerships')
      .innerJoin('areas', 'areas.code', 'partnerships.council_area_code')
      .select([
        'partnerships.id',
        'partnerships.code',
        'partnerships.name',
        'partnerships.council_area_code',
        'areas.name as council_area_name',
        'partnerships.fictional',
        (eb) =>
          eb
            .selectFrom('partnership_organisations')
            .select((e2) => e2.fn.countAll<string>().as('n'))
            .whereRef('partnership_organisations.partnership_id', '=', 'partnerships.id')
            .as('organisation_count'),
      ])
      .orderBy('partnerships.fictional')
      .orderBy('areas.name')
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

  listLocalities(partnershipId: number) {
    return this.db
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

  listLocalityComponents(partnershipId: number) {
    return this.db
      .selectFrom('locality_components as lc')
      .innerJoin('areas as l', 'l.code', 'lc.locality_code')
      .innerJoin('areas as a', 'a.code', 'lc.component_code')
      .select(['lc.locality_code', 'a.code', 'a.name', 'a.level'])
      .where('l.partnership_id', '=', partnershipId)
      .orderBy('a.name')
      .execute();
  }

  /** Areas inside a council area that a locality may be built from. */
  findComponentAreas(councilAreaCode: string, codes: string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('areas as a')
      .leftJoin('areas as parent', 'parent.code', 'a.parent_code')
      .select(['a.code', 'a.level'])
      .where('a.code', 'in', codes)
      .where('a.level', 'in', ['intermediate_zone', 'data_zone', 'ward'])
      .where((eb) => eb.or([eb('a.parent_code', '=', councilAreaCode), eb('parent.parent_code', '=', councilAreaCode)]))
      .execute();
  }

  /**
   * A new locality of the partnership: a row of the areas module's table `areas` (level 'locality'), written
   * here until the areas module offers it.
   */
  insertLocality(locality: {
    code: string;
    name: string;
    parent_code: string;
    partnership_id: number;
    fictional: boolean;
    source: string;
    created_at: Date;
  }) {
    return this.db
      .insertInto('areas')
      .values({ ...locality, level: 'locality' })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The areas a locality is made of (the locality's code is the partnership's: `insertLocality`). */
  async insertLocalityComponents(localityCode: string, componentCodes: readonly string[]): Promise<void> {
    await this.db
      .insertInto('locality_components')
      .values(componentCodes.map((c) => ({ locality_code: localityCode, component_code: c })))
      .execute();
  }

  listMembers(partnershipId: number) {
    return this.db
      .selectFrom('partnership_roles as pr')
      .innerJoin('users as u', 'u.id', 'pr.user_id')
      .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select([
        'u.id',
        'u.email',
        'u.display_name',
        'u.active',
        'pr.role',
        'pr.created_at',
        'o.name as organisation_name',
      ])
      .where('pr.partnership_id', '=', partnershipId)
      .orderBy('pr.role', 'desc')
      .orderBy('u.display_name')
      .execute();
  }

  findRole(partnershipId: number, userId: number) {
    return this.db
      .selectFrom('partnership_roles')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** Give a user a role in the partnership, or change the one they have. */
  upsertRole(partnershipId: number, userId: number, role: string, now: Date) {
    return this.db
      .insertInto('partnership_roles')
      .values({ user_id: userId, partnership_id: partnershipId, role, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'partnership_id']).doUpdateSet({ role }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deleteRole(partnershipId: number, userId: number): Promise<void> {
    await this.db
      .deleteFrom('partnership_roles')
      .where('partnership_id', '=', partnershipId)
      .where('user_id', '=', userId)
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
