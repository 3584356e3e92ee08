import { fieldProps } from '../../core/http/forms.ts';
import { PARTNERSHIP_ROLES, ROLE_LABELS, type PartnershipRole } from '../../core/access/permissions.ts';
import type { FieldErrors } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
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
import { MEMBERSHIP_KINDS } from '../../db/schema.ts';
import type { AuditService } from '../audit/index.ts';
import type { PartnershipsService } from './partnerships.service.ts';

/** Views of partnerships: props in, JSX out (the routes are in partnerships.routes.tsx). */

type Result<M extends keyof PartnershipsService> = Awaited<ReturnType<PartnershipsService[M]>>;

type PartnershipSummary = Result<'list'>[number];
type PartnerOrganisation = Result<'organisations'>[number];
type StatutoryCoverage = Result<'statutoryCoverage'>[number];
type Locality = Result<'localities'>[number];
type Member = Result<'members'>[number];
type LinkableOrganisation = Result<'linkableOrganisations'>[number];
type OrganisationType = Result<'organisationTypes'>[number];
type AuditEntry = Awaited<ReturnType<AuditService['page']>>[number];

/** What was typed into a form, shown again beside its errors. */
type Raw = Record<string, unknown>;

/** What a page or section with a form is given: the partnership, the form's errors and values, the CSRF token. */
interface FormProps {
  p: PartnershipRef;
  errors: FieldErrors | null;
  raw: Raw;
  csrfToken: string;
}

/**
 * A table's column of remove buttons, each a small form posting to `action(row)`, with `what(row)` read out to
 * screen readers; no column when `show` is false.
 */
function removeColumn<T>(show: boolean, csrfToken: string, action: (row: T) => string, what: (row: T) => string) {
  return show
    ? [
        {
          header: 'Remove',
          cell: (row: T) => (
            <Form action={action(row)} token={csrfToken} class="cairn-inline-form">
              <button type="submit" class="cairn-link-button">
                Remove<span class="visually-hidden"> {what(row)}</span>
              </button>
            </Form>
          ),
        },
      ]
    : [];
}

const KIND_LABELS: Record<string, string> = {
  statutory_partner: 'Statutory partner',
  partner: 'Partner',
  community: 'Community representative',
  observer: 'Observer',
};

/** The 32 partnerships, each linked to its dashboard where the user may open it. */
export function PartnershipsPage({ list }: { list: readonly PartnershipSummary[] }) {
  return (
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
                {p.canOpen ? <a href={partnershipHref(p.code)}>{p.name}</a> : p.name}
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
                <a href={partnershipHref(p.code, 'outcomes')}>
                  Profile<span class="visually-hidden"> of {p.councilAreaName}</span>
                </a>
              ),
          },
        ]}
      />
    </>
  );
}

/** The dashboard's four figures, each linked to its page. */
function DashboardStats({
  p,
  organisationCount,
  coverage,
  localityCount,
  memberCount,
}: {
  p: PartnershipRef;
  organisationCount: number;
  coverage: readonly StatutoryCoverage[];
  localityCount: number;
  memberCount: number;
}) {
  const covered = coverage.filter((t) => t.members.length > 0).length;
  return (
    <div class="cairn-grid">
      <a class="cairn-stat" href={partnershipHref(p.code, 'organisations')}>
        <span class="cairn-stat__value">{organisationCount}</span>
        <span class="cairn-stat__label">partner organisations</span>
      </a>
      <a class="cairn-stat" href={`${partnershipHref(p.code, 'organisations')}#statutory`}>
        <span class="cairn-stat__value">
          {covered} of {coverage.length}
        </span>
        <span class="cairn-stat__label">statutory partner types present</span>
      </a>
      <a class="cairn-stat" href={partnershipHref(p.code, 'localities')}>
        <span class="cairn-stat__value">{localityCount}</span>
        <span class="cairn-stat__label">localities</span>
      </a>
      <a class="cairn-stat" href={partnershipHref(p.code, 'members')}>
        <span class="cairn-stat__value">{memberCount}</span>
        <span class="cairn-stat__label">people with a role</span>
      </a>
    </div>
  );
}

/** The dashboard's last few audit events, with a link to the whole trail. */
function RecentChanges({ p, recent }: { p: PartnershipRef; recent: readonly AuditEntry[] }) {
  return (
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
        <a href={partnershipHref(p.code, 'audit')}>The whole audit trail</a>
      </p>
    </>
  );
}

