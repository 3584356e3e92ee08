import { fieldProps } from '../../core/http/forms.ts';
import type { FC } from 'hono/jsx';
import type { FieldErrors } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import {
  Button,
  ErrorSummary,
  FileField,
  Form,
  formatDate,
  ImportButtons,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
  UploadForm,
  type FieldProps,
} from '../../core/ui/components.tsx';
import { ASSET_TYPES, REQUEST_KINDS, type RequestKind } from '../../db/schema.ts';
import type { CommunityBodiesService } from './bodies.service.ts';
import { ASSET_TYPE_LABELS } from './community.schemas.ts';
import type { LandRegisterService } from './land.service.ts';
import type { RequestsService } from './requests.service.ts';
import {
  bodyTypeLabel,
  DeadlinesTable,
  DecisionSection,
  DocumentsList,
  kindLabel,
  RequestContent,
  S24,
  StatusTag,
  Timeline,
} from './request-parts.views.tsx';
import { STATUS_LABELS, STATUSES, type Status, type Transition } from './workflow.ts';

/**
 * Views of the authorities' side of requests: one request with its next steps, the deadline board and the
 * list, the community bodies of the area and the register of land. Props in, JSX out (the routes are in
 * requests.routes.tsx).
 */

type AuthorityRequest = Awaited<ReturnType<RequestsService['forAuthority']>>;
type DueBoard = Awaited<ReturnType<RequestsService['dueBoard']>>;
type RequestList = Awaited<ReturnType<RequestsService['listForPartnership']>>;
type AreaBodies = Awaited<ReturnType<CommunityBodiesService['forPartnership']>>;
type LandAssets = Awaited<ReturnType<LandRegisterService['list']>>;
type Option = { value: string; label: string };
type Raw = Record<string, unknown>;

export const TRANSITION_LABELS: Record<string, string> = {
  action: 'This step',
  information_needed: 'Information needed',
  validation_date: 'Validation date',
  additional_authority_asked_on: 'Date the other authority was asked',
  answer: 'Answer',
  decision: 'Decision',
  decision_date: 'Date of the decision',
  decision_reasons: 'Reasons',
  decision_conditions: 'Conditions',
  rule_code: 'Time limit',
  extended_to: 'New date',
  note: 'Note',
  responsible_user_id: 'Responsible officer',
  process_established_on: 'Date established',
  process_description: 'The process',
  final_report: 'Final report',
  date: 'Date',
  file: 'File',
  ...Object.fromEntries(S24.map((f) => [`s24_${f.code}`, f.label])),
};

/** What each step's fields are drawn from. */
interface ActionFieldProps {
  r: ActionFormProps['r'];
  /** A field's name, the value typed (or a default) and the errors. */
  field: ReturnType<typeof fieldProps>;
  today: string;
  errors: FieldErrors | null;
  officerOptions: Option[];
  meId: string;
  openExtendable: ActionFormProps['openExtendable'];
}

/** A date field, a fixed 20 characters wide. */
function DateField(p: Omit<FieldProps, 'type' | 'width'>) {
  return <TextField {...p} type="date" width="fixed-20" />;
}

// The fields of each step the authority takes, one component a step (ACTION_FIELDS names them).

/** A decision's fields, shared by the decision, the review and the appeal. */
function DecisionFields({ r, field, today }: Pick<ActionFieldProps, 'r' | 'field' | 'today'>) {
  return (
    <>
      <SelectField
        {...field('decision')}
        label="Decision"
        options={[
          { value: 'agreed', label: 'Agreed' },
          { value: 'refused', label: 'Refused' },
        ]}
        placeholder="Choose the decision"
      />
      <DateField {...field('decision_date', today)} label="Date of the decision" />
      <TextArea
        {...field('decision_reasons')}
        label={r.kind === 'participation' ? 'Reasons (required for a refusal)' : 'Reasons'}
      />
      <TextArea {...field('decision_conditions')} label="Conditions (optional)" />
    </>
  );
}

function RequestInformationFields({ field }: ActionFieldProps) {
  return (
    <TextArea
      {...field('information_needed')}
      label="What information is missing"
      hint="This notice goes to the community body; the clock does not start until the request is valid."
    />
  );
}

function ValidateFields({ r, field, today, officerOptions, meId }: ActionFieldProps) {
  return (
    <>
      <DateField
        {...field('validation_date', today)}
        label="Validation date"
        hint="The day the authority received the last of the information the request needs. The statutory clock starts with it."
      />
      {r.additional_authority_organisation_id !== null ? (
        <DateField
          {...field('additional_authority_asked_on', today)}
          label="Date the other authority was asked to join"
        />
      ) : null}
      <SelectField {...field('responsible_user_id', meId)} label="Responsible officer" options={officerOptions} />
      <TextArea {...field('note')} label="Note for the acknowledgement (optional)" rows={2} />
    </>
  );
}

