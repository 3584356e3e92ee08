import type { z } from 'zod';
import { authorize, can } from '../../core/access/actor.ts';
import type { PartnershipRole } from '../../core/access/permissions.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { Clock } from '../../core/time.ts';
import type { Partnership } from '../../db/schema.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { Geography, Localities } from '../areas/index.ts';
import type { PartnershipsRepository } from './partnerships.repository.ts';
import type { AddMemberSchema, AddOrganisationSchema, CreateLocalitySchema } from './partnerships.schemas.ts';

export function partnershipRowToRef(row: Partnership): PartnershipRef {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    councilAreaCode: row.council_area_code,
    fictional: row.fictional,
  };
}

/**
 * What the partnerships service asks of the accounts module: accounts, found or created by e-mail, and the
 * roles people hold in a partnership (partnership_roles is accounts' table: an actor is made of it).
 */
export type PartnershipAccounts = Pick<
  AccountsService,
  | 'findByEmail'
  | 'createUserIn'
  | 'partnershipMembers'
  | 'findPartnershipRole'
  | 'setPartnershipRole'
  | 'removePartnershipRole'
>;

export class PartnershipsService {
  constructor(
    private readonly repo: PartnershipsRepository,
    private readonly clock: Clock,
    private readonly accounts: PartnershipAccounts,
    private readonly geography: Pick<Geography, 'areasByCodes'>,
    private readonly localityAreas: Localities,
  ) {}

  /** For the router: find a partnership by its code or council area code. Access is checked by the caller. */
  async resolve(code: string): Promise<PartnershipRef | null> {
    if (!code || code.length > 64) return null;
    const row = await this.repo.findPartnership(code);
    return row ? partnershipRowToRef(row) : null;
  }

  /** For the health check: resolves once the database has answered a query on a migrated table. */
  async checkDatabase(): Promise<void> {
    await this.repo.probe();
  }