/** A partnership's dashboard: its figures, localities, the statutory partners it lacks, and recent changes. */
export function DashboardPage({
  p,
  role,
  organisationCount,
  coverage,
  localities,
  memberCount,
  recent,
}: {
  p: PartnershipRef;
  /** The user's own role here; none when they read it through a national role. */
  role: PartnershipRole | undefined;
  organisationCount: number;
  coverage: readonly StatutoryCoverage[];
  localities: readonly Locality[];
  memberCount: number;
  /** The recent audit events, for those who may read the audit trail; null for the others. */
  recent: readonly AuditEntry[] | null;
}) {
  const missing = coverage.filter((t) => t.members.length === 0);
  return (
    <>
      <p>
        {role
          ? `You are a ${ROLE_LABELS[role].toLowerCase()} in this partnership.`
          : 'You can read this partnership through your national role.'}
      </p>
      <DashboardStats
        p={p}
        organisationCount={organisationCount}
        coverage={coverage}
        localityCount={localities.length}
        memberCount={memberCount}
      />
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
      {missing.length ? (
        <ul>
          {missing.map((t) => (
            <li>
              {t.name}
              {t.note ? ` — ${t.note}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Every statutory partner type is recorded.</p>
      )}
      {recent ? <RecentChanges p={p} recent={recent} /> : null}
    </>
  );
}

/** The partner organisations, each with a form that removes it when the user may. */
function PartnerOrganisationsTable({
  p,
  organisations,
  canRemove,
  csrfToken,
}: {
  p: PartnershipRef;
  organisations: readonly PartnerOrganisation[];
  canRemove: boolean;
  csrfToken: string;
}) {
  return (
    <Table
      caption="Partner organisations"
      rows={organisations}
      empty="No partner organisations are recorded yet."
      columns={[
        { header: 'Organisation', cell: (o) => (o.website ? <a href={o.website}>{o.name}</a> : o.name) },
        { header: 'Type', cell: (o) => o.type_name },
        { header: 'Takes part as', cell: (o) => KIND_LABELS[o.kind] ?? o.kind },
        ...removeColumn<PartnerOrganisation>(
          canRemove,
          csrfToken,
          (o) => partnershipHref(p.code, 'organisations', o.id, 'remove'),
          (o) => o.name,
        ),
      ]}
    />
  );
}

/** Each statutory partner type of Schedule 1, with the organisations recorded for it. */
function StatutoryCoverageTable({ coverage }: { coverage: readonly StatutoryCoverage[] }) {
  return (
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
  );
}

/** The form that adds a partner organisation: an existing one, or a new one by name and type. */
function AddOrganisationForm({
  p,
  linkable,
  types,
  errors,
  raw,
  csrfToken,
}: FormProps & {
  linkable: readonly LinkableOrganisation[];
  types: readonly OrganisationType[];
}) {
  const field = fieldProps(raw, errors);
  return (
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
      <Form action={partnershipHref(p.code, 'organisations')} token={csrfToken}>
        <SelectField
          {...field('organisation_id')}
          label="Existing organisation"
          hint="National bodies and organisations this partnership has already added."
          placeholder="Choose an organisation"
          options={linkable.map((o) => ({ value: String(o.id), label: `${o.name} (${o.type_name})` }))}
        />
        <p>Or add a new organisation:</p>
        <TextField {...field('name')} label="New organisation’s name" />
        <SelectField
          {...field('type_code')}
          label="Type"
          placeholder="Choose a type"
          options={types.map((t) => ({ value: t.code, label: t.name }))}
        />
        <TextField {...field('website')} label="Website (optional)" type="url" />
        <SelectField
          {...field('kind', 'partner')}
          label="Takes part as"
          options={MEMBERSHIP_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
        />
        <TextField
          {...field('joined_on')}
          label="Joined on (optional)"
          hint="For example, 2024-04-01"
          type="date"
          width="fixed-20"
        />
        <Button>Add organisation</Button>
      </Form>
    </>
  );
}

/** The partner organisations page: the partners, the statutory coverage, and the form that adds one. */
export function OrganisationsPage({
  p,
  organisations,
  coverage,
  canAdd,
  canRemove,
  linkable,
  types,
  errors,
  raw,
  csrfToken,
}: FormProps & {
  organisations: readonly PartnerOrganisation[];
  coverage: readonly StatutoryCoverage[];
  canAdd: boolean;
  canRemove: boolean;
  linkable: readonly LinkableOrganisation[];
  types: readonly OrganisationType[];
}) {
  return (
    <>
      <PartnerOrganisationsTable p={p} organisations={organisations} canRemove={canRemove} csrfToken={csrfToken} />
      <h2 id="statutory">Statutory partners (Schedule 1 of the 2015 Act)</h2>
      <StatutoryCoverageTable coverage={coverage} />
      {canAdd ? (
        <AddOrganisationForm p={p} linkable={linkable} types={types} errors={errors} raw={raw} csrfToken={csrfToken} />
      ) : null}
    </>
  );
}

/** The localities page: the partnership's localities, and the form that defines one when the user may. */
export function LocalitiesPage({
  p,
  localities,
  canCreate,
  errors,
  raw,
  csrfToken,
}: FormProps & {
  localities: readonly Locality[];
  canCreate: boolean;
}) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <p>
        The 2015 Act asks each partnership to divide its area into localities and to plan for those whose people have
        significantly poorer outcomes. A locality is usually a group of intermediate zones or wards.
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
      {canCreate ? (
        <>
          <h2>Define a locality</h2>
          <ErrorSummary errors={errors} labels={{ name: 'Name', components: 'Areas' }} />
          <Form action={partnershipHref(p.code, 'localities')} token={csrfToken}>
            <TextField {...field('name')} label="Name" />
            <TextField
              {...field('components')}
              label="Areas (optional)"
              hint="GSS codes of intermediate zones, data zones or wards in this council area, separated by spaces or commas, for example S02001236 S02001237."
            />
            <Button>Define locality</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** The one time a new account's temporary password is shown, to the manager who created it. */
function TemporaryPassword({ created }: { created: { email: string; password: string } }) {
  return (
    <div class="ds_inset-text" role="status">
      <div class="ds_inset-text__text">
        <p>
          An account has been created for <strong>{created.email}</strong>. Give them this temporary password by a
          secure route; it is shown only once and must be changed at first sign-in:
        </p>
        <p>
          <span class="cairn-secret">{created.password}</span>
        </p>
      </div>
    </div>
  );
}

/** The people with a role, each with a form that takes it away when the user may manage members. */
function MembersTable({
  p,
  members,
  canManage,
  csrfToken,
}: {
  p: PartnershipRef;
  members: readonly Member[];
  canManage: boolean;
  csrfToken: string;
}) {
  return (
    <Table
      caption="People with a role in this partnership"
      rows={members}
      empty="Nobody has a role here yet."
      columns={[
        { header: 'Name', cell: (m) => m.display_name },
        { header: 'Email', cell: (m) => m.email },
        { header: 'Organisation', cell: (m) => m.organisation_name ?? '—' },
        { header: 'Role', cell: (m) => ROLE_LABELS[m.role as 'viewer'] ?? m.role },
        ...removeColumn<Member>(
          canManage,
          csrfToken,
          (m) => partnershipHref(p.code, 'members', m.id, 'remove'),
          (m) => m.email,
        ),
      ]}
    />
  );
}

/** The form that gives someone a role, creating their account when they have none. */
function AddMemberForm({ p, errors, raw, csrfToken }: FormProps) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <h2>Give someone a role</h2>
      <p>If they have no Cairn account yet, one is created with a temporary password.</p>
      <ErrorSummary errors={errors} labels={{ email: 'Email address', display_name: 'Name', role: 'Role' }} />
      <Form action={partnershipHref(p.code, 'members')} token={csrfToken}>
        <TextField {...field('email')} label="Email address" type="email" />
        <TextField {...field('display_name')} label="Name" hint="Needed only for someone without an account." />
        <SelectField
          {...field('role', 'viewer')}
          label="Role"
          options={PARTNERSHIP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
        <Button>Give role</Button>
      </Form>
    </>
  );
}

/** The people page: who has a role, and (for managers) the form that gives one. */
export function MembersPage({
  p,
  members,
  canManage,
  created,
  errors,
  raw,
  csrfToken,
}: FormProps & {
  members: readonly Member[];
  canManage: boolean;
  /** A new account's email and temporary password, shown once after it was made. */
  created: { email: string; password: string } | undefined;
}) {
  return (
    <>
      {created ? <TemporaryPassword created={created} /> : null}
      <MembersTable p={p} members={members} canManage={canManage} csrfToken={csrfToken} />
      {canManage ? <AddMemberForm p={p} errors={errors} raw={raw} csrfToken={csrfToken} /> : null}
    </>
  );
}

/** The settings page: the partnership's name. */
export function SettingsPage({ p, errors, raw, csrfToken }: FormProps) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <ErrorSummary errors={errors} labels={{ name: 'Partnership name' }} />
      <Form action={partnershipHref(p.code, 'settings')} token={csrfToken}>
        <TextField
          {...field('name', p.name)}
          label="Partnership name"
          hint="The name the partnership uses in its plans and reports."
        />
        <Button>Save</Button>
      </Form>
    </>
  );
}