function RecordAdditionalAnswerFields({ field, today }: ActionFieldProps) {
  return (
    <>
      <SelectField
        {...field('answer')}
        label="Will the other authority take part?"
        options={[
          { value: 'joins', label: 'Yes, it will take part' },
          { value: 'declines', label: 'No, it will not' },
        ]}
        placeholder="Choose"
      />
      <DateField {...field('date', today)} label="Date of its answer" />
    </>
  );
}

function DecideFields({ r, field, today }: ActionFieldProps) {
  return (
    <>
      <DecisionFields r={r} field={field} today={today} />
      {r.kind === 'participation' ? (
        <fieldset>
          <legend class="ds_label">How the decision weighed the factors in section 24 (at least one)</legend>
          {S24.map((f) => (
            <TextArea {...field(`s24_${f.code}`)} label={f.label} rows={2} />
          ))}
        </fieldset>
      ) : null}
      <TextArea
        {...field('decision_notice')}
        label="Decision notice (optional)"
        hint="Leave empty for Cairn to write it from the decision, reasons and conditions. It is published in the register."
        rows={4}
      />
    </>
  );
}

function ExtendFields({ field, openExtendable }: ActionFieldProps) {
  return (
    <>
      <SelectField
        {...field('rule_code')}
        label="Time limit"
        options={openExtendable.map((d) => ({
          value: d.rule_code,
          label: `${d.rule_name} (now due ${formatDate(d.due)})`,
        }))}
      />
      <DateField {...field('extended_to')} label="Agreed new date" />
      <TextArea {...field('note')} label="What was agreed with the community body, and when" rows={2} />
    </>
  );
}

function AssignFields({ r, errors, officerOptions }: ActionFieldProps) {
  return (
    <SelectField
      name="responsible_user_id"
      label="Responsible officer"
      options={officerOptions}
      value={r.responsible_user_id ? String(r.responsible_user_id) : ''}
      errors={errors}
    />
  );
}

function EstablishProcessFields({ field, today }: ActionFieldProps) {
  return (
    <>
      <DateField {...field('process_established_on', today)} label="Date established" />
      <TextArea
        {...field('process_description')}
        label="The outcome improvement process"
        hint="Who takes part, how and when it meets, how the community body is involved. Published."
      />
    </>
  );
}

function ProcessUpdateFields({ field }: ActionFieldProps) {
  return (
    <TextArea {...field('note')} label="Meeting, update or change to the process" hint="Published in the register." />
  );
}

function CompleteFields({ r, field, today }: ActionFieldProps) {
  return r.kind === 'participation' ? (
    <>
      <TextArea
        {...field('final_report')}
        label="Final report"
        hint="The outcomes of the process; whether and how far the outcome improved; how the body’s participation influenced it; how the authority will keep the body informed. Published."
        rows={6}
      />
      <DateField {...field('date', today)} label="Date of the report" />
    </>
  ) : (
    <>
      <DateField {...field('date', today)} label="Date the transfer was concluded" />
      <TextArea {...field('note')} label="Note (optional)" rows={2} />
    </>
  );
}

/** The fields of each step the authority takes. */
const ACTION_FIELDS: Partial<Record<string, FC<ActionFieldProps>>> = {
  request_information: RequestInformationFields,
  validate: ValidateFields,
  record_additional_answer: RecordAdditionalAnswerFields,
  decide: DecideFields,
  decide_review: DecisionFields,
  decide_appeal: DecisionFields,
  extend: ExtendFields,
  assign: AssignFields,
  establish_process: EstablishProcessFields,
  process_update: ProcessUpdateFields,
  complete: CompleteFields,
};

interface ActionFormProps {
  t: Transition;
  p: PartnershipRef;
  r: {
    id: number;
    kind: string;
    additional_authority_organisation_id: number | null;
    responsible_user_id: number | null;
  };
  csrfToken: string;
  /** The signed-in user's id, as a form value ('' for anyone else). */
  meId: string;
  officers: { id: number; display_name: string }[];
  openExtendable: { rule_code: string; rule_name: string; due: string }[];
  today: string;
  errors: FieldErrors | null;
  /** What was typed, when this form is shown again with its errors. */
  values: Record<string, unknown>;
}

