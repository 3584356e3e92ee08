import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { ROLE_LABELS } from '../../core/access/permissions.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { idParam } from '../../core/http/params.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { AuditService } from '../audit/index.ts';
import {
  AddMemberSchema,
  AddOrganisationSchema,
  CreateLocalitySchema,
  RenamePartnershipSchema,
} from './partnerships.schemas.ts';
import {
  CreatedLocality,
  LocalityList,
  MemberList,
  Membership,
  OrganisationTypeList,
  PartnerOrganisationList,
  PartnershipDetail,
  PartnershipList,
} from './partnerships.api-schemas.ts';
import { partnershipDetailJson, partnershipListJson } from './partnerships.presenters.ts';
import type { PartnershipsService } from './partnerships.service.ts';
import {
  DashboardPage,
  LocalitiesPage,
  MembersPage,
  OrganisationsPage,
  PartnershipsPage,
  SettingsPage,
} from './partnerships.views.tsx';

/** What the partnership routes use: the partnerships service, and the audit trail for the dashboard's recent changes. */
export interface PartnershipsRoutesDeps {
  partnerships: PartnershipsService;
  audit: AuditService;
}

export function partnershipsRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  partnershipListRoutes(router, deps);
  dashboardRoutes(router, deps);
  organisationPageRoutes(router, deps);
  organisationApiRoutes(router, deps);
  localityRoutes(router, deps);
  memberPageRoutes(router, deps);
  memberApiRoutes(router, deps);
  settingsRoutes(router, deps);
  organisationTypeRoutes(router, deps);
}

/** The list of all partnerships: its page and its API. */
function partnershipListRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    { method: 'GET', path: '/partnerships', permission: 'partnership:list', kind: 'page', summary: 'All partnerships' },
    async (c, { ctx }) => {
      const list = await svc.list(ctx);
      return render(c, {
        title: 'Community planning partnerships',
        wide: true,
        children: <PartnershipsPage list={list} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships',
      permission: 'partnership:list',
      kind: 'api',
      tag: 'partnerships',
      summary: 'All partnerships',
      operationId: 'listPartnerships',
      response: PartnershipList,
    },
    async (c, { ctx }) => c.json(partnershipListJson(await svc.list(ctx))),
  );
}

/** A partnership’s dashboard page, and the API for one partnership. */
function dashboardRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Partnership dashboard',
    },
    async (c, { partnership: p, ctx }) => {
      const organisations = await svc.organisations(ctx, p);
      const [coverage, localities, members] = await Promise.all([
        svc.statutoryCoverage(ctx, p, organisations),
        svc.localities(ctx, p),
        svc.members(ctx, p),
      ]);
      const recent = can(ctx.actor, 'audit:read', p.id)
        ? await deps.audit.page(ctx, { partnershipId: p.id, limit: 8 })
        : null;
      const role = ctx.actor.kind === 'user' ? ctx.actor.partnershipRoles.get(p.id) : undefined;
      return render(c, {
        title: p.name,
        label: 'Partnership dashboard',
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <DashboardPage
            p={p}
            role={role}
            organisationCount={organisations.length}
            coverage={coverage}
            localities={localities}
            memberCount={members.length}
            recent={recent}
          />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership',
      permission: 'partnership:read',
      kind: 'api',
      tag: 'partnerships',
      summary: 'One partnership with its partners, localities and statutory partner coverage',
      operationId: 'getPartnership',
      response: PartnershipDetail,
    },
    async (c, { partnership: p, ctx }) => {
      const organisations = await svc.organisations(ctx, p);
      const [coverage, localities] = await Promise.all([
        svc.statutoryCoverage(ctx, p, organisations),
        svc.localities(ctx, p),
      ]);
      return c.json(partnershipDetailJson(p, organisations, coverage, localities));
    },
  );
}

