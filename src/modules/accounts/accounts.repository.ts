import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewUser, User, UserUpdate } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

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

/** The session's user with all their roles, in one query (it runs on every signed-in request). */
export function findSessionWithUser(db: Db, id: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => [
      'sessions.id as session_id',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.must_change_password',
      eb
        .selectFrom('user_national_roles as n')
        .select(sql<string>`coalesce(string_agg(n.role, ','), '')`.as('roles'))
        .whereRef('n.user_id', '=', 'users.id')
        .as('national_roles'),
      eb
        .selectFrom('partnership_roles as p')
        .select(sql<string>`coalesce(string_agg(p.partnership_id || ':' || p.role, ','), '')`.as('roles'))
        .whereRef('p.user_id', '=', 'users.id')
        .as('partnership_roles'),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function countEmailFailures(db: Db, email: string, since: Date): Promise<number> {
  const lower = email.toLowerCase();
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => eb(eb.fn('lower', ['email']), '=', lower))
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
            .where((e2) => e2(e2.fn('lower', ['l2.email']), '=', lower))
            .where('l2.outcome', 'in', ['success', 'reset']),
          eb.val(new Date(0)),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Failed sign-ins from one address since `since`, whatever succeeded in between (a success does not reset it). */
export async function countAddressFailures(db: Db, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', ip)
    .where('outcome', '=', 'failure')
    .where('at', '>', since)
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
