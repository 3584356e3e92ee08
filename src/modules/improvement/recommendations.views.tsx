import type { FieldErrors } from '../../core/errors.ts';
import { sentText } from '../../core/http/forms.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import {
  Button,
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
import { ACTION_STATUS_LABELS, RAG_COLOUR, RAG_LABEL } from '../plans/index.ts';
import { addresseeRuns, dimensionLine } from './recommendations-docx.ts';
import { joinAnd } from './recommendations.presenters.ts';
import { ADDRESSEE_LABELS, GENERAL_ADDRESSEES, RATINGS } from './recommendations.schemas.ts';
import type {
  ImpactTable,
  RatingView,
  RecommendationsService,
  RecommendationView,
  ReportView,
} from './recommendations.service.ts';

/** Views of the recommendations tracker: props in, JSX out (the routes are in recommendations.routes.tsx). */

type Raw = Record<string, unknown>;

const Rating = ({ r }: { r: { rating: keyof typeof RAG_LABEL } }) => (
  <Tag colour={RAG_COLOUR[r.rating]}>{RAG_LABEL[r.rating]}</Tag>
);

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

// ---- The reports

/** The list of reports and, for those who manage them, the form to add one. */
export function ReportList({
  reports,
  manage,
  raw,
  errors,
  csrfToken,
}: {
  reports: { id: number; title: string; publisher: string; publishedOn: string; recommendations: number }[];
  /** Whether the reader may add reports. */
  manage: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={REPORT_LABELS} />
      <p class="ds_lead">
        Reports that made recommendations on community planning — to the Scottish Government, COSLA, all partnerships or
        a named one — with how far each has got, rated Green, Amber or Red, and the impact table for any date as Word
        and CSV.
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
      {manage ? (
        <>
          <h2>Add a report</h2>
          <Form action="/recommendations" token={csrfToken}>
            <TextField name="title" label="Title" value={sentText(raw, 'title')} errors={errors} />
            <TextField
              name="publisher"
              label="Publisher"
              hint="For example Audit Scotland, for the Accounts Commission and the Auditor General for Scotland"
              value={sentText(raw, 'publisher')}
              errors={errors}
            />
            <TextField
              name="published_on"
              label="Published on"
              type="date"
              width="fixed-20"
              value={sentText(raw, 'published_on')}
              errors={errors}
            />
            <TextField name="url" label="Link (optional)" type="url" value={sentText(raw, 'url')} errors={errors} />
            <TextArea
              name="summary"
              label="Summary (optional)"
              value={sentText(raw, 'summary')}
              errors={errors}
              rows={3}
            />
            <Button>Add the report</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

function RecommendationDetail({ x }: { x: RecommendationView }) {
  return (
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
        <History history={x.history} caption={`Progress ratings on recommendation ${x.ref}, newest first`} />
      ) : null}
    </>
  );
}

/** The two forms of the report page: which one failed, with what was typed and its errors. */
interface ReportForms {
  raw: Raw;
  errors: FieldErrors | null;
  /** The `_form` of the form that failed: 'rec' or 'rate', or ''. */
  form: string;
  csrfToken: string;
}

const formErrors = (f: ReportForms, name: string) => (f.form === name ? f.errors : null);
const formValue = (f: ReportForms, name: string, k: string) => (f.form === name ? sentText(f.raw, k) : '');
const formChecked = (f: ReportForms, name: string, k: string, value: string) =>
  f.form === name && (f.raw[k] === value || (Array.isArray(f.raw[k]) && (f.raw[k] as unknown[]).includes(value)));

function CheckboxGroup({
  id,
  legend,
  name,
  idPrefix,
  options,
  forms,
}: {
  id: string;
  legend: string;
  name: string;
  idPrefix: string;
  options: { value: string; label: string }[];
  forms: ReportForms;
}) {
  const messages = formErrors(forms, 'rec')?.[name];
  return (
    <fieldset class="ds_question" id={id}>
      <legend class="ds_label">{legend}</legend>
      {messages ? <p class="ds_question__error-message">{messages.join(' ')}</p> : null}
      <div class="cairn-checkboxes">
        {options.map((o) => (
          <div class="ds_checkbox ds_checkbox--small">
            <input
              class="ds_checkbox__input"
              type="checkbox"
              id={`${idPrefix}${o.value}`}
              name={name}
              value={o.value}
              checked={formChecked(forms, 'rec', name, o.value)}
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

function AddRecommendationForm({
  r,
  action,
  dimensions,
  partnerships,
  organisations,
  forms,
}: {
  r: ReportView;
  action: string;
  dimensions: { code: string; name: string }[];
  partnerships: { code: string; name: string }[];
  organisations: { id: number; name: string }[];
  forms: ReportForms;
}) {
  const errs = formErrors(forms, 'rec');
  const v = (k: string) => formValue(forms, 'rec', k);
  return (
    <>
      <h2>Add a recommendation</h2>
      <Form action={action} token={forms.csrfToken}>
        <input type="hidden" name="_form" value="rec" />
        <TextField
          idPrefix="rec-"
          name="ref"
          label="Reference"
          hint="The report’s own numbering, for example 5.1 a"
          width="fixed-20"
          value={v('ref')}
          errors={errs}
        />
        <TextArea idPrefix="rec-" name="text" label="Recommendation" value={v('text')} errors={errs} rows={3} />
        <TextField
          idPrefix="rec-"
          name="group"
          label="Group of related recommendations (optional)"
          hint={
            r.groups.length
              ? `An existing group (${r.groups.map((g) => g.title).join('; ')}) or a new one`
              : 'A title; recommendations with the same group title are shown together'
          }
          value={v('group')}
          errors={errs}
        />
        <CheckboxGroup
          id="rec-addressees"
          legend="Addressed to"
          name="addressees"
          idPrefix="addressee-"
          options={GENERAL_ADDRESSEES.map((k) => ({ value: k, label: ADDRESSEE_LABELS[k] }))}
          forms={forms}
        />
        <SelectField
          idPrefix="rec-"
          name="partnership_code"
          label="And a named partnership (optional)"
          options={partnerships.map((p) => ({ value: p.code, label: p.name }))}
          value={v('partnership_code')}
          placeholder="None"
          errors={errs}
        />
        <SelectField
          idPrefix="rec-"
          name="organisation_id"
          label="And a named national organisation (optional)"
          options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          value={v('organisation_id')}
          placeholder="None"
          errors={errs}
        />
        <CheckboxGroup
          id="rec-dimensions"
          legend="Audit dimensions"
          name="dimensions"
          idPrefix="dimension-"
          options={dimensions.map((d) => ({ value: d.code, label: d.name }))}
          forms={forms}
        />
        <Button>Add the recommendation</Button>
      </Form>
    </>
  );
}

function RateForm({ r, action, today, forms }: { r: ReportView; action: string; today: string; forms: ReportForms }) {
  const errs = formErrors(forms, 'rate');
  const v = (k: string) => formValue(forms, 'rate', k);
  return (
    <>
      <h2>Rate progress</h2>
      <p>A rating is added to the recommendation’s history; earlier ratings are kept.</p>
      <Form action={action} token={forms.csrfToken}>
        <input type="hidden" name="_form" value="rate" />
        <SelectField
          idPrefix="rate-"
          name="recommendation_id"
          label="Recommendation"
          options={r.recommendations.map((x) => ({
            value: String(x.id),
            label: `${x.ref}: ${x.text.length > 90 ? `${x.text.slice(0, 90)}…` : x.text}`,
          }))}
          value={v('recommendation_id')}
          placeholder="Choose"
          errors={errs}
        />
        <SelectField
          idPrefix="rate-"
          name="rating"
          label="Rating"
          options={RATINGS.map((g) => ({ value: g, label: RAG_LABEL[g] }))}
          value={v('rating')}
          placeholder="Choose"
          errors={errs}
        />
        <TextArea
          idPrefix="rate-"
          name="narrative"
          label="Progress"
          hint="What has been done, and what is still to do"
          value={v('narrative')}
          errors={errs}
          rows={4}
        />
        <TextArea
          idPrefix="rate-"
          name="evidence"
          label="Evidence (optional)"
          hint="Where the rating comes from: responses, documents, links"
          value={v('evidence')}
          errors={errs}
          rows={2}
        />
        <TextField
          idPrefix="rate-"
          name="as_of"
          label="As at"
          type="date"
          width="fixed-20"
          value={v('as_of') || today}
          errors={errs}
        />
        <Button>Add the rating</Button>
      </Form>
    </>
  );
}

/** A report: its recommendations by group with their ratings, and the forms of those who manage it. */
export function ReportPage({
  r,
  manage,
  dimensions,
  partnerships,
  organisations,
  today,
  raw,
  errors,
  csrfToken,
}: {
  r: ReportView;
  /** Whether the reader may add recommendations and ratings. */
  manage: boolean;
  dimensions: { code: string; name: string }[];
  partnerships: { code: string; name: string }[];
  organisations: { id: number; name: string }[];
  /** Today's date, the rating form's default. */
  today: string;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const forms: ReportForms = { raw, errors, form: sentText(raw, '_form'), csrfToken };
  const sections: { title: string; recs: ReportView['recommendations'] }[] = [
    ...r.groups.map((g) => ({ title: g.title, recs: r.recommendations.filter((x) => x.group?.id === g.id) })),
    { title: r.groups.length ? 'Not grouped' : 'Recommendations', recs: r.recommendations.filter((x) => !x.group) },
  ].filter((s) => s.recs.length);
  const base = `/recommendations/reports/${r.id}`;
  return (
    <>
      <ErrorSummary
        errors={errors}
        idPrefix={forms.form ? `${forms.form}-` : ''}
        labels={forms.form === 'rate' ? RATE_LABELS : REC_LABELS}
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
            <RecommendationDetail x={x} />
          ))}
        </>
      ))}
      {manage ? (
        <>
          <AddRecommendationForm
            r={r}
            action={`${base}/recommendations`}
            dimensions={dimensions}
            partnerships={partnerships}
            organisations={organisations}
            forms={forms}
          />
          {r.recommendations.length ? <RateForm r={r} action={`${base}/progress`} today={today} forms={forms} /> : null}
        </>
      ) : null}
    </>
  );
}

// ---- The impact table

function ImpactRecommendations({ row }: { row: ImpactTable['rows'][number] }) {
  return (
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
  );
}

function ImpactProgress({ row, date }: { row: ImpactTable['rows'][number]; date: string }) {
  return row.progress.length ? (
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
    <>{`Not rated by ${formatDate(date)}.`}</>
  );
}

/** The impact table of a report as at a date, with its downloads. */
export function ImpactPage({ t }: { t: ImpactTable }) {
  const base = `/recommendations/reports/${t.report.id}`;
  return (
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
          { header: 'Recommendation', cell: (row) => <ImpactRecommendations row={row} /> },
          { header: 'Progress', cell: (row) => <ImpactProgress row={row} date={t.date} /> },
        ]}
      />
    </>
  );
}

