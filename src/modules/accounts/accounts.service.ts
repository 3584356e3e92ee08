import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { ANONYMOUS, authorize, type Actor, type TokenGrant } from '../../core/access/actor.ts';
import type { NationalRole, PartnershipRole } from '../../core/access/permissions.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../core/errors.ts';
import { distinctKeys } from '../../core/keys.ts';
import { HOUR, MINUTE, type Clock } from '../../core/time.ts';
import type { User } from '../../db/schema.ts';
import type {
  AccountsDb,
  AccountsRepository,
  AccountsTransaction,
  LoginFailureCounts,
  UserWithRoles,
} from './accounts.repository.ts';
import type { PartnershipNames } from './partnership-names.ts';
import {
  dummyPasswordHash,
  generateTemporaryPassword,
  hashPassword,
  verifyPassword,
  weakPasswordReason,
} from './passwords.ts';

export interface PublicUser {
  id: number;
  email: string;
  displayName: string;
  active: boolean;
  mustChangePassword: boolean;
  fictional: boolean;
}

export function userRowToUser(row: User): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    active: row.active,
    mustChangePassword: row.must_change_password,
    fictional: row.fictional,
  };
}

/** The audit trail's picture of a user: never the password hash. */
function auditView(row: User) {
  const { password_hash: _omit, ...rest } = row;
  return rest;
}

/**
 * The actor of a signed-in user, from their row and roles as the database holds them now: the same for a
 * session and for an API token (whose grant narrows it, core/access/actor.ts).
 */
export function userActor(row: UserWithRoles, via?: TokenGrant): Actor {
  return {
    kind: 'user',
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    nationalRoles: row.national_roles.map((r) => r.role as NationalRole),
    partnershipRoles: new Map(row.partnership_roles.map((r) => [r.partnership_id, r.role as PartnershipRole])),
    mustChangePassword: row.must_change_password,
    ...(via ? { via } : {}),
  };
}

/** SHA-256 of a secret (a session's cookie, an API token): the database keeps only this. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewUserInput {
  email: string;
  display_name: string;
  national_role?: NationalRole | undefined;
  /** Given: the user's password. Absent: a temporary one is generated and must be changed at first sign-in. */
  password?: string | undefined;
  organisation_id?: number | null | undefined;
  fictional?: boolean | undefined;
}

const WRONG_CREDENTIALS = 'Enter a correct email address and password';

