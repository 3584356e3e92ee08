import type { Context } from 'hono';
import { raw } from 'hono/html';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  csvResponse,
  ErrorSummary,
  Form,
  formatDate,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { CaseStudy, CaseStudyHits } from './case-studies.api-schemas.ts';
import {
  CaseStudySchema,
  DocumentSchema,
  EmptySchema,
  MeasureSchema,
  ReturnSchema,
  SearchSchema,
} from './case-studies-schemas.ts';
import type {
  CaseStudiesService,
  CaseStudyDetail,
  CaseStudyMeasureView,
  CaseStudySummary,
  SnippetPart,
} from './case-studies.service.ts';
import { CASE_STUDY_STATUS_LABELS, EDITABLE } from './case-studies-workflow.ts';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: 2 }));
const DIRECTION: Record<
  NonNullable<CaseStudyMeasureView['direction']>,
  { label: string; colour: 'green' | 'red' | 'grey' }
> = {
  improved: { label: 'Improved', colour: 'green' },
  worsened: { label: 'Worsened', colour: 'red' },
  no_change: { label: 'No change', colour: 'grey' },
};
const STATUS_COLOUR = { draft: 'grey', submitted: 'blue', published: 'green', returned: 'orange' } as const;

const CASE_LABELS = {
  title: 'Title',
  summary: 'Summary',
  body: 'The case study',
  theme_code: 'Theme',
  contact: 'Contact',
  criteria: 'Principles',
};
const MEASURE_LABELS = {
  title: 'Measure',
  indicator_code: 'Indicator',
  area_code: 'Area code',
  before_period: 'Period before',
  after_period: 'Period after',
  before_value: 'Value before',
  after_value: 'Value after',
  higher_is_better: 'Direction',
  unit: 'Unit',
  source: 'Source',
};
const DOCUMENT_LABELS = { title: 'Title', url: 'Address' };

function FictionalNote({ s }: { s: { fictional: boolean } }) {
  return s.fictional ? (
    <p>
      <Tag colour="yellow">Demo – fictional</Tag> This case study belongs to the fictional demo partnership.
    </p>
  ) : null;
}

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <p class="cairn-snippet">{parts.map((p) => (p.match ? <mark>{p.text}</mark> : p.text))}</p>;
}

function measuresCsv(d: CaseStudyDetail): string {
  return toCsv(d.measures, [
    { header: 'measure', value: (m) => m.title },
    { header: 'indicator_code', value: (m) => m.indicatorCode },
    { header: 'indicator', value: (m) => m.indicatorName },
    { header: 'area_code', value: (m) => m.areaCode },
    { header: 'area', value: (m) => m.areaName },
    { header: 'unit', value: (m) => m.unit },
    { header: 'higher_is_better', value: (m) => m.higherIsBetter },
    { header: 'before_period', value: (m) => m.beforePeriod },
    { header: 'before_value', value: (m) => m.before },
    { header: 'after_period', value: (m) => m.afterPeriod },
    { header: 'after_value', value: (m) => m.after },
    { header: 'change', value: (m) => m.change },
    { header: 'direction', value: (m) => m.direction },
    { header: 'figures_from', value: (m) => (m.fromCairn ? 'Cairn outcomes data' : 'the partnership') },
    { header: 'source', value: (m) => m.source },
  ]);
}

