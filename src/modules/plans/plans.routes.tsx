import type { Context } from 'hono';
import { financialYearLabel } from '../../core/periods.ts';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError, type FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { codeParam, idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  Button,
  csvResponse,
  fileResponse,
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
import { lineChartSvg } from '../../core/ui/charts.ts';
import { render } from '../../core/ui/layout.tsx';
import { raw } from 'hono/html';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ACTION_STATUSES, HORIZONS, PLAN_KINDS } from '../../db/schema.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import {
  ACTION_STATUS_LABELS,
  ActionSchema,
  CreatePlanSchema,
  HORIZON_LABELS,
  MeasureSchema,
  MeasureValueSchema,
  OutcomeSchema,
  ParentSchema,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
  PrioritySchema,
  StatusSchema,
  UpdateSchema,
} from './plans.schemas.ts';
import {
  diffSnapshots,
  type MeasureView,
  type PlansService,
  type PlanTree,
  type Snapshot,
  type UpdateView,
} from './plans.service.ts';
import { BoardPaperSchema, boardPaperDocx, planPaper } from './board-paper.ts';
import { PlanTreeJson } from './plans.api-schemas.ts';
import { BoardPaperFields } from './board-paper-form.tsx';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL, RAG_OF_STATUS, type ProgressStatus } from './progress-status.ts';

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
                <Table
                  caption={`Measures of “${o.title}”`}
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
                      cell: (r) =>
                        r.m.targets.length ? r.m.targets.map((x) => `${num(x.value)} by ${x.year}`).join('; ') : '—',
                    },
                    {
                      header: 'From the data',
                      cell: (r) =>
                        r.m.progress.status ? (
                          <Tag colour={PROGRESS_COLOUR[r.m.progress.status]}>
                            {PROGRESS_LABELS[r.m.progress.status]}
                          </Tag>
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
                {o.measures
                  .filter((m) => m.values.length > 1)
                  .map((m) => (
                    <MeasureChart m={m} />
                  ))}
                <h4>Actions</h4>
                <Table
                  caption={`Actions for “${o.title}”`}
                  rows={o.actions}
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
                    { header: 'Latest RAG', cell: (a) => <Rag u={latestFor(t.updates, 'action', a.id)} /> },
                  ]}
                />
              </section>
            );
          })}
        </section>
      ))}
      <h2>Progress updates</h2>
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

function measuresCsv(t: PlanTree): string {
  const rows = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures.map((m) => ({ p, o, m }))));
  return toCsv(rows, [
    { header: 'priority', value: (r) => r.p.title },
    { header: 'local_outcome', value: (r) => r.o.title },
    { header: 'national_outcomes', value: (r) => r.o.national.map((n) => n.name).join('; ') },
    { header: 'measure', value: (r) => r.m.title },
    { header: 'indicator_code', value: (r) => r.m.indicatorCode },
    { header: 'area_code', value: (r) => r.m.areaCode },
    { header: 'unit', value: (r) => r.m.unit },
    { header: 'higher_is_better', value: (r) => r.m.higherIsBetter },
    { header: 'baseline_year', value: (r) => r.m.baseline?.year },
    { header: 'baseline_value', value: (r) => r.m.baseline?.value },
    { header: 'latest_year', value: (r) => r.m.values.at(-1)?.year },
    { header: 'latest_value', value: (r) => r.m.values.at(-1)?.value },
    { header: 'targets', value: (r) => r.m.targets.map((x) => `${x.year}:${x.value}`).join(' ') },
    { header: 'progress_status', value: (r) => r.m.progress.status },
  ]);
}

/** What the plans' pages and API use: the plans service, and the partnerships' names, partners and localities. */
export interface PlansRoutesDeps {
  plans: PlansService;
  partnerships: Pick<PartnershipsService, 'resolve' | 'organisations' | 'localities'>;
}

