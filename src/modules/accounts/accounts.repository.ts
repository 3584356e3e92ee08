import { expressionBuilder, sql, type Expression, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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

/** A query builder with no database behind it, for the subqueries below (they run in their caller's query). */
const builder = expressionBuilder<Database>();

/**
 * A user's roles, selected beside the user as JSON arrays: what the actor of a session and of an API token
 * is built from (accounts.service.ts `userActor`), in the one query that runs on every signed-in request.
 */
export function userRoles(userId: Expression<number>) {
  return [
    jsonArrayFrom(
      builder.selectFrom('user_national_roles as n').select('n.role').where('n.user_id', '=', userId).orderBy('n.role'),
    ).as('national_roles'),
    jsonArrayFrom(
      builder
        .selectFrom('partnership_roles as p')
        .select(['p.partnership_id', 'p.role'])
        .where('p.user_id', '=', userId)
        .orderBy('p.partnership_id'),
    ).as('partnership_roles'),
  ] as const;
}

/** An active user with their roles: what an actor is made from. */
export interface UserWithRoles {
  user_id: number;
  email: string;
  display_name: string;
  must_change_password: boolean;
  national_roles: { role: string }[];
  partnership_roles: { partnership_id: number; role: string }[];
}

/** The session's user with all their roles, in one query (it runs on every signed-in request). */
export function findSessionWithUser(db: Db, id: string, now: Date): Promise<UserWithRoles | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((e) => [
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.must_change_password',
      ...userRoles(e.ref('users.id')),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

/**
 * Hold, until the transaction ends, the sign-in locks of an address and of an account (always in that
 * order, so that two sign-ins never wait on each other in a circle). Transaction-level advisory locks:
 * they work across processes on one PostgreSQL, and on PGlite, which has one connection, they are granted at once.
 */
export async function lockLoginKeys(trx: Transaction<Database>, ip: string | null, email: string): Promise<void> {
  if (ip) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cairn.login.ip:${ip}`}, 0))`.execute(trx);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cairn.login.email:${email.toLowerCase()}`}, 0))`.execute(
    trx,
  );
}

export interface LoginFailureCounts {
  /** Failures from the address since the window began, whatever succeeded in between. */
  address: number;
  /** Failures on the account since the window began and since its last success or reset. */
  account: number;
  lastAccountFailure: Date | null;
}

/** Attempts claimed and not (yet) proved right count as failures: that is what makes the limit atomic. */
export async function loginFailureCounts(
  db: Db,
  email: string,
  ip: string | null,
  since: Date,
): Promise<LoginFailureCounts> {
  const lower = email.toLowerCase();
  const address = ip
    ? await db
        .selectFrom('login_attempts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('ip', '=', ip)
        .where('outcome', '=', 'failure')
        .where('at', '>', since)
        .executeTakeFirstOrThrow()
    : { n: '0' };
  const account = await db
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('at').as('last')])
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
  return {
    address: Number(address.n),
    account: Number(account.n),
    lastAccountFailure: account.last ? new Date(account.last) : null,
  };
}

/** Record an attempt before its password is checked, as a failure until it is proved right. */
export async function claimLoginAttempt(
  trx: Transaction<Database>,
  attempt: { at: Date; email: string; ip: string | null },
): Promise<string> {
  const row = await trx
    .insertInto('login_attempts')
    .values({ ...attempt, outcome: 'failure' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export async function settleLoginAttempt(trx: Transaction<Database>, id: string, outcome: 'success'): Promise<void> {
  await trx.updateTable('login_attempts').set({ outcome }).where('id', '=', id).execute();
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
      .select([
        'partnership_roles.user_id',
        'partnership_roles.role',
        'partnerships.name as partnership_name',
        'partnerships.code as partnership_code',
      ])
      .execute(),
  ]);
}