function ActionForm({ t, p, r, csrfToken, meId, officers, openExtendable, today, errors, values }: ActionFormProps) {
  const officerOptions = officers.map((o) => ({ value: String(o.id), label: o.display_name }));
  const Fields = ACTION_FIELDS[t.action];
  return (
    <details class="ds_details" open={errors ? true : undefined}>
      <summary class="ds_details__summary">{t.label}</summary>
      <div class="ds_details__text">
        <Form action={partnershipHref(p.code, 'requests', r.id, 'transition')} token={csrfToken}>
          <input type="hidden" name="action" value={t.action} />
          {Fields ? (
            <Fields
              r={r}
              field={fieldProps(values, errors)}
              today={today}
              errors={errors}
              officerOptions={officerOptions}
              meId={meId}
              openExtendable={openExtendable}
            />
          ) : null}
          <Button>{t.label}</Button>
        </Form>
      </div>
    </details>
  );
}

/** One request as the partnership's people see it: its deadlines, the next steps, the request and its history. */
export function AuthorityRequestView({
  p,
  d,
  today,
  openExtendable,
  canPublish,
  uploadMaxBytes,
  allowedExtensions,
  errors,
  raw,
  csrfToken,
  meId,
}: {
  p: PartnershipRef;
  d: AuthorityRequest;
  today: string;
  /** The open deadlines whose time limit may be extended. */
  openExtendable: AuthorityRequest['deadlines'];
  /** Whether the reader may publish documents on the request. */
  canPublish: boolean;
  uploadMaxBytes: number;
  allowedExtensions: readonly string[];
  errors: FieldErrors | null;
  raw: Raw;
  csrfToken: string;
  meId: string;
}) {
  const r = d.request;
  return (
    <>
      <ErrorSummary errors={errors} labels={TRANSITION_LABELS} />
      <p>
        Responsible officer: <strong>{r.responsible_name ?? 'no one yet'}</strong>.{' '}
        {r.validation_date ? (
          <a href={`/registers/requests/${r.reference}`}>See it in the public register</a>
        ) : (
          'It enters the public register when it is validated.'
        )}
      </p>
      <h2>Deadlines</h2>
      <DeadlinesTable deadlines={d.deadlines} today={today} />
      {d.actions.length ? (
        <>
          <h2>Next steps</h2>
          {d.actions
            .filter((t) => t.action !== 'extend' || openExtendable.length > 0)
            .map((t) => (
              <ActionForm
                t={t}
                p={p}
                r={r}
                csrfToken={csrfToken}
                meId={meId}
                officers={d.officers}
                openExtendable={openExtendable}
                today={today}
                errors={raw['action'] === t.action ? errors : null}
                values={raw['action'] === t.action ? raw : {}}
              />
            ))}
        </>
      ) : null}
      <h2>The request</h2>
      <RequestContent r={r} />
      <DecisionSection r={r} />
      <h2>Documents</h2>
      <DocumentsList requestId={r.id} documents={d.documents} />
      {canPublish && r.validation_date ? (
        <UploadForm action={partnershipHref(p.code, 'requests', r.id, 'documents')} token={csrfToken}>
          <SelectField
            name="kind"
            label="Kind of document"
            options={[
              { value: 'process_update', label: 'Update on the process (published)' },
              { value: 'final_report', label: 'Final report (published)' },
            ]}
            errors={errors}
          />
          <FileField
            name="file"
            label="Publish a document"
            hint={`Up to ${Math.round(uploadMaxBytes / 1048576)} MB: ${allowedExtensions.join(', ')}.`}
            accept={allowedExtensions.map((e) => `.${e}`).join(',')}
            errors={errors}
          />
          <Button secondary>Upload and publish</Button>
        </UploadForm>
      ) : null}
      <h2>History</h2>
      <Timeline events={d.events} showActors={true} />
    </>
  );
}

