import { randomBytes } from 'node:crypto';
import { authorize, can, type Actor } from '../../core/access/actor.ts';
import type { TokenScope } from '../../core/access/permissions.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { distinctKeys } from '../../core/keys.ts';
import { HOUR, type Clock } from '../../core/time.ts';
import type { AccountsDb } from './accounts.repository.ts';
import { hashToken, userActor } from './accounts.service.ts';
import type { PartnershipNames } from './partnership-names.ts';
import type { TokenRow, TokensRepository } from './tokens.repository.ts';
import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_PATTERN,
  API_TOKEN_PREFIX_BYTES,
  API_TOKEN_SECRET_BYTES,
  API_TOKEN_USE_PATH_MAX_LENGTH,
  API_TOKEN_USES_KEEP_DAYS,
} from './tokens.rules.ts';
import type { CreateTokenInput } from './tokens.schemas.ts';

const DAY = 24 * HOUR;

/** A token as its owner (or an administrator) sees it: never its secret, nor its hash. */
export interface PublicToken {
  id: number;
  userId: number;
  userEmail: string;
  name: string;
  /** `cairn_<8 hex digits>`: the start of the token, not secret. */
  prefix: string;
  scope: TokenScope;
  partnership: { id: number; code: string; name: string } | null;
  status: 'active' | 'expired' | 'revoked';
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A partnership's code and name by its id (PartnershipNames), for the tokens being shown. */
type NamesById = Map<number, { code: string; name: string }>;

function tokenRowToToken(row: TokenRow, now: Date, partnerships: NamesById): PublicToken {
  const expiresAt = new Date(row.expires_at);
  const p = row.partnership_id !== null ? partnerships.get(row.partnership_id) : undefined;
  return {
    id: row.id,
    userId: row.user_id,
    userEmail: row.user_email,
    name: row.name,
    prefix: `cairn_${row.prefix}`,
    scope: row.scope,
    partnership: row.partnership_id !== null && p ? { id: row.partnership_id, code: p.code, name: p.name } : null,
    status: row.revoked_at ? 'revoked' : expiresAt <= now ? 'expired' : 'active',
    createdAt: new Date(row.created_at),
    expiresAt,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

/** The audit trail's picture of a token: what it is and may do, never its hash. */
function auditView(t: PublicToken) {
  return {
    user_id: t.userId,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    partnership_id: t.partnership?.id ?? null,
    expires_at: t.expiresAt.toISOString(),
    revoked_at: t.revokedAt?.toISOString() ?? null,
  };
}

/** What a Bearer token resolves to: the user acting through it, or a refusal (401). */
export type TokenResolution =
  | { ok: true; actor: Actor; tokenId: number }
  /** `tokenId` is set when the secret was right (a revoked or expired token, or a deactivated user). */
  | { ok: false; tokenId: number | null };

export interface TokenUse {
  method: string;
  path: string;
  status: number;
  ip: string | null;
}

/**
 * Personal API tokens: a signed-in user makes, lists and revokes their own; an administrator may revoke
 * anyone's. A request with `Authorization: Bearer <token>` acts as the token's user, as their roles are at
 * that moment, narrowed by the token's scope (core/access/actor.ts). Creating and revoking are audited;
 * each use is recorded in api_token_uses instead (migration 0026).
 */
export class TokensService {
  constructor(
    private readonly repo: TokensRepository,
    private readonly clock: Clock,
    private readonly names: PartnershipNames,
  ) {}

  /** The partnerships these tokens name, in one lookup (on `db`, a transaction, when given). */
  private partnershipsOf(rows: readonly TokenRow[], db?: AccountsDb): Promise<NamesById> {
    return this.names.partnershipsByIds(distinctKeys(rows.map((r) => r.partnership_id)), db);
  }

  /** Make a token. The secret is returned here once and never again: only its SHA-256 is kept. */
  async create(ctx: RequestContext, input: CreateTokenInput): Promise<{ token: PublicToken; secret: string }> {
    authorize(ctx.actor, 'token:create');
    const actor = ctx.actor;
    if (actor.kind !== 'user') throw new NotFoundError('account');
    let partnershipId: number | null = null;
    if (input.scope === 'partnership-write') {
      // Only a partnership where the user holds a role: a token never names one its user does not work in.
      if (input.partnership_id === undefined || !actor.partnershipRoles.has(input.partnership_id))
        throw new ValidationError({ partnership_id: ['Choose one of the partnerships you have a role in'] });
      partnershipId = input.partnership_id;
    }
    if (input.expires_in_days < 1 || input.expires_in_days > API_TOKEN_MAX_DAYS)
      throw new ValidationError({ expires_in_days: [`A token lasts from 1 to ${API_TOKEN_MAX_DAYS} days`] });
    const prefix = randomBytes(API_TOKEN_PREFIX_BYTES).toString('hex');
    const secret = `cairn_${prefix}_${randomBytes(API_TOKEN_SECRET_BYTES).toString('base64url')}`;
    const now = this.clock.now();
    const token = await this.repo.transaction(async (repo, trx) => {
      await repo.lockUserTokens(actor.userId);
      if (await repo.findLiveTokenByName(actor.userId, input.name, now)) {
        const message = 'You already have a token with this name: choose another, or revoke that one first';
        throw new ConflictError(message, { name: [message] });
      }
      const row = await repo.insertToken({
        user_id: actor.userId,
        name: input.name,
        scope: input.scope,
        partnership_id: partnershipId,
        token_hash: hashToken(secret),
        prefix,
        created_at: now,
        expires_at: new Date(now.getTime() + input.expires_in_days * DAY),
      });
      const created = tokenRowToToken(row, now, await this.partnershipsOf([row], trx));
      await recordAudit(trx, ctx, this.clock, {
        partnershipId,
        action: 'token.create',
        resourceType: 'api_token',
        resourceId: created.id,
        after: auditView(created),
      });
      return created;
    });
    return { token, secret };
  }

  /** One's own tokens that are not revoked (expired ones marked so), newest first. */
  async listOwn(ctx: RequestContext): Promise<PublicToken[]> {
    authorize(ctx.actor, 'token:read');
    if (ctx.actor.kind !== 'user') throw new NotFoundError('account');
    const now = this.clock.now();
    const rows = await this.repo.listTokensOfUser(ctx.actor.userId);
    const partnerships = await this.partnershipsOf(rows);
    return rows.map((r) => tokenRowToToken(r, now, partnerships));
  }

  /** Every user's tokens that are not revoked, with their owner (administrators). */
  async listAll(ctx: RequestContext): Promise<PublicToken[]> {
    authorize(ctx.actor, 'token:manage');
    const now = this.clock.now();
    const rows = await this.repo.listAllTokens();
    const partnerships = await this.partnershipsOf(rows);
    return rows.map((r) => tokenRowToToken(r, now, partnerships));
  }

  /** The partnerships where the signed-in user has a role: those a partnership-write token may name. */
  async partnershipsForTokens(ctx: RequestContext): Promise<{ id: number; code: string; name: string }[]> {
    authorize(ctx.actor, 'token:read');
    if (ctx.actor.kind !== 'user') return [];
    const roles = await this.repo.partnershipIdsOfUser(ctx.actor.userId);
    const partnerships = await this.names.partnershipsByIds(distinctKeys(roles.map((r) => r.partnership_id)));
    return [...partnerships]
      .map(([id, p]) => ({ id, code: p.code, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A token its owner, or an administrator, may revoke; anyone else is told it was not found. */
  async findRevocable(ctx: RequestContext, id: number): Promise<PublicToken> {
    authorize(ctx.actor, 'token:delete');
    const row = await this.repo.findToken(id);
    if (!row || !this.mayRevoke(ctx.actor, row.user_id)) throw new NotFoundError('API token');
    return tokenRowToToken(row, this.clock.now(), await this.partnershipsOf([row]));
  }

  /** Revoke a token at once. Revoking one already revoked changes nothing and records nothing. */
  async revoke(ctx: RequestContext, id: number): Promise<{ token: PublicToken; revoked: boolean }> {
    authorize(ctx.actor, 'token:delete');
    const now = this.clock.now();
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.findToken(id);
      if (!before || !this.mayRevoke(ctx.actor, before.user_id)) throw new NotFoundError('API token');
      const after = await repo.revokeToken(id, now);
      const partnerships = await this.partnershipsOf([before], trx);
      if (!after) return { token: tokenRowToToken(before, now, partnerships), revoked: false };
      const token = tokenRowToToken(after, now, partnerships);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: token.partnership?.id ?? null,
        action: 'token.revoke',
        resourceType: 'api_token',
        resourceId: id,
        before: auditView(tokenRowToToken(before, now, partnerships)),
        after: auditView(token),
      });
      return { token, revoked: true };
    });
  }

  private mayRevoke(actor: Actor, ownerId: number): boolean {
    return (actor.kind === 'user' && actor.userId === ownerId) || can(actor, 'token:manage');
  }

  /**
   * The actor behind a Bearer token: its user with their roles as they are now, narrowed by the token's scope.
   * Refused: a token not of Cairn's form, one no row has, revoked, expired, or of a deactivated user.
   */
  async resolve(bearer: string): Promise<TokenResolution> {
    if (!API_TOKEN_PATTERN.test(bearer)) return { ok: false, tokenId: null };
    const row = await this.repo.findTokenWithUser(hashToken(bearer));
    if (!row) return { ok: false, tokenId: null };
    const now = this.clock.now();
    if (row.revoked_at !== null || new Date(row.expires_at) <= now || !row.active)
      return { ok: false, tokenId: row.token_id };
    const actor = userActor(row, {
      kind: 'token',
      tokenId: row.token_id,
      scope: row.scope,
      partnershipId: row.partnership_id,
    });
    return { ok: true, actor, tokenId: row.token_id };
  }

  /** Record one request made with a token (its status known), and forget uses past API_TOKEN_USES_KEEP_DAYS. */
  async recordUse(tokenId: number, use: TokenUse): Promise<void> {
    const now = this.clock.now();
    await this.repo.transaction((repo) =>
      repo.recordTokenUse(
        {
          token_id: tokenId,
          used_at: now,
          method: use.method.slice(0, 10),
          path: use.path.slice(0, API_TOKEN_USE_PATH_MAX_LENGTH),
          status: use.status,
          ip: use.ip,
        },
        new Date(now.getTime() - API_TOKEN_USES_KEEP_DAYS * DAY),
      ),
    );
  }
}
