import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  Button,
  csvResponse,
  ImportButtons,
  ErrorSummary,
  FileField,
  Form,
  formatDate,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ASSET_TYPES, REQUEST_KINDS } from '../../db/schema.ts';
import { ImportError } from '../imports/index.ts';
import { fileBytes } from './community.routes.tsx';
import { ASSET_TYPE_LABELS, AssetSchema, blankIsMissing, TransitionSchema } from './community.schemas.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { CommunityBodiesService } from './bodies.service.ts';
import type { LandRegisterService } from './land.service.ts';
import { DeadlineBoard, PartnershipRequestList, TransitionResult } from './community.api-schemas.ts';
import { ALLOWED_EXTENSIONS, type RequestsService } from './requests.service.ts';
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
} from './views.tsx';
import { STATUS_LABELS, STATUSES, type Status, type Transition } from './workflow.ts';

/** What the authorities' request pages, the deadline board and the land register use: exactly these. */
export interface RequestsRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'uploadMaxBytes'>;
  deadlines: DeadlinesService;
  requests: RequestsService;
  communityBodies: CommunityBodiesService;
  landRegister: LandRegisterService;
}

const TRANSITION_LABELS: Record<string, string> = {
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

function ActionForm({
  t,
  p,
  r,
  c,
  officers,
  openExtendable,
  today,
  errors,
  values,
}: {
  t: Transition;
  p: PartnershipRef;
  r: {
    id: number;
    kind: string;
    additional_authority_organisation_id: number | null;
    responsible_user_id: number | null;
  };
  c: Context<AppEnv>;
  officers: { id: number; display_name: string }[];
  openExtendable: { rule_code: string; rule_name: string; due: string }[];
  today: string;
  errors: FieldErrors | null;
  /** What was typed, when this form is shown again with its errors. */
  values: Record<string, unknown>;
}) {
  const v = (k: string, d = '') => (typeof values[k] === 'string' ? (values[k] as string) : d);
  const officerOptions = officers.map((o) => ({ value: String(o.id), label: o.display_name }));
  const me = c.get('actor');
  const meId = me.kind === 'user' ? String(me.userId) : '';
  const decisionFields = (
    <>
      <SelectField
        name="decision"
        label="Decision"
        options={[
          { value: 'agreed', label: 'Agreed' },
          { value: 'refused', label: 'Refused' },
        ]}
        value={v('decision')}
        placeholder="Choose the decision"
        errors={errors}
      />
      <TextField
        name="decision_date"
        label="Date of the decision"
        type="date"
        value={v('decision_date', today)}
        width="fixed-20"
        errors={errors}
      />
      <TextArea
        name="decision_reasons"
        label={r.kind === 'participation' ? 'Reasons (required for a refusal)' : 'Reasons'}
        value={v('decision_reasons')}
        errors={errors}
      />
      <TextArea
        name="decision_conditions"
        label="Conditions (optional)"
        value={v('decision_conditions')}
        errors={errors}
      />
    </>
  );
  let fields = null;
  switch (t.action) {
    case 'request_information':
      fields = (
        <TextArea
          name="information_needed"
          label="What information is missing"
          hint="This notice goes to the community body; the clock does not start until the request is valid."
          value={v('information_needed')}
          errors={errors}
        />
      );
      break;
    case 'validate':
      fields = (
        <>
          <TextField
            name="validation_date"
            label="Validation date"
            type="date"
            value={v('validation_date', today)}
            hint="The day the authority received the last of the information the request needs. The statutory clock starts with it."
            width="fixed-20"
            errors={errors}
          />
          {r.additional_authority_organisation_id !== null ? (
            <TextField
              name="additional_authority_asked_on"
              label="Date the other authority was asked to join"
              type="date"
              value={v('additional_authority_asked_on', today)}
              width="fixed-20"
              errors={errors}
            />
          ) : null}
          <SelectField
            name="responsible_user_id"
            label="Responsible officer"
            options={officerOptions}
            value={v('responsible_user_id', meId)}
            errors={errors}
          />
          <TextArea
            name="note"
            label="Note for the acknowledgement (optional)"
            value={v('note')}
            errors={errors}
            rows={2}
          />
        </>
      );
      break;
    case 'record_additional_answer':
      fields = (
        <>
          <SelectField
            name="answer"
            label="Will the other authority take part?"
            options={[
              { value: 'joins', label: 'Yes, it will take part' },
              { value: 'declines', label: 'No, it will not' },
            ]}
            value={v('answer')}
            placeholder="Choose"
            errors={errors}
          />
          <TextField
            name="date"
            label="Date of its answer"
            type="date"
            value={v('date', today)}
            width="fixed-20"
            errors={errors}
          />
        </>
      );
      break;
    case 'decide':
      fields = (
        <>
          {decisionFields}
          {r.kind === 'participation' ? (
            <fieldset>
              <legend class="ds_label">How the decision weighed the factors in section 24 (at least one)</legend>
              {S24.map((f) => (
                <TextArea name={`s24_${f.code}`} label={f.label} value={v(`s24_${f.code}`)} errors={errors} rows={2} />
              ))}
            </fieldset>
          ) : null}
          <TextArea
            name="decision_notice"
            label="Decision notice (optional)"
            hint="Leave empty for Cairn to write it from the decision, reasons and conditions. It is published in the register."
            value={v('decision_notice')}
            errors={errors}
            rows={4}
          />
        </>
      );
      break;
    case 'decide_review':
    case 'decide_appeal':
      fields = decisionFields;
      break;
    case 'extend':
      fields = (
        <>
          <SelectField
            name="rule_code"
            label="Time limit"
            options={openExtendable.map((d) => ({
              value: d.rule_code,
              label: `${d.rule_name} (now due ${formatDate(d.due)})`,
            }))}
            value={v('rule_code')}
            errors={errors}
          />
          <TextField
            name="extended_to"
            label="Agreed new date"
            type="date"
            value={v('extended_to')}
            width="fixed-20"
            errors={errors}
          />
          <TextArea
            name="note"
            label="What was agreed with the community body, and when"
            value={v('note')}
            errors={errors}
            rows={2}
          />
        </>
      );
      break;
    case 'assign':
      fields = (
        <SelectField
          name="responsible_user_id"
          label="Responsible officer"
          options={officerOptions}
          value={r.responsible_user_id ? String(r.responsible_user_id) : ''}
          errors={errors}
        />
      );
      break;
    case 'establish_process':
      fields = (
        <>
          <TextField
            name="process_established_on"
            label="Date established"
            type="date"
            value={v('process_established_on', today)}
            width="fixed-20"
            errors={errors}
          />
          <TextArea
            name="process_description"
            label="The outcome improvement process"
            hint="Who takes part, how and when it meets, how the community body is involved. Published."
            value={v('process_description')}
            errors={errors}
          />
        </>
      );
      break;
    case 'process_update':
      fields = (
        <TextArea
          name="note"
          label="Meeting, update or change to the process"
          hint="Published in the register."
          value={v('note')}
          errors={errors}
        />
      );
      break;
    case 'complete':
      fields =
        r.kind === 'participation' ? (
          <>
            <TextArea
              name="final_report"
              label="Final report"
              hint="The outcomes of the process; whether and how far the outcome improved; how the body’s participation influenced it; how the authority will keep the body informed. Published."
              value={v('final_report')}
              errors={errors}
              rows={6}
            />
            <TextField
              name="date"
              label="Date of the report"
              type="date"
              value={v('date', today)}
              width="fixed-20"
              errors={errors}
            />
          </>
        ) : (
          <>
            <TextField
              name="date"
              label="Date the transfer was concluded"
              type="date"
              value={v('date', today)}
              width="fixed-20"
              errors={errors}
            />
            <TextArea name="note" label="Note (optional)" value={v('note')} errors={errors} rows={2} />
          </>
        );
      break;
    default:
      fields = null;
  }
  return (
    <details class="ds_details" open={errors ? true : undefined}>
      <summary class="ds_details__summary">{t.label}</summary>
      <div class="ds_details__text">
        <Form action={`/p/${p.code}/requests/${r.id}/transition`} token={c.get('csrfToken')}>
          <input type="hidden" name="action" value={t.action} />
          {fields}
          <Button>{t.label}</Button>
        </Form>
      </div>
    </details>
  );
}

async function authorityRequestPage(
  c: Context<AppEnv>,
  deps: RequestsRoutesDeps,
  p: PartnershipRef,
  requestId: number,
  errors: FieldErrors | null,
  raw: Record<string, unknown> = {},
) {
  const ctx = requestContext(c);
  const d = await deps.requests.forAuthority(ctx, p, requestId);
  const r = d.request;
  const today = todayIn(deps.clock);
  const book = await deps.deadlines.ruleBook();
  const openExtendable = d.deadlines.filter(
    (x) => !x.met_on && !x.cancelled && book.rules.find((rule) => rule.code === x.rule_code)?.extendable,
  );
  return render(c, {
    title: `${r.reference}: ${r.title}`,
    label: p.name,
    wide: true,
    subnav: partnershipNav(c, p),
    crumbs: [{ href: `/p/${p.code}/requests`, label: 'Requests' }],
    children: (
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
                  c={c}
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
        {can(ctx.actor, 'request:process', p.id) && r.validation_date ? (
          <UploadForm action={`/p/${p.code}/requests/${r.id}/documents`} token={c.get('csrfToken')}>
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
              hint={`Up to ${Math.round(deps.config.uploadMaxBytes / 1048576)} MB: ${ALLOWED_EXTENSIONS.join(', ')}.`}
              accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
              errors={errors}
            />
            <Button secondary>Upload and publish</Button>
          </UploadForm>
        ) : null}
        <h2>History</h2>
        <Timeline events={d.events} showActors={true} />
      </>
    ),
  });
}

const ListQuery = z.object({ status: blankIsMissing(z.enum(STATUSES)), kind: blankIsMissing(z.enum(REQUEST_KINDS)) });

export function requestsRoutes(router: Router, deps: RequestsRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/requests',
      permission: 'request:read',
      kind: 'page',
      summary: 'Participation and asset transfer requests: what is due, what is overdue, and every request',
      query: ListQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const [board, list] = await Promise.all([
        deps.requests.dueBoard(ctx, p),
        deps.requests.listForPartnership(ctx, p, query),
      ]);
      const reportYear = await deps.deadlines.yearOf('request-annual-reports', board.today);
      const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const mine = [...board.overdue, ...board.thisWeek].filter((d) => d.responsible_user_id === me);
      const deadlineRow = [
        { header: 'Due', cell: (d: (typeof board.overdue)[number]) => formatDate(d.due) },
        {
          header: 'Request',
          cell: (d: (typeof board.overdue)[number]) => (
            <a href={`/p/${p.code}/requests/${d.request_id}`}>{`${d.reference}: ${d.title}`}</a>
          ),
        },
        { header: 'Time limit', cell: (d: (typeof board.overdue)[number]) => d.rule_name },
        { header: 'Community body', cell: (d: (typeof board.overdue)[number]) => d.body_name },
        { header: 'Responsible', cell: (d: (typeof board.overdue)[number]) => d.responsible_name ?? 'No one assigned' },
      ];
      return render(c, {
        title: 'Participation and asset transfer requests',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
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
            <form method="get" action={`/p/${p.code}/requests`} class="cairn-filters">
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
                { header: 'Reference', cell: (r) => <a href={`/p/${p.code}/requests/${r.id}`}>{r.reference}</a> },
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
              <a href={`/p/${p.code}/requests.csv`}>Download all requests as CSV</a> ·{' '}
              <a href="/deadlines">Deadline calculator</a> ·{' '}
              <a href={`/registers/annual-report?partnership=${p.code}&kind=participation&year=${reportYear}`}>
                Annual report
              </a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/requests.csv',
      permission: 'request:read',
      kind: 'file',
      summary: 'Every request made to the partnership’s authorities, as CSV',
    },
    async (c, { partnership: p, ctx }) => {
      const list = await deps.requests.listForPartnership(ctx, p);
      return csvResponse(
        c,
        `${p.code}-requests.csv`,
        toCsv(list, [
          { header: 'reference', value: (r) => r.reference },
          { header: 'kind', value: (r) => r.kind },
          { header: 'title', value: (r) => r.title },
          { header: 'status', value: (r) => r.status },
          { header: 'community_body', value: (r) => r.body_name },
          { header: 'authority', value: (r) => r.authority_name },
          { header: 'submitted_at', value: (r) => r.submitted_at },
          { header: 'validation_date', value: (r) => r.validation_date },
          { header: 'decision', value: (r) => r.decision },
          { header: 'decision_date', value: (r) => r.decision_date },
          { header: 'responsible_officer', value: (r) => r.responsible_name },
          { header: 'next_deadline', value: (r) => r.nextDeadline?.rule_code },
          { header: 'next_deadline_due', value: (r) => r.nextDeadline?.due },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/requests/:requestId',
      permission: 'request:read',
      kind: 'page',
      summary: 'One request, its deadlines and next steps',
    },
    (c, { partnership: p }) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/requests/:requestId/transition',
      permission: 'request:process',
      kind: 'page',
      summary: 'Take the authority’s next step on a request',
      body: TransitionSchema,
      onInvalid: (c, e, raw, p) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), e.fields, raw),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const row = await deps.requests.authorityTransition(ctx, p, id, body);
          setFlash(c, { kind: 'success', message: `${row.reference}: ${STATUS_LABELS[row.status as Status]}.` });
          return c.redirect(`/p/${p.code}/requests/${id}`, 303);
        },
        (errors) => authorityRequestPage(c, deps, p, id, errors, body as Record<string, unknown>),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/requests/:requestId/documents',
      permission: 'request:process',
      kind: 'page',
      summary: 'Publish a document on a request (an update on the process, or the final report)',
      upload: 'attachment',
      body: z.object({
        kind: z.enum(['process_update', 'final_report'], { error: 'Choose the kind of document' }),
        file: z.instanceof(File, { error: 'Choose a file to upload' }),
      }),
      onInvalid: (c, e, _raw, p) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'requestId');
      const doc = await deps.requests.attachForAuthority(ctx, p, id, body.kind, await fileBytes(body.file));
      setFlash(c, { kind: 'success', message: `${doc.file_name} is ${doc.public ? 'published' : 'attached'}.` });
      return c.redirect(`/p/${p.code}/requests/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/requests',
      permission: 'request:read',
      kind: 'api',
      tag: 'community',
      summary:
        'Participation and asset transfer requests made to the partnership’s authorities, with the next deadline of each',
      query: ListQuery,
      operationId: 'listPartnershipRequests',
      response: PartnershipRequestList,
    },
    async (c, { partnership: p, ctx, query }) => {
      const list = await deps.requests.listForPartnership(ctx, p, query);
      return c.json({
        data: list.map((r) => ({
          id: r.id,
          reference: r.reference,
          kind: r.kind,
          title: r.title,
          status: r.status,
          authority: r.authority_name,
          communityBody: r.body_name,
          validationDate: r.validation_date,
          decision: r.decision,
          decisionDate: r.decision_date,
          nextDeadline: r.nextDeadline ? { rule: r.nextDeadline.rule_code, due: r.nextDeadline.due } : null,
        })),
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/api/v1/partnerships/:partnership/requests/:requestId/transitions',
      permission: 'request:process',
      kind: 'api',
      tag: 'community',
      summary: 'Take the authority’s next step on a request (refused with 409 when the step is not possible now)',
      body: TransitionSchema,
      operationId: 'transitionRequest',
      response: TransitionResult,
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await deps.requests.authorityTransition(ctx, p, idParam(c, 'requestId'), body);
      return c.json({ id: row.id, reference: row.reference, status: row.status }, 200);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/deadlines',
      permission: 'request:read',
      kind: 'api',
      tag: 'community',
      summary: 'Statutory deadlines overdue and due in the next 7 days',
      operationId: 'listDueDeadlines',
      response: DeadlineBoard,
    },
    async (c, { partnership: p, ctx }) => {
      const board = await deps.requests.dueBoard(ctx, p);
      const shape = (d: (typeof board.overdue)[number]) => ({
        request: d.reference,
        title: d.title,
        rule: d.rule_code,
        due: d.due,
        responsible: d.responsible_name,
      });
      return c.json({ today: board.today, overdue: board.overdue.map(shape), dueThisWeek: board.thisWeek.map(shape) });
    },
  );

  // Community bodies of the area
  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/community-bodies',
      permission: 'request:read',
      kind: 'page',
      summary: 'Community bodies registered in the partnership’s area',
    },
    async (c, { partnership: p, ctx }) => {
      const bodies = await deps.communityBodies.forPartnership(ctx, p);
      const manage = can(ctx.actor, 'community-body:involve', p.id);
      return render(c, {
        title: 'Community bodies',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <>
            <p>
              Community bodies register themselves in Cairn. Mark those the partnership involves in its work: they are
              listed publicly with the partnership.
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
                      <Form action={`/p/${p.code}/community-bodies/${b.id}/involved`} token={c.get('csrfToken')}>
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/community-bodies/:bodyId/involved',
      permission: 'community-body:involve',
      kind: 'page',
      summary: 'Record whether the partnership involves a community body',
      body: z.object({ involved: z.enum(['true', 'false'], { error: 'Say whether the body is involved' }) }),
    },
    async (c, { partnership: p, ctx, body }) => {
      await deps.communityBodies.setInvolved(ctx, p, idParam(c, 'bodyId'), body.involved === 'true');
      return c.redirect(`/p/${p.code}/community-bodies`, 303);
    },
  );

  // The register of land
  const landPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
    message?: string,
  ) => {
    const ctx = requestContext(c);
    const [assets, authorities] = await Promise.all([
      deps.landRegister.list(ctx, p.id),
      deps.requests.authorities(p.id),
    ]);
    const manage = can(ctx.actor, 'land-register:manage', p.id);
    const v = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
    const owners = authorities.map((a) => ({ value: String(a.id), label: a.name }));
    return render(c, {
      title: errors ? 'Error: register of land' : 'Register of land and buildings',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
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
            The land and buildings the partnership’s authorities own or lease, which community transfer bodies may ask
            to take on. The register is public:{' '}
            <a href={`/registers/land?partnership=${p.code}`}>see it as the public does</a>.
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
          {manage ? (
            <>
              <h2>Add land or a building</h2>
              <Form action={`/p/${p.code}/land`} token={c.get('csrfToken')}>
                <SelectField
                  name="owner_organisation_id"
                  label="Owner"
                  options={owners}
                  value={v('owner_organisation_id')}
                  placeholder="Choose an authority"
                  errors={errors}
                />
                <TextField
                  name="reference"
                  label="The authority’s reference"
                  value={v('reference')}
                  width="fixed-20"
                  errors={errors}
                />
                <TextField name="name" label="Name" value={v('name')} errors={errors} />
                <SelectField
                  name="asset_type"
                  label="Type"
                  options={ASSET_TYPES.map((t) => ({ value: t, label: ASSET_TYPE_LABELS[t] }))}
                  value={v('asset_type')}
                  placeholder="Choose a type"
                  errors={errors}
                />
                <TextField name="address" label="Address (optional)" value={v('address')} errors={errors} />
                <TextField
                  name="postcode"
                  label="Postcode (optional)"
                  value={v('postcode')}
                  width="fixed-20"
                  errors={errors}
                />
                <TextField
                  name="area_hectares"
                  label="Area in hectares (optional)"
                  value={v('area_hectares')}
                  width="fixed-20"
                  errors={errors}
                />
                <TextField name="uprn" label="UPRN (optional)" value={v('uprn')} width="fixed-20" errors={errors} />
                <TextArea
                  name="description"
                  label="Description (optional)"
                  value={v('description')}
                  errors={errors}
                  rows={2}
                />
                <Button>Add to the register</Button>
              </Form>
              <h2>Import a register from a CSV or Excel file</h2>
              <p>
                Columns: <code>reference</code>, <code>name</code>, <code>asset_type</code> (land, building, or land and
                building), and optionally <code>address</code>, <code>postcode</code>, <code>description</code>,{' '}
                <code>area_hectares</code>, <code>uprn</code>. All or nothing: one bad row and nothing is loaded. Rows
                whose reference is already on the register are updated. An Excel workbook (.xlsx) is read from its first
                worksheet with a header row.
              </p>
              <UploadForm action={`/p/${p.code}/land/import`} token={c.get('csrfToken')}>
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
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/land',
      permission: 'request:read',
      kind: 'page',
      summary: 'The register of land and buildings of the partnership’s authorities',
    },
    (c, { partnership: p }) => landPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/land',
      permission: 'land-register:manage',
      kind: 'page',
      summary: 'Add land or a building to the register',
      body: AssetSchema,
      onInvalid: (c, e, raw, p) => landPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      return orConflict(
        c,
        async () => {
          const row = await deps.landRegister.add(ctx, p, body);
          setFlash(c, { kind: 'success', message: `${row.name} is on the register.` });
          return c.redirect(`/p/${p.code}/land`, 303);
        },
        (errors) => landPage(c, p, body as Record<string, unknown>, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/land/import',
      permission: 'land-register:manage',
      kind: 'page',
      summary: 'Import the register of land from a CSV or Excel file (all or nothing; dry_run checks only)',
      upload: 'import',
      body: z.object({
        owner_organisation_id: z.coerce
          .number({ error: 'Choose the authority that owns what is in the file' })
          .int()
          .positive({ error: 'Choose the authority that owns what is in the file' }),
        file: z.instanceof(File, { error: 'Choose a CSV or Excel file' }),
        dry_run: z.enum(['true', 'false']).default('false'),
      }),
      onInvalid: (c, e, _raw, p) => landPage(c, p, {}, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const bytes = Buffer.from(await body.file.arrayBuffer());
      try {
        const s = await deps.landRegister.importFile(
          ctx,
          p,
          body.owner_organisation_id,
          { name: body.file.name || 'upload.csv', content: bytes },
          body.dry_run === 'true',
        );
        const text = `${s.file}: ${s.rowsRead} rows read; ${s.added} new, ${s.updated} updated${s.dryRun ? '. This was a check: nothing was saved.' : '.'}`;
        if (s.dryRun) return landPage(c, p, {}, null, text);
        setFlash(c, { kind: 'success', message: text });
        return c.redirect(`/p/${p.code}/land`, 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          return landPage(c, p, {}, { file: [e.message] });
        }
        throw e;
      }
    },
  );
}