/** The deadline board and every request of the partnership. */
export function RequestsBoardView({
  p,
  board,
  list,
  query,
  me,
  reportYear,
}: {
  p: PartnershipRef;
  board: DueBoard;
  list: RequestList;
  query: { status?: Status; kind?: RequestKind };
  /** The signed-in user's id (null for anyone else). */
  me: number | null;
  reportYear: number;
}) {
  const mine = [...board.overdue, ...board.thisWeek].filter((d) => d.responsible_user_id === me);
  const deadlineRow = [
    { header: 'Due', cell: (d: (typeof board.overdue)[number]) => formatDate(d.due) },
    {
      header: 'Request',
      cell: (d: (typeof board.overdue)[number]) => (
        <a href={partnershipHref(p.code, 'requests', d.request_id)}>{`${d.reference}: ${d.title}`}</a>
      ),
    },
    { header: 'Time limit', cell: (d: (typeof board.overdue)[number]) => d.rule_name },
    { header: 'Community body', cell: (d: (typeof board.overdue)[number]) => d.body_name },
    { header: 'Responsible', cell: (d: (typeof board.overdue)[number]) => d.responsible_name ?? 'No one assigned' },
  ];
  return (
    <>
      <div class="cairn-grid">
        <a class="cairn-stat" href="#overdue">
          <span class="cairn-stat__value">{board.overdue.length}</span>
          <span class="cairn-stat__label">deadlines overdue</span>
        </a>
        <a class="cairn-stat" href="#this-week">
          <span class="cairn-stat__value">{board.thisWeek.length}</span>
          <span class="cairn-stat__label">due in the next 7 days</span>
        </a>
        <a class="cairn-stat" href="#mine">
          <span class="cairn-stat__value">{mine.length}</span>
          <span class="cairn-stat__label">of them yours</span>
        </a>
        <a class="cairn-stat" href="#all">
          <span class="cairn-stat__value">{list.length}</span>
          <span class="cairn-stat__label">requests</span>
        </a>
      </div>
      <h2 id="overdue">Overdue</h2>
      <Table
        caption="Overdue statutory deadlines"
        rows={board.overdue}
        empty="Nothing is overdue."
        columns={deadlineRow}
      />
      <h2 id="this-week">Due in the next 7 days (to {formatDate(board.weekEnd)})</h2>
      <Table
        caption="Deadlines due in the next 7 days"
        rows={board.thisWeek}
        empty="Nothing falls due in the next 7 days."
        columns={deadlineRow}
      />
      <h2 id="mine">By officer</h2>
      <Table
        caption="Overdue and due deadlines by responsible officer"
        rows={board.byOfficer}
        empty="No officer has anything due."
        columns={[
          { header: 'Officer', cell: (o) => (o.userId === me ? `${o.name} (you)` : o.name) },
          { header: 'Overdue', cell: (o) => o.overdue, numeric: true },
          { header: 'Due in 7 days', cell: (o) => o.thisWeek, numeric: true },
        ]}
      />
      <h2 id="all">All requests</h2>
      <form method="get" action={partnershipHref(p.code, 'requests')} class="cairn-filters">
        <SelectField
          name="kind"
          label="Kind"
          options={REQUEST_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          value={query.kind ?? ''}
          placeholder="All kinds"
        />
        <SelectField
          name="status"
          label="Status"
          options={STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={query.status ?? ''}
          placeholder="Any status"
        />
        <button type="submit" class="ds_button ds_button--secondary">
          Filter
        </button>
      </form>
      <Table
        caption="Requests"
        rows={list}
        empty="No requests."
        columns={[
          { header: 'Reference', cell: (r) => <a href={partnershipHref(p.code, 'requests', r.id)}>{r.reference}</a> },
          { header: 'Request', cell: (r) => `${kindLabel(r.kind)}: ${r.title}` },
          { header: 'Community body', cell: (r) => r.body_name },
          { header: 'Made to', cell: (r) => r.authority_name },
          { header: 'Status', cell: (r) => <StatusTag status={r.status} /> },
          {
            header: 'Next deadline',
            cell: (r) =>
              r.nextDeadline ? (
                <>
                  {formatDate(r.nextDeadline.due)}{' '}
                  {r.nextDeadline.due < board.today ? <Tag colour="red">Overdue</Tag> : null}
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <p>
        <a href={partnershipHref(p.code, 'requests.csv')}>Download all requests as CSV</a> ·{' '}
        <a href="/deadlines">Deadline calculator</a> ·{' '}
        <a href={`/registers/annual-report?partnership=${p.code}&kind=participation&year=${reportYear}`}>
          Annual report
        </a>
      </p>
    </>
  );
}

/** The community bodies registered in the area; `manage` shows the buttons that involve them or not. */
export function AreaBodiesView({
  p,
  bodies,
  manage,
  csrfToken,
}: {
  p: PartnershipRef;
  bodies: AreaBodies;
  manage: boolean;
  csrfToken: string;
}) {
  return (
    <>
      <p>
        Community bodies register themselves in Cairn. Mark those the partnership involves in its work: they are listed
        publicly with the partnership.
      </p>
      <Table
        caption="Community bodies"
        rows={bodies}
        empty="No community body has registered in this area yet."
        columns={[
          { header: 'Name', cell: (b) => b.name },
          { header: 'Type', cell: (b) => bodyTypeLabel(b.body_type) },
          { header: 'Community', cell: (b) => b.community },
          { header: 'Contact', cell: (b) => [b.contact_name, b.contact_email].filter(Boolean).join(', ') },
          { header: 'Requests', cell: (b) => Number(b.requests), numeric: true },
          {
            header: 'Involved by the partnership',
            cell: (b) =>
              manage ? (
                <Form action={partnershipHref(p.code, 'community-bodies', b.id, 'involved')} token={csrfToken}>
                  <input type="hidden" name="involved" value={b.involved ? 'false' : 'true'} />
                  <Button small secondary>
                    {b.involved ? 'Involved — remove' : 'Not involved — involve'}
                    <span class="visually-hidden"> {b.name}</span>
                  </Button>
                </Form>
              ) : b.involved ? (
                'Yes'
              ) : (
                'No'
              ),
          },
        ]}
      />
    </>
  );
}

/** The forms that add to the register of land, one entry at a time or from a file. */
function ManageLand({
  p,
  owners,
  raw,
  errors,
  csrfToken,
}: {
  p: PartnershipRef;
  owners: Option[];
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const field = fieldProps(raw, errors);
  return (
    <>
      <h2>Add land or a building</h2>
      <Form action={partnershipHref(p.code, 'land')} token={csrfToken}>
        <SelectField
          {...field('owner_organisation_id')}
          label="Owner"
          options={owners}
          placeholder="Choose an authority"
        />
        <TextField {...field('reference')} label="The authority’s reference" width="fixed-20" />
        <TextField {...field('name')} label="Name" />
        <SelectField
          {...field('asset_type')}
          label="Type"
          options={ASSET_TYPES.map((t) => ({ value: t, label: ASSET_TYPE_LABELS[t] }))}
          placeholder="Choose a type"
        />
        <TextField {...field('address')} label="Address (optional)" />
        <TextField {...field('postcode')} label="Postcode (optional)" width="fixed-20" />
        <TextField {...field('area_hectares')} label="Area in hectares (optional)" width="fixed-20" />
        <TextField {...field('uprn')} label="UPRN (optional)" width="fixed-20" />
        <TextArea {...field('description')} label="Description (optional)" rows={2} />
        <Button>Add to the register</Button>
      </Form>
      <h2>Import a register from a CSV or Excel file</h2>
      <p>
        Columns: <code>reference</code>, <code>name</code>, <code>asset_type</code> (land, building, or land and
        building), and optionally <code>address</code>, <code>postcode</code>, <code>description</code>,{' '}
        <code>area_hectares</code>, <code>uprn</code>. All or nothing: one bad row and nothing is loaded. Rows whose
        reference is already on the register are updated. An Excel workbook (.xlsx) is read from its first worksheet
        with a header row.
      </p>
      <UploadForm action={partnershipHref(p.code, 'land', 'import')} token={csrfToken}>
        <SelectField
          name="owner_organisation_id"
          label="Owner of everything in the file"
          options={owners}
          placeholder="Choose an authority"
          errors={errors}
        />
        <FileField name="file" label="CSV or Excel file" accept=".csv,.xlsx" errors={errors} />
        <ImportButtons />
      </UploadForm>
    </>
  );
}

/** The partnership's register of land and buildings; `manage` adds its forms. */
export function LandRegisterView({
  p,
  assets,
  owners,
  manage,
  raw,
  errors,
  message,
  csrfToken,
}: {
  p: PartnershipRef;
  assets: LandAssets;
  owners: Option[];
  manage: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  message?: string | undefined;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary
        errors={errors}
        labels={{
          owner_organisation_id: 'Owner',
          reference: 'Reference',
          name: 'Name',
          asset_type: 'Type',
          area_hectares: 'Area',
          uprn: 'UPRN',
          file: 'File',
        }}
      />
      {message ? (
        <div class="ds_inset-text" role="status">
          <div class="ds_inset-text__text">{message}</div>
        </div>
      ) : null}
      <p>
        The land and buildings the partnership’s authorities own or lease, which community transfer bodies may ask to
        take on. The register is public: <a href={`/registers/land?partnership=${p.code}`}>see it as the public does</a>
        .
      </p>
      <Table
        caption="Register of land and buildings"
        rows={assets}
        empty="The register is empty."
        columns={[
          { header: 'Reference', cell: (a) => a.reference },
          { header: 'Name', cell: (a) => a.name },
          { header: 'Type', cell: (a) => ASSET_TYPE_LABELS[a.asset_type] },
          { header: 'Address', cell: (a) => [a.address, a.postcode].filter(Boolean).join(', ') },
          { header: 'Owner', cell: (a) => a.owner_name },
        ]}
      />
      {manage ? <ManageLand p={p} owners={owners} raw={raw} errors={errors} csrfToken={csrfToken} /> : null}
    </>
  );
}
