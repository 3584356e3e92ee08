import { fieldProps } from '../../core/http/forms.ts';
import type { FieldErrors } from '../../core/errors.ts';
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
import { COMMUNITY_BODY_TYPES, TRANSFER_TYPES, type RequestKind } from '../../db/schema.ts';
import type { CommunityBodiesService, ListPartnerships } from './bodies.service.ts';
import { BODY_TYPE_LABELS, TRANSFER_TYPE_LABELS } from './community.schemas.ts';
import type { LandRegisterService } from './land.service.ts';
import type { RemindersService } from './reminders.service.ts';
import {
  DeadlinesTable,
  DecisionSection,
  DocumentsList,
  kindLabel,
  RequestContent,
  StatusTag,
  Timeline,
} from './request-parts.views.tsx';
import type { RequestsService } from './requests.service.ts';

/**
 * Views of the community bodies' side: registering a body, its page, its requests and their forms, and
 * one's reminders. Props in, JSX out (the routes are in community.routes.tsx).
 */

type Raw = Record<string, unknown>;
type Authorities = Awaited<ReturnType<RequestsService['authorities']>>;
type Assets = Awaited<ReturnType<LandRegisterService['list']>>;

export const BODY_LABELS: Record<string, string> = {
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
  const field = fieldProps(raw, errors);
  return (
    <>
      <TextField {...field('name')} label="Name of the body" />
      <SelectField
        {...field('body_type')}
        label="Type of body"
        options={COMMUNITY_BODY_TYPES.map((t) => ({ value: t, label: BODY_TYPE_LABELS[t] }))}
        placeholder="Choose a type"
        hint="Community councils and community-controlled bodies can make participation requests; community transfer bodies can make asset transfer requests."
      />
      <TextArea
        {...field('community')}
        label="The community it represents"
        hint="A place (a village, an estate, a neighbourhood) or people who share an interest or characteristic."
        rows={3}
      />
      <SelectField
        {...field('community_kind')}
        label="Is the community a place, or people who share an interest?"
        options={[
          { value: 'place', label: 'A place' },
          { value: 'interest', label: 'People who share an interest or characteristic' },
        ]}
        placeholder="Choose one"
      />
      <TextArea
        {...field('constitution')}
        label="Constitution (optional)"
        hint="Its main points: aims, membership open to the community, control by members, what happens to assets if it is wound up."
        rows={3}
      />
      <TextField
        {...field('constituted_on')}
        label="Date of the constitution (optional)"
        hint="YYYY-MM-DD"
        width="fixed-20"
      />
      <TextField {...field('charity_number')} label="Charity or company number (optional)" width="fixed-20" />
      <TextField {...field('contact_name')} label="Contact name (optional)" />
      <TextField {...field('contact_email')} label="Contact email (optional)" type="email" />
      <TextField {...field('contact_phone')} label="Contact telephone (optional)" width="fixed-20" />
      <TextField {...field('website')} label="Website (optional)" type="url" />
    </>
  );
}

/** The form that registers a community body; `signedIn` leaves out the account's fields. */
export function RegisterBodyView({
  partnerships,
  signedIn,
  raw,
  errors,
  csrfToken,
}: {
  partnerships: Awaited<ReturnType<ListPartnerships>>;
  signedIn: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <p>
        Register your community council, development trust, tenants’ group or other community body to make participation
        requests and asset transfer requests, and to follow them to a decision. The body’s name, type and community
        appear in public registers; contact details do not.
      </p>
      <ErrorSummary errors={errors} labels={BODY_LABELS} />
      <Form action="/community/register" token={csrfToken}>
        <SelectField
          {...field('partnership')}
          label="Council area where the community is"
          options={partnerships.map((p) => ({
            value: p.code,
            label: p.fictional ? `${p.name} (demo)` : p.councilAreaName,
          }))}
          placeholder="Choose a council area"
        />
        <BodyFields raw={raw} errors={errors} />
        {signedIn ? null : (
          <fieldset>
            <legend class="ds_label">Your account</legend>
            <TextField {...field('your_name')} label="Your name" autocomplete="name" />
            <TextField {...field('your_email')} label="Your email address" type="email" autocomplete="email" />
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
  );
}

export const REQUEST_FIELD_LABELS: Record<string, string> = {
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

/** What a participation request asks (sections 22 and 23 of the Act). */
function ParticipationFields({
  raw,
  errors,
  authorities,
}: {
  raw: Raw;
  errors: FieldErrors | null;
  authorities: Authorities;
}) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <TextArea
        {...field('outcome')}
        label="The outcome the body wants to help improve"
        hint="An outcome that results from, or is contributed to by, a public service."
      />
      <TextArea {...field('reasons')} label="Why the body should take part in an outcome improvement process" />
      <TextArea {...field('knowledge')} label="The body’s knowledge, expertise and experience of the outcome" />
      <TextArea {...field('improvement')} label="The improvement in the outcome the body expects" />
      <SelectField
        {...field('additional_authority_organisation_id')}
        label="Ask another authority to take part too (optional)"
        options={authorities.map((a) => ({ value: String(a.id), label: a.name }))}
        placeholder="No other authority"
      />
    </>
  );
}

/** What an asset transfer request asks (section 79 of the Act). */
function AssetTransferFields({ raw, errors, assets }: { raw: Raw; errors: FieldErrors | null; assets: Assets }) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <SelectField
        {...field('land_asset_id')}
        label="Land or building from the authority’s register"
        options={assets.map((a) => ({
          value: String(a.id),
          label: `${a.name} (${a.owner_name}, ${a.reference})`,
        }))}
        placeholder="Not on the register, described below"
      />
      <TextArea
        {...field('asset_description')}
        label="Or describe the land or building"
        hint="Where it is, and its boundaries if it is part of a larger site."
        rows={2}
      />
      <SelectField
        {...field('transfer_type')}
        label="What the body asks to do"
        options={TRANSFER_TYPES.map((t) => ({ value: t, label: TRANSFER_TYPE_LABELS[t] }))}
        placeholder="Choose one"
      />
      <TextField {...field('price_offered')} label="Price offered in pounds (optional)" width="fixed-20" />
      <TextArea
        {...field('terms')}
        label="Terms offered"
        hint="For a lease: its length and the rent. For management, occupation or use: the conditions."
      />
    </>
  );
}

