import { expressionBuilder, sql, type Expression, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { tx } from '../../db/tx.ts';
import type { Database, NewUser, User, UserUpdate } from '../../db/schema.ts';

/** A database handle or an open transaction: what a caller running inside its own transaction hands in. */
export type AccountsDb = Kysely<Database> | Transaction<Database>;
/** An open transaction, as `transaction` hands it to its callback and `createUserIn` receives it from a caller. */
export type AccountsTransaction = Transaction<Database>;
type Db = AccountsDb;

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

export interface LoginFailureCounts {
  /** Failures from the address since the window began, whatever succeeded in between. */
  address: number;
  /** Failures on the account since the window began and since its last success or reset. */
  account: number;
  lastAccountFailure: Date | null;
}

/**
 * The queries of accounts (tables users, sessions, login_attempts, user_national_roles, partnership_roles): the
 * sign-in, the session behind a cookie, the administration of accounts, and who holds a role in a partnership
 * (the partnerships module manages its members through AccountsService). Personal API tokens are in
 * tokens.repository.ts.
 */
export class AccountsRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: AccountsRepository, trx: AccountsTransaction) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new AccountsRepository(trx), trx));
  }

  /** This repository over another handle: a caller's open transaction (another module creating an account in its own). */
  on(db: Db): AccountsRepository {
    return new AccountsRepository(db);
  }

  findUserByEmail(email: string): Promise<User | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  findUserById(id: number): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertUser(user: NewUser): Promise<User> {
    return this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  }

  updateUser(id: number, changes: UserUpdate): Promise<User> {
    return this.db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Give a user a national role; nothing happens when they hold it already. */
  async insertNationalRole(userId: number, role: string, now: Date): Promise<void> {
    await this.db
      .insertInto('user_national_roles')
      .values({ user_id: userId, role, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** The session's user with all their roles, in one query (it runs on every signed-in request). */
  findSessionWithUser(id: string, now: Date): Promise<UserWithRoles | undefined> {
    return this.db
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

  async insertSession(session: {
    id: string;
    user_id: number;
    created_at: Date;
    expires_at: Date;
    last_seen_at: Date;
    ip: string | null;
    user_agent: string | null;
  }): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  /** Delete one session; the user it belonged to, or undefined when there was none. */
  deleteSession(id: string): Promise<{ user_id: number } | undefined> {
    return this.db.deleteFrom('sessions').where('id', '=', id).returning('user_id').executeTakeFirst();
  }

  /** Delete a user's sessions, but the one whose id is `exceptId` when given. */
  async deleteSessionsOfUser(userId: number, exceptId?: string): Promise<void> {
    let sessions = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) sessions = sessions.where('id', '!=', exceptId);
    await sessions.execute();
  }

  /** Delete a user's sessions that have expired by `now`. */
  async deleteExpiredSessions(userId: number, now: Date): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  }

  /**
   * Hold, until the transaction ends, the sign-in locks of an address and of an account (always in that
   * order, so that two sign-ins never wait on each other in a circle). Transaction-level advisory locks:
   * they work across processes on one PostgreSQL, and on PGlite, which has one connection, they are granted at
   * once. Call it on a repository over a transaction (`transaction`).
   */
  async lockLoginKeys(ip: string | null, email: string): Promise<void> {
    if (ip) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cairn.login.ip:${ip}`}, 0))`.execute(this.db);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cairn.login.email:${email.toLowerCase()}`}, 0))`.execute(
      this.db,
    );
  }

  /** Attempts claimed and not (yet) proved right count as failures: that is what makes the limit atomic. */
  async loginFailureCounts(email: string, ip: string | null, since: Date): Promise<LoginFailureCounts> {
    const lower = email.toLowerCase();
    const address = ip
      ? await this.db
          .selectFrom('login_attempts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('ip', '=', ip)
          .where('outcome', '=', 'failure')
          .where('at', '>', since)
          .executeTakeFirstOrThrow()
      : { n: '0' };
    const account = await this.db
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
  async claimLoginAttempt(attempt: { at: Date; email: string; ip: string | null }): Promise<string> {
    const row = await this.db
      .insertInto('login_attempts')
      .values({ ...attempt, outcome: 'failure' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  }

  async settleLoginAttempt(id: string, outcome: 'success'): Promise<void> {
    await this.db.updateTable('login_attempts').set({ outcome }).where('id', '=', id).execute();
  }

  /** Record an administrator's reset of an account's password: it lifts the account's lock-out. */
  async insertResetAttempt(attempt: { at: Date; email: string; ip: string | null }): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ ...attempt, outcome: 'reset' })
      .execute();
  }

  /** Delete sign-in attempts older than `before`: the history past its use. */
  async deleteLoginAttemptsBefore(before: Date): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('at', '<', before).execute();
  }

  /** Every account, by email address, with the id of its organisation (named by the partnerships module). */
  listUsers() {
    return this.db
      .selectFrom('users')
      .select([
        'id',
        'email',
        'display_name',
        'active',
        'must_change_password',
        'fictional',
        'last_login_at',
        'created_at',
        'organisation_id',
      ])
      .orderBy('email')
      .execute();
  }

  /** Every national role, and every role in a partnership (with the partnership's id), of every user. */
  listAllRoles() {
    return Promise.all([
      this.db.selectFrom('user_national_roles').select(['user_id', 'role']).execute(),
      this.db.selectFrom('partnership_roles').select(['user_id', 'role', 'partnership_id']).execute(),
    ]);
  }

  /**
   * The people holding a role in the partnership, with their account: managers first (roles in descending
   * order), then by name. The organisation is its id: the partnerships module names it.
   */
  listPartnershipMembers(partnershipId: number) {
    return this.db
      .selectFrom('partnership_roles as pr')
      .innerJoin('users as u', 'u.id', 'pr.user_id')
      .select(['u.id', 'u.email', 'u.display_name', 'u.active', 'pr.role', 'pr.created_at', 'u.organisation_id'])
      .where('pr.partnership_id', '=', partnershipId)
      .orderBy('pr.role', 'desc')
      .orderBy('u.display_name')
      .execute();
  }

  findPartnershipRole(partnershipId: number, userId: number) {
    return this.db
      .selectFrom('partnership_roles')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** Give a user a role in the partnership, or change the one they have. */
  upsertPartnershipRole(partnershipId: number, userId: number, role: string, now: Date) {
    return this.db
      .insertInto('partnership_roles')
      .values({ user_id: userId, partnership_id: partnershipId, role, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'partnership_id']).doUpdateSet({ role }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deletePartnershipRole(partnershipId: number, userId: number): Promise<void> {
    await this.db
      .deleteFrom('partnership_roles')
      .where('partnership_id', '=', partnershipId)
      .where('user_id', '=', userId)
      .execute();
  }
}
