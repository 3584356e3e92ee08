import { sql, type Kysely, type Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';
import { userRoles, type UserWithRoles } from './accounts.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The columns of a token that may be shown (never its hash), with its owner. Its partnership is its id: the
 * partnerships module names it (TokensService).
 */
function tokenView(db: Db) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      'u.email as user_email',
      't.name',
      't.scope',
      't.partnership_id',
      't.prefix',
      't.created_at',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
    ]);
}

export type TokenRow = Awaited<ReturnType<ReturnType<typeof tokenView>['executeTakeFirstOrThrow']>>;

export interface TokenWithUser extends UserWithRoles {
  token_id: number;
  scope: 'read' | 'partnership-write';
  partnership_id: number | null;
  expires_at: Date;
  revoked_at: Date | null;
  active: boolean;
}

/** The queries of personal API tokens (tables api_tokens, api_token_uses): the only code that touches them. */
export class TokensRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: TokensRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new TokensRepository(trx), trx));
  }

  /**
   * Hold, until the transaction ends, the lock on one user's tokens: two creations with one name, sent at once
   * to any process on the database, queue here, so the name check and the insert are one step. (A unique index
   * cannot say "among live tokens": being live depends on the time.)
   */
  async lockUserTokens(userId: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cairn.api_tokens.user:${userId}`}, 0))`.execute(this.db);
  }

  /** The user's live token (neither revoked nor expired) of this name, whatever its case. */
  findLiveTokenByName(userId: number, name: string, now: Date) {
    return this.db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', userId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async insertToken(token: {
    user_id: number;
    name: string;
    scope: 'read' | 'partnership-write';
    partnership_id: number | null;
    token_hash: string;
    prefix: string;
    created_at: Date;
    expires_at: Date;
  }): Promise<TokenRow> {
    const { id } = await this.db.insertInto('api_tokens').values(token).returning('id').executeTakeFirstOrThrow();
    return tokenView(this.db).where('t.id', '=', id).executeTakeFirstOrThrow();
  }

  /** A user's tokens that are not revoked (expired ones too, marked so where they are shown), newest first. */
  listTokensOfUser(userId: number): Promise<TokenRow[]> {
    return tokenView(this.db)
      .where('t.user_id', '=', userId)
      .where('t.revoked_at', 'is', null)
      .orderBy('t.id', 'desc')
      .execute();
  }

  /** Every user's tokens that are not revoked, with their owner (administrators). */
  listAllTokens(): Promise<TokenRow[]> {
    return tokenView(this.db).where('t.revoked_at', 'is', null).orderBy('u.email').orderBy('t.id', 'desc').execute();
  }

  findToken(id: number): Promise<TokenRow | undefined> {
    return tokenView(this.db).where('t.id', '=', id).executeTakeFirst();
  }

  /** Revoke a token that is not revoked yet; undefined when it already was. */
  async revokeToken(id: number, now: Date): Promise<TokenRow | undefined> {
    const done = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return done ? tokenView(this.db).where('t.id', '=', id).executeTakeFirstOrThrow() : undefined;
  }

  /** The token with this hash, its user and the user's roles as they are now, in one query (every API request). */
  findTokenWithUser(tokenHash: string): Promise<TokenWithUser | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select((e) => [
        'api_tokens.id as token_id',
        'api_tokens.scope',
        'api_tokens.partnership_id',
        'api_tokens.expires_at',
        'api_tokens.revoked_at',
        'users.active',
        'users.id as user_id',
        'users.email',
        'users.display_name',
        'users.must_change_password',
        ...userRoles(e.ref('users.id')),
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /**
   * Record one use of a token, mark when it was last used, and delete uses older than `keepSince`: the table
   * holds no more than the days it keeps. (Not an audit row: see migration 0026.)
   */
  async recordTokenUse(
    use: { token_id: number; used_at: Date; method: string; path: string; status: number; ip: string | null },
    keepSince: Date,
  ): Promise<void> {
    await this.db.insertInto('api_token_uses').values(use).execute();
    await this.db.updateTable('api_tokens').set({ last_used_at: use.used_at }).where('id', '=', use.token_id).execute();
    await this.db.deleteFrom('api_token_uses').where('used_at', '<', keepSince).execute();
  }

  /** The ids of the partnerships where the user holds a role: those a partnership-write token may name. */
  partnershipIdsOfUser(userId: number) {
    return this.db.selectFrom('partnership_roles').select('partnership_id').where('user_id', '=', userId).execute();
  }
}