export function plansRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  const publicPartnership = async (c: Context<AppEnv>) => {
    const p = await deps.partnerships.resolve(codeParam(c, 'code'));
    if (!p) throw new NotFoundError('partnership');
    return p;
  };

  // ---- Public
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/plans',
      permission: 'plan:read',
      kind: 'page',
      summary: 'A partnership’s plans (published ones for everyone)',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const list = await svc.list(ctx, p.id);
      return render(c, {
        title: 'Plans',
        label: p.name,
        children: (
          <>
            <p>The Local Outcomes Improvement Plan, locality plans and improvement plans of {p.name}.</p>
            <Table
              caption="Plans"
              rows={list}
              empty="No plan is published yet."
              columns={[
                { header: 'Plan', cell: (r) => <a href={`/partnerships/${p.code}/plans/${r.id}`}>{r.title}</a> },
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/plans/:planId',
      permission: 'plan:read',
      kind: 'page',
      summary: 'A plan: priorities, outcomes, measures with progress, actions',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      return render(c, {
        title: t.plan.title,
        label: p.name,
        wide: true,
        crumbs: [{ href: `/partnerships/${p.code}/plans`, label: 'Plans' }],
        children: (
          <>
            <PlanHeader t={t} href={(id) => `/partnerships/${p.code}/plans/${id}`} />
            <p>
              <a href={`/partnerships/${p.code}/plans/${t.plan.id}/measures.csv`}>Measures as CSV</a> ·{' '}
              <a href={`/partnerships/${p.code}/plans/${t.plan.id}/measure-values.csv`}>
                Every value and target as CSV
              </a>{' '}
              · <a href={`/api/v1/partnerships/${p.code}/plans/${t.plan.id}`}>JSON</a>
              {can(ctx.actor, 'plan:edit', p.id) ? (
                <>
                  {' '}
                  · <a href={`/p/${p.code}/plans/${t.plan.id}`}>Work on this plan</a>
                </>
              ) : null}
            </p>
            <PlanTreeView t={t} />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/plans/:planId/measures.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'A plan’s measures with baselines, latest values, targets and status, as CSV',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      return csvResponse(c, `${p.code}-plan-${t.plan.id}-measures.csv`, measuresCsv(t));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/plans/:planId/measure-values.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'Every value and target of a plan’s measures by year, as CSV (the data behind its charts)',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      const rows = t.priorities.flatMap((pr) =>
        pr.outcomes.flatMap((o) =>
          o.measures.flatMap((m) =>
            [...new Set([...m.values.map((v) => v.year), ...m.targets.map((x) => x.year)])].sort().map((year) => ({
              pr,
              o,
              m,
              year,
              value: m.values.find((v) => v.year === year),
              target: m.targets.find((x) => x.year === year),
            })),
          ),
        ),
      );
      return csvResponse(
        c,
        `${p.code}-plan-${t.plan.id}-measure-values.csv`,
        toCsv(rows, [
          { header: 'priority', value: (r) => r.pr.title },
          { header: 'local_outcome', value: (r) => r.o.title },
          { header: 'measure', value: (r) => r.m.title },
          { header: 'year', value: (r) => r.year },
          { header: 'value', value: (r) => r.value?.value },
          { header: 'target', value: (r) => r.target?.value },
          { header: 'source', value: (r) => r.value?.source },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/plans/:planId',
      permission: 'plan:read',
      kind: 'api',
      tag: 'plans',
      summary: 'A plan as a tree: priorities, outcomes, measures (values, targets, status), actions, progress',
      operationId: 'getPlan',
      response: PlanTreeJson,
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      return c.json(await svc.tree(ctx, idParam(c, 'planId'), p.id));
    },
  );

  // ---- The partnership's own
  const plansPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [list, localities] = await Promise.all([svc.list(ctx, p.id), deps.partnerships.localities(ctx, p)]);
    const v = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
    const year = new Date().getUTCFullYear();
    return render(c, {
      title: errors ? 'Error: plans' : 'Plans',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
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
            rows={list}
            empty="No plans yet."
            columns={[
              { header: 'Plan', cell: (r) => <a href={`/p/${p.code}/plans/${r.id}`}>{r.title}</a> },
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
          {can(ctx.actor, 'plan:edit', p.id) ? (
            <>
              <h2>Start a plan</h2>
              <Form action={`/p/${p.code}/plans`} token={c.get('csrfToken')}>
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
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The partnership’s plans, drafts included',
    },
    (c, { partnership: p }) => plansPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/plans',
      permission: 'plan:edit',
      kind: 'page',
      summary: 'Start a plan',
      body: CreatePlanSchema,
      onInvalid: (c, e, raw, p) => plansPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const plan = await svc.create(ctx, p, body);
      setFlash(c, { kind: 'success', message: `${plan.title} is started as a draft.` });
      return c.redirect(`/p/${p.code}/plans/${plan.id}`, 303);
    },
  );

  const editorPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    planId: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const t = await svc.tree(ctx, planId, p.id);
    const [orgs, { indicators, national }, siblings] = await Promise.all([
      deps.partnerships.organisations(ctx, p),
      svc.editorChoices(ctx, p),
      svc.list(ctx, p.id),
    ]);
    const form = typeof raw['_form'] === 'string' ? raw['_form'] : '';
    const errs = (name: string) => (form === name ? errors : null);
    const v = (name: string, k: string) => (form === name && typeof raw[k] === 'string' ? (raw[k] as string) : '');
    const token = c.get('csrfToken');
    const base = `/p/${p.code}/plans/${t.plan.id}`;
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
    const canEdit = can(ctx.actor, 'plan:edit', p.id);
    const canPublish = can(ctx.actor, 'plan:publish', p.id);
    const canUpdate = can(ctx.actor, 'progress:update', p.id);
    const next = {
      draft: ['consultation', 'approved'],
      consultation: ['draft', 'approved'],
      approved: ['draft', 'published'],
      published: ['draft'],
    }[t.plan.status];
    const Details = ({ name, summary, children }: { name: string; summary: string; children: unknown }) => (
      <details class="ds_details" open={form === name && errors ? true : undefined}>
        <summary class="ds_details__summary">{summary}</summary>
        <div class="ds_details__text">{children as never}</div>
      </details>
    );
    return render(c, {
      title: errors ? `Error: ${t.plan.title}` : t.plan.title,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: `/p/${p.code}/plans`, label: 'Plans' }],
      children: (
        <>
          <ErrorSummary
            errors={errors}
            idPrefix={form ? `${form}-` : ''}
            labels={{
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
            }}
          />
          <PlanHeader t={t} href={(id) => `/p/${p.code}/plans/${id}`} />
          <p>
            {t.plan.status === 'published' ? (
              <a href={`/partnerships/${p.code}/plans/${t.plan.id}`}>The public page</a>
            ) : (
              'Only people in the partnership can see this plan until it is published.'
            )}{' '}
            · <a href={`${base}/versions`}>Versions</a> · <a href={`${base}/resources`}>Resources partners commit</a>
          </p>
          {canPublish ? (
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
          ) : null}
          {pending.length && canPublish ? (
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
          ) : null}
          <h2>Change the plan</h2>
          {canEdit ? (
            <>
              <Details name="parent" summary="Part of another plan">
                <Form action={`${base}/parent`} token={token}>
                  <input type="hidden" name="_form" value="parent" />
                  <SelectField
                    idPrefix="parent-"
                    name="parent_plan_id"
                    label="This plan sits under"
                    hint="A locality plan usually sits under the partnership’s LOIP."
                    options={siblings
                      .filter((x) => x.id !== t.plan.id)
                      .map((x) => ({ value: String(x.id), label: x.title }))}
                    value={form === 'parent' ? v('parent', 'parent_plan_id') : String(t.plan.parent?.id ?? '')}
                    placeholder="No other plan"
                    errors={errs('parent')}
                  />
                  <Button secondary>Save</Button>
                </Form>
              </Details>
              <Details name="priority" summary="Add a priority">
                <Form action={`${base}/priorities`} token={token}>
                  <input type="hidden" name="_form" value="priority" />
                  <TextField
                    idPrefix="priority-"
                    name="title"
                    label="Priority"
                    value={v('priority', 'title')}
                    errors={errs('priority')}
                  />
                  <TextArea
                    idPrefix="priority-"
                    name="description"
                    label="Description (optional)"
                    value={v('priority', 'description')}
                    errors={errs('priority')}
                    rows={2}
                  />
                  <Button>Add the priority</Button>
                </Form>
              </Details>
              {t.priorities.length ? (
                <Details name="outcome" summary="Add a local outcome">
                  <Form action={`${base}/outcomes`} token={token}>
                    <input type="hidden" name="_form" value="outcome" />
                    <SelectField
                      idPrefix="outcome-"
                      name="priority_id"
                      label="Priority"
                      options={t.priorities.map((pr) => ({ value: String(pr.id), label: pr.title }))}
                      value={v('outcome', 'priority_id')}
                      errors={errs('outcome')}
                    />
                    <TextField
                      idPrefix="outcome-"
                      name="title"
                      label="Local outcome"
                      value={v('outcome', 'title')}
                      errors={errs('outcome')}
                    />
                    <fieldset class="ds_question">
                      <legend class="ds_label">National outcomes it serves</legend>
                      <div class="cairn-checkboxes">
                        {national.map((n) => (
                          <div class="ds_checkbox ds_checkbox--small">
                            <input
                              class="ds_checkbox__input"
                              type="checkbox"
                              id={`national-${n.code}`}
                              name="national_outcomes"
                              value={n.code}
                            />
                            <label class="ds_checkbox__label" for={`national-${n.code}`}>
                              {n.name}
                            </label>
                          </div>
                        ))}
                      </div>
                    </fieldset>
                    <Button>Add the outcome</Button>
                  </Form>
                </Details>
              ) : null}
              {outcomes.length ? (
                <>
                  <Details name="measure" summary="Add a measure">
                    <Form action={`${base}/measures`} token={token}>
                      <input type="hidden" name="_form" value="measure" />
                      <SelectField
                        idPrefix="measure-"
                        name="outcome_id"
                        label="Local outcome"
                        options={outcomes}
                        value={v('measure', 'outcome_id')}
                        errors={errs('measure')}
                      />
                      <TextField
                        idPrefix="measure-"
                        name="title"
                        label="Measure"
                        value={v('measure', 'title')}
                        errors={errs('measure')}
                      />
                      <SelectField
                        idPrefix="measure-"
                        name="indicator_code"
                        label="Indicator from the outcomes data"
                        hint="Its values for the plan’s area are read from the outcomes data. Leave empty for a measure of the partnership’s own."
                        options={indicators.map((i) => ({ value: i.code, label: i.name }))}
                        value={v('measure', 'indicator_code')}
                        placeholder="The partnership’s own measure"
                        errors={errs('measure')}
                      />
                      <SelectField
                        idPrefix="measure-"
                        name="higher_is_better"
                        label="Is a higher value better? (own measures)"
                        options={[
                          { value: 'true', label: 'Yes, higher is better' },
                          { value: 'false', label: 'No, lower is better' },
                        ]}
                        value={v('measure', 'higher_is_better')}
                        placeholder="As the indicator says"
                        errors={errs('measure')}
                      />
                      <TextField
                        idPrefix="measure-"
                        name="unit"
                        label="Unit (optional)"
                        value={v('measure', 'unit')}
                        errors={errs('measure')}
                      />
                      <TextField
                        idPrefix="measure-"
                        name="baseline_year"
                        label="Baseline year (optional)"
                        value={v('measure', 'baseline_year')}
                        width="fixed-20"
                        errors={errs('measure')}
                      />
                      <TextField
                        idPrefix="measure-"
                        name="baseline_value"
                        label="Baseline value (optional)"
                        value={v('measure', 'baseline_value')}
                        width="fixed-20"
                        errors={errs('measure')}
                      />
                      <TextArea
                        idPrefix="measure-"
                        name="targets"
                        label="Targets (optional)"
                        hint={`One per year, as year: value, for example ${t.plan.endYear}: 40. Years within the plan (${t.plan.startYear}–${t.plan.endYear + 1}).`}
                        value={v('measure', 'targets')}
                        errors={errs('measure')}
                        rows={2}
                      />
                      <Button>Add the measure</Button>
                    </Form>
                  </Details>
                  <Details name="action" summary="Add an action">
                    <Form action={`${base}/actions`} token={token}>
                      <input type="hidden" name="_form" value="action" />
                      <SelectField
                        idPrefix="action-"
                        name="outcome_id"
                        label="Local outcome"
                        options={outcomes}
                        value={v('action', 'outcome_id')}
                        errors={errs('action')}
                      />
                      <TextField
                        idPrefix="action-"
                        name="title"
                        label="Action"
                        value={v('action', 'title')}
                        errors={errs('action')}
                      />
                      <SelectField
                        idPrefix="action-"
                        name="lead_organisation_id"
                        label="Lead partner"
                        options={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
                        value={v('action', 'lead_organisation_id')}
                        placeholder="Choose a partner"
                        errors={errs('action')}
                      />
                      <fieldset class="ds_question">
                        <legend class="ds_label">Contributing partners</legend>
                        <div class="cairn-checkboxes">
                          {orgs.map((o) => (
                            <div class="ds_checkbox ds_checkbox--small">
                              <input
                                class="ds_checkbox__input"
                                type="checkbox"
                                id={`contributor-${o.id}`}
                                name="contributors"
                                value={String(o.id)}
                              />
                              <label class="ds_checkbox__label" for={`contributor-${o.id}`}>
                                {o.name}
                              </label>
                            </div>
                          ))}
                        </div>
                      </fieldset>
                      <TextField
                        idPrefix="action-"
                        name="start_date"
                        label="Start (optional)"
                        type="date"
                        value={v('action', 'start_date')}
                        width="fixed-20"
                        errors={errs('action')}
                      />
                      <TextField
                        idPrefix="action-"
                        name="due_date"
                        label="Due (optional)"
                        type="date"
                        value={v('action', 'due_date')}
                        width="fixed-20"
                        errors={errs('action')}
                      />
                      <SelectField
                        idPrefix="action-"
                        name="horizon"
                        label="Step of the route map"
                        options={HORIZONS.map((h) => ({ value: h, label: HORIZON_LABELS[h] }))}
                        value={v('action', 'horizon')}
                        placeholder="Choose"
                        errors={errs('action')}
                      />
                      <SelectField
                        idPrefix="action-"
                        name="status"
                        label="Status"
                        options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))}
                        value={v('action', 'status') || 'not_started'}
                        errors={errs('action')}
                      />
                      <Button>Add the action</Button>
                    </Form>
                  </Details>
                </>
              ) : null}
            </>
          ) : (
            <p>Partner officers and managers change plans.</p>
          )}
          {canUpdate && subjects.length ? (
            <Details name="update" summary="Record progress">
              <Form action={`${base}/updates`} token={token}>
                <input type="hidden" name="_form" value="update" />
                <SelectField
                  idPrefix="update-"
                  name="subject"
                  label="About"
                  options={subjects}
                  value={v('update', 'subject')}
                  errors={errs('update')}
                />
                <SelectField
                  idPrefix="update-"
                  name="rag"
                  label="RAG status"
                  options={[
                    { value: 'green', label: 'Green' },
                    { value: 'amber', label: 'Amber' },
                    { value: 'red', label: 'Red' },
                  ]}
                  value={v('update', 'rag')}
                  placeholder="Choose"
                  errors={errs('update')}
                />
                <TextArea
                  idPrefix="update-"
                  name="narrative"
                  label="The story behind the curve"
                  value={v('update', 'narrative')}
                  errors={errs('update')}
                />
                <TextField
                  idPrefix="update-"
                  name="evidence_url"
                  label="Link to evidence (optional)"
                  type="url"
                  value={v('update', 'evidence_url')}
                  errors={errs('update')}
                />
                <TextField
                  idPrefix="update-"
                  name="update_date"
                  label="Date"
                  type="date"
                  value={v('update', 'update_date') || new Date().toISOString().slice(0, 10)}
                  width="fixed-20"
                  errors={errs('update')}
                />
                <Button>Record the update</Button>
              </Form>
            </Details>
          ) : null}
          {canUpdate && ownMeasures.length ? (
            <Details
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
          ) : null}
          <details class="ds_details">
            <summary class="ds_details__summary">Draft a board paper (.docx)</summary>
            <div class="ds_details__text">
              <BoardPaperFields
                action={`${base}/board-paper.docx`}
                about="the plan (purpose, summary, progress, overdue actions, an appendix of measures and actions)"
                partnershipName={p.name}
              />
            </div>
          </details>
          <PlanTreeView t={t} />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Work on a plan: its tree, forms to extend it, status, progress and approvals',
    },
    (c, { partnership: p }) => editorPage(c, p, idParam(c, 'planId'), {}, null),
  );

  const write = (
    path: string,
    summary: string,
    permission: 'plan:edit' | 'plan:publish' | 'progress:update' | 'progress:approve',
    schema: z.ZodType,
    run: (c: Context<AppEnv>, p: PartnershipRef, ctx: RequestContext, body: never) => Promise<string>,
  ) =>
    router.route(
      {
        method: 'POST',
        path: `/p/:partnership/plans/:planId${path}`,
        permission,
        kind: 'page',
        summary,
        body: schema,
        onInvalid: (c, e, raw, p) => editorPage(c, p, idParam(c, 'planId'), raw, e.fields),
      },
      async (c, { partnership: p, ctx, body }) => {
        const message = await run(c, p, ctx, body as never);
        setFlash(c, { kind: 'success', message });
        return c.redirect(`/p/${p.code}/plans/${idParam(c, 'planId')}`, 303);
      },
    );

  write(
    '/priorities',
    'Add a priority to a plan',
    'plan:edit',
    PrioritySchema,
    async (c, p, ctx, body: z.output<typeof PrioritySchema>) => {
      await svc.addPriority(ctx, p, idParam(c, 'planId'), body);
      return `The priority “${body.title}” is added.`;
    },
  );
  write(
    '/outcomes',
    'Add a local outcome to a plan, linked to national outcomes',
    'plan:edit',
    OutcomeSchema,
    async (c, p, ctx, body: z.output<typeof OutcomeSchema>) => {
      await svc.addOutcome(ctx, p, idParam(c, 'planId'), body);
      return `The outcome “${body.title}” is added.`;
    },
  );
  write(
    '/measures',
    'Add a measure (an indicator of the outcomes data or the partnership’s own) with baseline and targets',
    'plan:edit',
    MeasureSchema,
    async (c, p, ctx, body: z.output<typeof MeasureSchema>) => {
      await svc.addMeasure(ctx, p, idParam(c, 'planId'), body);
      return `The measure “${body.title}” is added.`;
    },
  );
  write(
    '/actions',
    'Add an action with its lead and contributing partners',
    'plan:edit',
    ActionSchema,
    async (c, p, ctx, body: z.output<typeof ActionSchema>) => {
      await svc.addAction(ctx, p, idParam(c, 'planId'), body);
      return `The action “${body.title}” is added.`;
    },
  );
  write(
    '/parent',
    'Put a plan under another of the partnership’s plans (never in a loop)',
    'plan:edit',
    ParentSchema,
    async (c, p, ctx, body: z.output<typeof ParentSchema>) => {
      const plan = await svc.setParent(ctx, p, idParam(c, 'planId'), body);
      return plan.parent_plan_id === null
        ? 'The plan is not under another plan.'
        : 'The plan now sits under the plan you chose.';
    },
  );
  write(
    '/status',
    'Move a plan to consultation, approval, publication or back to draft',
    'plan:publish',
    StatusSchema,
    async (c, p, ctx, body: z.output<typeof StatusSchema>) => {
      const plan = await svc.setStatus(ctx, p, idParam(c, 'planId'), body);
      return `The plan is now ${PLAN_STATUS_LABELS[plan.status].toLowerCase()}${plan.version ? ` (version ${plan.version})` : ''}.`;
    },
  );
  write(
    '/updates',
    'Record progress on an outcome, measure or action',
    'progress:update',
    UpdateSchema,
    async (c, p, ctx, body: z.output<typeof UpdateSchema>) => {
      const u = await svc.addUpdate(ctx, p, idParam(c, 'planId'), body);
      return u.approved
        ? 'The update is recorded and published.'
        : 'The update is recorded; a partnership manager approves it before it is published.';
    },
  );
  write(
    '/updates/:updateId/approve',
    'Approve a progress update so that it is published',
    'progress:approve',
    z.object({}),
    async (c, p, ctx) => {
      await svc.approveUpdate(ctx, p, idParam(c, 'planId'), idParam(c, 'updateId'));
      return 'The update is approved and published.';
    },
  );
  write(
    '/measures/:measureId/values',
    'Record a value of the partnership’s own measure',
    'progress:update',
    MeasureValueSchema,
    async (c, p, ctx, body: z.output<typeof MeasureValueSchema>) => {
      await svc.addMeasureValue(ctx, p, idParam(c, 'planId'), idParam(c, 'measureId'), body);
      return `The value for ${body.year} is saved.`;
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper on the plan, drafted as a Word document (.docx) to edit',
      query: BoardPaperSchema,
    },
    async (c, { partnership: p, ctx, query }) => {
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      const bytes = await boardPaperDocx(planPaper(t, query), query);
      return fileResponse(c, 'docx', `${p.code}-board-paper-${query.meeting_date}.docx`, bytes);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId/versions',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'A plan’s versions and what changed between them',
    },
    async (c, { partnership: p, ctx }) => {
      const planId = idParam(c, 'planId');
      const versions = await svc.versions(ctx, p, planId);
      const t = await svc.tree(ctx, planId, p.id);
      const [newest, older] = versions;
      const diff = newest && older ? diffSnapshots(older.snapshot as Snapshot, newest.snapshot as Snapshot) : null;
      return render(c, {
        title: `Versions of ${t.plan.title}`,
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        crumbs: [
          { href: `/p/${p.code}/plans`, label: 'Plans' },
          { href: `/p/${p.code}/plans/${planId}`, label: t.plan.title },
        ],
        children: (
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
        ),
      });
    },
  );
}