  async list(ctx: RequestContext) {
    authorize(ctx.actor, 'partnership:list');
    const listed = await this.repo.listPartnerships();
    // Council areas' names are the areas module's: one lookup, merged here; real partnerships first, then by
    // council area name (a partnership whose area is not found is left out, as the join did).
    const areas = await this.geography.areasByCodes(listed.map((r) => r.council_area_code));
    const rows = listed
      .flatMap((r) => {
        const area = areas.get(r.council_area_code);
        return area ? [{ ...r, council_area_name: area.name }] : [];
      })
      .sort(
        (a, b) => Number(a.fictional) - Number(b.fictional) || a.council_area_name.localeCompare(b.council_area_name),
      );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      councilAreaCode: r.council_area_code,
      councilAreaName: r.council_area_name,
      fictional: r.fictional,
      organisationCount: Number(r.organisation_count ?? 0),
      /** Whether the asking user can open this partnership. */
      canOpen: can(ctx.actor, 'partnership:read', r.id),
      /** The asking user's own role here, if any. */
      yourRole: ctx.actor.kind === 'user' ? (ctx.actor.partnershipRoles.get(r.id) ?? null) : null,
    }));
  }

  async organisationTypes(ctx: RequestContext) {
    authorize(ctx.actor, 'organisation-type:read');
    return this.repo.listOrganisationTypes();
  }

  async organisations(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    return this.repo.listMemberOrganisations(p.id);
  }

  async linkableOrganisations(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'organisation:create', p.id);
    return this.repo.listLinkableOrganisations(p.id);
  }

  /** Which statutory partner types of Schedule 1 the partnership has, and which it lacks (pass its organisations if already read). */
  async statutoryCoverage(
    ctx: RequestContext,
    p: PartnershipRef,
    known?: Awaited<ReturnType<PartnershipsService['organisations']>>,
  ) {
    authorize(ctx.actor, 'partnership:read', p.id);
    const [types, members] = await Promise.all([
      this.repo.listOrganisationTypes(),
      known ?? this.repo.listMemberOrganisations(p.id),
    ]);
    return types
      .filter((t) => t.category === 'statutory_partner')
      .map((t) => ({
        code: t.code,
        name: t.name,
        note: t.note,
        legalBasis: t.legal_basis,
        members: members.filter((m) => m.type_code === t.code).map((m) => m.name),
      }));
  }

  async addOrganisation(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof AddOrganisationSchema>) {
    authorize(ctx.actor, 'organisation:create', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const now = this.clock.now();
      let organisationId = input.organisation_id;
      if (organisationId !== undefined) {
        // Another partnership's own organisations are not visible here.
        if (!(await repo.findVisibleOrganisation(p.id, organisationId))) {
          throw ValidationError.field('organisation_id', 'Choose an organisation from the list');
        }
      } else {
        const types = await repo.listOrganisationTypes();
        if (!types.some((t) => t.code === input.type_code))
          throw ValidationError.field('type_code', 'Choose a type from the list');
        if (await repo.findOrganisationByName(p.id, input.name as string)) {
          throw new ConflictError('An organisation with this name already exists', {
            name: ['An organisation with this name already exists: choose it from the list instead'],
          });
        }
        const created = await repo.insertOrganisation({
          name: input.name as string,
          type_code: input.type_code as string,
          website: input.website ?? null,
          owner_partnership_id: p.id,
          fictional: p.fictional,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: p.id,
          action: 'organisation.create',
          resourceType: 'organisation',
          resourceId: created.id,
          after: created,
        });
        organisationId = created.id;
      }
      if (await repo.findMembership(p.id, organisationId)) {
        throw new ConflictError('This organisation is already a partner', {
          organisation_id: ['This organisation is already a partner'],
        });
      }
      const membership = await repo.insertMembership(p.id, organisationId, input.kind, input.joined_on ?? null, now);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'partnership.add_organisation',
        resourceType: 'partnership_organisation',
        resourceId: `${p.id}:${organisationId}`,
        after: membership,
      });
      return membership;
    });
  }

  async removeOrganisation(ctx: RequestContext, p: PartnershipRef, organisationId: number): Promise<void> {
    authorize(ctx.actor, 'organisation:remove', p.id);
    await this.repo.transaction(async (repo, trx) => {
      const before = await repo.findMembership(p.id, organisationId);
      if (!before) throw new NotFoundError('partner organisation');
      await repo.deleteMembership(p.id, organisationId);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'partnership.remove_organisation',
        resourceType: 'partnership_organisation',
        resourceId: `${p.id}:${organisationId}`,
        before,
      });
    });
  }

  async localities(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    const [localities, components] = await Promise.all([
      this.localityAreas.localitiesOf(p.id),
      this.localityAreas.componentsOf(p.id),
    ]);
    return localities.map((l) => ({
      code: l.code,
      name: l.name,
      fictional: l.fictional,
      components: components
        .filter((c) => c.locality_code === l.code)
        .map((c) => ({ code: c.code, name: c.name, level: c.level })),
    }));
  }

  async createLocality(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof CreateLocalitySchema>) {
    authorize(ctx.actor, 'locality:create', p.id);
    return this.repo.transaction(async (_repo, trx) => {
      const existing = await this.localityAreas.localitiesOf(p.id, trx);
      if (existing.some((l) => l.name.toLowerCase() === input.name.toLowerCase())) {
        throw new ConflictError('This partnership already has a locality with this name', {
          name: ['This partnership already has a locality with this name'],
        });
      }
      const found = await this.localityAreas.componentAreas(p.councilAreaCode, input.components, trx);
      const missing = input.components.filter((code) => !found.some((f) => f.code === code));
      if (missing.length) {
        throw ValidationError.field(
          'components',
          `Not an intermediate zone, data zone or ward of this council area: ${missing.join(', ')}`,
        );
      }
      const used = Math.max(0, ...existing.map((l) => Number(/-L(\d+)$/.exec(l.code)?.[1] ?? 0)));
      const code = `${p.councilAreaCode}-L${String(used + 1).padStart(2, '0')}`;
      const locality = await this.localityAreas.createLocality(
        trx,
        {
          code,
          name: input.name,
          parent_code: p.councilAreaCode,
          partnership_id: p.id,
          fictional: p.fictional,
          source: `Defined by ${p.name}`,
          created_at: this.clock.now(),
        },
        input.components,
      );
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'locality.create',
        resourceType: 'area',
        resourceId: code,
        after: { ...locality, components: input.components },
      });
      return { code, name: locality.name, components: input.components };
    });
  }

  async members(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    // The people and their roles are the accounts module's; their organisations' names are ours.
    const rows = await this.accounts.partnershipMembers(p.id);
    const organisations = new Map(
      (await this.repo.organisationNames(distinctKeys(rows.map((r) => r.organisation_id)))).map((o) => [o.id, o.name]),
    );
    return rows.map(({ organisation_id, ...m }) => ({
      ...m,
      organisation_name: organisation_id === null ? null : (organisations.get(organisation_id) ?? null),
    }));
  }

  /**
   * Give someone a role here. An existing account (matched by email) gets the role; otherwise an account
   * is created with a temporary password, returned once for the manager to pass on.
   */
  async addMember(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof AddMemberSchema>) {
    authorize(ctx.actor, 'member:manage', p.id);
    return this.repo.transaction(async (_repo, trx) => {
      let user = await this.accounts.findByEmail(trx, input.email);
      let temporaryPassword: string | null = null;
      if (!user) {
        if (!input.display_name)
          throw ValidationError.field(
            'display_name',
            'Enter the person’s name: there is no account with this email address yet',
          );
        const created = await this.accounts.createUserIn(
          trx,
          ctx,
          { email: input.email, display_name: input.display_name, fictional: p.fictional },
          p.id,
        );
        temporaryPassword = created.temporaryPassword;
        user = await this.accounts.findByEmail(trx, input.email);
      }
      if (!user) throw new NotFoundError('user');
      const before = await this.accounts.findPartnershipRole(trx, p.id, user.id);
      if (before?.role === input.role) {
        throw new ConflictError(`${user.display_name} already has this role`, {
          email: [`${user.display_name} already has this role`],
        });
      }
      const after = await this.accounts.setPartnershipRole(trx, p.id, user.id, input.role);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: before ? 'member.change_role' : 'member.add',
        resourceType: 'partnership_role',
        resourceId: `${p.id}:${user.id}`,
        before: before ?? null,
        after,
      });
      return {
        userId: user.id,
        email: user.email,
        displayName: user.display_name,
        role: input.role as PartnershipRole,
        temporaryPassword,
      };
    });
  }

  async removeMember(ctx: RequestContext, p: PartnershipRef, userId: number): Promise<void> {
    authorize(ctx.actor, 'member:manage', p.id);
    if (ctx.actor.kind === 'user' && ctx.actor.userId === userId) {
      throw new ValidationError({ _body: ['You cannot remove your own role; ask another manager'] });
    }
    await this.repo.transaction(async (_repo, trx) => {
      const before = await this.accounts.findPartnershipRole(trx, p.id, userId);
      if (!before) throw new NotFoundError('member');
      await this.accounts.removePartnershipRole(trx, p.id, userId);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'member.remove',
        resourceType: 'partnership_role',
        resourceId: `${p.id}:${userId}`,
        before,
      });
    });
  }

  async rename(ctx: RequestContext, p: PartnershipRef, name: string): Promise<PartnershipRef> {
    authorize(ctx.actor, 'partnership:update', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.findPartnershipById(p.id);
      if (!before) throw new NotFoundError('partnership');
      const after = await repo.renamePartnership(p.id, name, this.clock.now());
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'partnership.update',
        resourceType: 'partnership',
        resourceId: p.id,
        before: { name: before.name },
        after: { name: after.name },
      });
      return partnershipRowToRef(after);
    });
  }
}