export class AccountsService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'login' | 'sessionHours'>,
    private readonly names: PartnershipNames,
  ) {}

  async login(email: string, password: string, ctx: RequestContext): Promise<{ token: string; user: PublicUser }> {
    const now = this.clock.now();
    // Claim the attempt before the slow check: the limits are counted and the attempt recorded (as a
    // failure until the password proves right) in one transaction that holds the address's and the
    // account's locks, so attempts sent at once, to any process on the database, queue for them and
    // only as many as the limits allow are ever checked.
    const attemptId = await this.repo.transaction(async (repo) => {
      await repo.lockLoginKeys(ctx.ip, email);
      this.checkLoginLimits(
        now,
        await repo.loginFailureCounts(
          email,
          ctx.ip,
          new Date(now.getTime() - this.config.login.lockoutMinutes * MINUTE),
        ),
      );
      return repo.claimLoginAttempt({ at: now, email, ip: ctx.ip });
    });
    const user = await this.repo.findUserByEmail(email);
    const ok =
      user && user.active
        ? await verifyPassword(user.password_hash, password)
        : (await verifyPassword(await dummyPasswordHash(), password), false);
    if (!user || !ok) {
      await this.repo.transaction(async (_repo, trx) => {
        await recordAudit(trx, { ...ctx, actor: ANONYMOUS }, this.clock, {
          partnershipId: null,
          action: 'session.login_failed',
          resourceType: 'user',
          resourceId: user?.id ?? null,
          after: { email },
        });
      });
      throw new ValidationError({ email: [WRONG_CREDENTIALS] }, WRONG_CREDENTIALS);
    }
    const token = randomBytes(32).toString('base64url');
    await this.repo.transaction(async (repo, trx) => {
      await repo.settleLoginAttempt(attemptId, 'success');
      await repo.insertSession({
        id: hashToken(token),
        user_id: user.id,
        created_at: now,
        expires_at: new Date(now.getTime() + this.config.sessionHours * HOUR),
        last_seen_at: now,
        ip: ctx.ip,
        user_agent: null,
      });
      await repo.updateUser(user.id, { last_login_at: now });
      // Housekeeping while we are here: the user's expired sessions, and sign-in history past its use.
      await repo.deleteExpiredSessions(user.id, now);
      await repo.deleteLoginAttemptsBefore(new Date(now.getTime() - this.config.login.historyDays * 24 * HOUR));
      const signedIn: Actor = {
        kind: 'user',
        userId: user.id,
        email: user.email,
        displayName: user.display_name,
        nationalRoles: [],
        partnershipRoles: new Map(),
        mustChangePassword: user.must_change_password,
      };
      await recordAudit(trx, { ...ctx, actor: signedIn }, this.clock, {
        partnershipId: null,
        action: 'session.login',
        resourceType: 'user',
        resourceId: user.id,
      });
    });
    return { token, user: userRowToUser(user) };
  }

  /** Refuse a sign-in over either limit: failures from the address, or failures on the account. */
  private checkLoginLimits(now: Date, counts: LoginFailureCounts): void {
    const { ipMaxFailures, maxFailures, lockoutMinutes } = this.config.login;
    if (counts.address >= ipMaxFailures) {
      throw new TooManyRequestsError(
        `Too many failed sign-in attempts from this address. Wait ${lockoutMinutes} minutes and try again.`,
        lockoutMinutes * 60,
      );
    }
    if (counts.account >= maxFailures) {
      const until = new Date((counts.lastAccountFailure ?? now).getTime() + lockoutMinutes * MINUTE);
      throw new TooManyRequestsError(
        `This account is locked after ${maxFailures} failed sign-in attempts. Try again after ` +
          `${until.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })}, ` +
          'or ask an administrator to reset your password.',
        Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
      );
    }
  }

  /** The actor behind a session cookie; anonymous when there is none, or it has expired. */
  async actorForSession(token: string | undefined): Promise<Actor> {
    if (!token) return ANONYMOUS;
    const row = await this.repo.findSessionWithUser(hashToken(token), this.clock.now());
    return row ? userActor(row) : ANONYMOUS;
  }

  async logout(token: string, ctx: RequestContext): Promise<void> {
    await this.repo.transaction(async (repo, trx) => {
      const deleted = await repo.deleteSession(hashToken(token));
      if (!deleted) return;
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'session.logout',
        resourceType: 'user',
        resourceId: deleted.user_id,
      });
    });
  }

  async me(ctx: RequestContext): Promise<PublicUser> {
    authorize(ctx.actor, 'account:read');
    if (ctx.actor.kind !== 'user') throw new NotFoundError('account');
    const row = await this.repo.findUserById(ctx.actor.userId);
    if (!row) throw new NotFoundError('account');
    return userRowToUser(row);
  }

  /** Change one's own password; every other session of the user ends. */
  async changePassword(
    ctx: RequestContext,
    currentToken: string | undefined,
    current: string,
    next: string,
  ): Promise<void> {
    authorize(ctx.actor, 'account:update');
    if (ctx.actor.kind !== 'user') throw new NotFoundError('account');
    const userId = ctx.actor.userId;
    const user = await this.repo.findUserById(userId);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      throw new ValidationError({ current_password: ['Your current password is not right'] });
    }
    if (current === next)
      throw new ValidationError({ new_password: ['Choose a password different from your current one'] });
    const weak = await weakPasswordReason(next, [user.email, user.display_name]);
    if (weak) throw new ValidationError({ new_password: [weak] });
    const password_hash = await hashPassword(next);
    await this.repo.transaction(async (repo, trx) => {
      const after = await repo.updateUser(userId, {
        password_hash,
        must_change_password: false,
        updated_at: this.clock.now(),
      });
      await repo.deleteSessionsOfUser(userId, currentToken ? hashToken(currentToken) : undefined);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'user.change_password',
        resourceType: 'user',
        resourceId: userId,
        before: { must_change_password: user.must_change_password },
        after: { must_change_password: after.must_change_password },
      });
    });
  }

  async listUsers(ctx: RequestContext) {
    authorize(ctx.actor, 'user:read');
    const [users, [national, roles]] = await Promise.all([this.repo.listUsers(), this.repo.listAllRoles()]);
    // Organisations' and partnerships' names are the partnerships module's: one lookup each.
    const [organisations, partnerships] = await Promise.all([
      this.names.organisationsByIds(distinctKeys(users.map((u) => u.organisation_id))),
      this.names.partnershipsByIds(distinctKeys(roles.map((r) => r.partnership_id))),
    ]);
    const partnership = roles.flatMap((r) => {
      const p = partnerships.get(r.partnership_id);
      return p ? [{ user_id: r.user_id, role: r.role, partnership_name: p.name, partnership_code: p.code }] : [];
    });
    return users.map(({ organisation_id, ...u }) => ({
      ...u,
      organisation_name: organisation_id === null ? null : (organisations.get(organisation_id)?.name ?? null),
      nationalRoles: national.filter((r) => r.user_id === u.id).map((r) => r.role as NationalRole),
      partnershipRoles: partnership.filter((r) => r.user_id === u.id),
    }));
  }

  /** Create an account (administrators). Returns the temporary password when none was given. */
  async createUser(
    ctx: RequestContext,
    input: NewUserInput,
  ): Promise<{ user: PublicUser; temporaryPassword: string | null }> {
    authorize(ctx.actor, 'user:manage');
    return this.repo.transaction((_repo, trx) => this.createUserIn(trx, ctx, input, null));
  }

  /**
   * Create an account inside a caller's transaction. The caller has authorised the creation (an
   * administrator, or a partnership manager adding a member); `partnershipId` names the partnership for
   * the audit trail.
   */
  async createUserIn(
    trx: AccountsTransaction,
    ctx: RequestContext,
    input: NewUserInput,
    partnershipId: number | null,
  ): Promise<{ user: PublicUser; temporaryPassword: string | null }> {
    const repo = this.repo.on(trx);
    if (await repo.findUserByEmail(input.email)) {
      throw new ConflictError('An account with this email address already exists', {
        email: ['An account with this email address already exists'],
      });
    }
    const weak = input.password ? await weakPasswordReason(input.password, [input.email, input.display_name]) : null;
    if (weak) throw new ValidationError({ password: [weak] });
    const temporaryPassword = input.password ? null : generateTemporaryPassword();
    const now = this.clock.now();
    const row = await repo.insertUser({
      email: input.email,
      display_name: input.display_name,
      password_hash: await hashPassword(input.password ?? (temporaryPassword as string)),
      organisation_id: input.organisation_id ?? null,
      must_change_password: temporaryPassword !== null,
      fictional: input.fictional ?? false,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, this.clock, {
      partnershipId,
      action: 'user.create',
      resourceType: 'user',
      resourceId: row.id,
      after: auditView(row),
    });
    if (input.national_role) await this.grantNationalRoleIn(trx, ctx, row.id, input.national_role);
    return { user: userRowToUser(row), temporaryPassword };
  }

  private async grantNationalRoleIn(trx: AccountsTransaction, ctx: RequestContext, userId: number, role: NationalRole) {
    await this.repo.on(trx).insertNationalRole(userId, role, this.clock.now());
    await recordAudit(trx, ctx, this.clock, {
      partnershipId: null,
      action: 'user.grant_national_role',
      resourceType: 'user',
      resourceId: userId,
      after: { role },
    });
  }

  async grantNationalRole(ctx: RequestContext, userId: number, role: NationalRole): Promise<void> {
    authorize(ctx.actor, 'user:manage');
    await this.repo.transaction(async (repo, trx) => {
      if (!(await repo.findUserById(userId))) throw new NotFoundError('user');
      await this.grantNationalRoleIn(trx, ctx, userId, role);
    });
  }

  /** Set a new temporary password, end the user's sessions and lift any lock-out. */
  async resetPassword(ctx: RequestContext, userId: number): Promise<{ user: PublicUser; temporaryPassword: string }> {
    authorize(ctx.actor, 'user:manage');
    const temporaryPassword = generateTemporaryPassword();
    const password_hash = await hashPassword(temporaryPassword);
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.findUserById(userId);
      if (!before) throw new NotFoundError('user');
      const now = this.clock.now();
      const after = await repo.updateUser(userId, { password_hash, must_change_password: true, updated_at: now });
      await repo.deleteSessionsOfUser(userId);
      await repo.insertResetAttempt({ at: now, email: before.email, ip: ctx.ip });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'user.reset_password',
        resourceType: 'user',
        resourceId: userId,
        before: { must_change_password: before.must_change_password },
        after: { must_change_password: after.must_change_password },
      });
      return { user: userRowToUser(after), temporaryPassword };
    });
  }

  async setActive(ctx: RequestContext, userId: number, active: boolean): Promise<PublicUser> {
    authorize(ctx.actor, 'user:manage');
    if (ctx.actor.kind === 'user' && ctx.actor.userId === userId && !active) {
      throw new ValidationError({ _body: ['You cannot deactivate your own account'] });
    }
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.findUserById(userId);
      if (!before) throw new NotFoundError('user');
      const after = await repo.updateUser(userId, { active, updated_at: this.clock.now() });
      if (!active) await repo.deleteSessionsOfUser(userId);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: active ? 'user.activate' : 'user.deactivate',
        resourceType: 'user',
        resourceId: userId,
        before: { active: before.active },
        after: { active: after.active },
      });
      return userRowToUser(after);
    });
  }

  /** The account with this email address, whatever its case; on `db` (a caller's transaction, say). No authorisation: the caller's. */
  findByEmail(db: AccountsDb, email: string) {
    return this.repo.on(db).findUserByEmail(email);
  }

  /**
   * The people holding a role in the partnership (id, email, name, whether active, role, when given, their
   * organisation's id), managers first, then by name: the partnerships module's list of members. No
   * authorisation: the caller's.
   */
  partnershipMembers(partnershipId: number, db?: AccountsDb) {
    return (db ? this.repo.on(db) : this.repo).listPartnershipMembers(partnershipId);
  }

  /** The user's role in the partnership, if they hold one; on `db` (a caller's transaction). No authorisation: the caller's. */
  findPartnershipRole(db: AccountsDb, partnershipId: number, userId: number) {
    return this.repo.on(db).findPartnershipRole(partnershipId, userId);
  }

  /**
   * Give a user a role in the partnership, or change the one they have, in the caller's transaction (which
   * writes the audit row); the role's row as it now is. No authorisation: the caller's.
   */
  setPartnershipRole(trx: AccountsTransaction, partnershipId: number, userId: number, role: string) {
    return this.repo.on(trx).upsertPartnershipRole(partnershipId, userId, role, this.clock.now());
  }

  /** Take a user's role in the partnership away, in the caller's transaction (which writes the audit row). */
  removePartnershipRole(trx: AccountsTransaction, partnershipId: number, userId: number): Promise<void> {
    return this.repo.on(trx).deletePartnershipRole(partnershipId, userId);
  }
}