/** A case study as everyone reads it: text, principles, measures with before and after, documents, contact. */
function CaseStudyView({ d, csvHref }: { d: CaseStudyDetail; csvHref: string | null }) {
  const charted = d.measures.filter((m) => m.before !== null && m.after !== null);
  return (
    <>
      <FictionalNote s={d} />
      <p class="ds_lead">{d.summary}</p>
      <p>
        {d.partnershipName}. Theme: <Tag colour="blue">{d.themeName}</Tag>
        {d.publishedAt ? `. Published ${formatDate(d.publishedAt)}` : ''}.
      </p>
      <h2>Principles it shows</h2>
      {d.criteria.length ? (
        <ul>
          {d.criteria.map((c) => (
            <li>{c.title}</li>
          ))}
        </ul>
      ) : (
        <p class="cairn-empty">No principle named.</p>
      )}
      <h2>What was done</h2>
      {d.body.split(/\n\s*\n/).map((para) => (
        <p>{para}</p>
      ))}
      <h2>What it changed</h2>
      <Table
        caption={`Measures of “${d.title}”: before and after`}
        rows={d.measures}
        empty="No measures recorded."
        columns={[
          {
            header: 'Measure',
            cell: (m) => (
              <>
                {m.title}
                {m.indicatorName ? (
                  <span class="cairn-secondary">
                    {' '}
                    (outcomes data: {m.indicatorName}
                    {m.areaName ? `, ${m.areaName}` : ''})
                  </span>
                ) : (
                  <span class="cairn-secondary"> (the partnership’s own figures)</span>
                )}
                {m.unit ? <span class="cairn-secondary">; {m.unit}</span> : null}
              </>
            ),
          },
          { header: 'Before', cell: (m) => `${num(m.before)} (${m.beforePeriod})`, numeric: true },
          { header: 'After', cell: (m) => `${num(m.after)} (${m.afterPeriod})`, numeric: true },
          { header: 'Change', cell: (m) => num(m.change), numeric: true },
          {
            header: 'Better is',
            cell: (m) => (m.higherIsBetter === null ? 'not set' : m.higherIsBetter ? 'higher' : 'lower'),
          },
          {
            header: 'Result',
            cell: (m) =>
              m.direction ? (
                <Tag colour={DIRECTION[m.direction].colour}>{DIRECTION[m.direction].label}</Tag>
              ) : (
                <span class="cairn-secondary">{m.missing ?? 'Unknown'}</span>
              ),
          },
          { header: 'Source', cell: (m) => m.source ?? '—' },
        ]}
      />
      {csvHref && d.measures.length ? (
        <p>
          <a href={csvHref}>Download CSV</a> of these figures.
        </p>
      ) : null}
      {charted.map((m) => (
        <figure class="cairn-chart">
          {raw(
            barChartSvg(
              [
                { label: `Before (${m.beforePeriod})`, value: m.before! },
                { label: `After (${m.afterPeriod})`, value: m.after! },
              ],
              { title: `${m.title}: ${num(m.before)} in ${m.beforePeriod}, ${num(m.after)} in ${m.afterPeriod}` },
            ),
          )}
          <figcaption>
            {m.title}
            {m.unit ? ` (${m.unit})` : ''}, before and after. The figures are in the table above
            {csvHref ? ' and in its CSV' : ''}.
          </figcaption>
        </figure>
      ))}
      <h2>Documents</h2>
      {d.documents.length ? (
        <ul>
          {d.documents.map((doc) => (
            <li>
              <a href={doc.url} rel="noopener noreferrer">
                {doc.title}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="cairn-empty">No documents linked.</p>
      )}
      <h2>Contact</h2>
      <p>{d.contact}</p>
    </>
  );
}

function SummaryTable({
  rows,
  href,
  caption,
}: {
  rows: CaseStudySummary[];
  href: (r: CaseStudySummary) => string;
  caption: string;
}) {
  return (
    <Table
      caption={caption}
      rows={rows}
      empty="None yet."
      columns={[
        { header: 'Case study', cell: (r) => <a href={href(r)}>{r.title}</a> },
        { header: 'Partnership', cell: (r) => r.partnershipName },
        { header: 'Theme', cell: (r) => r.themeName },
        {
          header: 'Status',
          cell: (r) => <Tag colour={STATUS_COLOUR[r.status]}>{CASE_STUDY_STATUS_LABELS[r.status]}</Tag>,
        },
        { header: 'Submitted', cell: (r) => (r.submittedAt ? formatDate(r.submittedAt) : '—') },
        { header: 'Changed', cell: (r) => formatDate(r.updatedAt) },
      ]}
    />
  );
}

/** What the case-study routes use: their service only. */
export interface CaseStudiesRoutesDeps {
  caseStudies: CaseStudiesService;
}

export function caseStudiesRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const str = (raw: Record<string, unknown>, k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const listOf = (raw: Record<string, unknown>, k: string) =>
    Array.isArray(raw[k]) ? (raw[k] as string[]) : typeof raw[k] === 'string' ? [raw[k] as string] : [];

  /** The fields of a case study (create and edit share them). */
  const CaseFields = async ({
    v,
    chosen,
    errors,
    prefix,
  }: {
    v: (k: string) => string;
    chosen: string[];
    errors: FieldErrors | null;
    prefix: string;
  }) => {
    const [themes, principles] = await Promise.all([svc.themes(), svc.principles()]);
    const messages = errors?.['criteria'] ?? [];
    return (
      <>
        <TextField name="title" idPrefix={prefix} label="Title" value={v('title')} errors={errors} />
        <TextArea
          name="summary"
          idPrefix={prefix}
          label="Summary"
          hint="One or two sentences: what was done and what changed."
          value={v('summary')}
          errors={errors}
          rows={3}
        />
        <TextArea
          name="body"
          idPrefix={prefix}
          label="The case study"
          hint="What the problem was, what the partners did together, what changed and what others can learn. Leave a blank line between paragraphs."
          value={v('body')}
          errors={errors}
          rows={10}
        />
        <SelectField
          name="theme_code"
          idPrefix={prefix}
          label="Theme: the national outcome it mainly serves"
          options={themes.map((t) => ({ value: t.code, label: t.name }))}
          value={v('theme_code')}
          placeholder="Choose"
          errors={errors}
        />
        <fieldset class={`ds_question${messages.length ? ' ds_question--error' : ''}`} id={`${prefix}criteria`}>
          <legend class="ds_label">Principles of effective community planning it shows (optional)</legend>
          {messages.length ? <p class="ds_question__error-message">{messages.join(' ')}</p> : null}
          <div class="ds_field-group">
            {principles.map((pr) => (
              <div class="ds_checkbox ds_checkbox--small">
                <input
                  class="ds_checkbox__input"
                  type="checkbox"
                  id={`${prefix}criteria-${pr.id}`}
                  name="criteria"
                  value={String(pr.id)}
                  checked={chosen.includes(String(pr.id))}
                />
                <label class="ds_checkbox__label" for={`${prefix}criteria-${pr.id}`}>
                  {pr.title}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          name="contact"
          idPrefix={prefix}
          label="Contact"
          hint="Who to ask about it: a name, role or e-mail address. It is published with the case study."
          value={v('contact')}
          errors={errors}
        />
      </>
    );
  };

  // ---- The partnership's own: /p/:partnership/improvement/case-studies

  const listPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const list = await svc.listOwn(ctx, p);
    const base = `/p/${p.code}/improvement/case-studies`;
    return render(c, {
      title: errors ? 'Error: case studies' : 'Case studies',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: `/p/${p.code}/improvement`, label: 'Improvement' }],
      children: (
        <>
          <ErrorSummary errors={errors} labels={CASE_LABELS} />
          <p>
            Case studies of what worked here, for the national <a href="/good-practice">good-practice library</a>. Write
            a draft, then submit it: a national analyst publishes it or returns it with a reason. Only published case
            studies are public.
          </p>
          <SummaryTable rows={list} href={(r) => `${base}/${r.id}`} caption="The partnership’s case studies" />
          {can(ctx.actor, 'case-study:edit', p.id) ? (
            <>
              <h2>Write a case study</h2>
              <Form action={base} token={c.get('csrfToken')}>
                {await CaseFields({ v: (k) => str(raw, k), chosen: listOf(raw, 'criteria'), errors, prefix: '' })}
                <Button>Save as a draft</Button>
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
      path: '/p/:partnership/improvement/case-studies',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s case studies, drafts included',
    },
    (c, { partnership: p }) => listPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/improvement/case-studies',
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Start a case study (a draft)',
      body: CaseStudySchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await svc.create(ctx, p, body);
      setFlash(c, { kind: 'success', message: `“${row.title}” is saved as a draft.` });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${row.id}`, 303);
    },
  );

  const detailPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const d = await svc.ownDetail(ctx, p, id);
    const form = str(raw, '_form');
    const errs = (name: string) => (form === name ? errors : null);
    const base = `/p/${p.code}/improvement/case-studies/${d.id}`;
    const token = c.get('csrfToken');
    const canEdit = can(ctx.actor, 'case-study:edit', p.id) && EDITABLE.includes(d.status);
    const edited = form === 'edit';
    const v = (k: string) =>
      edited
        ? str(raw, k)
        : k === 'theme_code'
          ? d.themeCode
          : String((d as unknown as Record<string, unknown>)[k] ?? '');
    const mv = (name: string, k: string) => (form === name ? str(raw, k) : '');
    const indicators = canEdit ? await svc.indicators(p) : [];
    const labels = form === 'measure' ? MEASURE_LABELS : form === 'document' ? DOCUMENT_LABELS : CASE_LABELS;
    return render(c, {
      title: errors ? `Error: ${d.title}` : d.title,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [
        { href: `/p/${p.code}/improvement`, label: 'Improvement' },
        { href: `/p/${p.code}/improvement/case-studies`, label: 'Case studies' },
      ],
      children: (
        <>
          <ErrorSummary errors={errors} labels={labels} idPrefix={form ? `${form}-` : ''} />
          <p>
            Status: <Tag colour={STATUS_COLOUR[d.status]}>{CASE_STUDY_STATUS_LABELS[d.status]}</Tag>
            {d.status === 'published' ? (
              <>
                {' '}
                — <a href={`/good-practice/${d.id}`}>the public page</a>
              </>
            ) : null}
          </p>
          {d.status === 'returned' && d.returnReason ? (
            <div class="ds_inset-text">
              <div class="ds_inset-text__text">
                <strong>Returned by the national review:</strong> {d.returnReason}
              </div>
            </div>
          ) : null}
          <CaseStudyView d={d} csvHref={null} />
          {canEdit ? (
            <>
              <h2>Submit for publication</h2>
              <p>Once submitted, the case study cannot be changed unless the review returns it.</p>
              <Form action={`${base}/submit`} token={token}>
                <Button>Submit for publication</Button>
              </Form>
              <h2>Change the case study</h2>
              <details class="ds_details" open={edited && errors ? true : undefined}>
                <summary class="ds_details__summary">Edit the text, theme, principles and contact</summary>
                <div class="ds_details__text">
                  <Form action={base} token={token}>
                    <input type="hidden" name="_form" value="edit" />
                    {await CaseFields({
                      v,
                      chosen: edited ? listOf(raw, 'criteria') : d.criteria.map((x) => String(x.id)),
                      errors: errs('edit'),
                      prefix: 'edit-',
                    })}
                    <Button>Save changes</Button>
                  </Form>
                </div>
              </details>
              <h2>Measures</h2>
              {d.measures.map((m) => (
                <Form action={`${base}/measures/${m.id}/delete`} token={token}>
                  <Button secondary small>
                    Remove “{m.title}”
                  </Button>
                </Form>
              ))}
              <details class="ds_details" open={form === 'measure' && errors ? true : undefined}>
                <summary class="ds_details__summary">Add a measure it moved</summary>
                <div class="ds_details__text">
                  <p>
                    Choose an indicator of the outcomes data and Cairn reads the values before and after from it.
                    Without one, enter the partnership’s own figures and their source.
                  </p>
                  <Form action={`${base}/measures`} token={token}>
                    <input type="hidden" name="_form" value="measure" />
                    <TextField
                      name="title"
                      idPrefix="measure-"
                      label="Measure"
                      value={mv('measure', 'title')}
                      errors={errs('measure')}
                    />
                    <SelectField
                      name="indicator_code"
                      idPrefix="measure-"
                      label="Indicator of the outcomes data (optional)"
                      options={indicators.map((i) => ({ value: i.code, label: i.name }))}
                      value={mv('measure', 'indicator_code')}
                      placeholder="None: the partnership’s own figures"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="area_code"
                      idPrefix="measure-"
                      label="Area code (with an indicator)"
                      hint={`For example ${p.councilAreaCode}, the partnership’s council area`}
                      value={mv('measure', 'area_code')}
                      width="fixed-20"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="before_period"
                      idPrefix="measure-"
                      label="Period before"
                      hint="As the data labels it, for example 2018 or 2018/19"
                      value={mv('measure', 'before_period')}
                      width="fixed-20"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="after_period"
                      idPrefix="measure-"
                      label="Period after"
                      value={mv('measure', 'after_period')}
                      width="fixed-20"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="before_value"
                      idPrefix="measure-"
                      label="Value before (own figures only)"
                      value={mv('measure', 'before_value')}
                      width="fixed-20"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="after_value"
                      idPrefix="measure-"
                      label="Value after (own figures only)"
                      value={mv('measure', 'after_value')}
                      width="fixed-20"
                      errors={errs('measure')}
                    />
                    <SelectField
                      name="higher_is_better"
                      idPrefix="measure-"
                      label="Direction (own figures only)"
                      options={[
                        { value: 'true', label: 'Higher is better' },
                        { value: 'false', label: 'Lower is better' },
                      ]}
                      value={mv('measure', 'higher_is_better')}
                      placeholder="Choose"
                      errors={errs('measure')}
                    />
                    <TextField
                      name="unit"
                      idPrefix="measure-"
                      label="Unit (optional)"
                      value={mv('measure', 'unit')}
                      errors={errs('measure')}
                    />
                    <TextField
                      name="source"
                      idPrefix="measure-"
                      label="Source of the own figures"
                      value={mv('measure', 'source')}
                      errors={errs('measure')}
                    />
                    <Button>Add the measure</Button>
                  </Form>
                </div>
              </details>
              <h2>Documents</h2>
              {d.documents.map((doc) => (
                <Form action={`${base}/documents/${doc.id}/delete`} token={token}>
                  <Button secondary small>
                    Remove “{doc.title}”
                  </Button>
                </Form>
              ))}
              <details class="ds_details" open={form === 'document' && errors ? true : undefined}>
                <summary class="ds_details__summary">Link a document</summary>
                <div class="ds_details__text">
                  <Form action={`${base}/documents`} token={token}>
                    <input type="hidden" name="_form" value="document" />
                    <TextField
                      name="title"
                      idPrefix="document-"
                      label="Title"
                      value={mv('document', 'title')}
                      errors={errs('document')}
                    />
                    <TextField
                      name="url"
                      idPrefix="document-"
                      type="url"
                      label="Address (a published report, evaluation or board paper)"
                      value={mv('document', 'url')}
                      errors={errs('document')}
                    />
                    <Button>Link the document</Button>
                  </Form>
                </div>
              </details>
            </>
          ) : null}
        </>
      ),
    });
  };

  const own = '/p/:partnership/improvement/case-studies/:caseStudyId';
  router.route(
    {
      method: 'GET',
      path: own,
      permission: 'improvement:read',
      kind: 'page',
      summary: 'One of the partnership’s case studies, with its workflow',
    },
    (c, { partnership: p }) => detailPage(c, p, idParam(c, 'caseStudyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: own,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Change a draft or returned case study',
      body: CaseStudySchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'edit' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.update(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: 'The case study is saved.' });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/measures`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Add a measure the case study moved (before and after)',
      body: MeasureSchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'measure' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.addMeasure(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: `The measure “${body.title}” is added.` });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/measures/:measureId/delete`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Remove a measure from a case study',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.removeMeasure(ctx, p, id, idParam(c, 'measureId'));
      setFlash(c, { kind: 'success', message: 'The measure is removed.' });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/documents`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Link a document to a case study',
      body: DocumentSchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'document' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.addDocument(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: `“${body.title}” is linked.` });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/documents/:documentId/delete`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Remove a document from a case study',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.removeDocument(ctx, p, id, idParam(c, 'documentId'));
      setFlash(c, { kind: 'success', message: 'The document is removed.' });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/submit`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Submit a case study for publication',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.submit(ctx, p, id);
      setFlash(c, {
        kind: 'success',
        message: 'The case study is submitted. A national analyst will publish it or return it with a reason.',
      });
      return c.redirect(`/p/${p.code}/improvement/case-studies/${id}`, 303);
    },
  );

  // ---- National review (registered before /good-practice/:caseStudyId so that "review" is not taken for an id)

  router.route(
    {
      method: 'GET',
      path: '/good-practice/review',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Case studies submitted for publication, oldest first',
    },
    async (c, { ctx }) => {
      const list = await svc.queue(ctx);
      return render(c, {
        title: 'Case studies to review',
        wide: true,
        crumbs: [{ href: '/good-practice', label: 'Good practice' }],
        children: (
          <>
            <p>
              Case studies partnerships have submitted. Publish each in the good-practice library, or return it to the
              partnership with a reason.
            </p>
            <SummaryTable
              rows={list}
              href={(r) => `/good-practice/review/${r.id}`}
              caption="Submitted case studies, oldest first"
            />
          </>
        ),
      });
    },
  );

  const reviewPage = async (
    c: Context<AppEnv>,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const d = await svc.reviewDetail(ctx, id);
    const token = c.get('csrfToken');
    return render(c, {
      title: errors ? `Error: ${d.title}` : d.title,
      label: d.partnershipName,
      wide: true,
      crumbs: [
        { href: '/good-practice', label: 'Good practice' },
        { href: '/good-practice/review', label: 'To review' },
      ],
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ reason: 'Reason' }} />
          <p>
            Status: <Tag colour={STATUS_COLOUR[d.status]}>{CASE_STUDY_STATUS_LABELS[d.status]}</Tag>
            {d.submittedAt ? `, submitted ${formatDate(d.submittedAt)}` : ''}.
          </p>
          <CaseStudyView d={d} csvHref={null} />
          {d.status === 'submitted' ? (
            <>
              <h2>Publish</h2>
              <Form action={`/good-practice/review/${d.id}/publish`} token={token}>
                <Button>Publish in the good-practice library</Button>
              </Form>
              <h2>Return to the partnership</h2>
              <Form action={`/good-practice/review/${d.id}/return`} token={token}>
                <TextArea
                  name="reason"
                  label="Reason"
                  hint="What the partnership should change before it submits again. The partnership sees this."
                  value={str(raw, 'reason')}
                  errors={errors}
                  rows={4}
                />
                <Button secondary>Return it</Button>
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
      path: '/good-practice/review/:caseStudyId',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'A submitted case study, to publish or return',
    },
    (c) => reviewPage(c, idParam(c, 'caseStudyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/good-practice/review/:caseStudyId/publish',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Publish a submitted case study',
      body: EmptySchema,
    },
    async (c, { ctx }) => {
      const s = await svc.decide(ctx, idParam(c, 'caseStudyId'), 'publish');
      setFlash(c, { kind: 'success', message: `“${s.title}” is published.` });
      return c.redirect(`/good-practice/${s.id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/good-practice/review/:caseStudyId/return',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Return a submitted case study to its partnership with a reason',
      body: ReturnSchema,
      onInvalid: (c, e, raw) => reviewPage(c, idParam(c, 'caseStudyId'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const s = await svc.decide(ctx, idParam(c, 'caseStudyId'), 'return', body.reason);
      setFlash(c, { kind: 'success', message: `“${s.title}” is returned to ${s.partnershipName}.` });
      return c.redirect('/good-practice/review', 303);
    },
  );

  // ---- Public

  router.route(
    {
      method: 'GET',
      path: '/good-practice',
      permission: 'case-study:read',
      kind: 'page',
      summary: 'The good-practice library: search published case studies by words, theme, principle and partnership',
      query: SearchSchema,
    },
    async (c, { ctx, query }) => {
      const [hits, themes, principles, partnerships] = await Promise.all([
        svc.search(ctx, query),
        svc.themes(),
        svc.principles(),
        svc.publishingPartnerships(),
      ]);
      const filtered = Boolean(query.q || query.theme || query.principle || query.partnership);
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      return render(c, {
        title: 'Good practice',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: (
          <>
            <p class="ds_lead">
              Case studies from community planning partnerships: what they did together, the principles it shows, and
              what it changed, with the figures before and after.
            </p>
            {can(ctx.actor, 'case-study:publish') ? (
              <p>
                <a href="/good-practice/review">Case studies to review</a>
              </p>
            ) : null}
            <form method="get" action="/good-practice" class="cairn-filters" role="search" aria-label="Case studies">
              <div class="ds_question">
                <label class="ds_label" for="q">
                  Words
                </label>
                <p class="ds_hint-text" id="q-hint">
                  For example: community transport, "participatory budgeting", poverty -child
                </p>
                <input
                  class="ds_input ds_input--fluid-two-thirds"
                  type="search"
                  id="q"
                  name="q"
                  value={query.q ?? ''}
                  aria-describedby="q-hint"
                />
              </div>
              <SelectField
                name="theme"
                label="Theme"
                options={themes.map((t) => ({ value: t.code, label: t.name }))}
                value={query.theme ?? ''}
                placeholder="Any theme"
              />
              <SelectField
                name="principle"
                label="Principle"
                options={principles.map((pr) => ({ value: pr.code, label: pr.title }))}
                value={query.principle ?? ''}
                placeholder="Any principle"
              />
              <SelectField
                name="partnership"
                label="Partnership"
                options={partnerships.map((pt) => ({ value: pt.code, label: pt.name }))}
                value={query.partnership ?? ''}
                placeholder="Any partnership"
              />
              <button type="submit" class="ds_button">
                Search
              </button>
            </form>
            <h2 aria-live="polite">
              {hits.length === 1 ? '1 case study' : `${hits.length} case studies`}
              {filtered ? ' found' : ''}
            </h2>
            {hits.length === 0 ? (
              <p class="cairn-empty">
                {filtered
                  ? 'No published case study matches. Try fewer or other words.'
                  : 'No case study is published yet.'}
              </p>
            ) : null}
            {hits.length ? (
              <ol class="ds_search-results__list cairn-results">
                {hits.map((h) => (
                  <li class="ds_search-result">
                    <h3 class="ds_search-result__title">
                      <a class="ds_search-result__link" href={`/good-practice/${h.id}`}>
                        {h.title}
                      </a>
                    </h3>
                    {h.snippet ? <Snippet parts={h.snippet} /> : <p class="ds_search-result__summary">{h.summary}</p>}
                    <p class="cairn-secondary">
                      {h.partnershipName}
                      {h.fictional ? ' (fictional demo)' : ''} · {h.themeName} · published {formatDate(h.publishedAt)}
                    </p>
                  </li>
                ))}
              </ol>
            ) : null}
            <p>
              <a href={`/api/v1/good-practice${params.size ? `?${params}` : ''}`}>These results as JSON</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/good-practice/:caseStudyId',
      permission: 'case-study:read',
      kind: 'page',
      summary: 'A published case study with its measures before and after',
    },
    async (c, { ctx }) => {
      const d = await svc.published(ctx, idParam(c, 'caseStudyId'));
      return render(c, {
        title: d.title,
        label: d.partnershipName,
        wide: true,
        crumbs: [{ href: '/good-practice', label: 'Good practice' }],
        children: (
          <>
            <CaseStudyView d={d} csvHref={`/good-practice/${d.id}/measures.csv`} />
            <p>
              <a href={`/api/v1/good-practice/${d.id}`}>This case study as JSON</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/good-practice/:caseStudyId/measures.csv',
      permission: 'case-study:read',
      kind: 'file',
      summary: 'A published case study’s measures, before and after, as CSV',
    },
    async (c, { ctx }) => {
      const d = await svc.published(ctx, idParam(c, 'caseStudyId'));
      return csvResponse(c, `case-study-${d.id}-measures.csv`, measuresCsv(d));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/good-practice',
      permission: 'case-study:read',
      kind: 'api',
      tag: 'good-practice',
      summary: 'Search published case studies (full text in q; theme, principle and partnership filters)',
      query: SearchSchema,
      operationId: 'searchCaseStudies',
      response: CaseStudyHits,
    },
    async (c, { ctx, query }) => {
      const hits = await svc.search(ctx, query);
      return c.json({
        data: hits.map(({ snippet, ...h }) => ({
          ...h,
          snippet: snippet ? snippet.map((s) => (s.match ? `**${s.text}**` : s.text)).join('') : null,
        })),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/good-practice/:caseStudyId',
      permission: 'case-study:read',
      kind: 'api',
      tag: 'good-practice',
      summary: 'A published case study with principles, measures before and after, and documents',
      operationId: 'getCaseStudy',
      response: CaseStudy,
    },
    async (c, { ctx }) => {
      return c.json(await svc.published(ctx, idParam(c, 'caseStudyId')));
    },
  );
}
