import type { Kysely, Transaction } from 'kysely';
import type { NationalRole, PartnershipRole } from '../../core/access/permissions.ts';
import type { Database, NewUser, User, UserUpdate } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserRoles {
  nationalRoles: NationalRole[];
  partnershipRoles: Map<number, PartnershipRole>;
}

export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertUser(db: Db, user: NewUser): Promise<User> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: number, changes: UserUpdate): Promise<User> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function rolesOf(db: Db, userId: number): Promise<UserRoles> {
  const [national, partnership] = await Promise.all([
    db.selectFrom('user_national_roles').select('role').where('user_id', '=', userId).execute(),
    db.selectFrom('partnership_roles').select(['partnership_id', 'role']).where('user_id', '=', userId).execute(),
  ]);
  return {
    nationalRoles: national.map((r) => r.role as NationalRole),
    partnershipRoles: new Map(partnership.map((r) => [r.partnership_id, r.role as PartnershipRole])),
  };
}

export function findSessionWithUser(db: Db, id: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function countRecentFailures(db: Db, column: 'email' | 'ip', value: string, since: Date): Promise<number> {
  // Failures since the later of `since` and the last success or reset for this email/ip.
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(column === 'email' ? (eb) => eb(eb.fn('lower', ['email']), '=', value.toLowerCase()) : (eb) => eb('ip', '=', value))
    .where('outcome', '=', 'failure')
    .where('at', '>', since)
    .where((eb) =>
      eb(
        'at',
        '>',
        eb.fn.coalesce(
          eb
            .selectFrom('login_attempts as l2')
            .select((e2) => e2.fn.max('l2.at').as('last'))
            .where(column === 'email' ? (e2) => e2(e2.fn('lower', ['l2.email']), '=', value.toLowerCase()) : (e2) => e2('l2.ip', '=', value))
            .where('l2.outcome', 'in', ['success', 'reset']),
          eb.val(new Date(0)),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lastFailureAt(db: Db, email: string): Promise<Date | null> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('last'))
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('outcome', '=', 'failure')
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : null;
}

export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.active',
      'users.must_change_password',
      'users.fictional',
      'users.last_login_at',
      'users.created_at',
      'organisations.name as organisation_name',
    ])
    .orderBy('users.email')
    .execute();
}

export function listAllRoles(db: Db) {
  return Promise.all([
    db.selectFrom('user_national_roles').select(['user_id', 'role']).execute(),
    db
      .selectFrom('partnership_roles')
      .innerJoin('partnerships', 'partnerships.id', 'partnership_roles.partnership_id')
      .select(['partnership_roles.user_id', 'partnership_roles.role', 'partnerships.name as partnership_name', 'partnerships.code as partnership_code'])
      .execute(),
  ]);
}
