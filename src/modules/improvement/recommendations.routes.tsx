import type { Context } from 'hono';
import { can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import {
  Button,
  csvResponse,
  ErrorSummary,
  fileResponse,
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
import { RecommendationReport, RecommendationReportList } from './recommendations.api-schemas.ts';
import { ACTION_STATUS_LABELS, RAG_COLOUR, RAG_LABEL } from '../plans/index.ts';
import { addresseeRuns, dimensionLine, impactDocx } from './recommendations-docx.ts';
import {
  ADDRESSEE_LABELS,
  AddRecommendationSchema,
  CreateReportSchema,
  GENERAL_ADDRESSEES,
  ImpactQuery,
  LinkSchema,
  RateSchema,
  RATINGS,
  UnlinkSchema,
} from './recommendations.schemas.ts';
import {
  impactCsvRows,
  joinAnd,
  type ImpactCsvRow,
  type RatingView,
  type RecommendationsService,
  type ReportView,
} from './recommendations.service.ts';

type Raw = Record<string, unknown>;
const str = (raw: Raw, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');

const Rating = ({ r }: { r: { rating: keyof typeof RAG_LABEL } }) => (
  <Tag colour={RAG_COLOUR[r.rating]}>{RAG_LABEL[r.rating]}</Tag>
);

/** The columns of the impact table's CSV and of `cairn export recommendations`. */
export function impactCsv(rows: readonly ImpactCsvRow[]): string {
  return toCsv(rows, [
    { header: 'report', value: (r) => r.report },
    { header: 'publisher', value: (r) => r.publisher },
    { header: 'published_on', value: (r) => r.published_on },
    { header: 'group', value: (r) => r.group },
    { header: 'ref', value: (r) => r.ref },
    { header: 'recommendation', value: (r) => r.text },
    { header: 'addressees', value: (r) => r.addressees },
    { header: 'audit_dimensions', value: (r) => r.dimensions },
    { header: 'rating', value: (r) => r.rating },
    { header: 'as_of', value: (r) => r.as_of },
    { header: 'narrative', value: (r) => r.narrative },
  ]);
}

const REPORT_LABELS = {
  title: 'Title',
  publisher: 'Publisher',
  published_on: 'Published on',
  url: 'Link',
  summary: 'Summary',
};
const REC_LABELS = {
  ref: 'Reference',
  text: 'Recommendation',
  group: 'Group',
  addressees: 'Addressed to',
  partnership_code: 'A named partnership',
  organisation_id: 'A named organisation',
  dimensions: 'Audit dimensions',
};
const RATE_LABELS = {
  recommendation_id: 'Recommendation',
  rating: 'Rating',
  narrative: 'Progress',
  evidence: 'Evidence',
  as_of: 'As at',
};

function History({ history, caption }: { history: RatingView[]; caption: string }) {
  return (
    <Table
      caption={caption}
      rows={[...history].reverse()}
      empty="Not rated yet."
      columns={[
        { header: 'As at', cell: (g) => formatDate(g.asOf) },
        { header: 'Rating', cell: (g) => <Rating r={g} /> },
        { header: 'Progress', cell: (g) => g.narrative },
        { header: 'Evidence', cell: (g) => g.evidence ?? '' },
        { header: 'Recorded by', cell: (g) => g.author },
      ]}
    />
  );
}

/** What the recommendations routes use: their service, the partnerships (as addressees) and the clock. */
export interface RecommendationsRoutesDeps {
  recommendations: RecommendationsService;
  partnerships: Pick<PartnershipsService, 'list'>;
  clock: Clock;
}

export function recommendationsRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;
  /** The partnerships a recommendation may be addressed to, by name. */
  const partnershipChoices = async (ctx: RequestContext) =>
    (await deps.partnerships.list(ctx))
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const listPage = async (c: Context<AppEnv>, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const reports = await svc.listReports(ctx);
    return render(c, {
      title: errors ? 'Error: Audit recommendations' : 'Audit recommendations',
      crumbs: [{ href: '/improvement', label: 'Improvement' }],
      children: (
        <>
          <ErrorSummary errors={errors} labels={REPORT_LABELS} />
          <p class="ds_lead">
            Reports that made recommendations on community planning — to the Scottish Government, COSLA, all
            partnerships or a named one — with how far each has got, rated Green, Amber or Red, and the impact table for
            any date as Word and CSV.
          </p>
          <Table
            caption="Reports with recommendations"
            rows={reports}
            empty="No report has been added yet."
            columns={[
              { header: 'Report', cell: (r) => <a href={`/recommendations/reports/${r.id}`}>{r.title}</a> },
              { header: 'Publisher', cell: (r) => r.publisher },
              { header: 'Published', cell: (r) => formatDate(r.publishedOn) },
              { header: 'Recommendations', cell: (r) => r.recommendations, numeric: true },
              {
                header: 'Impact table',
                cell: (r) => (
                  <a href={`/recommendations/reports/${r.id}/impact`}>
                    Impact table<span class="visually-hidden"> for {r.title}</span>
                  </a>
                ),
              },
            ]}
          />
          <p>
            <a href="/api/v1/recommendations">These reports as JSON</a>
          </p>
          {can(ctx.actor, 'recommendation:manage') ? (
            <>
              <h2>Add a report</h2>
              <Form action="/recommendations" token={c.get('csrfToken')}>
                <TextField name="title" label="Title" value={str(raw, 'title')} errors={errors} />
                <TextField
                  name="publisher"
                  label="Publisher"
                  hint="For example Audit Scotland, for the Accounts Commission and the Auditor General for Scotland"
                  value={str(raw, 'publisher')}
                  errors={errors}
                />
                <TextField
                  name="published_on"
                  label="Published on"
                  type="date"
                  width="fixed-20"
                  value={str(raw, 'published_on')}
                  errors={errors}
                />
                <TextField name="url" label="Link (optional)" type="url" value={str(raw, 'url')} errors={errors} />
                <TextArea
                  name="summary"
                  label="Summary (optional)"
                  value={str(raw, 'summary')}
                  errors={errors}
                  rows={3}
                />
                <Button>Add the report</Button>
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
      path: '/recommendations',
      permission: 'recommendation:read',
      kind: 'page',
      summary: 'Reports with recommendations on community planning',
    },
    (c) => listPage(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations',
      permission: 'recommendation:manage',
      kind: 'page',
      summary: 'Add a report with recommendations',
      body: CreateReportSchema,
      onInvalid: (c, e, raw) => listPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const row = await svc.createReport(ctx, body);
      setFlash(c, { kind: 'success', message: `${row.title} is added. Now add its recommendations.` });
      return c.redirect(`/recommendations/reports/${row.id}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/recommendations',
      permission: 'recommendation:read',
      kind: 'api',
      tag: 'recommendations',
      summary: 'Reports with recommendations on community planning',
      operationId: 'listRecommendationReports',
      response: RecommendationReportList,
    },
    async (c, { ctx }) => c.json(await svc.listReports(ctx)),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/recommendations/reports/:id',
      permission: 'recommendation:read',
      kind: 'api',
      tag: 'recommendations',
      summary: 'A report: its groups and recommendations, addressees, audit dimensions and every progress rating',
      operationId: 'getRecommendationReport',
      response: RecommendationReport,
    },
    async (c, { ctx }) => c.json(await svc.report(ctx, idParam(c, 'id'))),
  );

  const reportPage = async (c: Context<AppEnv>, reportId: number, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const r = await svc.report(ctx, reportId);
    const manage = can(ctx.actor, 'recommendation:manage');
    const form = str(raw, '_form');
    const errs = (name: string) => (form === name ? errors : null);
    const v = (name: string, k: string) => (form === name ? str(raw, k) : '');
    const checked = (name: string, k: string, value: string) =>
      form === name && (raw[k] === value || (Array.isArray(raw[k]) && (raw[k] as unknown[]).includes(value)));
    const [dimensions, partnerships, organisations] = manage
      ? await Promise.all([svc.dimensions(), partnershipChoices(ctx), svc.nationalOrganisations()])
      : [[], [], []];
    const sections: { title: string; recs: ReportView['recommendations'] }[] = [
      ...r.groups.map((g) => ({ title: g.title, recs: r.recommendations.filter((x) => x.group?.id === g.id) })),
      { title: r.groups.length ? 'Not grouped' : 'Recommendations', recs: r.recommendations.filter((x) => !x.group) },
    ].filter((s) => s.recs.length);
    const token = c.get('csrfToken');
    const base = `/recommendations/reports/${r.id}`;
    return render(c, {
      title: errors ? `Error: ${r.title}` : r.title,
      label: r.publisher,
      wide: true,
      crumbs: [
        { href: '/improvement', label: 'Improvement' },
        { href: '/recommendations', label: 'Audit recommendations' },
      ],
      children: (
        <>
          <ErrorSummary
            errors={errors}
            idPrefix={form ? `${form}-` : ''}
            labels={form === 'rate' ? RATE_LABELS : REC_LABELS}
          />
          <SummaryList
            items={[
              { key: 'Publisher', value: r.publisher },
              { key: 'Published', value: formatDate(r.publishedOn) },
              { key: 'Link', value: r.url ? <a href={r.url}>{r.url}</a> : 'None recorded' },
              { key: 'Recommendations', value: String(r.recommendations.length) },
            ]}
          />
          {r.summary ? <p>{r.summary}</p> : null}
          <p>
            <a href={`${base}/impact`}>The impact table: progress on every recommendation at a date</a> (also as{' '}
            <a href={`${base}/impact.docx`}>Word</a> and <a href={`${base}/impact.csv`}>CSV</a>) ·{' '}
            <a href={`/api/v1/recommendations/reports/${r.id}`}>JSON</a>
          </p>
          {sections.length ? null : <p class="cairn-empty">This report has no recommendations yet.</p>}
          {sections.map((s) => (
            <>
              <h2>{s.title}</h2>
              {s.recs.map((x) => (
                <>
                  <h3>Recommendation {x.ref}</h3>
                  <p>{x.text}</p>
                  <SummaryList
                    items={[
                      { key: 'Addressed to', value: joinAnd(x.addressees.map((a) => a.name)) },
                      {
                        key: 'Audit dimensions',
                        value: x.dimensions.length ? x.dimensions.map((d) => d.name).join('; ') : 'None recorded',
                      },
                      {
                        key: 'Latest rating',
                        value: x.latest ? (
                          <>
                            <Rating r={x.latest} /> as at {formatDate(x.latest.asOf)}
                          </>
                        ) : (
                          'Not rated yet'
                        ),
                      },
                    ]}
                  />
                  {x.history.length ? (
                    <History
                      history={x.history}
                      caption={`Progress ratings on recommendation ${x.ref}, newest first`}
                    />
                  ) : null}
                </>
              ))}
            </>
          ))}
          {manage ? (
            <>
              <h2>Add a recommendation</h2>
              <Form action={`${base}/recommendations`} token={token}>
                <input type="hidden" name="_form" value="rec" />
                <TextField
                  idPrefix="rec-"
                  name="ref"
                  label="Reference"
                  hint="The report’s own numbering, for example 5.1 a"
                  width="fixed-20"
                  value={v('rec', 'ref')}
                  errors={errs('rec')}
                />
                <TextArea
                  idPrefix="rec-"
                  name="text"
                  label="Recommendation"
                  value={v('rec', 'text')}
                  errors={errs('rec')}
                  rows={3}
                />
                <TextField
                  idPrefix="rec-"
                  name="group"
                  label="Group of related recommendations (optional)"
                  hint={
                    r.groups.length
                      ? `An existing group (${r.groups.map((g) => g.title).join('; ')}) or a new one`
                      : 'A title; recommendations with the same group title are shown together'
                  }
                  value={v('rec', 'group')}
                  errors={errs('rec')}
                />
                <fieldset class="ds_question" id="rec-addressees">
                  <legend class="ds_label">Addressed to</legend>
                  {errs('rec')?.['addressees'] ? (
                    <p class="ds_question__error-message">{errs('rec')!['addressees']!.join(' ')}</p>
                  ) : null}
                  <div class="cairn-checkboxes">
                    {GENERAL_ADDRESSEES.map((k) => (
                      <div class="ds_checkbox ds_checkbox--small">
                        <input
                          class="ds_checkbox__input"
                          type="checkbox"
                          id={`addressee-${k}`}
                          name="addressees"
                          value={k}
                          checked={checked('rec', 'addressees', k)}
                        />
                        <label class="ds_checkbox__label" for={`addressee-${k}`}>
                          {ADDRESSEE_LABELS[k]}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <SelectField
                  idPrefix="rec-"
                  name="partnership_code"
                  label="And a named partnership (optional)"
                  options={partnerships.map((p) => ({ value: p.code, label: p.name }))}
                  value={v('rec', 'partnership_code')}
                  placeholder="None"
                  errors={errs('rec')}
                />
                <SelectField
                  idPrefix="rec-"
                  name="organisation_id"
                  label="And a named national organisation (optional)"
                  options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
                  value={v('rec', 'organisation_id')}
                  placeholder="None"
                  errors={errs('rec')}
                />
                <fieldset class="ds_question" id="rec-dimensions">
                  <legend class="ds_label">Audit dimensions</legend>
                  {errs('rec')?.['dimensions'] ? (
                    <p class="ds_question__error-message">{errs('rec')!['dimensions']!.join(' ')}</p>
                  ) : null}
                  <div class="cairn-checkboxes">
                    {dimensions.map((d) => (
                      <div class="ds_checkbox ds_checkbox--small">
                        <input
                          class="ds_checkbox__input"
                          type="checkbox"
                          id={`dimension-${d.code}`}
                          name="dimensions"
                          value={d.code}
                          checked={checked('rec', 'dimensions', d.code)}
                        />
                        <label class="ds_checkbox__label" for={`dimension-${d.code}`}>
                          {d.name}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                <Button>Add the recommendation</Button>
              </Form>
              {r.recommendations.length ? (
                <>
                  <h2>Rate progress</h2>
                  <p>A rating is added to the recommendation’s history; earlier ratings are kept.</p>
                  <Form action={`${base}/progress`} token={token}>
                    <input type="hidden" name="_form" value="rate" />
                    <SelectField
                      idPrefix="rate-"
                      name="recommendation_id"
                      label="Recommendation"
                      options={r.recommendations.map((x) => ({
                        value: String(x.id),
                        label: `${x.ref}: ${x.text.length > 90 ? `${x.text.slice(0, 90)}…` : x.text}`,
                      }))}
                      value={v('rate', 'recommendation_id')}
                      placeholder="Choose"
                      errors={errs('rate')}
                    />
                    <SelectField
                      idPrefix="rate-"
                      name="rating"
                      label="Rating"
                      options={RATINGS.map((g) => ({ value: g, label: RAG_LABEL[g] }))}
                      value={v('rate', 'rating')}
                      placeholder="Choose"
                      errors={errs('rate')}
                    />
                    <TextArea
                      idPrefix="rate-"
                      name="narrative"
                      label="Progress"
                      hint="What has been done, and what is still to do"
                      value={v('rate', 'narrative')}
                      errors={errs('rate')}
                      rows={4}
                    />
                    <TextArea
                      idPrefix="rate-"
                      name="evidence"
                      label="Evidence (optional)"
                      hint="Where the rating comes from: responses, documents, links"
                      value={v('rate', 'evidence')}
                      errors={errs('rate')}
                      rows={2}
                    />
                    <TextField
                      idPrefix="rate-"
                      name="as_of"
                      label="As at"
                      type="date"
                      width="fixed-20"
                      value={v('rate', 'as_of') || todayIn(deps.clock)}
                      errors={errs('rate')}
                    />
                    <Button>Add the rating</Button>
                  </Form>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id',
      permission: 'recommendation:read',
      kind: 'page',
      summary: 'A report: its recommendations, addressees, audit dimensions, latest rating and every earlier one',
    },
    (c) => reportPage(c, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations/reports/:id/recommendations',
      permission: 'recommendation:manage',
      kind: 'page',
      summary: 'Add a recommendation to a report: text, reference, group, addressees, audit dimensions',
      body: AddRecommendationSchema,
      onInvalid: (c, e, raw) => reportPage(c, idParam(c, 'id'), { ...raw, _form: 'rec' }, e.fields),
    },
    async (c, { ctx, body }) => {
      const id = idParam(c, 'id');
      const row = await svc.addRecommendation(ctx, id, body);
      setFlash(c, { kind: 'success', message: `Recommendation ${row.ref} is added.` });
      return c.redirect(`/recommendations/reports/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations/reports/:id/progress',
      permission: 'recommendation:manage',
      kind: 'page',
      summary:
        'Rate progress on a recommendation (Green, Amber or Red, with narrative, evidence and date); earlier ratings are kept',
      body: RateSchema,
      onInvalid: (c, e, raw) => reportPage(c, idParam(c, 'id'), { ...raw, _form: 'rate' }, e.fields),
    },
    async (c, { ctx, body }) => {
      const id = idParam(c, 'id');
      await svc.rate(ctx, id, body);
      setFlash(c, { kind: 'success', message: `The ${RAG_LABEL[body.rating]} rating is added.` });
      return c.redirect(`/recommendations/reports/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id/impact',
      permission: 'recommendation:read',
      kind: 'page',
      summary:
        'The impact table of a report: each group of recommendations with its audit dimensions and progress ratings as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const t = await svc.impact(ctx, idParam(c, 'id'), query.date);
      const base = `/recommendations/reports/${t.report.id}`;
      return render(c, {
        title: `Progress on implementing recommendations: ${t.report.title}`,
        label: t.report.publisher,
        wide: true,
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/recommendations', label: 'Audit recommendations' },
          { href: base, label: t.report.title },
        ],
        children: (
          <>
            <p>
              Each group of related recommendations with its audit dimensions, and the progress ratings in force on{' '}
              {formatDate(t.date)}: for each recommendation, the ratings of the latest date on or before it.
            </p>
            <form method="get" action={`${base}/impact`}>
              <TextField name="date" label="Ratings as at" type="date" width="fixed-20" value={t.date} errors={null} />
              <button type="submit" class="ds_button ds_button--secondary">
                Show
              </button>
            </form>
            <p>
              <a href={`${base}/impact.docx?date=${t.date}`}>Download as Word (.docx)</a> ·{' '}
              <a href={`${base}/impact.csv?date=${t.date}`}>Download CSV</a>
            </p>
            <Table
              caption={`Progress on implementing the recommendations of ${t.report.title}, as at ${formatDate(t.date)}`}
              rows={t.rows}
              empty="This report has no recommendations yet."
              columns={[
                {
                  header: 'Recommendation',
                  cell: (row) => (
                    <>
                      {row.group ? (
                        <p>
                          <strong>{row.group}</strong>
                        </p>
                      ) : null}
                      {addresseeRuns(row).map((run) => (
                        <>
                          <p>{run.heading}</p>
                          <ul>
                            {run.items.map((i) => (
                              <li>
                                {i.ref}: {i.text}
                              </li>
                            ))}
                          </ul>
                        </>
                      ))}
                      {dimensionLine(row) ? (
                        <p>
                          <em>{dimensionLine(row)}</em>
                        </p>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: 'Progress',
                  cell: (row) =>
                    row.progress.length ? (
                      <>
                        {row.progress.map((g) => (
                          <p>
                            {g.narrative} <Rating r={g} />
                            {row.recommendations.length > 1 ? (
                              <span class="ds_hint-text">
                                {' '}
                                ({g.refs.join(', ')}, as at {formatDate(g.asOf)})
                              </span>
                            ) : (
                              <span class="ds_hint-text"> (as at {formatDate(g.asOf)})</span>
                            )}
                          </p>
                        ))}
                      </>
                    ) : (
                      `Not rated by ${formatDate(t.date)}.`
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
      path: '/recommendations/reports/:id/impact.docx',
      permission: 'recommendation:read',
      kind: 'file',
      summary: 'The impact table of a report as a Word document (.docx), ratings as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const t = await svc.impact(ctx, idParam(c, 'id'), query.date);
      return fileResponse(c, 'docx', `recommendations-${t.report.id}-impact-${t.date}.docx`, await impactDocx(t));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id/impact.csv',
      permission: 'recommendation:read',
      kind: 'file',
      summary: 'The impact table of a report as CSV: one row per recommendation with its rating as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const r = await svc.report(ctx, idParam(c, 'id'));
      const date = query.date ?? todayIn(deps.clock);
      return csvResponse(c, `recommendations-${r.id}-impact-${date}.csv`, impactCsv(impactCsvRows(r, date)));
    },
  );

  // The partnership's answers
  const partnershipPage = async (c: Context<AppEnv>, p: PartnershipRef, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const view = await svc.forPartnership(ctx, p);
    const respond = can(ctx.actor, 'recommendation:respond', p.id);
    const form = str(raw, '_form');
    const token = c.get('csrfToken');
    const base = `/p/${p.code}/improvement/recommendations`;
    return render(c, {
      title: errors ? 'Error: Audit recommendations to the partnership' : 'Audit recommendations to the partnership',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: `/p/${p.code}/improvement`, label: 'Improvement' }],
      children: (
        <>
          <ErrorSummary
            errors={errors}
            idPrefix={form ? `${form}-` : ''}
            labels={{
              recommendation_id: 'Recommendation',
              action_id: 'Improvement action',
              note: 'Note',
              response_id: 'Link',
            }}
          />
          {p.fictional ? (
            <p>
              <Tag colour="yellow">Demo – fictional</Tag> The demo partnership and its improvement plan are invented;
              the recommendations and their national ratings are real.
            </p>
          ) : null}
          <p>
            The recommendations addressed to every Community Planning Partnership or to {p.name} by name, with how far
            each has got nationally, and the actions of the partnership’s improvement plan that answer them. These
            answers are seen only inside the partnership.
          </p>
          {view.reports.length ? null : <p class="cairn-empty">No recommendation is addressed to partnerships yet.</p>}
          {respond && !view.actions.length ? (
            <p>
              The partnership has no improvement plan with actions yet.{' '}
              <a href={`/p/${p.code}/plans`}>Start an improvement plan</a> to link its actions here.
            </p>
          ) : null}
          {view.reports.map((r) => (
            <>
              <h2>
                <a href={`/recommendations/reports/${r.id}`}>{r.title}</a>
              </h2>
              <p>
                {r.publisher}, {formatDate(r.publishedOn)}
              </p>
              {r.recommendations.map((x) => {
                const prefix = `link-${x.id}`;
                const mine = form === prefix ? errors : null;
                return (
                  <>
                    <h3>Recommendation {x.ref}</h3>
                    <p>{x.text}</p>
                    <p>
                      Nationally:{' '}
                      {x.latest ? (
                        <>
                          <Rating r={x.latest} /> as at {formatDate(x.latest.asOf)}
                        </>
                      ) : (
                        'not rated yet'
                      )}
                    </p>
                    <Table
                      caption={`${p.name}’s improvement actions answering recommendation ${x.ref}`}
                      rows={x.responses}
                      empty="No improvement action is linked yet."
                      columns={[
                        { header: 'Improvement action', cell: (s) => s.action },
                        { header: 'Plan', cell: (s) => s.plan ?? '' },
                        { header: 'Status', cell: (s) => ACTION_STATUS_LABELS[s.actionStatus] ?? s.actionStatus },
                        {
                          header: 'Latest progress',
                          cell: (s) =>
                            s.progress ? (
                              <>
                                <Rating r={{ rating: s.progress.rag }} /> {formatDate(s.progress.date)}:{' '}
                                {s.progress.narrative}
                              </>
                            ) : (
                              'No approved update yet'
                            ),
                        },
                        { header: 'Note', cell: (s) => s.note ?? '' },
                        ...(respond
                          ? [
                              {
                                header: 'Remove',
                                cell: (s: (typeof x.responses)[number]) => (
                                  <Form action={`${base}/unlink`} token={token}>
                                    <input type="hidden" name="response_id" value={String(s.id)} />
                                    <button type="submit" class="ds_button ds_button--secondary ds_button--small">
                                      Unlink
                                      <span class="visually-hidden">
                                        {' '}
                                        {s.action} from {x.ref}
                                      </span>
                                    </button>
                                  </Form>
                                ),
                              },
                            ]
                          : []),
                      ]}
                    />
                    {respond && view.actions.length ? (
                      <details class="ds_details" open={mine ? true : undefined}>
                        <summary class="ds_details__summary">Link an improvement action to {x.ref}</summary>
                        <div class="ds_details__text">
                          <Form action={`${base}/link`} token={token}>
                            <input type="hidden" name="_form" value={prefix} />
                            <input type="hidden" name="recommendation_id" value={String(x.id)} />
                            <SelectField
                              idPrefix={`${prefix}-`}
                              name="action_id"
                              label="Improvement action"
                              options={view.actions.map((a) => ({
                                value: String(a.id),
                                label: `${a.title} (${a.plan_title})`,
                              }))}
                              value={form === prefix ? str(raw, 'action_id') : ''}
                              placeholder="Choose"
                              errors={mine}
                            />
                            <TextArea
                              idPrefix={`${prefix}-`}
                              name="note"
                              label="How it answers the recommendation (optional)"
                              value={form === prefix ? str(raw, 'note') : ''}
                              errors={mine}
                              rows={2}
                            />
                            <Button secondary>Link the action</Button>
                          </Form>
                        </div>
                      </details>
                    ) : null}
                  </>
                );
              })}
            </>
          ))}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/improvement/recommendations',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The recommendations addressed to the partnership and the improvement actions that answer them',
    },
    (c, { partnership: p }) => partnershipPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/recommendations/link',
      permission: 'recommendation:respond',
      kind: 'page',
      summary: 'Link an action of the partnership’s improvement plan to a recommendation it answers',
      body: LinkSchema,
      onInvalid: (c, e, raw, p) =>
        partnershipPage(c, p, { ...raw, _form: `link-${str(raw, 'recommendation_id')}` }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.link(ctx, p, body);
      setFlash(c, { kind: 'success', message: 'The improvement action is linked.' });
      return c.redirect(`/p/${p.code}/improvement/recommendations`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/recommendations/unlink',
      permission: 'recommendation:respond',
      kind: 'page',
      summary: 'Remove the link between an improvement action and a recommendation',
      body: UnlinkSchema,
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.unlink(ctx, p, body);
      setFlash(c, { kind: 'success', message: 'The link is removed.' });
      return c.redirect(`/p/${p.code}/improvement/recommendations`, 303);
    },
  );
}
