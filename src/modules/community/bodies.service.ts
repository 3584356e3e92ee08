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
import type { AccountsService, PeopleDirectory } from '../accounts/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
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

/** The names the bodies' pages show beside their rows, from the modules that own them. */
export interface BodiesDirectories {
  /** Partnerships' codes and names, authorities' names (partnerships). */
  directory: Pick<PartnershipDirectory, 'partnershipsByIds' | 'organisationsByIds'>;
  /** Members' names and e-mail addresses (accounts). */
  people: Pick<PeopleDirectory, 'usersByIds'>;
}

export class CommunityBodiesService {
  constructor(
    private readonly repo: BodiesRepository,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly resolvePartnership: ResolvePartnership,
    private readonly names: BodiesDirectories,
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
    const rows = await this.repo.bodiesOfUser(userId);
    const partnerships = await this.names.directory.partnershipsByIds(rows.map((b) => b.partnership_id));
    const bodies = rows.flatMap((b) => {
      const p = partnerships.get(b.partnership_id);
      return p ? [{ ...b, partnership_name: p.name, partnership_code: p.code }] : [];
    });
    const requests = bodies.length ? await this.requestsOfBodies(bodies.map((b) => b.id)) : [];
    return bodies.map((b) => ({ ...b, requests: requests.filter((r) => r.community_body_id === b.id) }));
  }

  /** The requests of these bodies, last changed first, each with the name of the authority it is made to. */
  private async requestsOfBodies(bodyIds: number[]) {
    const rows = await this.repo.requestsOfBodies(bodyIds);
    const authorities = await this.names.directory.organisationsByIds(rows.map((r) => r.authority_organisation_id));
    return rows.flatMap(({ authority_organisation_id, ...r }) => {
      const a = authorities.get(authority_organisation_id);
      return a ? [{ ...r, authority_name: a.name }] : [];
    });
  }

  /** A body's members, by name, with their e-mail addresses and roles. */
  private async members(bodyId: number) {
    const rows = await this.repo.members(bodyId);
    const users = await this.names.people.usersByIds(rows.map((m) => m.user_id));
    return rows
      .flatMap((m) => {
        const u = users.get(m.user_id);
        return u ? [{ id: u.id, display_name: u.display_name, email: u.email, role: m.role }] : [];
      })
      .sort((a, b) => a.display_name.localeCompare(b.display_name));
  }

  /** One of the actor's own bodies; others are "not found". `lead` demands the lead role. */
  async own(ctx: RequestContext, bodyId: number, lead = false) {
    authorize(ctx.actor, 'community:use');
    const userId = actorUserId(ctx.actor);
    if (userId === null) throw new UnauthenticatedError();
    const body = await this.repo.bodyOfMember(userId, bodyId);
    const p = body && (await this.names.directory.partnershipsByIds([body.partnership_id])).get(body.partnership_id);
    if (!body || !p) throw new NotFoundError('community body');
    const row = { ...body, partnership_code: p.code, partnership_name: p.name };
    if (lead && row.role !== 'lead') throw new ForbiddenError('Only the body’s lead contact can do this.');
    const members = await this.members(bodyId);
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
      const found = await this.accounts.findByEmail(trx, input.email);
      let user = found && { id: found.id, display_name: found.display_name };
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
