import { raw } from 'hono/html';
import type { FieldErrors } from '../../core/errors.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { lineChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  ErrorSummary,
  Form,
  formatDate,
  formatDateTime,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../../core/ui/components.tsx';
import { ACTION_STATUSES, HORIZONS, PLAN_KINDS } from '../../db/schema.ts';
import { BoardPaperFields } from './board-paper-form.tsx';
import { ACTION_STATUS_LABELS, HORIZON_LABELS, PLAN_KIND_LABELS, PLAN_STATUS_LABELS } from './plans.schemas.ts';
import type { MeasureView, PlansService, PlanTree, UpdateView } from './plans.service.ts';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL, RAG_OF_STATUS, type ProgressStatus } from './progress-status.ts';

/** The plans' pages: props in, JSX out (the routes are in plans.routes.tsx). */

const num = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const PROGRESS_COLOUR: Record<ProgressStatus, 'green' | 'orange' | 'red' | 'grey'> = {
  on_track: 'green',
  acceleration_needed: 'orange',
  limited_progress: 'red',
  deterioration: 'red',
};

function Rag({ u }: { u: UpdateView | null }) {
  if (!u) return <span>—</span>;
  return (
    <>
      <Tag colour={RAG_COLOUR[u.rag]}>{RAG_LABEL[u.rag]}</Tag> {formatDate(u.date)}
      {u.approved ? null : <> (awaiting approval)</>}
    </>
  );
}

function latestFor(updates: UpdateView[], kind: UpdateView['subjectKind'], id: number) {
  return updates.find((u) => u.subjectKind === kind && u.subjectId === id) ?? null;
}

function MeasureRow(m: MeasureView, updates: UpdateView[]) {
  const latest = m.values.at(-1) ?? null;
  const officer = latestFor(updates, 'measure', m.id);
  const dataRag = m.progress.status ? RAG_OF_STATUS[m.progress.status] : null;
  return { m, latest, officer, differs: Boolean(officer && dataRag && officer.rag !== dataRag) };
}

/** The target trajectory: a straight line from the baseline (or the first value) to each target in turn. */
function trajectory(m: MeasureView): { year: number; value: number }[] {
  const start = m.baseline ?? m.values[0] ?? null;
  if (!start || m.targets.length === 0) return [];
  return [start, ...m.targets.filter((t) => t.year > start.year)];
}

/** A measure's values beside its target trajectory, with the same figures as a table underneath. */
function MeasureChart({ m }: { m: MeasureView }) {
  const path = trajectory(m);
  const points = [
    ...m.values.map((v) => ({ series: 'Actual', x: `${v.year}-01-01`, y: v.value })),
    ...path.map((v) => ({ series: 'Target trajectory', x: `${v.year}-01-01`, y: v.value, projected: true })),
  ];
  const years = [...new Set([...m.values.map((v) => v.year), ...path.map((v) => v.year)])].sort();
  return (
    <figure class="cairn-chart">
      {raw(
        lineChartSvg(points, {
          title: `${m.title}: values by year${path.length ? ' and the trajectory to its targets (dashed)' : ''}`,
          yLabel: m.unit ?? '',
        }),
      )}
      <figcaption>{m.title}: solid, the values; dashed, the straight line from the baseline to each target.</figcaption>
      <details class="ds_details">
        <summary class="ds_details__summary">The data behind this chart</summary>
        <div class="ds_details__text">
          <Table
            caption={`${m.title}, values and targets by year`}
            rows={years}
            empty=""
            columns={[
              { header: 'Year', cell: (y) => y },
              { header: 'Value', cell: (y) => num(m.values.find((v) => v.year === y)?.value), numeric: true },
              { header: 'Target', cell: (y) => num(m.targets.find((t) => t.year === y)?.value), numeric: true },
            ]}
          />
        </div>
      </details>
    </figure>
  );
}

type Outcome = PlanTree['priorities'][number]['outcomes'][number];

