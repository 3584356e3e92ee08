import type { z } from 'zod';
import { actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { BodiesRepository } from './bodies.repository.ts';
import type { AddBodyMemberSchema, BodyProfileSchema, RegisterBodySchema } from './community.schemas.ts';

type Profile = z.output<typeof BodyProfileSchema>;

// What the community module needs from the partnerships module: two functions the composition root gives,
// rather than the PartnershipsService itself.

/** A partnership by its code (PartnershipsService.resolve); null when there is none. */
export type ResolvePartnership = (code: string) => Promise<PartnershipRef | null>;
/** The partnerships a form offers as council areas (PartnershipsService.list): the fields used here. */
export type ListPartnerships = (
  ctx: RequestContext,
) => Promise<{ code: string; name: string; councilAreaName: string; fictional: boolean }[]>;

function profileColumns(p: Profile) {
  return {
    name: p.name,
    body_type: p.body_type,
    community: p.community,
    community_kind: p.community_kind,
    constitution: p.constitution ?? null,
    constituted_on: p.constituted_on ?? null,
    charity_number: p.charity_number ?? null,
    contact_name: p.contact_name ?? null,
    contact_email: p.contact_email ?? null,
    contact_phone: p.contact_phone ?? null,
    website: p.website ?? null,
  };
}

export class CommunityBodiesService {
  constructor(
    private readonly repo: BodiesRepository,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly resolvePartnership: ResolvePartnership,
  ) {}

  /**
   * Register a community body and an account for the person registering it, who becomes its lead.
   * Anyone may do this: a community body needs no one's permission to exist or to make a request.
   */
  async register(ctx: RequestContext, input: z.output<typeof RegisterBodySchema>) {
    authorize(ctx.actor, 'community-body:register');
    const p = await this.resolvePartnership(input.partnership);
    if (!p) throw ValidationError.field('partnership', 'Choose the council area where the community is');
    return this.repo.transaction(async (repo, trx) => {
      await this.checkNameFree(repo, p.id, input.name, null);
      const { user } = await this.accounts.createUserIn(
        trx,
        ctx,
        { email: input.your_email, display_name: input.your_name, password: input.password },
        p.id,
      );
      const now = this.clock.now();
      const body = await repo.insertBody({
        partnership_id: p.id,
        fictional: p.fictional,
        created_at: now,
        updated_at: now,
        ...profileColumns(input),
        contact_name: input.contact_name ?? input.your_name,
        contact_email: input.contact_email ?? input.your_email,
      });
      await repo.insertMember({ community_body_id: body.id, user_id: user.id, role: 'lead', created_at: now });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'community_body.register',
        resourceType: 'community_body',
        resourceId: body.id,
        after: body,
      });
      return { body, user };
    });
  }

  /** Someone already signed in registers another body (they become its lead). */
  async create(ctx: RequestContext, partnershipCode: string, input: Profile) {
    authorize(ctx.actor, 'community:use');
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const p = await this.resolvePartnership(partnershipCode);
    if (!p) throw ValidationError.field('partnership', 'Choose the council area where the community is');
    return this.repo.transaction(async (repo, trx) => {
      await this.checkNameFree(repo, p.id, input.name, null);
      const now = this.clock.now();
      const body = await repo.insertBody({
        partnership_id: p.id,
        fictional: p.fictional,
        created_at: now,
        updated_at: now,
        ...profileColumns(input),
      });
      await repo.insertMember({ community_body_id: body.id, user_id: userId, role: 'lead', created_at: now });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'community_body.register',
        resourceType: 'community_body',
        resourceId: body.id,
        after: body,
      });
      return body;
    });
  }

  private async checkNameFree(repo: BodiesRepository, partnershipId: number, name: string, exceptId: number | null) {
    if (await repo.bodyNamed(partnershipId, name, exceptId)) {
      throw new ConflictError('A community body with this name is already registered in this area', {
        name: [
          'A community body with this name is already registered in this area: ask its lead to add you as a member',
        ],
      });
    }
  }

  /** The bodies the signed-in person belongs to, with their requests. */
  async mine(ctx: RequestContext) {
    authorize(ctx.actor, 'community:use');
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const bodies = await this.repo.bodiesOfUser(userId);
    const requests = bodies.length ? await this.repo.requestsOfBodies(bodies.map((b) => b.id)) : [];
    return bodies.map((b) => ({ ...b, requests: requests.filter((r) => r.community_body_id === b.id) }));
  }

  /** One of the actor's own bodies; others are "not found". `lead` demands the lead role. */
  async own(ctx: RequestContext, bodyId: number, lead = false) {
    authorize(ctx.actor, 'community:use');
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const row = await this.repo.bodyOfMember(userId, bodyId);
    if (!row) throw new NotFoundError('community body');
    if (lead && row.role !== 'lead') throw new ForbiddenError('Only the body’s lead contact can do this.');
    const members = await this.repo.members(bodyId);
    return { ...row, members };
  }

  async update(ctx: RequestContext, bodyId: number, input: Profile) {
    const before = await this.own(ctx, bodyId, true);
    return this.repo.transaction(async (repo, trx) => {
      await this.checkNameFree(repo, before.partnership_id, input.name, bodyId);
      const after = await repo.updateBody(bodyId, { ...profileColumns(input), updated_at: this.clock.now() });
      const { members: _m, role: _r, partnership_code: _c, partnership_name: _n, ...old } = before;
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: after.partnership_id,
        action: 'community_body.update',
        resourceType: 'community_body',
        resourceId: bodyId,
        before: old,
        after,
      });
      return after;
    });
  }

  /** The lead adds a member: an existing account is linked, a new one gets a temporary password. */
  async addMember(ctx: RequestContext, bodyId: number, input: z.output<typeof AddBodyMemberSchema>) {
    const body = await this.own(ctx, bodyId, true);
    return this.repo.transaction(async (repo, trx) => {
      let user = await repo.userByEmail(input.email);
      let temporaryPassword: string | null = null;
      if (!user) {
        const created = await this.accounts.createUserIn(
          trx,
          ctx,
          { email: input.email, display_name: input.display_name },
          body.partnership_id,
        );
        user = { id: created.user.id, display_name: created.user.displayName };
        temporaryPassword = created.temporaryPassword;
      }
      if (body.members.some((m) => m.id === user.id))
        throw new ConflictError('This person is already a member', {
          email: ['This person is already a member of the body'],
        });
      await repo.insertMember({
        community_body_id: bodyId,
        user_id: user.id,
        role: 'member',
        created_at: this.clock.now(),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: body.partnership_id,
        action: 'community_body.add_member',
        resourceType: 'community_body',
        resourceId: bodyId,
        after: { user_id: user.id, role: 'member' },
      });
      return { userId: user.id, temporaryPassword };
    });
  }

  /** The community bodies registered in the partnership's area. */
  async forPartnership(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'request:read', p.id);
    return this.repo.bodiesOfPartnership(p.id);
  }

  async setInvolved(ctx: RequestContext, p: PartnershipRef, bodyId: number, involved: boolean) {
    authorize(ctx.actor, 'community-body:involve', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.involvement(p.id, bodyId);
      if (!before) throw new NotFoundError('community body');
      await repo.setInvolved(p.id, bodyId, involved, this.clock.now());
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: involved ? 'community_body.involve' : 'community_body.uninvolve',
        resourceType: 'community_body',
        resourceId: bodyId,
        before,
        after: { involved },
      });
    });
  }

  /** Public: the bodies a partnership involves (names, types and communities only, no contacts). */
  async involvedPublic(partnershipId: number) {
    return this.repo.involvedBodies(partnershipId);
  }
}
