import { raw as rawHtml } from 'hono/html';
import { sentText } from '../../core/http/forms.ts';
import type { FieldErrors } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref, partnershipApiHref, type PathSegment } from '../../core/http/paths.ts';
import { barChartSvg, lineChartSvg } from '../../core/ui/charts.ts';
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
import type { Evaluation, Framework, SelfEvaluationService } from './self-evaluation.service.ts';

/** Views of self-evaluation: props in, JSX out (the routes are in self-evaluation.routes.tsx). */

type OverYears = Awaited<ReturnType<SelfEvaluationService['overYears']>>;
type SpreadData = Awaited<ReturnType<SelfEvaluationService['spread']>>;
type EvaluationList = Awaited<ReturnType<SelfEvaluationService['list']>>;
type BodyData = Awaited<ReturnType<SelfEvaluationService['forBody']>>;

/** The address of a page of the partnership's self-evaluation: `selfEvaluationHref(p.code, 4, 'scores')`. */
export const selfEvaluationHref = (code: string, ...segments: PathSegment[]) =>
  partnershipHref(code, 'improvement', 'self-evaluation', ...segments);

/** The page of a framework's scores over the years. */
export const overYearsHref = (code: string, frameworkCode: string) =>
  `${selfEvaluationHref(code, 'over-years')}?framework=${encodeURIComponent(frameworkCode)}`;

/** The public page of a partnership's published self-evaluation of a year. */
export const publicYearHref = (code: string, year: number) => partnershipHref(code, 'self-evaluation', year);

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: digits });
const levelLabel = (f: Framework, score: number | null | undefined) =>
  score === null || score === undefined
    ? '—'
    : `${score} ${f.levels.find((l) => l.score === score)?.label ?? ''}`.trim();
const scale = (f: Framework) => f.levels.map((l) => `${l.score} ${l.label}`).join(', ');
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

// ---- The partnership's list of self-evaluations

interface FormProps {
  p: PartnershipRef;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
  token: string;
}

/** The forms that start a year and add a framework of the partnership's own. */
function StartForms({
  p,
  raw,
  errors,
  token,
  frameworks,
  year,
}: FormProps & { frameworks: Framework[]; year: number }) {
  return (
    <>
      <h2>Start a year’s self-evaluation</h2>
      <Form action={selfEvaluationHref(p.code)} token={token}>
        <SelectField
          name="framework_id"
          label="Framework"
          options={frameworks.map((f) => ({ value: String(f.id), label: f.name }))}
          value={sentText(raw, 'framework_id')}
          errors={errors}
        />
        <TextField
          name="year"
          label="Year"
          hint={`For example ${year}`}
          value={sentText(raw, 'year') || String(year)}
          width="fixed-20"
          errors={errors}
        />
        <Button>Start</Button>
      </Form>
      <h2>Add a framework of the partnership’s own</h2>
      <Form action={selfEvaluationHref(p.code, 'frameworks')} token={token}>
        <TextField name="name" label="Name" value={sentText(raw, 'name')} errors={errors} />
        <TextField
          name="source"
          label="Source"
          hint="Where the framework comes from, for example a board paper or a national toolkit"
          value={sentText(raw, 'source')}
          errors={errors}
        />
        <TextArea
          name="criteria"
          label="Criteria, one per line"
          value={sentText(raw, 'criteria')}
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
          value={sentText(raw, 'scale') || 'national'}
          errors={errors}
        />
        <TextArea
          name="levels"
          label="Levels of our own, lowest first, one per line (only for a scale of your own)"
          hint="Scored 1 for the first line, 2 for the next, and so on"
          value={sentText(raw, 'levels')}
          errors={errors}
          rows={4}
        />
        <Button secondary>Add the framework</Button>
      </Form>
    </>
  );
}

function FrameworksTable({ frameworks }: { frameworks: Framework[] }) {
  return (
    <Table
      caption="Frameworks the partnership may score itself against"
      rows={frameworks}
      empty=""
      columns={[
        { header: 'Framework', cell: (f) => f.name },
        { header: 'Whose', cell: (f) => (f.partnershipId === null ? 'National' : 'The partnership’s own') },
        { header: 'Criteria', cell: (f) => f.criteria.length, numeric: true },
        { header: 'Scale', cell: (f) => scale(f) },
        { header: 'Source', cell: (f) => f.source },
      ]}
    />
  );
}