/** The form of a request, new or a draft being edited; `action` is where it is sent. */
export function RequestFormView({
  kind,
  authorities,
  assets,
  raw,
  errors,
  action,
  csrfToken,
}: {
  kind: RequestKind;
  authorities: Authorities;
  assets: Assets;
  raw: Raw;
  errors: FieldErrors | null;
  action: string;
  csrfToken: string;
}) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <ErrorSummary errors={errors} labels={REQUEST_FIELD_LABELS} />
      <Form action={action} token={csrfToken}>
        <input type="hidden" name="kind" value={kind} />
        <SelectField
          {...field('authority_organisation_id')}
          label="The public service authority the request is made to"
          options={authorities.map((a) => ({ value: String(a.id), label: a.name }))}
          placeholder="Choose an authority"
        />
        <TextField
          {...field('title')}
          label="A short title"
          hint="For example: Safer walking routes to Kilbrae Primary"
        />
        {kind === 'participation' ? (
          <ParticipationFields raw={raw} errors={errors} authorities={authorities} />
        ) : (
          <AssetTransferFields raw={raw} errors={errors} assets={assets} />
        )}
        <TextArea
          {...field('benefits')}
          label={
            kind === 'participation'
              ? 'Anything else the authority should know (optional)'
              : 'The benefits the transfer would bring'
          }
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
  );
}

/** One of the body's requests as its members see it, with the steps they can take. */
export function BodyRequestView({
  d,
  today,
  errors,
  uploadMaxBytes,
  allowedExtensions,
  token,
}: {
  d: Awaited<ReturnType<RequestsService['forBody']>>;
  today: string;
  errors: FieldErrors | null;
  uploadMaxBytes: number;
  allowedExtensions: readonly string[];
  token: string;
}) {
  const r = d.request;
  const editable = r.status === 'draft' || r.status === 'information_requested';
  return (
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
            hint={`Up to ${Math.round(uploadMaxBytes / 1048576)} MB: ${allowedExtensions.join(', ')}. Documents you add are seen by the authority, not published.`}
            accept={allowedExtensions.map((e) => `.${e}`).join(',')}
            errors={errors}
          />
          <Button secondary>Upload</Button>
        </UploadForm>
      ) : null}
      <h2>History</h2>
      <Timeline events={d.events} showActors={false} />
    </>
  );
}

/** What the community pages say to someone not signed in. */
export function CommunityWelcomeView() {
  return (
    <>
      <p>
        Under the Community Empowerment (Scotland) Act 2015 a community body can ask a public service authority — the
        council, the health board, Police Scotland and others — to let it take part in improving an outcome (a{' '}
        <strong>participation request</strong>), or to buy, lease, manage, occupy or use its land or buildings (an{' '}
        <strong>asset transfer request</strong>). The authority must answer within time limits set in law.
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
  );
}

/** The bodies the signed-in person belongs to, each with its requests. */
export function MyBodiesView({ bodies }: { bodies: Awaited<ReturnType<CommunityBodiesService['mine']>> }) {
  return (
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
            <a href={`/community/bodies/${b.id}/requests/new?kind=participation`}>Make a participation request</a> ·{' '}
            <a href={`/community/bodies/${b.id}/requests/new?kind=asset_transfer`}>Make an asset transfer request</a> ·{' '}
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
  );
}

/** A body's page for its members: its members, and for its lead the forms that add one and change the profile. */
export function BodyView({
  b,
  values,
  errors,
  csrfToken,
}: {
  b: Awaited<ReturnType<CommunityBodiesService['own']>>;
  /** The profile's fields as the form shows them. */
  values: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ ...BODY_LABELS, email: 'Email', display_name: 'Name' }} />
      <p>
        <a class="ds_button" href={`/community/bodies/${b.id}/requests/new?kind=participation`}>
          Make a participation request
        </a>{' '}
        <a class="ds_button ds_button--secondary" href={`/community/bodies/${b.id}/requests/new?kind=asset_transfer`}>
          Make an asset transfer request
        </a>
      </p>
      <p>
        The partnership judges itself each year against the principles of effective community planning.{' '}
        <a href={`/community/bodies/${b.id}/self-evaluation`}>Give the body’s view on this year’s self-evaluation</a>.
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
          <Form action={`/community/bodies/${b.id}/members`} token={csrfToken}>
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
          <Form action={`/community/bodies/${b.id}`} token={csrfToken}>
            <BodyFields raw={values} errors={errors} />
            <Button>Save the profile</Button>
          </Form>
        </>
      ) : (
        <p>Only the lead contact can change the profile or add members.</p>
      )}
    </>
  );
}

/** The signed-in person's reminders and updates. */
export function NotificationsView({
  list,
  csrfToken,
}: {
  list: Awaited<ReturnType<RemindersService['forUser']>>;
  csrfToken: string;
}) {
  return (
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
        <Form action="/notifications/read" token={csrfToken}>
          <Button secondary>Mark all as read</Button>
        </Form>
      ) : null}
    </>
  );
}