/** The partner organisations page: list, add and remove. */
function organisationPageRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  const organisationsPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    errors: FieldErrors | null,
    raw: Record<string, unknown> = {},
  ) => {
    const ctx = requestContext(c);
    const organisations = await svc.organisations(ctx, p);
    const coverage = await svc.statutoryCoverage(ctx, p, organisations);
    const canAdd = can(ctx.actor, 'organisation:create', p.id);
    const canRemove = can(ctx.actor, 'organisation:remove', p.id);
    const [linkable, types] = canAdd
      ? await Promise.all([svc.linkableOrganisations(ctx, p), svc.organisationTypes(ctx)])
      : [[], []];
    return render(c, {
      title: 'Partner organisations',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <OrganisationsPage
          p={p}
          organisations={organisations}
          coverage={coverage}
          canAdd={canAdd}
          canRemove={canRemove}
          linkable={linkable}
          types={types}
          errors={errors}
          raw={raw}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/organisations',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Partner organisations',
    },
    (c, { partnership }) => organisationsPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/organisations',
      permission: 'organisation:create',
      kind: 'page',
      summary: 'Add a partner organisation',
      body: AddOrganisationSchema,
      onInvalid: (c, error, raw, p) => organisationsPage(c, p, error.fields, raw),
    },
    (c, { partnership: p, body, ctx }) =>
      orConflict(
        c,
        async () => {
          await svc.addOrganisation(ctx, p, body);
          setFlash(c, { kind: 'success', message: 'The organisation has been added.' });
          return c.redirect(partnershipHref(p.code, 'organisations'), 303);
        },
        (errors) => organisationsPage(c, p, errors, body),
      ),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/organisations/:organisationId/remove',
      permission: 'organisation:remove',
      kind: 'page',
      summary: 'Remove a partner organisation',
      body: z.object({}),
    },
    async (c, { partnership: p, ctx }) => {
      await svc.removeOrganisation(ctx, p, idParam(c, 'organisationId'));
      setFlash(c, { kind: 'success', message: 'The organisation has been removed from the partnership.' });
      return c.redirect(partnershipHref(p.code, 'organisations'), 303);
    },
  );
}

/** The partner organisations API: list and add. */
function organisationApiRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/organisations',
      permission: 'partnership:read',
      kind: 'api',
      tag: 'partnerships',
      summary: 'Partner organisations',
      operationId: 'listPartnerOrganisations',
      response: PartnerOrganisationList,
    },
    async (c, { partnership, ctx }) => c.json({ data: await svc.organisations(ctx, partnership) }),
  );

  router.route(
    {
      method: 'POST',
      path: '/api/v1/partnerships/:partnership/organisations',
      permission: 'organisation:create',
      kind: 'api',
      tag: 'partnerships',
      summary: 'Add a partner organisation (an existing one by id, or a new one by name and type)',
      body: AddOrganisationSchema,
      operationId: 'addPartnerOrganisation',
      status: 201,
      response: Membership,
    },
    async (c, { partnership, body, ctx }) => c.json({ data: await svc.addOrganisation(ctx, partnership, body) }, 201),
  );
}

/** The localities page and API: list and define. */
function localityRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  const localitiesPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    errors: FieldErrors | null,
    raw: Record<string, unknown> = {},
  ) => {
    const ctx = requestContext(c);
    const localities = await svc.localities(ctx, p);
    return render(c, {
      title: 'Localities',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <LocalitiesPage
          p={p}
          localities={localities}
          canCreate={can(ctx.actor, 'locality:create', p.id)}
          errors={errors}
          raw={raw}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/localities',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Localities',
    },
    (c, { partnership }) => localitiesPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/localities',
      permission: 'locality:create',
      kind: 'page',
      summary: 'Define a locality',
      body: CreateLocalitySchema,
      onInvalid: (c, error, raw, p) => localitiesPage(c, p, error.fields, raw),
    },
    (c, { partnership: p, body, ctx }) =>
      orConflict(
        c,
        async () => {
          const created = await svc.createLocality(ctx, p, body);
          setFlash(c, { kind: 'success', message: `${created.name} has been defined as a locality.` });
          return c.redirect(partnershipHref(p.code, 'localities'), 303);
        },
        (errors) => localitiesPage(c, p, errors, { name: body.name, components: body.components.join(' ') }),
      ),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/localities',
      permission: 'partnership:read',
      kind: 'api',
      tag: 'partnerships',
      summary: 'Localities',
      operationId: 'listLocalities',
      response: LocalityList,
    },
    async (c, { partnership, ctx }) => c.json({ data: await svc.localities(ctx, partnership) }),
  );

  router.route(
    {
      method: 'POST',
      path: '/api/v1/partnerships/:partnership/localities',
      permission: 'locality:create',
      kind: 'api',
      tag: 'partnerships',
      summary: 'Define a locality',
      body: CreateLocalitySchema,
      operationId: 'createLocality',
      status: 201,
      response: CreatedLocality,
    },
    async (c, { partnership, body, ctx }) => c.json({ data: await svc.createLocality(ctx, partnership, body) }, 201),
  );
}

