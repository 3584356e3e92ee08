import type { Context } from 'hono';
import { raw as rawHtml } from 'hono/html';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError, type FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { codeParam, idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { barChartSvg, lineChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  csvResponse,
  ErrorSummary,
  Form,
  formatDate,
  SelectField,
  SummaryList,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { PublishedSelfEvaluations, SelfEvaluationSpread } from './self-evaluation.api-schemas.ts';
import {
  BodyViewSchema,
  FrameworkSchema,
  OverYearsQuery,
  PartnerViewSchema,
  ScoresSchema,
  SpreadQuery,
  StartEvaluationSchema,
} from './self-evaluation-schemas.ts';
import { SelfEvaluationService, type Evaluation, type Framework } from './self-evaluation.service.ts';

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: digits });
const str = (raw: Record<string, unknown>, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
const levelLabel = (f: Framework, score: number | null | undefined) =>
  score === null || score === undefined
    ? '—'
    : `${score} ${f.levels.find((l) => l.score === score)?.label ?? ''}`.trim();
const StatusTag = ({ status }: { status: 'draft' | 'published' }) =>
  status === 'published' ? <Tag colour="green">Published</Tag> : <Tag colour="grey">Draft</Tag>;
const Fictional = ({ show }: { show: boolean }) =>
  show ? (
    <p>
      <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s self-evaluation, its scores, evidence and views
      are invented.
    </p>
  ) : null;

const FRAMEWORK_LABELS = {
  framework_id: 'Framework',
  year: 'Year',
  name: 'Name',
  source: 'Source',
  criteria: 'Criteria',
  scale: 'Scale',
  levels: 'Levels',
};

/** The views given on a self-evaluation; `authors` shows who wrote each (inside the partnership only). */
function ViewsTable({ e, authors }: { e: Evaluation; authors: boolean }) {
  const title = (id: number | null) =>
    id === null ? 'The self-evaluation as a whole' : (e.framework.criteria.find((c) => c.id === id)?.title ?? '');
  return (
    <Table
      caption={`Views of partners and community bodies on the ${e.year} self-evaluation`}
      rows={e.views}
      empty="No partner or community body has given a view yet."
      columns={[
        { header: 'From', cell: (v) => `${v.speaksFor} (${v.kind === 'partner' ? 'partner' : 'community body'})` },
        { header: 'About', cell: (v) => title(v.criterionId) },
        { header: 'View', cell: (v) => v.view },
        { header: 'Their score', cell: (v) => levelLabel(e.framework, v.score) },
        ...(authors
          ? [
              {
                header: 'Given by',
                cell: (v: Evaluation['views'][number]) => `${v.author}, ${formatDate(v.createdAt)}`,
              },
            ]
          : []),
      ]}
    />
  );
}

function ScoresTable({ e }: { e: Evaluation }) {
  return (
    <Table
      caption={`Scores against ${e.framework.name}, ${e.year}`}
      rows={e.framework.criteria}
      empty="The framework has no criteria."
      columns={[
        { header: 'Criterion', cell: (c) => c.title },
        { header: 'Score', cell: (c) => levelLabel(e.framework, e.scores.get(c.id)?.score) },
        { header: 'Evidence', cell: (c) => e.scores.get(c.id)?.evidence || '—' },
      ]}
    />
  );
}

/** What the self-evaluation routes use: their service, and a partnership's organisations and lookup by code. */
export interface SelfEvaluationRoutesDeps {
  selfEvaluation: SelfEvaluationService;
  partnerships: Pick<PartnershipsService, 'organisations' | 'resolve'>;
}

export function selfEvaluationRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  const base = (p: PartnershipRef) => `/p/${p.code}/improvement/self-evaluation`;
  const crumbs = (p: PartnershipRef) => [
    { href: `/p/${p.code}/improvement`, label: 'Improvement' },
    { href: base(p), label: 'Self-evaluation' },
  ];

  // ---- The partnership's own: the list, starting a year, frameworks of its own
  const listPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [list, frameworks] = await Promise.all([svc.list(ctx, p), svc.frameworks(ctx, p)]);
    const token = c.get('csrfToken');
    const year = svc.currentYear();
    const scored = frameworks.filter((f) => list.some((e) => e.framework_id === f.id));
    return render(c, {
      title: errors ? 'Error: self-evaluation' : 'Self-evaluation',
      label: p.name,
      wide: true,
      crumbs: [{ href: `/p/${p.code}/improvement`, label: 'Improvement' }],
      subnav: partnershipNav(c, p),
      children: (
        <>
          <ErrorSummary errors={errors} labels={FRAMEWORK_LABELS} />
          <Fictional show={p.fictional} />
          <p>
            The partnership scores itself each year against a framework — the nine principles of effective community
            planning, or one of its own — with evidence for each score. Partners and community bodies add their views
            while the year is a draft. Publishing a year makes it public and freezes it.
          </p>
          <Table
            caption="The partnership’s self-evaluations"
            rows={list}
            empty="The partnership has not started a self-evaluation yet."
            columns={[
              { header: 'Year', cell: (e) => <a href={`${base(p)}/${e.id}`}>{e.year}</a> },
              { header: 'Framework', cell: (e) => e.framework_name },
              { header: 'Status', cell: (e) => <StatusTag status={e.status} /> },
              { header: 'Scored', cell: (e) => `${e.scored} of ${e.criteria}` },
              { header: 'Mean score', cell: (e) => fmt(e.mean), numeric: true },
              { header: 'Views', cell: (e) => e.views, numeric: true },
            ]}
          />
          {scored.length ? (
            <>
              <h2>Scores over the years</h2>
              <ul>
                {scored.map((f) => (
                  <li>
                    <a href={`${base(p)}/over-years?framework=${encodeURIComponent(f.code)}`}>
                      {f.name}: scores over the years
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {can(ctx.actor, 'self-evaluation:score', p.id) ? (
            <>
              <h2>Start a year’s self-evaluation</h2>
              <Form action={base(p)} token={token}>
                <SelectField
                  name="framework_id"
                  label="Framework"
                  options={frameworks.map((f) => ({ value: String(f.id), label: f.name }))}
                  value={str(raw, 'framework_id')}
                  errors={errors}
                />
                <TextField
                  name="year"
                  label="Year"
                  hint={`For example ${year}`}
                  value={str(raw, 'year') || String(year)}
                  width="fixed-20"
                  errors={errors}
                />
                <Button>Start</Button>
              </Form>
              <h2>Add a framework of the partnership’s own</h2>
              <Form action={`${base(p)}/frameworks`} token={token}>
                <TextField name="name" label="Name" value={str(raw, 'name')} errors={errors} />
                <TextField
                  name="source"
                  label="Source"
                  hint="Where the framework comes from, for example a board paper or a national toolkit"
                  value={str(raw, 'source')}
                  errors={errors}
                />
                <TextArea
                  name="criteria"
                  label="Criteria, one per line"
                  value={str(raw, 'criteria')}
                  errors={errors}
                  rows={6}
                />
                <SelectField
                  name="scale"
                  label="Scale"
                  options={[
                    { value: 'national', label: 'The national six-point scale (1 Unsatisfactory to 6 Excellent)' },
                    { value: 'own', label: 'Levels of our own (below)' },
                  ]}
                  value={str(raw, 'scale') || 'national'}
                  errors={errors}
                />
                <TextArea
                  name="levels"
                  label="Levels of our own, lowest first, one per line (only for a scale of your own)"
                  hint="Scored 1 for the first line, 2 for the next, and so on"
                  value={str(raw, 'levels')}
                  errors={errors}
                  rows={4}
                />
                <Button secondary>Add the framework</Button>
              </Form>
            </>
          ) : null}
          {frameworks.length ? (
            <>
              <h2>Frameworks</h2>
              <Table
                caption="Frameworks the partnership may score itself against"
                rows={frameworks}
                empty=""
                columns={[
                  { header: 'Framework', cell: (f) => f.name },
                  { header: 'Whose', cell: (f) => (f.partnershipId === null ? 'National' : 'The partnership’s own') },
                  { header: 'Criteria', cell: (f) => f.criteria.length, numeric: true },
                  { header: 'Scale', cell: (f) => f.levels.map((l) => `${l.score} ${l.label}`).join(', ') },
                  { header: 'Source', cell: (f) => f.source },
                ]}
              />
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/self-evaluation',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s self-evaluations by year and framework',
    },
    (c, { partnership: p }) => listPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/self-evaluation',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Start the partnership’s self-evaluation against a framework for a year',
      body: StartEvaluationSchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await svc.start(ctx, p, body);
      setFlash(c, { kind: 'success', message: `The ${row.year} self-evaluation is started as a draft.` });
      return c.redirect(`${base(p)}/${row.id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/self-evaluation/frameworks',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Add a self-evaluation framework of the partnership’s own: criteria and scale',
      body: FrameworkSchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const f = await svc.addFramework(ctx, p, body);
      setFlash(c, { kind: 'success', message: `The framework “${f.name}” is added.` });
      return c.redirect(base(p), 303);
    },
  );

  // ---- Scores over the years (registered before /:evaluationId)
  const overYearsCsv = (d: Awaited<ReturnType<SelfEvaluationService['overYears']>>) =>
    toCsv(
      d.rows.flatMap((r) => d.years.map((y) => ({ r, y, score: r.scores.get(y.year) ?? null }))),
      [
        { header: 'framework', value: () => d.framework.code },
        { header: 'criterion_code', value: (x) => x.r.criterion.code },
        { header: 'criterion', value: (x) => x.r.criterion.title },
        { header: 'year', value: (x) => x.y.year },
        { header: 'status', value: (x) => x.y.status },
        { header: 'score', value: (x) => x.score ?? '' },
        {
          header: 'level',
          value: (x) => (x.score === null ? '' : (d.framework.levels.find((l) => l.score === x.score)?.label ?? '')),
        },
      ],
    );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/self-evaluation/over-years',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s self-evaluation scores over the years, per criterion: charts and table',
      query: OverYearsQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const d = await svc.overYears(ctx, p, query.framework);
      const f = d.framework;
      const csv = `${base(p)}/over-years.csv?framework=${encodeURIComponent(f.code)}`;
      const low = f.levels[0]!;
      const high = f.levels.at(-1)!;
      return render(c, {
        title: `Scores over the years: ${f.name}`,
        label: p.name,
        wide: true,
        crumbs: crumbs(p),
        subnav: partnershipNav(c, p),
        children: (
          <>
            <Fictional show={p.fictional} />
            <p>
              The partnership’s own score for each criterion in each year, on the scale {low.score} ({low.label}) to{' '}
              {high.score} ({high.label}). Drafts are included and marked so in the table.
            </p>
            {d.years.length === 0 ? (
              <p class="cairn-empty">The partnership has no self-evaluation against this framework yet.</p>
            ) : (
              <>
                <div>
                  {d.rows.map((r) => (
                    <figure>
                      {rawHtml(
                        lineChartSvg(
                          [...r.scores.entries()]
                            .sort((a, b) => a[0] - b[0])
                            .map(([year, score]) => ({ series: r.criterion.title, x: `${year}-01-01`, y: score })),
                          { title: `${r.criterion.title}: score by year`, yLabel: 'Score', width: 320, height: 180 },
                        ),
                      )}
                      <figcaption>{r.criterion.title}</figcaption>
                    </figure>
                  ))}
                </div>
                <Table
                  caption={`Scores per criterion and year against ${f.name}`}
                  rows={d.rows}
                  empty=""
                  columns={[
                    { header: 'Criterion', cell: (r) => r.criterion.title },
                    ...d.years.map((y) => ({
                      header: `${y.year}${y.status === 'draft' ? ' (draft)' : ''}`,
                      cell: (r: (typeof d.rows)[number]) => levelLabel(f, r.scores.get(y.year)),
                    })),
                  ]}
                />
                <p>
                  <a href={csv}>Download CSV</a>
                </p>
              </>
            )}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/self-evaluation/over-years.csv',
      permission: 'improvement:read',
      kind: 'file',
      summary: 'The partnership’s self-evaluation scores over the years as CSV (criterion, year, status, score)',
      query: OverYearsQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const d = await svc.overYears(ctx, p, query.framework);
      return csvResponse(c, `${p.code}-self-evaluation-${d.framework.code}-over-years.csv`, overYearsCsv(d));
    },
  );

  // ---- One year's self-evaluation
  const yearPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    form: 'scores' | 'view' | null,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const e = await svc.evaluation(ctx, p, id);
    const f = e.framework;
    const token = c.get('csrfToken');
    const draft = e.status === 'draft';
    const mayScore = draft && can(ctx.actor, 'self-evaluation:score', p.id);
    const mayComment = draft && can(ctx.actor, 'self-evaluation:comment', p.id);
    const speaker = mayComment ? await svc.speakerFor(ctx, p) : null;
    const partners =
      mayComment && !speaker && can(ctx.actor, 'self-evaluation:score', p.id)
        ? await deps.partnerships.organisations(ctx, p)
        : [];
    const sv = (k: string) => (form === 'scores' ? str(raw, k) : '');
    const vv = (k: string) => (form === 'view' ? str(raw, k) : '');
    const labels: Record<string, string> = {
      criterion_id: 'About',
      view: 'View',
      score: 'Their score',
      organisation_id: 'Partner',
    };
    for (const cr of f.criteria) {
      labels[`score_${cr.code}`] = `Score for ${cr.title}`;
      labels[`evidence_${cr.code}`] = `Evidence for ${cr.title}`;
    }
    const levelOptions = f.levels.map((l) => ({ value: String(l.score), label: `${l.score} ${l.label}` }));
    const mean = SelfEvaluationService.meanScore(e);
    return render(c, {
      title: `${errors ? 'Error: ' : ''}Self-evaluation ${e.year}: ${f.name}`,
      label: p.name,
      wide: true,
      crumbs: crumbs(p),
      subnav: partnershipNav(c, p),
      children: (
        <>
          <ErrorSummary errors={errors} labels={labels} />
          <Fictional show={p.fictional} />
          <SummaryList
            items={[
              { key: 'Framework', value: f.name },
              {
                key: 'Status',
                value:
                  e.status === 'published'
                    ? `Published ${formatDate(e.publishedAt)}${e.publishedBy ? ` by ${e.publishedBy}` : ''}`
                    : 'Draft: visible only inside the partnership',
              },
              { key: 'Scored', value: `${e.scores.size} of ${f.criteria.length} criteria; mean score ${fmt(mean)}` },
              { key: 'Scale', value: f.levels.map((l) => `${l.score} ${l.label}`).join(', ') },
              { key: 'Source of the framework', value: f.source },
            ]}
          />
          {e.status === 'published' ? (
            <p>
              Published self-evaluations are public:{' '}
              <a href={`/partnerships/${p.code}/self-evaluation/${e.year}`}>the public page for {e.year}</a>. They can
              no longer be scored.
            </p>
          ) : null}
          <h2>Scores</h2>
          <ScoresTable e={e} />
          <p>
            <a href={`${base(p)}/over-years?framework=${encodeURIComponent(f.code)}`}>Scores over the years</a>
          </p>
          {mayScore ? (
            <>
              <h2>Score the criteria</h2>
              <p>
                Choose a score from the scale for each criterion and give the evidence for it. A criterion left unscored
                keeps its score.
              </p>
              <Form action={`${base(p)}/${e.id}/scores`} token={token}>
                {f.criteria.map((cr) => {
                  const cur = e.scores.get(cr.id);
                  return (
                    <fieldset class="ds_fieldset">
                      <legend class="ds_fieldset__legend">
                        {cr.position}. {cr.title}
                      </legend>
                      <SelectField
                        name={`score_${cr.code}`}
                        label="Score"
                        options={levelOptions}
                        value={sv(`score_${cr.code}`) || (cur ? String(cur.score) : '')}
                        placeholder="Not scored"
                        errors={errors}
                      />
                      <TextArea
                        name={`evidence_${cr.code}`}
                        label="Evidence"
                        value={sv(`evidence_${cr.code}`) || (cur?.evidence ?? '')}
                        errors={errors}
                        rows={3}
                      />
                    </fieldset>
                  );
                })}
                <Button>Save the scores</Button>
              </Form>
            </>
          ) : null}
          <h2>Views of partners and community bodies</h2>
          <ViewsTable e={e} authors={true} />
          {mayComment ? (
            <>
              <h3>Add a view</h3>
              <p>
                {speaker
                  ? `Your view is recorded as the view of ${speaker.name}.`
                  : 'Record the view of one of the partners on its behalf.'}
              </p>
              <Form action={`${base(p)}/${e.id}/views`} token={token}>
                {speaker ? null : (
                  <SelectField
                    name="organisation_id"
                    label="Partner"
                    options={partners.map((o) => ({ value: String(o.id), label: o.name }))}
                    value={vv('organisation_id')}
                    placeholder="Choose"
                    errors={errors}
                  />
                )}
                <SelectField
                  name="criterion_id"
                  label="About"
                  options={f.criteria.map((cr) => ({ value: String(cr.id), label: cr.title }))}
                  value={vv('criterion_id')}
                  placeholder="The self-evaluation as a whole"
                  errors={errors}
                />
                <TextArea name="view" label="View" value={vv('view')} errors={errors} rows={4} />
                <SelectField
                  name="score"
                  label="Their score (optional, for one criterion)"
                  options={levelOptions}
                  value={vv('score')}
                  placeholder="No score"
                  errors={errors}
                />
                <Button secondary>Add the view</Button>
              </Form>
            </>
          ) : null}
          {mayScore ? (
            <>
              <h2>Publish</h2>
              <p>
                Publishing makes this self-evaluation, with its evidence and the views given, public. It can then no
                longer be scored or take views. Every criterion must be scored.
              </p>
              <Form action={`${base(p)}/${e.id}/publish`} token={token}>
                <Button>Publish the {e.year} self-evaluation</Button>
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
      path: '/p/:partnership/improvement/self-evaluation/:evaluationId',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'A year’s self-evaluation: scores with evidence, views, forms to score and publish',
    },
    (c, { partnership: p }) => yearPage(c, p, idParam(c, 'evaluationId'), null, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/self-evaluation/:evaluationId/scores',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary:
        'Score criteria with evidence (score_<criterion code>, evidence_<criterion code>); each score one of the framework’s levels',
      body: ScoresSchema,
      onInvalid: (c, e, raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), 'scores', raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const n = await svc.score(ctx, p, idParam(c, 'evaluationId'), body);
      setFlash(c, { kind: 'success', message: `${n} ${n === 1 ? 'score is' : 'scores are'} saved.` });
      return c.redirect(`${base(p)}/${idParam(c, 'evaluationId')}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/self-evaluation/:evaluationId/views',
      permission: 'self-evaluation:comment',
      kind: 'page',
      summary: 'Add a partner’s view to a draft self-evaluation (for the officer’s own organisation)',
      body: PartnerViewSchema,
      onInvalid: (c, e, raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), 'view', raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.addPartnerView(ctx, p, idParam(c, 'evaluationId'), body);
      setFlash(c, { kind: 'success', message: 'Your view is added.' });
      return c.redirect(`${base(p)}/${idParam(c, 'evaluationId')}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/self-evaluation/:evaluationId/publish',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Publish a year’s self-evaluation: it becomes public and can no longer be scored',
      body: z.object({}),
      onInvalid: (c, e, _raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), null, {}, e.fields),
    },
    async (c, { partnership: p, ctx }) => {
      const row = await svc.publish(ctx, p, idParam(c, 'evaluationId'));
      setFlash(c, { kind: 'success', message: `The ${row.year} self-evaluation is published.` });
      return c.redirect(`${base(p)}/${row.id}`, 303);
    },
  );

  // ---- Public: published self-evaluations only
  const publicPartnership = async (c: Context<AppEnv>) => {
    const p = await deps.partnerships.resolve(codeParam(c, 'code'));
    if (!p) throw new NotFoundError('partnership');
    return p;
  };
  const yearParam = (c: Context<AppEnv>) => {
    const y = idParam(c, 'year');
    return y >= 2000 && y <= 2100 ? y : -1;
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/self-evaluation/:year',
      permission: 'self-evaluation:read',
      kind: 'page',
      summary: 'A partnership’s published self-evaluation of a year: scores, evidence and views',
      cache: 'until-next-write',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const year = yearParam(c);
      const [evaluations, years] = await Promise.all([svc.publishedYear(ctx, p.id, year), svc.publishedYears(p.id)]);
      return render(c, {
        title: `Self-evaluation ${year}`,
        label: p.name,
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: (
          <>
            <Fictional show={p.fictional} />
            <p>
              How {p.name} judged itself in {year}, with the evidence for each score and the views its partners and
              community bodies gave.
            </p>
            {evaluations.map((e) => (
              <section>
                <h2>{e.framework.name}</h2>
                <p>
                  Published {formatDate(e.publishedAt)}. Scale:{' '}
                  {e.framework.levels.map((l) => `${l.score} ${l.label}`).join(', ')}. Mean score{' '}
                  {fmt(SelfEvaluationService.meanScore(e))}.
                </p>
                <ScoresTable e={e} />
                <h3>Views of partners and community bodies</h3>
                <ViewsTable e={e} authors={false} />
                <p class="ds_hint-text">Framework source: {e.framework.source}</p>
              </section>
            ))}
            {years.length > 1 ? (
              <>
                <h2>Other years</h2>
                <ul>
                  {years
                    .filter((y) => y !== year)
                    .map((y) => (
                      <li>
                        <a href={`/partnerships/${p.code}/self-evaluation/${y}`}>{y}</a>
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
            <p>
              <a href={`/api/v1/partnerships/${p.code}/self-evaluation/${year}`}>This self-evaluation as JSON</a>
            </p>
          </>
        ),
      });
    },
  );

  const evaluationJson = (e: Evaluation) => ({
    year: e.year,
    status: e.status,
    published_at: e.publishedAt,
    framework: {
      code: e.framework.code,
      name: e.framework.name,
      source: e.framework.source,
      levels: e.framework.levels,
    },
    scores: e.framework.criteria.map((cr) => ({
      criterion: cr.code,
      title: cr.title,
      score: e.scores.get(cr.id)?.score ?? null,
      evidence: e.scores.get(cr.id)?.evidence ?? null,
    })),
    views: e.views.map((v) => ({
      from: v.speaksFor,
      kind: v.kind,
      criterion: e.framework.criteria.find((cr) => cr.id === v.criterionId)?.code ?? null,
      view: v.view,
      score: v.score,
    })),
  });

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:code/self-evaluation/:year',
      permission: 'self-evaluation:read',
      kind: 'api',
      tag: 'improvement',
      summary: 'A partnership’s published self-evaluations of a year: scores, evidence and views',
      operationId: 'getPublishedSelfEvaluations',
      response: PublishedSelfEvaluations,
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const evaluations = await svc.publishedYear(ctx, p.id, yearParam(c));
      return c.json({
        partnership: { code: p.code, name: p.name, fictional: p.fictional },
        data: evaluations.map(evaluationJson),
      });
    },
  );

  // ---- National spread (national analysts)
  type SpreadData = Awaited<ReturnType<SelfEvaluationService['spread']>>;
  const spreadCsv = (d: SpreadData, table: 'spread' | 'published') =>
    table === 'spread'
      ? toCsv(d.rows, [
          { header: 'framework', value: () => d.framework.code },
          { header: 'year', value: () => d.year },
          { header: 'criterion_code', value: (r) => r.criterion.code },
          { header: 'criterion', value: (r) => r.criterion.title },
          { header: 'count', value: (r) => r.spread.count },
          { header: 'published', value: (r) => r.published },
          { header: 'drafts', value: (r) => r.drafts },
          { header: 'min', value: (r) => r.spread.min ?? '' },
          { header: 'lower_quartile', value: (r) => r.spread.lowerQuartile ?? '' },
          { header: 'median', value: (r) => r.spread.median ?? '' },
          { header: 'upper_quartile', value: (r) => r.spread.upperQuartile ?? '' },
          { header: 'max', value: (r) => r.spread.max ?? '' },
          ...d.framework.levels.map((l) => ({
            header: `at_${l.score}`,
            value: (r: SpreadData['rows'][number]) => r.atLevel.find((a) => a.score === l.score)!.count,
          })),
        ])
      : toCsv(
          d.named.flatMap((n) => d.framework.criteria.map((cr) => ({ n, cr }))),
          [
            { header: 'partnership_code', value: (x) => x.n.code },
            { header: 'partnership', value: (x) => x.n.name },
            { header: 'year', value: () => d.year },
            { header: 'criterion_code', value: (x) => x.cr.code },
            { header: 'score', value: (x) => x.n.scores.get(x.cr.id) ?? '' },
          ],
        );

  router.route(
    {
      method: 'GET',
      path: '/self-evaluation',
      permission: 'self-evaluation:compare',
      kind: 'page',
      summary:
        'The spread of self-evaluation scores across partnerships per principle; partnerships named only where published',
      query: SpreadQuery,
    },
    async (c, { ctx, query }) => {
      const [d, frameworks] = await Promise.all([svc.spread(ctx, query), svc.nationalFrameworks()]);
      const f = d.framework;
      const qs = `year=${d.year}&framework=${encodeURIComponent(f.code)}`;
      const withMedian = d.rows.filter((r) => r.spread.median !== null);
      return render(c, {
        title: 'Self-evaluation across partnerships',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: (
          <>
            <p>
              How partnerships scored themselves against {f.name} in {d.year}: per criterion, the spread of their
              scores. Every partnership that scored that year counts in the distribution, whether or not it has
              published; partnerships are named only where they published their self-evaluation. Drafts count
              anonymously, so that no unpublished score can be traced to a partnership.
            </p>
            <form method="get" action="/self-evaluation">
              <SelectField
                name="framework"
                label="Framework"
                options={frameworks.map((x) => ({ value: x.code, label: x.name }))}
                value={f.code}
                errors={null}
              />
              <SelectField
                name="year"
                label="Year"
                options={(d.years.length ? d.years : [d.year]).map((y) => ({ value: String(y), label: String(y) }))}
                value={String(d.year)}
                errors={null}
              />
              <button type="submit" class="ds_button ds_button--secondary">
                Show
              </button>
            </form>
            <p>
              {d.partnerships} {d.partnerships === 1 ? 'partnership' : 'partnerships'} scored in {d.year}:{' '}
              {d.named.length} published, {d.drafts} still in draft. Quartiles are interpolated between scores (the
              method of Excel’s QUARTILE.INC).
            </p>
            {withMedian.length ? (
              <figure>
                {rawHtml(
                  barChartSvg(
                    withMedian.map((r) => ({ label: r.criterion.title, value: r.spread.median! })),
                    { title: `Median score per criterion, ${d.year}` },
                  ),
                )}
                <figcaption>Median score per criterion in {d.year}; the table below gives the full spread.</figcaption>
              </figure>
            ) : null}
            <Table
              caption={`Spread of scores per criterion, ${d.year}`}
              rows={d.rows}
              empty=""
              columns={[
                { header: 'Criterion', cell: (r) => r.criterion.title },
                { header: 'Count', cell: (r) => r.spread.count, numeric: true },
                { header: 'Published', cell: (r) => r.published, numeric: true },
                { header: 'Drafts', cell: (r) => r.drafts, numeric: true },
                { header: 'Min', cell: (r) => fmt(r.spread.min), numeric: true },
                { header: 'Lower quartile', cell: (r) => fmt(r.spread.lowerQuartile), numeric: true },
                { header: 'Median', cell: (r) => fmt(r.spread.median), numeric: true },
                { header: 'Upper quartile', cell: (r) => fmt(r.spread.upperQuartile), numeric: true },
                { header: 'Max', cell: (r) => fmt(r.spread.max), numeric: true },
                ...f.levels.map((l) => ({
                  header: `${l.score} ${l.label}`,
                  cell: (r: SpreadData['rows'][number]) => r.atLevel.find((a) => a.score === l.score)!.count,
                  numeric: true,
                })),
              ]}
            />
            <p>
              <a href={`/self-evaluation.csv?${qs}&table=spread`}>Download CSV</a>
            </p>
            <h2>Published self-evaluations</h2>
            <Table
              caption={`Scores of the partnerships that published their ${d.year} self-evaluation`}
              rows={d.named}
              empty={`No partnership has published a ${d.year} self-evaluation against this framework.`}
              columns={[
                {
                  header: 'Partnership',
                  cell: (n) => (
                    <a
                      href={`/partnerships/${n.code}/self-evaluation/${d.year}`}
                    >{`${n.name}${n.fictional ? ' (fictional)' : ''}`}</a>
                  ),
                },
                ...f.criteria.map((cr) => ({
                  header: cr.title,
                  cell: (n: SpreadData['named'][number]) => fmt(n.scores.get(cr.id)),
                  numeric: true,
                })),
              ]}
            />
            {d.named.length ? (
              <p>
                <a href={`/self-evaluation.csv?${qs}&table=published`}>Download the published scores as CSV</a>
              </p>
            ) : null}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/self-evaluation.csv',
      permission: 'self-evaluation:compare',
      kind: 'file',
      summary:
        'The spread of self-evaluation scores per criterion (table=spread), or the published partnerships’ scores (table=published), as CSV',
      query: SpreadQuery.extend({
        table: z.enum(['spread', 'published'], { error: 'Choose spread or published' }).default('spread'),
      }),
    },
    async (c, { ctx, query }) => {
      const d = await svc.spread(ctx, query);
      return csvResponse(
        c,
        `self-evaluation-${d.framework.code}-${d.year}-${query.table}.csv`,
        spreadCsv(d, query.table),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/self-evaluation/spread',
      permission: 'self-evaluation:compare',
      kind: 'api',
      tag: 'improvement',
      summary: 'The spread of self-evaluation scores per criterion in a year; partnerships named only where published',
      query: SpreadQuery,
      operationId: 'getSelfEvaluationSpread',
      response: SelfEvaluationSpread,
    },
    async (c, { ctx, query }) => {
      const d = await svc.spread(ctx, query);
      return c.json({
        framework: d.framework.code,
        year: d.year,
        partnerships: d.partnerships,
        drafts: d.drafts,
        data: d.rows.map((r) => ({
          criterion: r.criterion.code,
          title: r.criterion.title,
          ...r.spread,
          published: r.published,
          drafts: r.drafts,
          at_level: r.atLevel,
        })),
        published: d.named.map((n) => ({
          code: n.code,
          name: n.name,
          fictional: n.fictional,
          scores: Object.fromEntries(d.framework.criteria.map((cr) => [cr.code, n.scores.get(cr.id) ?? null])),
        })),
      });
    },
  );

  // ---- A community body's views on its partnership's self-evaluation
  const bodyPage = async (
    c: Context<AppEnv>,
    bodyId: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const d = await svc.forBody(ctx, bodyId);
    const token = c.get('csrfToken');
    const errorFor = str(raw, 'evaluation_id');
    return render(c, {
      title: `${errors ? 'Error: ' : ''}Views on the ${d.year} self-evaluation`,
      label: d.body.name,
      crumbs: [
        { href: '/community', label: 'Community bodies' },
        { href: `/community/bodies/${d.body.id}`, label: d.body.name },
      ],
      children: (
        <>
          {d.body.fictional ? (
            <p>
              <Tag colour="yellow">Demo – fictional</Tag> This community body is invented.
            </p>
          ) : null}
          <p>
            {d.body.partnership_name} asks its partners and the community bodies it works with how well it meets each
            criterion of its self-evaluation. While the {d.year} self-evaluation is a draft, your body can add its
            views, about one criterion or the whole.
          </p>
          {errors && !d.evaluations.some((e) => String(e.id) === errorFor) ? (
            <ErrorSummary errors={errors} labels={{ evaluation_id: 'Self-evaluation' }} />
          ) : null}
          {d.evaluations.length === 0 ? (
            <p class="cairn-empty">
              {d.body.partnership_name} has no self-evaluation open for views in {d.year}.
            </p>
          ) : null}
          {d.evaluations.map((e) => {
            const prefix = `e${e.id}-`;
            const errs = errorFor === String(e.id) ? errors : null;
            const v = (k: string) => (errs ? str(raw, k) : '');
            return (
              <section>
                <h2>{e.framework.name}</h2>
                <ErrorSummary
                  errors={errs}
                  labels={{
                    criterion_id: 'About',
                    view: 'Your view',
                    score: 'Your score',
                    evaluation_id: 'Self-evaluation',
                  }}
                  idPrefix={prefix}
                />
                <p>Criteria:</p>
                <ol>
                  {e.framework.criteria.map((cr) => (
                    <li>{cr.title}</li>
                  ))}
                </ol>
                <p>Scale: {e.framework.levels.map((l) => `${l.score} ${l.label}`).join(', ')}.</p>
                <Table
                  caption={`Views ${d.body.name} gave on the ${d.year} self-evaluation`}
                  rows={e.views}
                  empty="Your body has not given a view yet."
                  columns={[
                    {
                      header: 'About',
                      cell: (x) =>
                        x.criterion_id === null
                          ? 'The self-evaluation as a whole'
                          : (e.framework.criteria.find((cr) => cr.id === x.criterion_id)?.title ?? ''),
                    },
                    { header: 'View', cell: (x) => x.view },
                    { header: 'Score', cell: (x) => levelLabel(e.framework, x.score) },
                    { header: 'Given', cell: (x) => formatDate(x.created_at) },
                  ]}
                />
                <h3>Add a view</h3>
                <Form action={`/community/bodies/${d.body.id}/self-evaluation`} token={token}>
                  <input type="hidden" name="evaluation_id" value={String(e.id)} />
                  <SelectField
                    name="criterion_id"
                    idPrefix={prefix}
                    label="About"
                    options={e.framework.criteria.map((cr) => ({ value: String(cr.id), label: cr.title }))}
                    value={v('criterion_id')}
                    placeholder="The self-evaluation as a whole"
                    errors={errs}
                  />
                  <TextArea name="view" idPrefix={prefix} label="Your view" value={v('view')} errors={errs} rows={4} />
                  <SelectField
                    name="score"
                    idPrefix={prefix}
                    label="Your score (optional, for one criterion)"
                    options={e.framework.levels.map((l) => ({
                      value: String(l.score),
                      label: `${l.score} ${l.label}`,
                    }))}
                    value={v('score')}
                    placeholder="No score"
                    errors={errs}
                  />
                  <Button>Add the view</Button>
                </Form>
              </section>
            );
          })}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId/self-evaluation',
      permission: 'community:use',
      kind: 'page',
      summary: 'Your community body’s views on its partnership’s self-evaluation of this year',
    },
    (c) => bodyPage(c, idParam(c, 'bodyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/self-evaluation',
      permission: 'community:use',
      kind: 'page',
      summary: 'Add your community body’s view to its partnership’s draft self-evaluation of this year',
      body: BodyViewSchema,
      onInvalid: (c, e, raw) => bodyPage(c, idParam(c, 'bodyId'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      await svc.addBodyView(ctx, idParam(c, 'bodyId'), body);
      setFlash(c, { kind: 'success', message: 'Your body’s view is added.' });
      return c.redirect(`/community/bodies/${idParam(c, 'bodyId')}/self-evaluation`, 303);
    },
  );
}