// ---- The partnership's answers

type PartnershipAnswers = Awaited<ReturnType<RecommendationsService['forPartnership']>>;
type AnsweredRecommendation = PartnershipAnswers['reports'][number]['recommendations'][number];

/** What the partnership page's forms need: where they post, and the one that failed with its errors. */
interface AnswerForms {
  /** Whether the reader may link and unlink actions for the partnership. */
  respond: boolean;
  base: string;
  csrfToken: string;
  raw: Raw;
  errors: FieldErrors | null;
  form: string;
}

function ResponsesTable({ p, x, forms }: { p: PartnershipRef; x: AnsweredRecommendation; forms: AnswerForms }) {
  return (
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
                <Rating r={{ rating: s.progress.rag }} /> {formatDate(s.progress.date)}: {s.progress.narrative}
              </>
            ) : (
              'No approved update yet'
            ),
        },
        { header: 'Note', cell: (s) => s.note ?? '' },
        ...(forms.respond
          ? [
              {
                header: 'Remove',
                cell: (s: (typeof x.responses)[number]) => (
                  <Form action={`${forms.base}/unlink`} token={forms.csrfToken}>
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
  );
}

function LinkForm({
  x,
  actions,
  forms,
}: {
  x: AnsweredRecommendation;
  actions: PartnershipAnswers['actions'];
  forms: AnswerForms;
}) {
  const prefix = `link-${x.id}`;
  const mine = forms.form === prefix ? forms.errors : null;
  return (
    <details class="ds_details" open={mine ? true : undefined}>
      <summary class="ds_details__summary">Link an improvement action to {x.ref}</summary>
      <div class="ds_details__text">
        <Form action={`${forms.base}/link`} token={forms.csrfToken}>
          <input type="hidden" name="_form" value={prefix} />
          <input type="hidden" name="recommendation_id" value={String(x.id)} />
          <SelectField
            idPrefix={`${prefix}-`}
            name="action_id"
            label="Improvement action"
            options={actions.map((a) => ({
              value: String(a.id),
              label: `${a.title} (${a.plan_title})`,
            }))}
            value={forms.form === prefix ? sentText(forms.raw, 'action_id') : ''}
            placeholder="Choose"
            errors={mine}
          />
          <TextArea
            idPrefix={`${prefix}-`}
            name="note"
            label="How it answers the recommendation (optional)"
            value={forms.form === prefix ? sentText(forms.raw, 'note') : ''}
            errors={mine}
            rows={2}
          />
          <Button secondary>Link the action</Button>
        </Form>
      </div>
    </details>
  );
}

function AnsweredRecommendationView({
  p,
  x,
  actions,
  forms,
}: {
  p: PartnershipRef;
  x: AnsweredRecommendation;
  actions: PartnershipAnswers['actions'];
  forms: AnswerForms;
}) {
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
      <ResponsesTable p={p} x={x} forms={forms} />
      {forms.respond && actions.length ? <LinkForm x={x} actions={actions} forms={forms} /> : null}
    </>
  );
}

/** The recommendations addressed to the partnership and the improvement actions that answer them. */
export function PartnershipRecommendations({
  p,
  view,
  respond,
  raw,
  errors,
  csrfToken,
}: {
  p: PartnershipRef;
  view: PartnershipAnswers;
  respond: boolean;
  raw: Raw;
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  const form = sentText(raw, '_form');
  const forms: AnswerForms = {
    respond,
    base: partnershipHref(p.code, 'improvement', 'recommendations'),
    csrfToken,
    raw,
    errors,
    form,
  };
  return (
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
          <Tag colour="yellow">Demo – fictional</Tag> The demo partnership and its improvement plan are invented; the
          recommendations and their national ratings are real.
        </p>
      ) : null}
      <p>
        The recommendations addressed to every Community Planning Partnership or to {p.name} by name, with how far each
        has got nationally, and the actions of the partnership’s improvement plan that answer them. These answers are
        seen only inside the partnership.
      </p>
      {view.reports.length ? null : <p class="cairn-empty">No recommendation is addressed to partnerships yet.</p>}
      {respond && !view.actions.length ? (
        <p>
          The partnership has no improvement plan with actions yet.{' '}
          <a href={partnershipHref(p.code, 'plans')}>Start an improvement plan</a> to link its actions here.
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
          {r.recommendations.map((x) => (
            <AnsweredRecommendationView p={p} x={x} actions={view.actions} forms={forms} />
          ))}
        </>
      ))}
    </>
  );
}
