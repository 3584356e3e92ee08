import type { FieldErrors } from '../../core/errors.ts';
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
import { FRAMEWORKS } from './codes.ts';
import type { IndicatorEntry } from './indicators.service.ts';

/** Views of the catalogue of national indicators: props in, JSX out (the routes are in indicators.routes.tsx). */

export const polarity = (i: IndicatorEntry) =>
  i.higherIsBetter === null ? 'Neither' : i.higherIsBetter ? 'Higher is better' : 'Lower is better';

/** The labels of the prevention form's fields, for the error summary. */
export const PREVENTION_FIELD_LABELS = { prevention: 'Measures prevention', note: 'Why' };

/** The catalogue's filter as the form holds it. */
export interface CatalogueFilterValues {
  q?: string | undefined;
  framework?: string | undefined;
  prevention?: string | undefined;
}

function PreventionTag({ shown }: { shown: boolean }) {
  return shown ? (
    <>
      {' '}
      <Tag colour="teal">Prevention</Tag>
    </>
  ) : null;
}

/** The catalogue: what it holds, the filter, the indicators matching it and the CSV of them at `csvHref`. */
export function IndicatorCatalogue({
  rows,
  query,
  csvHref,
}: {
  rows: IndicatorEntry[];
  query: CatalogueFilterValues;
  csvHref: string;
}) {
  return (
    <>
      <p>
        Every national indicator Cairn holds: the Community Planning Outcomes Profile (CPOP), the Local Government
        Benchmarking Framework (LGBF) and the National Performance Framework (NPF). Indicators tagged{' '}
        <Tag colour="teal">Prevention</Tag> measure whether problems are prevented rather than responded to; no
        published source says which these are, so national analysts tag them and give the reason.
      </p>
      <form method="get" action="/indicators" class="cairn-filters">
        <TextField name="q" label="Name, code or category contains" value={query.q} />
        <SelectField
          name="framework"
          label="Framework"
          options={FRAMEWORKS.map((f) => ({ value: f, label: f }))}
          value={query.framework}
          placeholder="Any framework"
        />
        <SelectField
          name="prevention"
          label="Measures prevention"
          options={[
            { value: 'yes', label: 'Tagged as prevention' },
            { value: 'no', label: 'Not tagged' },
          ]}
          value={query.prevention}
          placeholder="Either"
        />
        <Button secondary>Filter</Button>
      </form>
      <Table
        caption={`${rows.length} indicator${rows.length === 1 ? '' : 's'}`}
        rows={rows}
        empty="No indicator matches."
        columns={[
          {
            header: 'Indicator',
            cell: (i) => (
              <>
                <a href={`/indicators/${encodeURIComponent(i.code)}`}>{i.name}</a>
                <PreventionTag shown={i.prevention} />
              </>
            ),
          },
          { header: 'Frameworks', cell: (i) => i.frameworks.join(', ') },
          { header: 'Category', cell: (i) => i.category ?? '—' },
          { header: 'Unit', cell: (i) => i.unit ?? '—' },
          { header: 'Which way is better', cell: polarity },
          { header: 'Values loaded', cell: (i) => i.values.toLocaleString('en-GB'), numeric: true },
          { header: 'Latest period', cell: (i) => i.latestPeriod ?? '—' },
        ]}
      />
      <p>
        <a href={csvHref}>Download this list as CSV</a>
      </p>
    </>
  );
}

/** The form that sets or takes off an indicator's prevention tag, with the values last sent and their errors. */
function PreventionForm({
  indicator: i,
  values,
  errors,
  csrfToken,
}: {
  indicator: IndicatorEntry;
  values: { prevention?: string | undefined; note?: string | undefined };
  errors: FieldErrors | null;
  csrfToken: string;
}) {
  return (
    <>
      <h2>Prevention tag</h2>
      <Form action={`/indicators/${encodeURIComponent(i.code)}/prevention`} token={csrfToken}>
        <SelectField
          name="prevention"
          label="Measures prevention"
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={values.prevention ?? (i.prevention ? 'yes' : 'no')}
          errors={errors}
        />
        <TextArea
          name="note"
          label="Why"
          hint="Shown beside the tag: what the indicator tells about prevention, and on whose judgement"
          value={values.note ?? i.preventionNote ?? ''}
          errors={errors}
          rows={3}
        />
        <Button>Save the tag</Button>
      </Form>
    </>
  );
}

/** One indicator: its definition and what is loaded, and (for those who may tag) the prevention form. */
export function IndicatorDetail({
  indicator: i,
  values,
  errors,
  canTag,
  csrfToken,
}: {
  indicator: IndicatorEntry;
  values: { prevention?: string | undefined; note?: string | undefined };
  errors: FieldErrors | null;
  canTag: boolean;
  csrfToken: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={PREVENTION_FIELD_LABELS} />
      <SummaryList
        items={[
          { key: 'Code', value: i.externalCode ? `${i.code} (${i.externalCode} in its framework)` : i.code },
          { key: 'Frameworks', value: i.frameworks.join(', ') || '—' },
          { key: 'Category', value: i.category ?? '—' },
          { key: 'Definition', value: i.definition ?? '—' },
          { key: 'Unit', value: i.unit ?? '—' },
          { key: 'Which way is better', value: polarity(i) },
          { key: 'Source', value: i.source },
          {
            key: 'Values loaded',
            value: `${i.values.toLocaleString('en-GB')}${i.latestPeriod ? `, latest ${i.latestPeriod}` : ''}`,
          },
          {
            key: 'Measures prevention',
            value: i.prevention ? (
              <>
                <Tag colour="teal">Prevention</Tag> {i.preventionNote}
                {i.preventionSetBy ? ` (${i.preventionSetBy}, ${formatDate(i.preventionSetAt)})` : ''}
              </>
            ) : (
              'Not tagged'
            ),
          },
        ]}
      />
      <p>
        <a href={`/scotland?indicator=${encodeURIComponent(i.code)}`}>All 32 partnerships on this indicator</a>
      </p>
      {canTag ? <PreventionForm indicator={i} values={values} errors={errors} csrfToken={csrfToken} /> : null}
    </>
  );
}
