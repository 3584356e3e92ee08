import { raw } from 'hono/html';
import { sentText } from '../../core/http/forms.ts';
import type { FieldErrors } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref, type PathSegment } from '../../core/http/paths.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  ErrorSummary,
  Form,
  formatDate,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../../core/ui/components.tsx';
import type {
  CaseStudyDetail,
  CaseStudyMeasureView,
  CaseStudySummary,
  SearchHit,
  SnippetPart,
} from './case-studies.service.ts';
import type { SearchInput } from './case-studies-schemas.ts';
import { CASE_STUDY_STATUS_LABELS } from './case-studies-workflow.ts';

/** Views of the good-practice library and a partnership's case studies: props in, JSX out (routes in case-studies.routes.tsx). */

/** The address of a page of the partnership's case studies: `caseStudiesHref(p.code, 4, 'measures')`. */
export const caseStudiesHref = (code: string, ...segments: PathSegment[]) =>
  partnershipHref(code, 'improvement', 'case-studies', ...segments);

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: 2 }));
const listOf = (raw: Record<string, unknown>, k: string) =>
  Array.isArray(raw[k]) ? (raw[k] as string[]) : typeof raw[k] === 'string' ? [raw[k] as string] : [];
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

/** The themes and principles a case study may name (the case study form's choices). */
export interface CaseChoices {
  themes: { code: string; name: string }[];
  principles: { id: number; code: string; title: string }[];
}

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

function StatusTag({ status }: { status: CaseStudySummary['status'] }) {
  return <Tag colour={STATUS_COLOUR[status]}>{CASE_STUDY_STATUS_LABELS[status]}</Tag>;
}

function MeasuresTable({ d }: { d: CaseStudyDetail }) {
  return (
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
  );
}

function MeasureChart({ m, withCsv }: { m: CaseStudyMeasureView; withCsv: boolean }) {
  return (
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
        {withCsv ? ' and in its CSV' : ''}.
      </figcaption>
    </figure>
  );
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
      <MeasuresTable d={d} />
      {csvHref && d.measures.length ? (
        <p>
          <a href={csvHref}>Download CSV</a> of these figures.
        </p>
      ) : null}
      {charted.map((m) => (
        <MeasureChart m={m} withCsv={csvHref !== null} />
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
        { header: 'Status', cell: (r) => <StatusTag status={r.status} /> },
        { header: 'Submitted', cell: (r) => (r.submittedAt ? formatDate(r.submittedAt) : '—') },
        { header: 'Changed', cell: (r) => formatDate(r.updatedAt) },
      ]}
    />
  );
}

/** The principles a case study shows, as checkboxes. */
function PrinciplesField({
  principles,
  chosen,
  errors,
  prefix,
}: {
  principles: CaseChoices['principles'];
  chosen: string[];
  errors: FieldErrors | null;
  prefix: string;
}) {
  const messages = errors?.['criteria'] ?? [];
  return (
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
  );
}

/** The fields of a case study (create and edit share them). */
function CaseFields({
  choices,
  v,
  chosen,
  errors,
  prefix,
}: {
  choices: CaseChoices;
  v: (k: string) => string;
  chosen: string[];
  errors: FieldErrors | null;
  prefix: string;
}) {
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
        options={choices.themes.map((t) => ({ value: t.code, label: t.name }))}
        value={v('theme_code')}
        placeholder="Choose"
        errors={errors}
      />
      <PrinciplesField principles={choices.principles} chosen={chosen} errors={errors} prefix={prefix} />
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
}

// ---- The partnership's own