/** The partnership's self-evaluations, with the forms to start one and to add a framework (`mayScore`). */
export function SelfEvaluationListPage(
  props: FormProps & { list: EvaluationList; frameworks: Framework[]; year: number; mayScore: boolean },
) {
  const { p, list, frameworks, errors } = props;
  const scored = frameworks.filter((f) => list.some((e) => e.framework_id === f.id));
  return (
    <>
      <ErrorSummary errors={errors} labels={FRAMEWORK_LABELS} />
      <Fictional show={p.fictional} />
      <p>
        The partnership scores itself each year against a framework — the nine principles of effective community
        planning, or one of its own — with evidence for each score. Partners and community bodies add their views while
        the year is a draft. Publishing a year makes it public and freezes it.
      </p>
      <Table
        caption="The partnership’s self-evaluations"
        rows={list}
        empty="The partnership has not started a self-evaluation yet."
        columns={[
          { header: 'Year', cell: (e) => <a href={selfEvaluationHref(p.code, e.id)}>{e.year}</a> },
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
                <a href={overYearsHref(p.code, f.code)}>{f.name}: scores over the years</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.mayScore ? <StartForms {...props} /> : null}
      {frameworks.length ? (
        <>
          <h2>Frameworks</h2>
          <FrameworksTable frameworks={frameworks} />
        </>
      ) : null}
    </>
  );
}

// ---- Scores over the years

export function OverYearsPage({ p, d }: { p: PartnershipRef; d: OverYears }) {
  const f = d.framework;
  const csv = `${selfEvaluationHref(p.code, 'over-years.csv')}?framework=${encodeURIComponent(f.code)}`;
  const low = f.levels[0]!;
  const high = f.levels.at(-1)!;
  return (
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
                cell: (r: OverYears['rows'][number]) => levelLabel(f, r.scores.get(y.year)),
              })),
            ]}
          />
          <p>
            <a href={csv}>Download CSV</a>
          </p>
        </>
      )}
    </>
  );
}

// ---- One year's self-evaluation

/** The labels of the year page's fields, for the error summary: one score and one evidence per criterion. */
export function yearFieldLabels(f: Framework): Record<string, string> {
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
  return labels;
}

const levelOptions = (f: Framework) =>
  f.levels.map((l) => ({ value: String(l.score), label: `${l.score} ${l.label}` }));

interface YearFormProps {
  p: PartnershipRef;
  e: Evaluation;
  token: string;
  /** The value of a field as sent, when the form being shown again is this one; else ''. */
  sent: (k: string) => string;
  errors: FieldErrors | null;
}

function ScoreForm({ p, e, token, sent, errors }: YearFormProps) {
  const f = e.framework;
  return (
    <>
      <h2>Score the criteria</h2>
      <p>
        Choose a score from the scale for each criterion and give the evidence for it. A criterion left unscored keeps
        its score.
      </p>
      <Form action={selfEvaluationHref(p.code, e.id, 'scores')} token={token}>
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
                options={levelOptions(f)}
                value={sent(`score_${cr.code}`) || (cur ? String(cur.score) : '')}
                placeholder="Not scored"
                errors={errors}
              />
              <TextArea
                name={`evidence_${cr.code}`}
                label="Evidence"
                value={sent(`evidence_${cr.code}`) || (cur?.evidence ?? '')}
                errors={errors}
                rows={3}
              />
            </fieldset>
          );
        })}
        <Button>Save the scores</Button>
      </Form>
    </>
  );
}

function ViewForm({
  p,
  e,
  token,
  sent,
  errors,
  speaker,
  partners,
}: YearFormProps & { speaker: { id: number; name: string } | null; partners: { id: number; name: string }[] }) {
  const f = e.framework;
  return (
    <>
      <h3>Add a view</h3>
      <p>
        {speaker
          ? `Your view is recorded as the view of ${speaker.name}.`
          : 'Record the view of one of the partners on its behalf.'}
      </p>
      <Form action={selfEvaluationHref(p.code, e.id, 'views')} token={token}>
        {speaker ? null : (
          <SelectField
            name="organisation_id"
            label="Partner"
            options={partners.map((o) => ({ value: String(o.id), label: o.name }))}
            value={sent('organisation_id')}
            placeholder="Choose"
            errors={errors}
          />
        )}
        <SelectField
          name="criterion_id"
          label="About"
          options={f.criteria.map((cr) => ({ value: String(cr.id), label: cr.title }))}
          value={sent('criterion_id')}
          placeholder="The self-evaluation as a whole"
          errors={errors}
        />
        <TextArea name="view" label="View" value={sent('view')} errors={errors} rows={4} />
        <SelectField
          name="score"
          label="Their score (optional, for one criterion)"
          options={levelOptions(f)}
          value={sent('score')}
          placeholder="No score"
          errors={errors}
        />
        <Button secondary>Add the view</Button>
      </Form>
    </>
  );
}