/** A local outcome's measures: baseline, latest, targets, the status from the data and the officer's RAG. */
function MeasuresTable({ title, rows }: { title: string; rows: ReturnType<typeof MeasureRow>[] }) {
  return (
    <Table
      caption={`Measures of “${title}”`}
      rows={rows}
      empty="No measures yet."
      columns={[
        {
          header: 'Measure',
          cell: (r) => (
            <>
              {r.m.title}
              {r.m.indicatorName ? (
                <span class="cairn-secondary"> (outcomes data: {r.m.indicatorName})</span>
              ) : (
                <span class="cairn-secondary"> (the partnership’s own)</span>
              )}
              {r.m.unit ? <span class="cairn-secondary">; {r.m.unit}</span> : null}
            </>
          ),
        },
        {
          header: 'Baseline',
          cell: (r) =>
            r.m.baseline
              ? `${num(r.m.baseline.value)} (${r.m.baseline.year})`
              : r.m.values[0]
                ? `${num(r.m.values[0].value)} (${r.m.values[0].year})`
                : '—',
        },
        {
          header: 'Latest',
          cell: (r) => (
            <>
              {r.latest ? `${num(r.latest.value)} (${r.latest.year})` : '—'}
              {r.m.stale ? (
                <>
                  {' '}
                  <Tag colour="grey">No recent data</Tag>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: 'Targets',
          cell: (r) => (r.m.targets.length ? r.m.targets.map((x) => `${num(x.value)} by ${x.year}`).join('; ') : '—'),
        },
        {
          header: 'From the data',
          cell: (r) =>
            r.m.progress.status ? (
              <Tag colour={PROGRESS_COLOUR[r.m.progress.status]}>{PROGRESS_LABELS[r.m.progress.status]}</Tag>
            ) : (
              <span class="cairn-secondary">{r.m.progress.reason}</span>
            ),
        },
        {
          header: 'Officer’s RAG',
          cell: (r) => (
            <>
              <Rag u={r.officer} />
              {r.differs ? (
                <>
                  {' '}
                  <strong class="cairn-differs">Differs from the data</strong>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/** A local outcome's actions: lead, contributors, route map, due date, status and latest RAG. */
function ActionsTable({
  title,
  actions,
  updates,
}: {
  title: string;
  actions: Outcome['actions'];
  updates: UpdateView[];
}) {
  return (
    <Table
      caption={`Actions for “${title}”`}
      rows={actions}
      empty="No actions yet."
      columns={[
        { header: 'Action', cell: (a) => a.title },
        { header: 'Lead', cell: (a) => a.lead.name },
        { header: 'Contributing', cell: (a) => a.contributors.map((x) => x.name).join(', ') || '—' },
        { header: 'Route map', cell: (a) => HORIZON_LABELS[a.horizon as keyof typeof HORIZON_LABELS] },
        {
          header: 'Due',
          cell: (a) => (
            <>
              {a.dueDate ? formatDate(a.dueDate) : '—'}
              {a.overdue ? (
                <>
                  {' '}
                  <Tag colour="red">Overdue</Tag>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: 'Status',
          cell: (a) => ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS],
        },
        { header: 'Latest RAG', cell: (a) => <Rag u={latestFor(updates, 'action', a.id)} /> },
      ]}
    />
  );
}

/** Every progress update the reader may see, newest first. */
function UpdatesTable({ t }: { t: PlanTree }) {
  return (
    <Table
      caption="Progress updates, newest first"
      rows={t.updates}
      empty="No progress recorded yet."
      columns={[
        { header: 'Date', cell: (u) => formatDate(u.date) },
        { header: 'About', cell: (u) => subjectName(t, u.subjectKind, u.subjectId) },
        { header: 'RAG', cell: (u) => <Tag colour={RAG_COLOUR[u.rag]}>{RAG_LABEL[u.rag]}</Tag> },
        {
          header: 'The story behind the curve',
          cell: (u) => (
            <>
              {u.narrative}
              {u.evidenceUrl ? (
                <>
                  {' '}
                  <a href={u.evidenceUrl}>Evidence</a>
                </>
              ) : null}
            </>
          ),
        },
        { header: 'By', cell: (u) => `${u.author}${u.approved ? '' : ' (awaiting approval)'}` },
      ]}
    />
  );
}

/** The plan as a tree with status at every level; the same for the public page and the partnership's own. */
export function PlanTreeView({ t }: { t: PlanTree }) {
  return (
    <>
      {t.priorities.length === 0 ? <p class="cairn-empty">This plan has no priorities yet.</p> : null}
      {t.priorities.map((pr, i) => (
        <section aria-labelledby={`priority-${pr.id}`} class="cairn-priority">
          <h2 id={`priority-${pr.id}`}>
            Priority {i + 1}: {pr.title}
          </h2>
          {pr.description ? <p>{pr.description}</p> : null}
          {pr.outcomes.length === 0 ? <p class="cairn-empty">No local outcomes yet.</p> : null}
          {pr.outcomes.map((o) => {
            const rows = o.measures.map((m) => MeasureRow(m, t.updates));
            return (
              <section aria-labelledby={`outcome-${o.id}`} class="cairn-outcome">
                <h3 id={`outcome-${o.id}`}>{o.title}</h3>
                {o.description ? <p>{o.description}</p> : null}
                <p>
                  National outcomes:{' '}
                  {o.national.length
                    ? o.national.map((n) => (
                        <>
                          <Tag colour="blue">{n.name}</Tag>{' '}
                        </>
                      ))
                    : 'none linked'}
                  . Latest assessment: <Rag u={latestFor(t.updates, 'outcome', o.id)} />
                </p>
                <h4>Measures</h4>
                <MeasuresTable title={o.title} rows={rows} />
                {o.measures
                  .filter((m) => m.values.length > 1)
                  .map((m) => (
                    <MeasureChart m={m} />
                  ))}
                <h4>Actions</h4>
                <ActionsTable title={o.title} actions={o.actions} updates={t.updates} />
              </section>
            );
          })}
        </section>
      ))}
      <h2>Progress updates</h2>
      <UpdatesTable t={t} />
    </>
  );
}

function subjectName(t: PlanTree, kind: string, id: number): string {
  for (const p of t.priorities)
    for (const o of p.outcomes) {
      if (kind === 'outcome' && o.id === id) return `Outcome: ${o.title}`;
      for (const m of o.measures) if (kind === 'measure' && m.id === id) return `Measure: ${m.title}`;
      for (const a of o.actions) if (kind === 'action' && a.id === id) return `Action: ${a.title}`;
    }
  return kind;
}

function PlanHeader({ t, href }: { t: PlanTree; href: (planId: number) => string }) {
  return (
    <>
      {t.plan.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> This plan belongs to the fictional demo partnership.
        </p>
      ) : null}
      <p>
        {PLAN_KIND_LABELS[t.plan.kind]}
        {t.plan.localityName ? ` for ${t.plan.localityName}` : ''}, {financialYearLabel(t.plan.startYear)} to{' '}
        {financialYearLabel(t.plan.endYear)}. Status:{' '}
        <Tag colour={t.plan.status === 'published' ? 'green' : 'grey'}>{PLAN_STATUS_LABELS[t.plan.status]}</Tag>
        {t.plan.version ? ` (version ${t.plan.version})` : ''}
        {t.plan.publishedAt ? `, published ${formatDate(t.plan.publishedAt)}` : ''}.
      </p>
      {t.plan.summary ? <p class="ds_lead">{t.plan.summary}</p> : null}
      {t.plan.parent ? (
        <p>
          Part of <a href={href(t.plan.parent.id)}>{t.plan.parent.title}</a>.
        </p>
      ) : null}
      {t.plan.children.length ? (
        <p>
          Plans under this one:{' '}
          {t.plan.children.map((ch, i) => (
            <>
              {i ? '; ' : ''}
              <a href={href(ch.id)}>{ch.title}</a>
            </>
          ))}
          .
        </p>
      ) : null}
    </>
  );
}

type PlanList = Awaited<ReturnType<PlansService['list']>>;

/** A partnership's plans, for everyone: published ones, and drafts for its own people. */
export function PublicPlansList({
  name,
  list,
  href,
}: {
  name: string;
  list: PlanList;
  href: (planId: number) => string;
}) {
  return (
    <>
      <p>The Local Outcomes Improvement Plan, locality plans and improvement plans of {name}.</p>
      <Table
        caption="Plans"
        rows={list}
        empty="No plan is published yet."
        columns={[
          { header: 'Plan', cell: (r) => <a href={href(r.id)}>{r.title}</a> },
          {
            header: 'Kind',
            cell: (r) => `${PLAN_KIND_LABELS[r.kind]}${r.locality_name ? `: ${r.locality_name}` : ''}`,
          },
          {
            header: 'Years',
            cell: (r) => `${financialYearLabel(r.start_year)}–${financialYearLabel(r.end_year)}`,
          },
          { header: 'Status', cell: (r) => PLAN_STATUS_LABELS[r.status] },
        ]}
      />
    </>
  );
}

export interface PublicPlanPageProps {
  t: PlanTree;
  /** May the reader work on the plan (plan:edit)? */
  canEdit: boolean;
  /** A plan's public page; this plan's files, its JSON and its workspace page. */
  hrefs: { plan: (planId: number) => string; measuresCsv: string; valuesCsv: string; json: string; workspace: string };
}

/** A plan's public page: its header, its files and its tree. */
export function PublicPlanPage({ t, canEdit, hrefs }: PublicPlanPageProps) {
  return (
    <>
      <PlanHeader t={t} href={hrefs.plan} />
      <p>
        <a href={hrefs.measuresCsv}>Measures as CSV</a> · <a href={hrefs.valuesCsv}>Every value and target as CSV</a> ·{' '}
        <a href={hrefs.json}>JSON</a>
        {canEdit ? (
          <>
            {' '}
            · <a href={hrefs.workspace}>Work on this plan</a>
          </>
        ) : null}
      </p>
      <PlanTreeView t={t} />
    </>
  );
}

export interface PlansListPageProps {
  list: PlanList;
  localities: { code: string; name: string }[];
  /** What was sent, shown again beside its errors. */
  input: Record<string, unknown>;
  errors: FieldErrors | null;
  /** May the reader start a plan (plan:edit)? */
  canEdit: boolean;
  token: string;
  /** This year, for the examples of the year fields. */
  year: number;
  /** A plan's workspace page, and where a new plan is sent. */
  hrefs: { plan: (planId: number) => string; create: string };
}

/** The start-a-plan form. */
function StartPlanForm({
  localities,
  input,
  errors,
  token,
  year,
  action,
}: Pick<PlansListPageProps, 'localities' | 'input' | 'errors' | 'token' | 'year'> & { action: string }) {
  const v = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : '');
  return (
    <>
      <h2>Start a plan</h2>
      <Form action={action} token={token}>
        <SelectField
          name="kind"
          label="Kind of plan"
          options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
          value={v('kind')}
          placeholder="Choose"
          errors={errors}
        />
        <TextField name="title" label="Title" value={v('title')} errors={errors} />
        <SelectField
          name="locality_code"
          label="Locality (locality plans only)"
          options={localities.map((l) => ({ value: l.code, label: l.name }))}
          value={v('locality_code')}
          placeholder="Not a locality plan"
          errors={errors}
        />
        <TextField
          name="start_year"
          label="First financial year (the year it begins)"
          hint={`For example ${year} for ${financialYearLabel(year)}`}
          value={v('start_year')}
          width="fixed-20"
          errors={errors}
        />
        <TextField
          name="end_year"
          label="Last financial year (the year it begins)"
          hint={`For example ${year + 9} for ${financialYearLabel(year + 9)}`}
          value={v('end_year')}
          width="fixed-20"
          errors={errors}
        />
        <TextArea name="summary" label="Summary (optional)" value={v('summary')} errors={errors} rows={3} />
        <Button>Start the plan</Button>
      </Form>
    </>
  );
}

/** The partnership's own plans, drafts included, and the form to start one. */
export function PlansListPage(props: PlansListPageProps) {
  const { errors } = props;
  return (
    <>
      <ErrorSummary
        errors={errors}
        labels={{
          kind: 'Kind',
          title: 'Title',
          locality_code: 'Locality',
          start_year: 'First year',
          end_year: 'Last year',
        }}
      />
      <Table
        caption="Plans"
        rows={props.list}
        empty="No plans yet."
        columns={[
          { header: 'Plan', cell: (r) => <a href={props.hrefs.plan(r.id)}>{r.title}</a> },
          {
            header: 'Kind',
            cell: (r) => `${PLAN_KIND_LABELS[r.kind]}${r.locality_name ? `: ${r.locality_name}` : ''}`,
          },
          { header: 'Years', cell: (r) => `${financialYearLabel(r.start_year)}–${financialYearLabel(r.end_year)}` },
          {
            header: 'Status',
            cell: (r) => `${PLAN_STATUS_LABELS[r.status]}${r.version ? `, version ${r.version}` : ''}`,
          },
        ]}
      />
      {props.canEdit ? <StartPlanForm {...props} action={props.hrefs.create} /> : null}
    </>
  );
}

export interface PlanEditorProps {
  t: PlanTree;
  partnershipName: string;
  /** The partnership's partners, its other plans, and the indicators and national outcomes to choose from. */
  orgs: { id: number; name: string }[];
  siblings: PlanList;
  indicators: { code: string; name: string }[];
  national: { code: string; name: string }[];
  /** What was sent (with `_form` naming the form), shown again beside its errors. */
  input: Record<string, unknown>;
  errors: FieldErrors | null;
  /** What the reader may do: change the plan (plan:edit), move its status (plan:publish), record progress. */
  canEdit: boolean;
  canPublish: boolean;
  canUpdate: boolean;
  token: string;
  /** Today, the default date of a progress update. */
  today: string;
  /** A plan's workspace page, this plan's public page, and this plan's workspace page (the forms post under it). */
  hrefs: { plan: (planId: number) => string; public: string; base: string };
}

/** The state of the editor's forms: which one was sent, its errors and values, the CSRF token, the plan's address. */
interface EditorForms {
  form: string;
  errors: FieldErrors | null;
  errs: (name: string) => FieldErrors | null;
  v: (name: string, key: string) => string;
  token: string;
  base: string;
}

/** A form folded away, open when it was sent and has errors. */
function Details({ f, name, summary, children }: { f: EditorForms; name: string; summary: string; children: unknown }) {
  return (
    <details class="ds_details" open={f.form === name && f.errors ? true : undefined}>
      <summary class="ds_details__summary">{summary}</summary>
      <div class="ds_details__text">{children as never}</div>
    </details>
  );
}

/** The labels of every editor field, for the error summary. */
const EDITOR_LABELS: Record<string, string> = {
  title: 'Title',
  priority_id: 'Priority',
  outcome_id: 'Local outcome',
  national_outcomes: 'National outcomes',
  indicator_code: 'Indicator',
  higher_is_better: 'Direction',
  baseline_year: 'Baseline year',
  baseline_value: 'Baseline value',
  targets: 'Targets',
  lead_organisation_id: 'Lead partner',
  contributors: 'Contributing partners',
  start_date: 'Start',
  due_date: 'Due',
  horizon: 'Route map',
  status: 'Status',
  parent_plan_id: 'This plan sits under',
  subject: 'About',
  rag: 'RAG',
  narrative: 'Narrative',
  evidence_url: 'Evidence',
  update_date: 'Date',
  year: 'Year',
  value: 'Value',
};

type Choice = { value: string; label: string };

/** Move the plan to another status. */
function StatusForm({ f, status }: { f: EditorForms; status: PlanTree['plan']['status'] }) {
  const { errs, token, base } = f;
  const next = {
    draft: ['consultation', 'approved'],
    consultation: ['draft', 'approved'],
    approved: ['draft', 'published'],
    published: ['draft'],
  }[status];
  return (
    <Form action={`${base}/status`} token={token}>
      <SelectField
        idPrefix="status-"
        name="status"
        label="Move the plan to"
        options={next.map((s) => ({
          value: s,
          label: PLAN_STATUS_LABELS[s as keyof typeof PLAN_STATUS_LABELS],
        }))}
        errors={errs('status')}
      />
      <TextField idPrefix="status-" name="note" label="Note for the version (optional)" errors={null} />
      <input type="hidden" name="_form" value="status" />
      <Button secondary>Change the status</Button>
    </Form>
  );
}

/** The progress updates awaiting a manager's approval. */
function PendingUpdates({ f, t, pending }: { f: EditorForms; t: PlanTree; pending: UpdateView[] }) {
  const { token, base } = f;
  return (
    <>
      <h2>Updates awaiting approval</h2>
      <Table
        caption="Progress updates awaiting approval"
        rows={pending}
        empty=""
        columns={[
          { header: 'About', cell: (u) => subjectName(t, u.subjectKind, u.subjectId) },
          { header: 'RAG', cell: (u) => <Tag colour={RAG_COLOUR[u.rag]}>{RAG_LABEL[u.rag]}</Tag> },
          { header: 'Narrative', cell: (u) => u.narrative },
          { header: 'By', cell: (u) => u.author },
          {
            header: 'Approve',
            cell: (u) => (
              <Form action={`${base}/updates/${u.id}/approve`} token={token}>
                <Button small secondary>
                  Approve<span class="visually-hidden"> the update by {u.author}</span>
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}

/** An editor form folded away under its summary: it posts to `path` under the plan and names itself in `_form`. */
function EditorForm({
  f,
  name,
  summary,
  path,
  children,
}: {
  f: EditorForms;
  name: string;
  summary: string;
  path: string;
  children: unknown;
}) {
  return (
    <Details f={f} name={name} summary={summary}>
      <Form action={`${f.base}${path}`} token={f.token}>
        <input type="hidden" name="_form" value={name} />
        {children as never}
      </Form>
    </Details>
  );
}

/** The props every field of the editor form `form` shares: its id prefix, its value as sent, and its errors. */
function fieldsOf(f: EditorForms, form: string) {
  return (name: string) => ({ idPrefix: `${form}-`, name, value: f.v(form, name), errors: f.errs(form) });
}

/** A group of small checkboxes under a legend, each with the id `<idPrefix><value>`. */
function Checkboxes({
  legend,
  name,
  idPrefix,
  options,
}: {
  legend: string;
  name: string;
  idPrefix: string;
  options: Choice[];
}) {
  return (
    <fieldset class="ds_question">
      <legend class="ds_label">{legend}</legend>
      <div class="cairn-checkboxes">
        {options.map((o) => (
          <div class="ds_checkbox ds_checkbox--small">
            <input
              class="ds_checkbox__input"
              type="checkbox"
              id={`${idPrefix}${o.value}`}
              name={name}
              value={o.value}
            />
            <label class="ds_checkbox__label" for={`${idPrefix}${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Put the plan under another of the partnership's plans. */
function ParentForm({ f, t, siblings }: { f: EditorForms; t: PlanTree; siblings: PlanList }) {
  const field = fieldsOf(f, 'parent');
  return (
    <EditorForm f={f} name="parent" summary="Part of another plan" path="/parent">
      <SelectField
        {...field('parent_plan_id')}
        label="This plan sits under"
        hint="A locality plan usually sits under the partnership’s LOIP."
        options={siblings.filter((x) => x.id !== t.plan.id).map((x) => ({ value: String(x.id), label: x.title }))}
        value={f.form === 'parent' ? f.v('parent', 'parent_plan_id') : String(t.plan.parent?.id ?? '')}
        placeholder="No other plan"
      />
      <Button secondary>Save</Button>
    </EditorForm>
  );
}

/** Add a priority. */
function PriorityForm({ f }: { f: EditorForms }) {
  const field = fieldsOf(f, 'priority');
  return (
    <EditorForm f={f} name="priority" summary="Add a priority" path="/priorities">
      <TextField {...field('title')} label="Priority" />
      <TextArea {...field('description')} label="Description (optional)" rows={2} />
      <Button>Add the priority</Button>
    </EditorForm>
  );
}

/** Add a local outcome, with the national outcomes it serves. */
function OutcomeForm({ f, t, national }: { f: EditorForms; t: PlanTree; national: PlanEditorProps['national'] }) {
  const field = fieldsOf(f, 'outcome');
  return (
    <EditorForm f={f} name="outcome" summary="Add a local outcome" path="/outcomes">
      <SelectField
        {...field('priority_id')}
        label="Priority"
        options={t.priorities.map((pr) => ({ value: String(pr.id), label: pr.title }))}
      />
      <TextField {...field('title')} label="Local outcome" />
      <Checkboxes
        legend="National outcomes it serves"
        name="national_outcomes"
        idPrefix="national-"
        options={national.map((n) => ({ value: n.code, label: n.name }))}
      />
      <Button>Add the outcome</Button>
    </EditorForm>
  );
}

/** Add a measure: an indicator of the outcomes data or the partnership's own, with baseline and targets. */
function MeasureForm({
  f,
  t,
  outcomes,
  indicators,
}: {
  f: EditorForms;
  t: PlanTree;
  outcomes: Choice[];
  indicators: PlanEditorProps['indicators'];
}) {
  const field = fieldsOf(f, 'measure');
  return (
    <EditorForm f={f} name="measure" summary="Add a measure" path="/measures">
      <SelectField {...field('outcome_id')} label="Local outcome" options={outcomes} />
      <TextField {...field('title')} label="Measure" />
      <SelectField
        {...field('indicator_code')}
        label="Indicator from the outcomes data"
        hint="Its values for the plan’s area are read from the outcomes data. Leave empty for a measure of the partnership’s own."
        options={indicators.map((i) => ({ value: i.code, label: i.name }))}
        placeholder="The partnership’s own measure"
      />
      <SelectField
        {...field('higher_is_better')}
        label="Is a higher value better? (own measures)"
        options={[
          { value: 'true', label: 'Yes, higher is better' },
          { value: 'false', label: 'No, lower is better' },
        ]}
        placeholder="As the indicator says"
      />
      <TextField {...field('unit')} label="Unit (optional)" />
      <TextField {...field('baseline_year')} label="Baseline year (optional)" width="fixed-20" />
      <TextField {...field('baseline_value')} label="Baseline value (optional)" width="fixed-20" />
      <TextArea
        {...field('targets')}
        label="Targets (optional)"
        hint={`One per year, as year: value, for example ${t.plan.endYear}: 40. Years within the plan (${t.plan.startYear}–${t.plan.endYear + 1}).`}
        rows={2}
      />
      <Button>Add the measure</Button>
    </EditorForm>
  );
}

/** Add an action, with its lead and contributing partners. */
function ActionForm({ f, outcomes, orgs }: { f: EditorForms; outcomes: Choice[]; orgs: PlanEditorProps['orgs'] }) {
  const field = fieldsOf(f, 'action');
  const partners = orgs.map((o) => ({ value: String(o.id), label: o.name }));
  return (
    <EditorForm f={f} name="action" summary="Add an action" path="/actions">
      <SelectField {...field('outcome_id')} label="Local outcome" options={outcomes} />
      <TextField {...field('title')} label="Action" />
      <SelectField
        {...field('lead_organisation_id')}
        label="Lead partner"
        options={partners}
        placeholder="Choose a partner"
      />
      <Checkboxes legend="Contributing partners" name="contributors" idPrefix="contributor-" options={partners} />
      <TextField {...field('start_date')} label="Start (optional)" type="date" width="fixed-20" />
      <TextField {...field('due_date')} label="Due (optional)" type="date" width="fixed-20" />
      <SelectField
        {...field('horizon')}
        label="Step of the route map"
        options={HORIZONS.map((h) => ({ value: h, label: HORIZON_LABELS[h] }))}
        placeholder="Choose"
      />
      <SelectField
        {...field('status')}
        label="Status"
        options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))}
        value={f.v('action', 'status') || 'not_started'}
      />
      <Button>Add the action</Button>
    </EditorForm>
  );
}

/** Record progress on an outcome, measure or action. */
function UpdateForm({ f, subjects, today }: { f: EditorForms; subjects: Choice[]; today: string }) {
  const field = fieldsOf(f, 'update');
  return (
    <EditorForm f={f} name="update" summary="Record progress" path="/updates">
      <SelectField {...field('subject')} label="About" options={subjects} />
      <SelectField
        {...field('rag')}
        label="RAG status"
        options={[
          { value: 'green', label: 'Green' },
          { value: 'amber', label: 'Amber' },
          { value: 'red', label: 'Red' },
        ]}
        placeholder="Choose"
      />
      <TextArea {...field('narrative')} label="The story behind the curve" />
      <TextField {...field('evidence_url')} label="Link to evidence (optional)" type="url" />
      <TextField
        {...field('update_date')}
        label="Date"
        type="date"
        value={f.v('update', 'update_date') || today}
        width="fixed-20"
      />
      <Button>Record the update</Button>
    </EditorForm>
  );
}

/** Add a value of each of the partnership's own measures. */
function ValueForms({ f, ownMeasures }: { f: EditorForms; ownMeasures: MeasureView[] }) {
  const { form, errs, token, base } = f;
  return (
    <Details
      f={f}
      name={ownMeasures.some((m) => form === `value-${m.id}`) ? form : 'value'}
      summary="Add a value of the partnership’s own measure"
    >
      {ownMeasures.map((m) => (
        <Form action={`${base}/measures/${m.id}/values`} token={token}>
          <input type="hidden" name="_form" value={`value-${m.id}`} />
          <h3>{m.title}</h3>
          <TextField
            idPrefix={`value-${m.id}-`}
            name="year"
            label={`Year (${m.title})`}
            width="fixed-20"
            errors={errs(`value-${m.id}`)}
          />
          <TextField
            idPrefix={`value-${m.id}-`}
            name="value"
            label={`Value (${m.title})`}
            width="fixed-20"
            errors={errs(`value-${m.id}`)}
          />
          <Button secondary>Save the value</Button>
        </Form>
      ))}
    </Details>
  );
}

/** Work on a plan: its tree, the forms that extend it, its status, progress and approvals. */
export function PlanEditor(props: PlanEditorProps) {
  const { t, input, errors, canEdit, canPublish, canUpdate, hrefs } = props;
  const { partnershipName, orgs, siblings, indicators, national, today } = props;
  const form = typeof input['_form'] === 'string' ? input['_form'] : '';
  const f: EditorForms = {
    form,
    errors,
    errs: (name) => (form === name ? errors : null),
    v: (name, k) => (form === name && typeof input[k] === 'string' ? (input[k] as string) : ''),
    token: props.token,
    base: hrefs.base,
  };
  const { base } = hrefs;
  const outcomes = t.priorities.flatMap((pr) =>
    pr.outcomes.map((o) => ({ value: String(o.id), label: `${pr.title} › ${o.title}` })),
  );
  const subjects = t.priorities.flatMap((pr) =>
    pr.outcomes.flatMap((o) => [
      { value: `outcome:${o.id}`, label: `Outcome: ${o.title}` },
      ...o.measures.map((m) => ({ value: `measure:${m.id}`, label: `Measure: ${m.title}` })),
      ...o.actions.map((a) => ({ value: `action:${a.id}`, label: `Action: ${a.title} (${a.lead.name})` })),
    ]),
  );
  const ownMeasures = t.priorities.flatMap((pr) =>
    pr.outcomes.flatMap((o) => o.measures.filter((m) => !m.indicatorCode)),
  );
  const pending = t.updates.filter((u) => !u.approved);
  return (
    <>
      <ErrorSummary errors={errors} idPrefix={form ? `${form}-` : ''} labels={EDITOR_LABELS} />
      <PlanHeader t={t} href={hrefs.plan} />
      <p>
        {t.plan.status === 'published' ? (
          <a href={hrefs.public}>The public page</a>
        ) : (
          'Only people in the partnership can see this plan until it is published.'
        )}{' '}
        · <a href={`${base}/versions`}>Versions</a> · <a href={`${base}/resources`}>Resources partners commit</a>
      </p>
      {canPublish ? <StatusForm f={f} status={t.plan.status} /> : null}
      {pending.length && canPublish ? <PendingUpdates f={f} t={t} pending={pending} /> : null}
      <h2>Change the plan</h2>
      {canEdit ? (
        <>
          <ParentForm f={f} t={t} siblings={siblings} />
          <PriorityForm f={f} />
          {t.priorities.length ? <OutcomeForm f={f} t={t} national={national} /> : null}
          {outcomes.length ? (
            <>
              <MeasureForm f={f} t={t} outcomes={outcomes} indicators={indicators} />
              <ActionForm f={f} outcomes={outcomes} orgs={orgs} />
            </>
          ) : null}
        </>
      ) : (
        <p>Partner officers and managers change plans.</p>
      )}
      {canUpdate && subjects.length ? <UpdateForm f={f} subjects={subjects} today={today} /> : null}
      {canUpdate && ownMeasures.length ? <ValueForms f={f} ownMeasures={ownMeasures} /> : null}
      <details class="ds_details">
        <summary class="ds_details__summary">Draft a board paper (.docx)</summary>
        <div class="ds_details__text">
          <BoardPaperFields
            action={`${base}/board-paper.docx`}
            about="the plan (purpose, summary, progress, overdue actions, an appendix of measures and actions)"
            partnershipName={partnershipName}
          />
        </div>
      </details>
      <PlanTreeView t={t} />
    </>
  );
}

type Versions = Awaited<ReturnType<PlansService['versions']>>;

/** A plan's versions, and what changed between the newest two. */
export function VersionsPage({
  versions,
  diff,
}: {
  versions: Versions;
  diff: { added: string[]; removed: string[] } | null;
}) {
  const [newest, older] = versions;
  return (
    <>
      <p>A version is frozen each time the plan is approved or published.</p>
      <Table
        caption="Versions"
        rows={versions}
        empty="No version yet: the plan has not been approved."
        columns={[
          { header: 'Version', cell: (x) => x.version, numeric: true },
          {
            header: 'Status',
            cell: (x) => PLAN_STATUS_LABELS[x.status as keyof typeof PLAN_STATUS_LABELS] ?? x.status,
          },
          { header: 'When', cell: (x) => formatDateTime(x.created_at) },
          { header: 'Note', cell: (x) => x.note ?? '' },
        ]}
      />
      {diff ? (
        <>
          <h2>
            What changed from version {older!.version} to version {newest!.version}
          </h2>
          <h3>Added</h3>
          {diff.added.length ? (
            <ul>
              {diff.added.map((l) => (
                <li>{l}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing.</p>
          )}
          <h3>Removed or changed</h3>
          {diff.removed.length ? (
            <ul>
              {diff.removed.map((l) => (
                <li>{l}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing.</p>
          )}
        </>
      ) : null}
    </>
  );
}