/** The people page: list, give a role and take it away. */
function memberPageRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  const membersPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    errors: FieldErrors | null,
    raw: Record<string, unknown> = {},
    created?: { email: string; password: string },
  ) => {
    const ctx = requestContext(c);
    const members = await svc.members(ctx, p);
    const canManage = can(ctx.actor, 'member:manage', p.id);
    return render(c, {
      title: 'People',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <MembersPage
          p={p}
          members={members}
          canManage={canManage}
          created={created}
          errors={errors}
          raw={raw}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/members',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'People with a role',
    },
    (c, { partnership }) => membersPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/members',
      permission: 'member:manage',
      kind: 'page',
      summary: 'Give someone a role',
      body: AddMemberSchema,
      onInvalid: (c, error, raw, p) => membersPage(c, p, error.fields, raw),
    },
    (c, { partnership: p, body, ctx }) =>
      orConflict(
        c,
        async () => {
          const added = await svc.addMember(ctx, p, body);
          if (added.temporaryPassword)
            return membersPage(c, p, null, {}, { email: added.email, password: added.temporaryPassword });
          setFlash(c, {
            kind: 'success',
            message: `${added.displayName} is now a ${ROLE_LABELS[added.role].toLowerCase()}.`,
          });
          return c.redirect(partnershipHref(p.code, 'members'), 303);
        },
        (errors) => membersPage(c, p, errors, body),
      ),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/members/:userId/remove',
      permission: 'member:manage',
      kind: 'page',
      summary: 'Take away someone’s role',
      body: z.object({}),
    },
    async (c, { partnership: p, ctx }) => {
      await svc.removeMember(ctx, p, idParam(c, 'userId'));
      setFlash(c, { kind: 'success', message: 'The role has been taken away.' });
      return c.redirect(partnershipHref(p.code, 'members'), 303);
    },
  );
}

/** The people API: list. */
function memberApiRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/members',
      permission: 'partnership:read',
      kind: 'api',
      tag: 'partnerships',
      summary: 'People with a role',
      operationId: 'listMembers',
      response: MemberList,
    },
    async (c, { partnership, ctx }) => c.json({ data: await svc.members(ctx, partnership) }),
  );
}

/** The partnership settings page: view and rename. */
function settingsRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  const settingsPage = (
    c: Context<AppEnv>,
    p: PartnershipRef,
    errors: FieldErrors | null,
    raw: Record<string, unknown> = {},
  ) =>
    render(c, {
      title: 'Settings',
      label: p.name,
      subnav: partnershipNav(c, p),
      children: <SettingsPage p={p} errors={errors} raw={raw} csrfToken={c.get('csrfToken')} />,
    });

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/settings',
      permission: 'partnership:update',
      kind: 'page',
      summary: 'Partnership settings',
    },
    (c, { partnership }) => settingsPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/settings',
      permission: 'partnership:update',
      kind: 'page',
      summary: 'Rename the partnership',
      body: RenamePartnershipSchema,
      onInvalid: (c, error, raw, p) => settingsPage(c, p, error.fields, raw),
    },
    async (c, { partnership: p, body, ctx }) => {
      await svc.rename(ctx, p, body.name);
      setFlash(c, { kind: 'success', message: 'The partnership’s name has been saved.' });
      return c.redirect(partnershipHref(p.code), 303);
    },
  );
}

/** The API for types of partner organisation. */
function organisationTypeRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    {
      method: 'GET',
      path: '/api/v1/organisation-types',
      permission: 'organisation-type:read',
      kind: 'api',
      tag: 'partnerships',
      summary: 'Types of partner organisation, with their legal basis',
      operationId: 'listOrganisationTypes',
      response: OrganisationTypeList,
    },
    async (c, { ctx }) => c.json({ data: await svc.organisationTypes(ctx) }),
  );
}
