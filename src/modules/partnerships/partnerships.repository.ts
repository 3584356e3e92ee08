import type { Kysely, Transaction } from 'kysely';
import type { Database, MembershipKind } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function findPartnership(db: Db, codeOrAreaCode: string) {
  return db
    .selectFrom('partnerships')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', codeOrAreaCode), eb('council_area_code', '=', codeOrAreaCode)]))
    .executeTakeFirst();
}

/** Reads one row of partnerships, if there is one: the health check's query on a migrated table. */
export async function probe(db: Db): Promise<void> {
  await db.selectFrom('partnerships').select('id').limit(1).execute();
}

export function findPartnershipById(db: Db, id: number) {
  return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listPartnerships(db: Db) {
  return db
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

export function listMemberOrganisations(db: Db, partnershipId: number) {
  return db
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
export function listLinkableOrganisations(db: Db, partnershipId: number) {
  return db
    .selectFrom('organisations as o')
    .innerJoin('organisation_types as t', 't.code', 'o.type_code')
    .select(['o.id', 'o.name', 't.name as type_name'])
    .where((eb) => eb.or([eb('o.owner_partnership_id', 'is', null), eb('o.owner_partnership_id', '=', partnershipId)]))
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

export function findOrganisation(db: Db, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * An organisation of this name that the partnership can see: a national body, or one of its own. Another
 * partnership's own organisations are outside the name's scope (migration 0024), so a name is neither
 * refused because of them nor tells who else uses it.
 */
export function findOrganisationByName(db: Db, partnershipId: number, name: string) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where((eb) => eb.or([eb('owner_partnership_id', 'is', null), eb('owner_partnership_id', '=', partnershipId)]))
    .executeTakeFirst();
}

export function findMembership(db: Db, partnershipId: number, organisationId: number) {
  return db
    .selectFrom('partnership_organisations')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export function insertMembership(
  db: Db,
  partnershipId: number,
  organisationId: number,
  kind: MembershipKind,
  joinedOn: string | null,
  now: Date,
) {
  return db
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

export function listOrganisationTypes(db: Db) {
  return db.selectFrom('organisation_types').selectAll().orderBy('sort_order').execute();
}

export function listLocalities(db: Db, partnershipId: number) {
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

export function listLocalityComponents(db: Db, partnershipId: number) {
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
export function findComponentAreas(db: Db, councilAreaCode: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('areas as a')
    .leftJoin('areas as parent', 'parent.code', 'a.parent_code')
    .select(['a.code', 'a.level'])
    .where('a.code', 'in', codes)
    .where('a.level', 'in', ['intermediate_zone', 'data_zone', 'ward'])
    .where((eb) => eb.or([eb('a.parent_code', '=', councilAreaCode), eb('parent.parent_code', '=', councilAreaCode)]))
    .execute();
}

export function listMembers(db: Db, partnershipId: number) {
  return db
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

export function findRole(db: Db, partnershipId: number, userId: number) {
  return db
    .selectFrom('partnership_roles')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