/** The partnership's case studies, with the form to write one when `choices` are given (it may edit). */
export function CaseStudiesListPage({
  p,
  list,
  choices,
  token,
  raw,
  errors,
}: {
  p: PartnershipRef;
  list: CaseStudySummary[];
  choices: CaseChoices | null;
  token: string;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={CASE_LABELS} />
      <p>
        Case studies of what worked here, for the national <a href="/good-practice">good-practice library</a>. Write a
        draft, then submit it: a national analyst publishes it or returns it with a reason. Only published case studies
        are public.
      </p>
      <SummaryTable rows={list} href={(r) => caseStudiesHref(p.code, r.id)} caption="The partnership’s case studies" />
      {choices ? (
        <>
          <h2>Write a case study</h2>
          <Form action={caseStudiesHref(p.code)} token={token}>
            <CaseFields
              choices={choices}
              v={(k) => sentText(raw, k)}
              chosen={listOf(raw, 'criteria')}
              errors={errors}
              prefix=""
            />
            <Button>Save as a draft</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

interface DetailFormProps {
  p: PartnershipRef;
  d: CaseStudyDetail;
  token: string;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
  /** Which form `raw` and `errors` belong to: 'edit', 'measure', 'document', or ''. */
  form: string;
}

const errorsOf = ({ form, errors }: DetailFormProps, name: string) => (form === name ? errors : null);
const sentOf = (props: DetailFormProps, name: string) => (k: string) =>
  props.form === name ? sentText(props.raw, k) : '';

function EditForm(props: DetailFormProps & { choices: CaseChoices }) {
  const { d, raw, form, errors } = props;
  const edited = form === 'edit';
  const v = (k: string) =>
    edited
      ? sentText(raw, k)
      : k === 'theme_code'
        ? d.themeCode
        : String((d as unknown as Record<string, unknown>)[k] ?? '');
  return (
    <>
      <h2>Change the case study</h2>
      <details class="ds_details" open={edited && errors ? true : undefined}>
        <summary class="ds_details__summary">Edit the text, theme, principles and contact</summary>
        <div class="ds_details__text">
          <Form action={caseStudiesHref(props.p.code, d.id)} token={props.token}>
            <input type="hidden" name="_form" value="edit" />
            <CaseFields
              choices={props.choices}
              v={v}
              chosen={edited ? listOf(raw, 'criteria') : d.criteria.map((x) => String(x.id))}
              errors={errorsOf(props, 'edit')}
              prefix="edit-"
            />
            <Button>Save changes</Button>
          </Form>
        </div>
      </details>
    </>
  );
}

function MeasureFields({
  p,
  indicators,
  mv,
  errs,
}: {
  p: PartnershipRef;
  indicators: { code: string; name: string }[];
  mv: (k: string) => string;
  errs: FieldErrors | null;
}) {
  const field = (name: string, label: string, more: { hint?: string; width?: 'fixed-20' } = {}) => (
    <TextField name={name} idPrefix="measure-" label={label} value={mv(name)} errors={errs} {...more} />
  );
  return (
    <>
      {field('title', 'Measure')}
      <SelectField
        name="indicator_code"
        idPrefix="measure-"
        label="Indicator of the outcomes data (optional)"
        options={indicators.map((i) => ({ value: i.code, label: i.name }))}
        value={mv('indicator_code')}
        placeholder="None: the partnership’s own figures"
        errors={errs}
      />
      {field('area_code', 'Area code (with an indicator)', {
        hint: `For example ${p.councilAreaCode}, the partnership’s council area`,
        width: 'fixed-20',
      })}
      {field('before_period', 'Period before', {
        hint: 'As the data labels it, for example 2018 or 2018/19',
        width: 'fixed-20',
      })}
      {field('after_period', 'Period after', { width: 'fixed-20' })}
      {field('before_value', 'Value before (own figures only)', { width: 'fixed-20' })}
      {field('after_value', 'Value after (own figures only)', { width: 'fixed-20' })}
      <SelectField
        name="higher_is_better"
        idPrefix="measure-"
        label="Direction (own figures only)"
        options={[
          { value: 'true', label: 'Higher is better' },
          { value: 'false', label: 'Lower is better' },
        ]}
        value={mv('higher_is_better')}
        placeholder="Choose"
        errors={errs}
      />
      {field('unit', 'Unit (optional)')}
      {field('source', 'Source of the own figures')}
    </>
  );
}

function MeasuresSection(props: DetailFormProps & { indicators: { code: string; name: string }[] }) {
  const { p, d, token, form, errors } = props;
  return (
    <>
      <h2>Measures</h2>
      {d.measures.map((m) => (
        <Form action={caseStudiesHref(p.code, d.id, 'measures', m.id, 'delete')} token={token}>
          <Button secondary small>
            Remove “{m.title}”
          </Button>
        </Form>
      ))}
      <details class="ds_details" open={form === 'measure' && errors ? true : undefined}>
        <summary class="ds_details__summary">Add a measure it moved</summary>
        <div class="ds_details__text">
          <p>
            Choose an indicator of the outcomes data and Cairn reads the values before and after from it. Without one,
            enter the partnership’s own figures and their source.
          </p>
          <Form action={caseStudiesHref(p.code, d.id, 'measures')} token={token}>
            <input type="hidden" name="_form" value="measure" />
            <MeasureFields
              p={p}
              indicators={props.indicators}
              mv={sentOf(props, 'measure')}
              errs={errorsOf(props, 'measure')}
            />
            <Button>Add the measure</Button>
          </Form>
        </div>
      </details>
    </>
  );
}

function DocumentsSection(props: DetailFormProps) {
  const { p, d, token, form, errors } = props;
  const mv = sentOf(props, 'document');
  const errs = errorsOf(props, 'document');
  return (
    <>
      <h2>Documents</h2>
      {d.documents.map((doc) => (
        <Form action={caseStudiesHref(p.code, d.id, 'documents', doc.id, 'delete')} token={token}>
          <Button secondary small>
            Remove “{doc.title}”
          </Button>
        </Form>
      ))}
      <details class="ds_details" open={form === 'document' && errors ? true : undefined}>
        <summary class="ds_details__summary">Link a document</summary>
        <div class="ds_details__text">
          <Form action={caseStudiesHref(p.code, d.id, 'documents')} token={token}>
            <input type="hidden" name="_form" value="document" />
            <TextField name="title" idPrefix="document-" label="Title" value={mv('title')} errors={errs} />
            <TextField
              name="url"
              idPrefix="document-"
              type="url"
              label="Address (a published report, evaluation or board paper)"
              value={mv('url')}
              errors={errs}
            />
            <Button>Link the document</Button>
          </Form>
        </div>
      </details>
    </>
  );
}

/**
 * One of the partnership's case studies with its workflow; `editing` (the choices and indicators of its forms)
 * is given when the actor may change it now.
 */
export function CaseStudyDetailPage(
  props: DetailFormProps & {
    editing: { choices: CaseChoices; indicators: { code: string; name: string }[] } | null;
  },
) {
  const { p, d, token, form, errors, editing } = props;
  const labels = form === 'measure' ? MEASURE_LABELS : form === 'document' ? DOCUMENT_LABELS : CASE_LABELS;
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} idPrefix={form ? `${form}-` : ''} />
      <p>
        Status: <StatusTag status={d.status} />
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
      {editing ? (
        <>
          <h2>Submit for publication</h2>
          <p>Once submitted, the case study cannot be changed unless the review returns it.</p>
          <Form action={caseStudiesHref(p.code, d.id, 'submit')} token={token}>
            <Button>Submit for publication</Button>
          </Form>
          <EditForm {...props} choices={editing.choices} />
          <MeasuresSection {...props} indicators={editing.indicators} />
          <DocumentsSection {...props} />
        </>
      ) : null}
    </>
  );
}

// ---- National review

export function ReviewQueuePage({ list }: { list: CaseStudySummary[] }) {
  return (
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
  );
}

export function ReviewPage({
  d,
  token,
  raw,
  errors,
}: {
  d: CaseStudyDetail;
  token: string;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={{ reason: 'Reason' }} />
      <p>
        Status: <StatusTag status={d.status} />
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
              value={sentText(raw, 'reason')}
              errors={errors}
              rows={4}
            />
            <Button secondary>Return it</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

// ---- Public

function SearchForm({
  query,
  choices,
  partnerships,
}: {
  query: SearchInput;
  choices: CaseChoices;
  partnerships: { code: string; name: string }[];
}) {
  return (
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
        options={choices.themes.map((t) => ({ value: t.code, label: t.name }))}
        value={query.theme ?? ''}
        placeholder="Any theme"
      />
      <SelectField
        name="principle"
        label="Principle"
        options={choices.principles.map((pr) => ({ value: pr.code, label: pr.title }))}
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
  );
}

function SearchResults({ hits }: { hits: SearchHit[] }) {
  return (
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
  );
}

/** The good-practice library: the search form and what it found; `mayReview` links the review queue. */
export function LibraryPage({
  query,
  hits,
  choices,
  partnerships,
  mayReview,
  jsonHref,
}: {
  query: SearchInput;
  hits: SearchHit[];
  choices: CaseChoices;
  partnerships: { code: string; name: string }[];
  mayReview: boolean;
  jsonHref: string;
}) {
  const filtered = Boolean(query.q || query.theme || query.principle || query.partnership);
  return (
    <>
      <p class="ds_lead">
        Case studies from community planning partnerships: what they did together, the principles it shows, and what it
        changed, with the figures before and after.
      </p>
      {mayReview ? (
        <p>
          <a href="/good-practice/review">Case studies to review</a>
        </p>
      ) : null}
      <SearchForm query={query} choices={choices} partnerships={partnerships} />
      <h2 aria-live="polite">
        {hits.length === 1 ? '1 case study' : `${hits.length} case studies`}
        {filtered ? ' found' : ''}
      </h2>
      {hits.length === 0 ? (
        <p class="cairn-empty">
          {filtered ? 'No published case study matches. Try fewer or other words.' : 'No case study is published yet.'}
        </p>
      ) : null}
      {hits.length ? <SearchResults hits={hits} /> : null}
      <p>
        <a href={jsonHref}>These results as JSON</a>
      </p>
    </>
  );
}

/** A published case study as the public reads it. */
export function PublishedCaseStudyPage({ d }: { d: CaseStudyDetail }) {
  return (
    <>
      <CaseStudyView d={d} csvHref={`/good-practice/${d.id}/measures.csv`} />
      <p>
        <a href={`/api/v1/good-practice/${d.id}`}>This case study as JSON</a>
      </p>
    </>
  );
}
