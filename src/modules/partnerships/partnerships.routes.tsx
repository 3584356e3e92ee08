import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { PARTNERSHIP_ROLES, ROLE_LABELS } from '../../core/access/permissions.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  Button,
  ErrorSummary,
  Form,
  formatDateTime,
  SelectField,
  Table,
  Tag,
  TextField,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { MEMBERSHIP_KINDS } from '../../db/schema.ts';
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
import type { PartnershipsService } from './partnerships.service.ts';

const KIND_LABELS: Record<string, string> = {
  statutory_partner: 'Statutory partner',
  partner: 'Partner',
  community: 'Community representative',
  observer: 'Observer',
};

/** What the partnership routes use: the partnerships service, and the audit trail for the dashboard's recent changes. */
export interface PartnershipsRoutesDeps {
  partnerships: PartnershipsService;
  audit: AuditService;
}

export function partnershipsRoutes(router: Router, deps: PartnershipsRoutesDeps): void {
  const svc = deps.partnerships;

  router.route(
    { method: 'GET', path: '/partnerships', permission: 'partnership:list', kind: 'page', summary: 'All partnerships' },
    async (c, { ctx }) => {
      const list = await svc.list(ctx);
      return render(c, {
        title: 'Community planning partnerships',
        wide: true,
        children: (
          <>
            <p>One community planning partnership for each of Scotland’s 32 council areas.</p>
            <Table
              caption="Community planning partnerships"
              rows={list}
              empty="No partnerships."
              columns={[
                {
                  header: 'Partnership',
                  cell: (p) => (
                    <>
                      {p.canOpen ? <a href={`/p/${p.code}`}>{p.name}</a> : p.name}
                      {p.fictional ? (
                        <>
                          {' '}
                          <Tag colour="yellow">Demo – fictional</Tag>
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: 'Council area',
                  cell: (p) =>
                    p.fictional ? p.councilAreaName : <a href={`/areas/${p.councilAreaCode}`}>{p.councilAreaName}</a>,
                },
                { header: 'Partner organisations in Cairn', cell: (p) => p.organisationCount, numeric: true },
                {
                  header: 'Outcomes',
                  cell: (p) =>
                    p.fictional ? (
                      '—'
                    ) : (
                      <a href={`/partnerships/${p.code}/outcomes`}>
                        Profile<span class="visually-hidden"> of {p.councilAreaName}</span>
                      </a>
                    ),
                },
              ]}
            />
          </>
        ),
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
    async (c, { ctx }) => c.json({ data: (await svc.list(ctx)).map(({ canOpen: _c, yourRole: _r, ...p }) => p) }),
  );

  // Dashboard
  router.route(
    {
      method: 'GET',
      path: '/p/:partnership',
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
      const covered = coverage.filter((t) => t.members.length > 0).length;
      const role = ctx.actor.kind === 'user' ? ctx.actor.partnershipRoles.get(p.id) : undefined;
      return render(c, {
        title: p.name,
        label: 'Partnership dashboard',
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <>
            <p>
              {role
                ? `You are a ${ROLE_LABELS[role].toLowerCase()} in this partnership.`
                : 'You can read this partnership through your national role.'}
            </p>
            <div class="cairn-grid">
              <a class="cairn-stat" href={`/p/${p.code}/organisations`}>
                <span class="cairn-stat__value">{organisations.length}</span>
                <span class="cairn-stat__label">partner organisations</span>
              </a>
              <a class="cairn-stat" href={`/p/${p.code}/organisations#statutory`}>
                <span class="cairn-stat__value">
                  {covered} of {coverage.length}
                </span>
                <span class="cairn-stat__label">statutory partner types present</span>
              </a>
              <a class="cairn-stat" href={`/p/${p.code}/localities`}>
                <span class="cairn-stat__value">{localities.length}</span>
                <span class="cairn-stat__label">localities</span>
              </a>
              <a class="cairn-stat" href={`/p/${p.code}/members`}>
                <span class="cairn-stat__value">{members.length}</span>
                <span class="cairn-stat__label">people with a role</span>
              </a>
            </div>
            <h2>Localities</h2>
            {localities.length ? (
              <ul>
                {localities.map((l) => (
                  <li>
                    {l.name} ({l.components.length} {l.components.length === 1 ? 'area' : 'areas'})
                  </li>
                ))}
              </ul>
            ) : (
              <p class="cairn-empty">No localities are defined yet.</p>
            )}
            <h2>Statutory partners not yet recorded</h2>
            {coverage.filter((t) => t.members.length === 0).length ? (
              <ul>
                {coverage
                  .filter((t) => t.members.length === 0)
                  .map((t) => (
                    <li>
                      {t.name}
                      {t.note ? ` — ${t.note}` : ''}
                    </li>
                  ))}
              </ul>
            ) : (
              <p>Every statutory partner type is recorded.</p>
            )}
            {recent ? (
              <>
                <h2>Recent changes</h2>
                <Table
                  caption="Recent changes"
                  rows={recent}
                  empty="Nothing has changed yet."
                  columns={[
                    { header: 'When', cell: (r) => formatDateTime(r.at) },
                    { header: 'Who', cell: (r) => r.actor },
                    { header: 'What', cell: (r) => <code>{r.action}</code> },
                  ]}
                />
                <p>
                  <a href={`/p/${p.code}/audit`}>The whole audit trail</a>
                </p>
              </>
            ) : null}
          </>
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
      return c.json({ ...p, organisations, statutoryCoverage: coverage, localities });
    },
  );

  // Partner organisations
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
        <>
          <Table
            caption="Partner organisations"
            rows={organisations}
            empty="No partner organisations are recorded yet."
            columns={[
              { header: 'Organisation', cell: (o) => (o.website ? <a href={o.website}>{o.name}</a> : o.name) },
              { header: 'Type', cell: (o) => o.type_name },
              { header: 'Takes part as', cell: (o) => KIND_LABELS[o.kind] ?? o.kind },
              ...(canRemove
                ? [
                    {
                      header: 'Remove',
                      cell: (o: (typeof organisations)[number]) => (
                        <Form
                          action={`/p/${p.code}/organisations/${o.id}/remove`}
                          token={c.get('csrfToken')}
                          class="cairn-inline-form"
                        >
                          <button type="submit" class="cairn-link-button">
                            Remove<span class="visually-hidden"> {o.name}</span>
                          </button>
                        </Form>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <h2 id="statutory">Statutory partners (Schedule 1 of the 2015 Act)</h2>
          <Table
            caption="Statutory partner types and the organisations recorded for each"
            rows={coverage}
            empty=""
            columns={[
              {
                header: 'Statutory partner',
                cell: (t) => (
                  <>
                    {t.name}
                    {t.note ? (
                      <>
                        <br />
                        <span class="ds_hint-text">{t.note}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                header: 'Recorded',
                cell: (t) => (t.members.length ? t.members.join(', ') : <Tag colour="orange">None</Tag>),
              },
            ]}
          />
          {canAdd ? (
            <>
              <h2>Add a partner organisation</h2>
              <ErrorSummary
                errors={errors}
                labels={{
                  organisation_id: 'Existing organisation',
                  name: 'New organisation’s name',
                  type_code: 'Type',
                  website: 'Website',
                  kind: 'Takes part as',
                  joined_on: 'Joined on',
                }}
              />
              <Form action={`/p/${p.code}/organisations`} token={c.get('csrfToken')}>
                <SelectField
                  name="organisation_id"
                  label="Existing organisation"
                  hint="National bodies and organisations this partnership has already added."
                  placeholder="Choose an organisation"
                  options={linkable.map((o) => ({ value: String(o.id), label: `${o.name} (${o.type_name})` }))}
                  value={String(raw['organisation_id'] ?? '')}
                  errors={errors}
                />
                <p>Or add a new organisation:</p>
                <TextField
                  name="name"
                  label="New organisation’s name"
                  value={String(raw['name'] ?? '')}
                  errors={errors}
                />
                <SelectField
                  name="type_code"
                  label="Type"
                  placeholder="Choose a type"
                  options={types.map((t) => ({ value: t.code, label: t.name }))}
                  value={String(raw['type_code'] ?? '')}
                  errors={errors}
                />
                <TextField
                  name="website"
                  label="Website (optional)"
                  type="url"
                  value={String(raw['website'] ?? '')}
                  errors={errors}
                />
                <SelectField
                  name="kind"
                  label="Takes part as"
                  options={MEMBERSHIP_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
                  value={String(raw['kind'] ?? 'partner')}
                  errors={errors}
                />
                <TextField
                  name="joined_on"
                  label="Joined on (optional)"
                  hint="For example, 2024-04-01"
                  type="date"
                  value={String(raw['joined_on'] ?? '')}
                  errors={errors}
                  width="fixed-20"
                />
                <Button>Add organisation</Button>
              </Form>
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/organisations',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Partner organisations',
    },
    (c, { partnership }) => organisationsPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/organisations',
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
          return c.redirect(`/p/${p.code}/organisations`, 303);
        },
        (errors) => organisationsPage(c, p, errors, body),
      ),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/organisations/:organisationId/remove',
      permission: 'organisation:remove',
      kind: 'page',
      summary: 'Remove a partner organisation',
      body: z.object({}),
    },
    async (c, { partnership: p, ctx }) => {
      await svc.removeOrganisation(ctx, p, idParam(c, 'organisationId'));
      setFlash(c, { kind: 'success', message: 'The organisation has been removed from the partnership.' });
      return c.redirect(`/p/${p.code}/organisations`, 303);
    },
  );

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

  // Localities
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
        <>
          <p>
            The 2015 Act asks each partnership to divide its area into localities and to plan for those whose people
            have significantly poorer outcomes. A locality is usually a group of intermediate zones or wards.
          </p>
          <Table
            caption="Localities"
            rows={localities}
            empty="No localities are defined yet."
            columns={[
              { header: 'Locality', cell: (l) => l.name },
              { header: 'Code', cell: (l) => <code>{l.code}</code> },
              {
                header: 'Made up of',
                cell: (l) => (l.components.length ? l.components.map((a) => a.name).join(', ') : '—'),
              },
            ]}
          />
          {can(ctx.actor, 'locality:create', p.id) ? (
            <>
              <h2>Define a locality</h2>
              <ErrorSummary errors={errors} labels={{ name: 'Name', components: 'Areas' }} />
              <Form action={`/p/${p.code}/localities`} token={c.get('csrfToken')}>
                <TextField name="name" label="Name" value={String(raw['name'] ?? '')} errors={errors} />
                <TextField
                  name="components"
                  label="Areas (optional)"
                  hint="GSS codes of intermediate zones, data zones or wards in this council area, separated by spaces or commas, for example S02001236 S02001237."
                  value={String(raw['components'] ?? '')}
                  errors={errors}
                />
                <Button>Define locality</Button>
              </Form>
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/localities',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Localities',
    },
    (c, { partnership }) => localitiesPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/localities',
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
          return c.redirect(`/p/${p.code}/localities`, 303);
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

  // People
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
        <>
          {created ? (
            <div class="ds_inset-text" role="status">
              <div class="ds_inset-text__text">
                <p>
                  An account has been created for <strong>{created.email}</strong>. Give them this temporary password by
                  a secure route; it is shown only once and must be changed at first sign-in:
                </p>
                <p>
                  <span class="cairn-secret">{created.password}</span>
                </p>
              </div>
            </div>
          ) : null}
          <Table
            caption="People with a role in this partnership"
            rows={members}
            empty="Nobody has a role here yet."
            columns={[
              { header: 'Name', cell: (m) => m.display_name },
              { header: 'Email', cell: (m) => m.email },
              { header: 'Organisation', cell: (m) => m.organisation_name ?? '—' },
              { header: 'Role', cell: (m) => ROLE_LABELS[m.role as 'viewer'] ?? m.role },
              ...(canManage
                ? [
                    {
                      header: 'Remove',
                      cell: (m: (typeof members)[number]) => (
                        <Form
                          action={`/p/${p.code}/members/${m.id}/remove`}
                          token={c.get('csrfToken')}
                          class="cairn-inline-form"
                        >
                          <button type="submit" class="cairn-link-button">
                            Remove<span class="visually-hidden"> {m.email}</span>
                          </button>
                        </Form>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canManage ? (
            <>
              <h2>Give someone a role</h2>
              <p>If they have no Cairn account yet, one is created with a temporary password.</p>
              <ErrorSummary errors={errors} labels={{ email: 'Email address', display_name: 'Name', role: 'Role' }} />
              <Form action={`/p/${p.code}/members`} token={c.get('csrfToken')}>
                <TextField
                  name="email"
                  label="Email address"
                  type="email"
                  value={String(raw['email'] ?? '')}
                  errors={errors}
                />
                <TextField
                  name="display_name"
                  label="Name"
                  hint="Needed only for someone without an account."
                  value={String(raw['display_name'] ?? '')}
                  errors={errors}
                />
                <SelectField
                  name="role"
                  label="Role"
                  options={PARTNERSHIP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  value={String(raw['role'] ?? 'viewer')}
                  errors={errors}
                />
                <Button>Give role</Button>
              </Form>
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/members',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'People with a role',
    },
    (c, { partnership }) => membersPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/members',
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
          return c.redirect(`/p/${p.code}/members`, 303);
        },
        (errors) => membersPage(c, p, errors, body),
      ),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/members/:userId/remove',
      permission: 'member:manage',
      kind: 'page',
      summary: 'Take away someone’s role',
      body: z.object({}),
    },
    async (c, { partnership: p, ctx }) => {
      await svc.removeMember(ctx, p, idParam(c, 'userId'));
      setFlash(c, { kind: 'success', message: 'The role has been taken away.' });
      return c.redirect(`/p/${p.code}/members`, 303);
    },
  );

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

  // Settings
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
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ name: 'Partnership name' }} />
          <Form action={`/p/${p.code}/settings`} token={c.get('csrfToken')}>
            <TextField
              name="name"
              label="Partnership name"
              hint="The name the partnership uses in its plans and reports."
              value={String(raw['name'] ?? p.name)}
              errors={errors}
            />
            <Button>Save</Button>
          </Form>
        </>
      ),
    });

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/settings',
      permission: 'partnership:update',
      kind: 'page',
      summary: 'Partnership settings',
    },
    (c, { partnership }) => settingsPage(c, partnership, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/settings',
      permission: 'partnership:update',
      kind: 'page',
      summary: 'Rename the partnership',
      body: RenamePartnershipSchema,
      onInvalid: (c, error, raw, p) => settingsPage(c, p, error.fields, raw),
    },
    async (c, { partnership: p, body, ctx }) => {
      await svc.rename(ctx, p, body.name);
      setFlash(c, { kind: 'success', message: 'The partnership’s name has been saved.' });
      return c.redirect(`/p/${p.code}`, 303);
    },
  );

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
