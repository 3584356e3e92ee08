import type { Context } from 'hono';
import { z } from 'zod';
import { setFlash, setSessionCookie } from '../../core/http/cookies.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../core/errors.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { requestContext, zodFieldErrors, type Router } from '../../core/http/router.ts';
import {
  Button,
  ErrorSummary,
  FileField,
  Form,
  formatDateTime,
  SelectField,
  Table,
  TextArea,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { COMMUNITY_BODY_TYPES, TRANSFER_TYPES, type RequestKind } from '../../db/schema.ts';
import {
  AddBodyMemberSchema,
  BODY_TYPE_LABELS,
  BodyProfileSchema,
  RegisterBodySchema,
  RequestDraftSchema,
  TRANSFER_TYPE_LABELS,
  TransitionSchema,
} from './community.schemas.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CommunityBodiesService, ListPartnerships } from './bodies.service.ts';
import type { LandRegisterService } from './land.service.ts';
import type { RemindersService } from './reminders.service.ts';
import { ALLOWED_EXTENSIONS, type RequestsService } from './requests.service.ts';
import {
  DeadlinesTable,
  DecisionSection,
  DocumentsList,
  kindLabel,
  RequestContent,
  StatusTag,
  Timeline,
} from './views.tsx';
import { STATUS_LABELS, type Status } from './workflow.ts';

type Raw = Record<string, unknown>;

/** What the community bodies' pages use: exactly these. */
export interface CommunityRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'uploadMaxBytes' | 'secureCookies' | 'sessionHours'>;
  accounts: Pick<AccountsService, 'login'>;
  communityBodies: CommunityBodiesService;
  requests: RequestsService;
  landRegister: LandRegisterService;
  reminders: RemindersService;
  listPartnerships: ListPartnerships;
}
const str = (raw: Raw, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');

const BODY_LABELS: Record<string, string> = {
  partnership: 'Council area',
  name: 'Name of the body',
  body_type: 'Type of body',
  community: 'The community it represents',
  community_kind: 'Place or interest',
  constituted_on: 'Date of the constitution',
  contact_email: 'Contact email',
  website: 'Website',
  your_name: 'Your name',
  your_email: 'Your email address',
  password: 'Password',
  confirm_password: 'Password again',
};

function BodyFields({ raw, errors }: { raw: Raw; errors: FieldErrors | null }) {
  return (
    <>
      <TextField name="name" label="Name of the body" value={str(raw, 'name')} errors={errors} />
      <SelectField
        name="body_type"
        label="Type of body"
        options={COMMUNITY_BODY_TYPES.map((t) => ({ value: t, label: BODY_TYPE_LABELS[t] }))}
        value={str(raw, 'body_type')}
        placeholder="Choose a type"
        errors={errors}
        hint="Community councils and community-controlled bodies can make participation requests; community transfer bodies can make asset transfer requests."
      />
      <TextArea
        name="community"
        label="The community it represents"
        hint="A place (a village, an estate, a neighbourhood) or people who share an interest or characteristic."
        value={str(raw, 'community')}
        errors={errors}
        rows={3}
      />
      <SelectField
        name="community_kind"
        label="Is the community a place, or people who share an interest?"
        options={[
          { value: 'place', label: 'A place' },
          { value: 'interest', label: 'People who share an interest or characteristic' },
        ]}
        value={str(raw, 'community_kind')}
        placeholder="Choose one"
        errors={errors}
      />
      <TextArea
        name="constitution"
        label="Constitution (optional)"
        hint="Its main points: aims, membership open to the community, control by members, what happens to assets if it is wound up."
        value={str(raw, 'constitution')}
        errors={errors}
        rows={3}
      />
      <TextField
        name="constituted_on"
        label="Date of the constitution (optional)"
        hint="YYYY-MM-DD"
        value={str(raw, 'constituted_on')}
        width="fixed-20"
        errors={errors}
      />
      <TextField
        name="charity_number"
        label="Charity or company number (optional)"
        value={str(raw, 'charity_number')}
        width="fixed-20"
        errors={errors}
      />
      <TextField name="contact_name" label="Contact name (optional)" value={str(raw, 'contact_name')} errors={errors} />
      <TextField
        name="contact_email"
        label="Contact email (optional)"
        type="email"
        value={str(raw, 'contact_email')}
        errors={errors}
      />
      <TextField
        name="contact_phone"
        label="Contact telephone (optional)"
        value={str(raw, 'contact_phone')}
        width="fixed-20"
        errors={errors}
      />
      <TextField name="website" label="Website (optional)" type="url" value={str(raw, 'website')} errors={errors} />
    </>
  );
}

async function registerPage(c: Context<AppEnv>, deps: CommunityRoutesDeps, raw: Raw, errors: FieldErrors | null) {
  const ctx = requestContext(c);
  const partnerships = await deps.listPartnerships(ctx);
  const signedIn = ctx.actor.kind === 'user';
  return render(c, {
    title: errors ? 'Error: register a community body' : 'Register a community body',
    crumbs: [{ href: '/community', label: 'Community bodies' }],
    children: (
      <>
        <p>
          Register your community council, development trust, tenants’ group or other community body to make
          participation requests and asset transfer requests, and to follow them to a decision. The body’s name, type
          and community appear in public registers; contact details do not.
        </p>
        <ErrorSummary errors={errors} labels={BODY_LABELS} />
        <Form action="/community/register" token={c.get('csrfToken')}>
          <SelectField
            name="partnership"
            label="Council area where the community is"
            options={partnerships.map((p) => ({
              value: p.code,
              label: p.fictional ? `${p.name} (demo)` : p.councilAreaName,
            }))}
            value={str(raw, 'partnership')}
            placeholder="Choose a council area"
            errors={errors}
          />
          <BodyFields raw={raw} errors={errors} />
          {signedIn ? null : (
            <fieldset>
              <legend class="ds_label">Your account</legend>
              <TextField
                name="your_name"
                label="Your name"
                value={str(raw, 'your_name')}
                autocomplete="name"
                errors={errors}
              />
              <TextField
                name="your_email"
                label="Your email address"
                type="email"
                value={str(raw, 'your_email')}
                autocomplete="email"
                errors={errors}
              />
              <TextField
                name="password"
                label="Choose a password"
                type="password"
                hint="At least 12 characters."
                autocomplete="new-password"
                errors={errors}
              />
              <TextField
                name="confirm_password"
                label="Enter the password again"
                type="password"
                autocomplete="new-password"
                errors={errors}
              />
            </fieldset>
          )}
          <Button>Register the body</Button>
        </Form>
      </>
    ),
  });
}

async function requestForm(
  c: Context<AppEnv>,
  deps: CommunityRoutesDeps,
  bodyId: number,
  kind: RequestKind,
  raw: Raw,
  errors: FieldErrors | null,
  action: string,
  heading: string,
) {
  const ctx = requestContext(c);
  const body = await deps.communityBodies.own(ctx, bodyId);
  const authorities = await deps.requests.authorities(body.partnership_id);
  const assets = kind === 'asset_transfer' ? await deps.landRegister.list(ctx, body.partnership_id) : [];
  const labels = {
    authority_organisation_id: 'Authority',
    title: 'Title',
    outcome: 'The outcome',
    reasons: 'Why the body should take part',
    knowledge: 'Knowledge and experience',
    improvement: 'Improvement expected',
    additional_authority_organisation_id: 'Another authority',
    land_asset_id: 'Land or building',
    asset_description: 'Description of the land or building',
    transfer_type: 'What the body asks to do',
    price_offered: 'Price offered',
    terms: 'Terms',
    benefits: 'Benefits',
  };
  return render(c, {
    title: errors ? `Error: ${heading}` : heading,
    label: body.name,
    crumbs: [
      { href: '/community', label: 'Community bodies' },
      { href: `/community/bodies/${bodyId}`, label: body.name },
    ],
    children: (
      <>
        <ErrorSummary errors={errors} labels={labels} />
        <Form action={action} token={c.get('csrfToken')}>
          <input type="hidden" name="kind" value={kind} />
          <SelectField
            name="authority_organisation_id"
            label="The public service authority the request is made to"
            options={authorities.map((a) => ({ value: String(a.id), label: a.name }))}
            value={str(raw, 'authority_organisation_id')}
            placeholder="Choose an authority"
            errors={errors}
          />
          <TextField
            name="title"
            label="A short title"
            hint="For example: Safer walking routes to Kilbrae Primary"
            value={str(raw, 'title')}
            errors={errors}
          />
          {kind === 'participation' ? (
            <>
              <TextArea
                name="outcome"
                label="The outcome the body wants to help improve"
                hint="An outcome that results from, or is contributed to by, a public service."
                value={str(raw, 'outcome')}
                errors={errors}
              />
              <TextArea
                name="reasons"
                label="Why the body should take part in an outcome improvement process"
                value={str(raw, 'reasons')}
                errors={errors}
              />
              <TextArea
                name="knowledge"
                label="The body’s knowledge, expertise and experience of the outcome"
                value={str(raw, 'knowledge')}
                errors={errors}
              />
              <TextArea
                name="improvement"
                label="The improvement in the outcome the body expects"
                value={str(raw, 'improvement')}
                errors={errors}
              />
              <SelectField
                name="additional_authority_organisation_id"
                label="Ask another authority to take part too (optional)"
                options={authorities.map((a) => ({ value: String(a.id), label: a.name }))}
                value={str(raw, 'additional_authority_organisation_id')}
                placeholder="No other authority"
                errors={errors}
              />
            </>
          ) : (
            <>
              <SelectField
                name="land_asset_id"
                label="Land or building from the authority’s register"
                options={assets.map((a) => ({
                  value: String(a.id),
                  label: `${a.name} (${a.owner_name}, ${a.reference})`,
                }))}
                value={str(raw, 'land_asset_id')}
                placeholder="Not on the register, described below"
                errors={errors}
              />
              <TextArea
                name="asset_description"
                label="Or describe the land or building"
                hint="Where it is, and its boundaries if it is part of a larger site."
                value={str(raw, 'asset_description')}
                errors={errors}
                rows={2}
              />
              <SelectField
                name="transfer_type"
                label="What the body asks to do"
                options={TRANSFER_TYPES.map((t) => ({ value: t, label: TRANSFER_TYPE_LABELS[t] }))}
                value={str(raw, 'transfer_type')}
                placeholder="Choose one"
                errors={errors}
              />
              <TextField
                name="price_offered"
                label="Price offered in pounds (optional)"
                value={str(raw, 'price_offered')}
                width="fixed-20"
                errors={errors}
              />
              <TextArea
                name="terms"
                label="Terms offered"
                hint="For a lease: its length and the rent. For management, occupation or use: the conditions."
                value={str(raw, 'terms')}
                errors={errors}
              />
            </>
          )}
          <TextArea
            name="benefits"
            label={
              kind === 'participation'
                ? 'Anything else the authority should know (optional)'
                : 'The benefits the transfer would bring'
            }
            value={str(raw, 'benefits')}
            errors={errors}
          />
          <div class="ds_button-group">
            <button type="submit" class="ds_button ds_button--secondary" name="intent" value="save">
              Save as a draft
            </button>
            <button type="submit" class="ds_button" name="intent" value="submit">
              Submit the request
            </button>
          </div>
        </Form>
      </>
    ),
  });
}

async function bodyRequestPage(
  c: Context<AppEnv>,
  deps: CommunityRoutesDeps,
  requestId: number,
  errors: FieldErrors | null,
) {
  const ctx = requestContext(c);
  const d = await deps.requests.forBody(ctx, requestId);
  const r = d.request;
  const today = todayIn(deps.clock);
  const editable = r.status === 'draft' || r.status === 'information_requested';
  const token = c.get('csrfToken');
  return render(c, {
    title: `${r.reference}: ${r.title}`,
    label: r.body_name,
    wide: true,
    crumbs: [
      { href: '/community', label: 'Community bodies' },
      { href: `/community/bodies/${r.community_body_id}`, label: r.body_name },
    ],
    children: (
      <>
        <ErrorSummary errors={errors} labels={{ action: 'This step', file: 'File' }} />
        {r.status === 'information_requested' && r.information_needed ? (
          <div class="ds_notification ds_notification--warning" role="status">
            <div class="ds_notification__content">
              <h2 class="ds_notification__title">{r.authority_name} needs more information</h2>
              <p>{r.information_needed}</p>
              <p>Edit the request below, then submit it again.</p>
            </div>
          </div>
        ) : null}
        <RequestContent r={r} />
        {editable ? (
          <p>
            <a class="ds_button ds_button--secondary" href={`/community/requests/${r.id}/edit`}>
              Edit the request
            </a>
          </p>
        ) : null}
        {d.actions.length ? (
          <>
            <h2>What you can do now</h2>
            {d.actions.map((t) => (
              <Form action={`/community/requests/${r.id}/transition`} token={token}>
                <input type="hidden" name="action" value={t.action} />
                {t.action === 'withdraw' || t.action === 'request_review' || t.action === 'lodge_appeal' ? (
                  <TextField name={`note`} label={`Note (optional): ${t.label.toLowerCase()}`} errors={null} />
                ) : null}
                <Button secondary={t.action === 'withdraw'}>{t.label}</Button>
              </Form>
            ))}
          </>
        ) : null}
        <DecisionSection r={r} />
        <h2>Deadlines</h2>
        <DeadlinesTable deadlines={d.deadlines} today={today} />
        <h2>Documents</h2>
        <DocumentsList requestId={r.id} documents={d.documents} />
        {r.status !== 'completed' && r.status !== 'withdrawn' ? (
          <UploadForm action={`/community/requests/${r.id}/documents`} token={token}>
            <FileField
              name="file"
              label="Add a document"
              hint={`Up to ${Math.round(deps.config.uploadMaxBytes / 1048576)} MB: ${ALLOWED_EXTENSIONS.join(', ')}. Documents you add are seen by the authority, not published.`}
              accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
              errors={errors}
            />
            <Button secondary>Upload</Button>
          </UploadForm>
        ) : null}
        <h2>History</h2>
        <Timeline events={d.events} showActors={false} />
      </>
    ),
  });
}

const FileUpload = z.object({ file: z.instanceof(File, { error: 'Choose a file to upload' }) });

export async function fileBytes(file: File) {
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function communityRoutes(router: Router, deps: CommunityRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/community',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Community bodies: register, and follow your requests',
    },
    async (c, { ctx }) => {
      if (ctx.actor.kind !== 'user') {
        return render(c, {
          title: 'Community bodies',
          children: (
            <>
              <p>
                Under the Community Empowerment (Scotland) Act 2015 a community body can ask a public service authority
                — the council, the health board, Police Scotland and others — to let it take part in improving an
                outcome (a <strong>participation request</strong>), or to buy, lease, manage, occupy or use its land or
                buildings (an <strong>asset transfer request</strong>). The authority must answer within time limits set
                in law.
              </p>
              <p>
                <a class="ds_button" href="/community/register">
                  Register a community body
                </a>
              </p>
              <p>
                Already registered? <a href="/login?next=/community">Sign in</a>. Anyone can read the{' '}
                <a href="/registers">public registers</a> and use the <a href="/deadlines">deadline calculator</a>.
              </p>
            </>
          ),
        });
      }
      const bodies = await deps.communityBodies.mine(ctx);
      return render(c, {
        title: 'Your community bodies',
        wide: true,
        children: (
          <>
            {bodies.length === 0 ? <p>You are not a member of any community body yet.</p> : null}
            {bodies.map((b) => (
              <section aria-labelledby={`body-${b.id}`}>
                <h2 id={`body-${b.id}`}>
                  <a href={`/community/bodies/${b.id}`}>{b.name}</a>
                </h2>
                <p>
                  {BODY_TYPE_LABELS[b.body_type]} in {b.partnership_name}. You are its{' '}
                  {b.role === 'lead' ? 'lead contact' : 'member'}.
                </p>
                <Table
                  caption={`Requests of ${b.name}`}
                  rows={b.requests}
                  empty="No requests yet."
                  columns={[
                    { header: 'Reference', cell: (r) => <a href={`/community/requests/${r.id}`}>{r.reference}</a> },
                    { header: 'Request', cell: (r) => `${kindLabel(r.kind)}: ${r.title}` },
                    { header: 'Made to', cell: (r) => r.authority_name },
                    { header: 'Status', cell: (r) => <StatusTag status={r.status} /> },
                    { header: 'Last change', cell: (r) => formatDateTime(r.updated_at) },
                  ]}
                />
                <p>
                  <a href={`/community/bodies/${b.id}/requests/new?kind=participation`}>Make a participation request</a>{' '}
                  ·{' '}
                  <a href={`/community/bodies/${b.id}/requests/new?kind=asset_transfer`}>
                    Make an asset transfer request
                  </a>{' '}
                  ·{' '}
                  <a href={`/community/bodies/${b.id}/self-evaluation`}>
                    Give your view on the partnership’s self-evaluation
                  </a>
                </p>
              </section>
            ))}
            <p>
              <a href="/community/register">Register another community body</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/community/register',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Form to register a community body',
    },
    (c) => registerPage(c, deps, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/register',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Register a community body (and an account, when not signed in)',
      body: z.looseObject({}),
    },
    async (c, { body: raw, ctx }) => {
      const rerender = (errors: FieldErrors) => {
        c.status(400);
        return registerPage(c, deps, { ...raw, password: '', confirm_password: '' }, errors);
      };
      try {
        if (ctx.actor.kind === 'user') {
          const parsed = BodyProfileSchema.extend({
            partnership: z.string({ error: 'Choose the council area where the community is' }).min(1).max(64),
          }).safeParse(raw);
          if (!parsed.success) return rerender(zodFieldErrors(parsed.error));
          const body = await deps.communityBodies.create(ctx, parsed.data.partnership, parsed.data);
          setFlash(c, { kind: 'success', message: `${body.name} is registered. You are its lead contact.` });
          return c.redirect(`/community/bodies/${body.id}`, 303);
        }
        const parsed = RegisterBodySchema.safeParse(raw);
        if (!parsed.success) return rerender(zodFieldErrors(parsed.error));
        const { body } = await deps.communityBodies.register(ctx, parsed.data);
        const { token } = await deps.accounts.login(parsed.data.your_email, parsed.data.password, ctx);
        setSessionCookie(c, token, { secure: deps.config.secureCookies, hours: deps.config.sessionHours });
        setFlash(c, {
          kind: 'success',
          message: `${body.name} is registered and you are signed in as its lead contact.`,
        });
        return c.redirect(`/community/bodies/${body.id}`, 303);
      } catch (e) {
        if (e instanceof ValidationError || e instanceof ConflictError) return rerender(e.fields);
        throw e;
      }
    },
  );

  const bodyPage = async (c: Context<AppEnv>, bodyId: number, raw: Raw | null, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const b = await deps.communityBodies.own(ctx, bodyId);
    const values: Raw = raw ?? Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v === null ? '' : String(v)]));
    return render(c, {
      title: errors ? `Error: ${b.name}` : b.name,
      label: `${BODY_TYPE_LABELS[b.body_type]}, ${b.partnership_name}`,
      crumbs: [{ href: '/community', label: 'Community bodies' }],
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ ...BODY_LABELS, email: 'Email', display_name: 'Name' }} />
          <p>
            <a class="ds_button" href={`/community/bodies/${b.id}/requests/new?kind=participation`}>
              Make a participation request
            </a>{' '}
            <a
              class="ds_button ds_button--secondary"
              href={`/community/bodies/${b.id}/requests/new?kind=asset_transfer`}
            >
              Make an asset transfer request
            </a>
          </p>
          <p>
            The partnership judges itself each year against the principles of effective community planning.{' '}
            <a href={`/community/bodies/${b.id}/self-evaluation`}>
              Give the body’s view on this year’s self-evaluation
            </a>
            .
          </p>
          <h2>Members</h2>
          <Table
            caption="Members of the body"
            rows={b.members}
            empty="No members."
            columns={[
              { header: 'Name', cell: (m) => m.display_name },
              { header: 'Email', cell: (m) => m.email },
              { header: 'Role', cell: (m) => (m.role === 'lead' ? 'Lead contact' : 'Member') },
            ]}
          />
          {b.role === 'lead' ? (
            <>
              <h3>Add a member</h3>
              <Form action={`/community/bodies/${b.id}/members`} token={c.get('csrfToken')}>
                <TextField name="display_name" label="Name" errors={errors} />
                <TextField
                  name="email"
                  label="Email"
                  type="email"
                  errors={errors}
                  hint="Someone new gets an account with a temporary password, shown to you once."
                />
                <Button secondary>Add the member</Button>
              </Form>
              <h2>Profile</h2>
              <Form action={`/community/bodies/${b.id}`} token={c.get('csrfToken')}>
                <BodyFields raw={values} errors={errors} />
                <Button>Save the profile</Button>
              </Form>
            </>
          ) : (
            <p>Only the lead contact can change the profile or add members.</p>
          )}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId',
      permission: 'community:use',
      kind: 'page',
      summary: 'A community body you belong to',
    },
    (c) => bodyPage(c, idParam(c, 'bodyId'), null, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId',
      permission: 'community:use',
      kind: 'page',
      summary: 'Change a community body’s profile (its lead contact)',
      body: BodyProfileSchema,
      onInvalid: (c, e, raw) => bodyPage(c, idParam(c, 'bodyId'), raw, e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      return orConflict(
        c,
        async () => {
          await deps.communityBodies.update(ctx, id, body);
          setFlash(c, { kind: 'success', message: 'The profile is saved.' });
          return c.redirect(`/community/bodies/${id}`, 303);
        },
        (errors) => bodyPage(c, id, body as Raw, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/members',
      permission: 'community:use',
      kind: 'page',
      summary: 'Add a member to a community body (its lead contact)',
      body: AddBodyMemberSchema,
      onInvalid: (c, e) => bodyPage(c, idParam(c, 'bodyId'), null, e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      return orConflict(
        c,
        async () => {
          const added = await deps.communityBodies.addMember(ctx, id, body);
          setFlash(c, {
            kind: 'success',
            message: added.temporaryPassword
              ? `${body.display_name} is added. Their temporary password is ${added.temporaryPassword} — give it to them privately; they choose their own when they first sign in.`
              : `${body.display_name} is added.`,
          });
          return c.redirect(`/community/bodies/${id}`, 303);
        },
        (errors) => bodyPage(c, id, null, errors),
      );
    },
  );

  const KindQuery = z.object({ kind: z.enum(['participation', 'asset_transfer']).default('participation') });

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId/requests/new',
      permission: 'community:use',
      kind: 'page',
      summary: 'Form for a new request',
      query: KindQuery,
    },
    (c, { query }) => {
      const id = idParam(c, 'bodyId');
      return requestForm(
        c,
        deps,
        id,
        query.kind,
        {},
        null,
        `/community/bodies/${id}/requests`,
        query.kind === 'participation' ? 'New participation request' : 'New asset transfer request',
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/requests',
      permission: 'community:use',
      kind: 'page',
      summary: 'Save a new request as a draft, or submit it',
      body: RequestDraftSchema,
      onInvalid: (c, e, raw) => {
        const id = idParam(c, 'bodyId');
        const kind = raw['kind'] === 'asset_transfer' ? 'asset_transfer' : 'participation';
        return requestForm(
          c,
          deps,
          id,
          kind,
          raw,
          e.fields,
          `/community/bodies/${id}/requests`,
          kind === 'participation' ? 'New participation request' : 'New asset transfer request',
        );
      },
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      const row = await deps.requests.createDraft(ctx, id, body);
      setFlash(c, {
        kind: 'success',
        message:
          row.status === 'submitted'
            ? `${row.reference} is submitted to the authority.`
            : `${row.reference} is saved as a draft.`,
      });
      return c.redirect(`/community/requests/${row.id}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/community/requests/:requestId',
      permission: 'community:use',
      kind: 'page',
      summary: 'One of your body’s requests',
    },
    (c) => bodyRequestPage(c, deps, idParam(c, 'requestId'), null),
  );

  router.route(
    {
      method: 'GET',
      path: '/community/requests/:requestId/edit',
      permission: 'community:use',
      kind: 'page',
      summary: 'Edit a draft request',
    },
    async (c, { ctx }) => {
      const id = idParam(c, 'requestId');
      const { request: r } = await deps.requests.forBody(ctx, id);
      const raw = Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v === null || v instanceof Date ? '' : String(v)]),
      );
      return requestForm(
        c,
        deps,
        r.community_body_id,
        r.kind,
        raw,
        null,
        `/community/requests/${id}`,
        `Edit ${r.reference}`,
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId',
      permission: 'community:use',
      kind: 'page',
      summary: 'Change a draft request, or submit it',
      body: RequestDraftSchema,
      onInvalid: async (c, e, raw) => {
        const id = idParam(c, 'requestId');
        const { request: r } = await deps.requests.forBody(requestContext(c), id);
        return requestForm(
          c,
          deps,
          r.community_body_id,
          r.kind,
          raw,
          e.fields,
          `/community/requests/${id}`,
          `Edit ${r.reference}`,
        );
      },
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      const row = await deps.requests.updateDraft(ctx, id, body);
      setFlash(c, {
        kind: 'success',
        message: row.status === 'submitted' ? `${row.reference} is submitted to the authority.` : 'The draft is saved.',
      });
      return c.redirect(`/community/requests/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId/transition',
      permission: 'community:use',
      kind: 'page',
      summary: 'Take a step on your body’s request: submit, withdraw, apply for review, appeal',
      body: TransitionSchema.pick({ action: true, note: true, date: true }),
      onInvalid: (c, e) => bodyRequestPage(c, deps, idParam(c, 'requestId'), e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const row = await deps.requests.bodyTransition(ctx, id, body.action, body);
          setFlash(c, { kind: 'success', message: `${row.reference}: ${STATUS_LABELS[row.status as Status]}.` });
          return c.redirect(`/community/requests/${id}`, 303);
        },
        (errors) => bodyRequestPage(c, deps, id, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId/documents',
      permission: 'community:use',
      kind: 'page',
      summary: 'Attach a document to your body’s request',
      upload: 'attachment',
      body: FileUpload,
      onInvalid: (c, e) => bodyRequestPage(c, deps, idParam(c, 'requestId'), e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const doc = await deps.requests.attach(ctx, id, await fileBytes(body.file));
          setFlash(c, { kind: 'success', message: `${doc.file_name} is attached.` });
          return c.redirect(`/community/requests/${id}`, 303);
        },
        (errors) => bodyRequestPage(c, deps, id, errors),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/requests/:requestId/documents/:documentId',
      permission: 'register:read',
      kind: 'file',
      summary: 'A document of a request (public ones for anyone; the rest for the body and the partnership)',
    },
    async (c, { ctx }) => {
      const doc = await deps.requests.document(ctx, idParam(c, 'requestId'), idParam(c, 'documentId'));
      return c.body(Buffer.from(doc.content), 200, {
        'Content-Type': doc.content_type,
        'Content-Disposition': `attachment; filename="${doc.file_name.replace(/[^A-Za-z0-9._ ()-]/g, '_')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': doc.public ? 'public, max-age=300' : 'private, no-store',
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/notifications',
      permission: 'notification:read',
      kind: 'page',
      summary: 'Your reminders and updates',
    },
    async (c, { ctx }) => {
      const list = await deps.reminders.forUser(ctx);
      return render(c, {
        title: 'Reminders and updates',
        wide: true,
        children: (
          <>
            <Table
              caption="Reminders and updates"
              rows={list}
              empty="Nothing yet."
              columns={[
                { header: 'When', cell: (n) => formatDateTime(n.created_at) },
                { header: 'What', cell: (n) => (n.link ? <a href={n.link}>{n.text}</a> : n.text) },
                { header: 'Read', cell: (n) => (n.read_at ? 'Yes' : <strong>New</strong>) },
              ]}
            />
            {list.some((n) => !n.read_at) ? (
              <Form action="/notifications/read" token={c.get('csrfToken')}>
                <Button secondary>Mark all as read</Button>
              </Form>
            ) : null}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/notifications/read',
      permission: 'notification:read',
      kind: 'page',
      summary: 'Mark all your reminders as read',
      body: z.object({}),
    },
    async (c, { ctx }) => {
      await deps.reminders.markAllRead(ctx);
      return c.redirect('/notifications', 303);
    },
  );
}