function YearSummary({ p, e, mean }: { p: PartnershipRef; e: Evaluation; mean: number | null }) {
  const f = e.framework;
  return (
    <>
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
          { key: 'Scale', value: scale(f) },
          { key: 'Source of the framework', value: f.source },
        ]}
      />
      {e.status === 'published' ? (
        <p>
          Published self-evaluations are public:{' '}
          <a href={publicYearHref(p.code, e.year)}>the public page for {e.year}</a>. They can no longer be scored.
        </p>
      ) : null}
    </>
  );
}

/**
 * A year's self-evaluation inside the partnership: its scores and views, and the forms to score (`mayScore`),
 * to add a view (`mayComment`) and to publish. `form` names the form whose fields `raw` holds, if any.
 */
export function YearPage(props: {
  p: PartnershipRef;
  e: Evaluation;
  mean: number | null;
  token: string;
  mayScore: boolean;
  mayComment: boolean;
  speaker: { id: number; name: string } | null;
  partners: { id: number; name: string }[];
  form: 'scores' | 'view' | null;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
}) {
  const { p, e, token, form, raw, errors } = props;
  return (
    <>
      <ErrorSummary errors={errors} labels={yearFieldLabels(e.framework)} />
      <Fictional show={p.fictional} />
      <YearSummary p={p} e={e} mean={props.mean} />
      <h2>Scores</h2>
      <ScoresTable e={e} />
      <p>
        <a href={overYearsHref(p.code, e.framework.code)}>Scores over the years</a>
      </p>
      {props.mayScore ? (
        <ScoreForm
          p={p}
          e={e}
          token={token}
          sent={(k) => (form === 'scores' ? sentText(raw, k) : '')}
          errors={errors}
        />
      ) : null}
      <h2>Views of partners and community bodies</h2>
      <ViewsTable e={e} authors={true} />
      {props.mayComment ? (
        <ViewForm
          p={p}
          e={e}
          token={token}
          sent={(k) => (form === 'view' ? sentText(raw, k) : '')}
          errors={errors}
          speaker={props.speaker}
          partners={props.partners}
        />
      ) : null}
      {props.mayScore ? (
        <>
          <h2>Publish</h2>
          <p>
            Publishing makes this self-evaluation, with its evidence and the views given, public. It can then no longer
            be scored or take views. Every criterion must be scored.
          </p>
          <Form action={selfEvaluationHref(p.code, e.id, 'publish')} token={token}>
            <Button>Publish the {e.year} self-evaluation</Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

// ---- Public: a partnership's published self-evaluations of a year

export function PublishedYearPage({
  p,
  year,
  evaluations,
  years,
}: {
  p: PartnershipRef;
  year: number;
  evaluations: { e: Evaluation; mean: number | null }[];
  years: number[];
}) {
  return (
    <>
      <Fictional show={p.fictional} />
      <p>
        How {p.name} judged itself in {year}, with the evidence for each score and the views its partners and community
        bodies gave.
      </p>
      {evaluations.map(({ e, mean }) => (
        <section>
          <h2>{e.framework.name}</h2>
          <p>
            Published {formatDate(e.publishedAt)}. Scale: {scale(e.framework)}. Mean score {fmt(mean)}.
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
                  <a href={publicYearHref(p.code, y)}>{y}</a>
                </li>
              ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={partnershipApiHref(p.code, 'self-evaluation', year)}>This self-evaluation as JSON</a>
      </p>
    </>
  );
}

// ---- National spread

function SpreadTable({ d }: { d: SpreadData }) {
  return (
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
        ...d.framework.levels.map((l) => ({
          header: `${l.score} ${l.label}`,
          cell: (r: SpreadData['rows'][number]) => r.atLevel.find((a) => a.score === l.score)!.count,
          numeric: true,
        })),
      ]}
    />
  );
}

function PublishedScoresTable({ d }: { d: SpreadData }) {
  return (
    <Table
      caption={`Scores of the partnerships that published their ${d.year} self-evaluation`}
      rows={d.named}
      empty={`No partnership has published a ${d.year} self-evaluation against this framework.`}
      columns={[
        {
          header: 'Partnership',
          cell: (n) => <a href={publicYearHref(n.code, d.year)}>{`${n.name}${n.fictional ? ' (fictional)' : ''}`}</a>,
        },
        ...d.framework.criteria.map((cr) => ({
          header: cr.title,
          cell: (n: SpreadData['named'][number]) => fmt(n.scores.get(cr.id)),
          numeric: true,
        })),
      ]}
    />
  );
}

function SpreadFilter({ d, frameworks }: { d: SpreadData; frameworks: Framework[] }) {
  return (
    <form method="get" action="/self-evaluation">
      <SelectField
        name="framework"
        label="Framework"
        options={frameworks.map((x) => ({ value: x.code, label: x.name }))}
        value={d.framework.code}
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
  );
}

/** The spread of scores across partnerships against a national framework in a year (national analysts). */
export function SpreadPage({ d, frameworks }: { d: SpreadData; frameworks: Framework[] }) {
  const f = d.framework;
  const qs = `year=${d.year}&framework=${encodeURIComponent(f.code)}`;
  const withMedian = d.rows.filter((r) => r.spread.median !== null);
  return (
    <>
      <p>
        How partnerships scored themselves against {f.name} in {d.year}: per criterion, the spread of their scores.
        Every partnership that scored that year counts in the distribution, whether or not it has published;
        partnerships are named only where they published their self-evaluation. Drafts count anonymously, so that no
        unpublished score can be traced to a partnership.
      </p>
      <SpreadFilter d={d} frameworks={frameworks} />
      <p>
        {d.partnerships} {d.partnerships === 1 ? 'partnership' : 'partnerships'} scored in {d.year}: {d.named.length}{' '}
        published, {d.drafts} still in draft. Quartiles are interpolated between scores (the method of Excel’s
        QUARTILE.INC).
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
      <SpreadTable d={d} />
      <p>
        <a href={`/self-evaluation.csv?${qs}&table=spread`}>Download CSV</a>
      </p>
      <h2>Published self-evaluations</h2>
      <PublishedScoresTable d={d} />
      {d.named.length ? (
        <p>
          <a href={`/self-evaluation.csv?${qs}&table=published`}>Download the published scores as CSV</a>
        </p>
      ) : null}
    </>
  );
}

// ---- A community body's views on its partnership's self-evaluation

/** One self-evaluation open for the body's views: its criteria, the views given, and the form to add one. */
function BodyEvaluation({
  d,
  e,
  token,
  raw,
  errors,
}: {
  d: BodyData;
  e: BodyData['evaluations'][number];
  token: string;
  raw: Record<string, unknown>;
  /** The errors of this self-evaluation's form, if it is the one sent. */
  errors: FieldErrors | null;
}) {
  const prefix = `e${e.id}-`;
  const v = (k: string) => (errors ? sentText(raw, k) : '');
  return (
    <section>
      <h2>{e.framework.name}</h2>
      <ErrorSummary
        errors={errors}
        labels={{ criterion_id: 'About', view: 'Your view', score: 'Your score', evaluation_id: 'Self-evaluation' }}
        idPrefix={prefix}
      />
      <p>Criteria:</p>
      <ol>
        {e.framework.criteria.map((cr) => (
          <li>{cr.title}</li>
        ))}
      </ol>
      <p>Scale: {scale(e.framework)}.</p>
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
          errors={errors}
        />
        <TextArea name="view" idPrefix={prefix} label="Your view" value={v('view')} errors={errors} rows={4} />
        <SelectField
          name="score"
          idPrefix={prefix}
          label="Your score (optional, for one criterion)"
          options={levelOptions(e.framework)}
          value={v('score')}
          placeholder="No score"
          errors={errors}
        />
        <Button>Add the view</Button>
      </Form>
    </section>
  );
}

/** A community body's page of views on its partnership's draft self-evaluations of the year. */
export function BodyViewsPage({
  d,
  token,
  raw,
  errors,
}: {
  d: BodyData;
  token: string;
  raw: Record<string, unknown>;
  errors: FieldErrors | null;
}) {
  const errorFor = sentText(raw, 'evaluation_id');
  return (
    <>
      {d.body.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> This community body is invented.
        </p>
      ) : null}
      <p>
        {d.body.partnership_name} asks its partners and the community bodies it works with how well it meets each
        criterion of its self-evaluation. While the {d.year} self-evaluation is a draft, your body can add its views,
        about one criterion or the whole.
      </p>
      {errors && !d.evaluations.some((e) => String(e.id) === errorFor) ? (
        <ErrorSummary errors={errors} labels={{ evaluation_id: 'Self-evaluation' }} />
      ) : null}
      {d.evaluations.length === 0 ? (
        <p class="cairn-empty">
          {d.body.partnership_name} has no self-evaluation open for views in {d.year}.
        </p>
      ) : null}
      {d.evaluations.map((e) => (
        <BodyEvaluation d={d} e={e} token={token} raw={raw} errors={errorFor === String(e.id) ? errors : null} />
      ))}
    </>
  );
}
