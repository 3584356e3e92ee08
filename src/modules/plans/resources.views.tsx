import { raw } from 'hono/html';
import type { FieldErrors } from '../../core/errors.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  ErrorSummary,
  FileField,
  Form,
  ImportButtons,
  SelectField,
  Table,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import { ARRANGEMENT_LABELS, ARRANGEMENTS, PREVENTION, PREVENTION_LABELS } from './resources.schemas.ts';
import type { ResourcesService } from './resources.service.ts';

/** The page of the resources partners commit to a plan: props in, JSX out (the routes are in resources.routes.tsx). */

const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

export type ResourcesSummary = Awaited<ReturnType<ResourcesService['summary']>>;

export interface ResourcesPageProps {
  s: ResourcesSummary;
  /** The plan's priorities, to commit to. */
  priorities: { id: number; title: string }[];
  /** The partnership's partners, to commit for. */
  orgs: { id: number; name: string }[];
  /** What was sent, shown again beside its errors. */
  input: Record<string, unknown>;
  errors: FieldErrors | null;
  /** May the reader record commitments (resource:commit)? */
  canCommit: boolean;
  csrfToken: string;
  /** The commitments as CSV and as a workbook, the form's action and the import's. */
  hrefs: { csv: string; xlsx: string; form: string; import: string };
}

/** The figures: by year (with the preventative share), by partner, who committed nothing, by priority. */
function Figures({ s, hrefs }: Pick<ResourcesPageProps, 's' | 'hrefs'>) {
  return (
    <>
      <p>
        What each partner commits to the plan’s priorities, year by year: money, staff time and assets in kind, aligned
        or pooled, and whether it prevents, intervenes early or reacts. All commitments as <a href={hrefs.csv}>CSV</a>{' '}
        or an <a href={hrefs.xlsx}>Excel workbook</a>.
      </p>
      <h2>Preventative share of the money, by year</h2>
      {s.byYear.length ? (
        <figure class="cairn-chart">
          {raw(
            barChartSvg(
              s.byYear.map((y) => ({
                label: financialYearLabel(y.year),
                value: Math.round((y.preventative ?? 0) * 100),
              })),
              { title: 'Preventative share of committed money, per cent, by financial year' },
            ),
          )}
          <figcaption>
            Per cent of the money committed in each financial year that is preventative; the table gives every figure.
          </figcaption>
        </figure>
      ) : null}
      <Table
        caption="Money and staff time by financial year, with the share that is preventative, early intervention and reactive"
        rows={s.byYear}
        empty="Nothing is committed yet."
        columns={[
          { header: 'Financial year', cell: (y) => financialYearLabel(y.year) },
          { header: 'Money', cell: (y) => pounds(y.money), numeric: true },
          { header: 'Of which pooled', cell: (y) => pounds(y.pooled), numeric: true },
          { header: 'Staff (FTE)', cell: (y) => y.fte.toLocaleString('en-GB'), numeric: true },
          { header: 'Preventative', cell: (y) => pct(y.preventative), numeric: true },
          { header: 'Early intervention', cell: (y) => pct(y.earlyIntervention), numeric: true },
          { header: 'Reactive', cell: (y) => pct(y.reactive), numeric: true },
        ]}
      />
      <h2>By partner</h2>
      <Table
        caption="Money committed by each partner, by financial year"
        rows={s.byPartner}
        empty="No partners."
        columns={[
          { header: 'Partner', cell: (x) => x.name },
          ...s.years.map((y, i) => ({
            header: financialYearLabel(y),
            cell: (x: (typeof s.byPartner)[number]) => pounds(x.byYear[i] ?? 0),
            numeric: true,
          })),
          { header: 'Staff (FTE)', cell: (x) => x.fte.toLocaleString('en-GB'), numeric: true },
          { header: 'In kind', cell: (x) => x.inKind, numeric: true },
        ]}
      />
      <h2>Partners who have committed nothing</h2>
      {s.nothing.length ? (
        <ul>
          {s.nothing.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : (
        <p>Every partner has committed something.</p>
      )}
      <h2>By priority</h2>
      <Table
        caption="Money and staff time by priority, all years"
        rows={s.priorities}
        empty="Nothing is committed yet."
        columns={[
          { header: 'Priority', cell: (x) => x.title },
          { header: 'Money', cell: (x) => pounds(x.money), numeric: true },
          { header: 'Staff (FTE)', cell: (x) => x.fte.toLocaleString('en-GB'), numeric: true },
        ]}
      />
    </>
  );
}

function CommitmentForm({
  priorities,
  orgs,
  input,
  errors,
  csrfToken,
  hrefs,
  years,
}: ResourcesPageProps & { years: number[] }) {
  const v = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : '');
  return (
    <Form action={hrefs.form} token={csrfToken}>
      <SelectField
        name="organisation_id"
        label="Partner"
        options={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
        value={v('organisation_id')}
        placeholder="Choose a partner"
        errors={errors}
      />
      <SelectField
        name="priority_id"
        label="Priority"
        options={priorities.map((x) => ({ value: String(x.id), label: x.title }))}
        value={v('priority_id')}
        errors={errors}
      />
      <SelectField
        name="financial_year"
        label="Financial year"
        options={years.map((y) => ({ value: financialYearLabel(y), label: financialYearLabel(y) }))}
        value={v('financial_year')}
        errors={errors}
      />
      <TextField
        name="money"
        label="Money (£, optional)"
        hint="For example 12500 or £12,500.00"
        value={v('money')}
        width="fixed-20"
        errors={errors}
      />
      <TextField
        name="fte"
        label="Staff time in full-time equivalents (optional)"
        value={v('fte')}
        width="fixed-20"
        errors={errors}
      />
      <TextField name="in_kind" label="Assets or help in kind (optional)" value={v('in_kind')} errors={errors} />
      <SelectField
        name="arrangement"
        label="Aligned or pooled"
        options={ARRANGEMENTS.map((a) => ({ value: a, label: ARRANGEMENT_LABELS[a] }))}
        value={v('arrangement')}
        errors={errors}
      />
      <SelectField
        name="prevention"
        label="Kind of spending"
        options={PREVENTION.map((a) => ({ value: a, label: PREVENTION_LABELS[a] }))}
        value={v('prevention')}
        errors={errors}
      />
      <Button>Record the commitment</Button>
    </Form>
  );
}

function ImportSection({ errors, csrfToken, hrefs }: Pick<ResourcesPageProps, 'errors' | 'csrfToken' | 'hrefs'>) {
  return (
    <>
      <h2>Import commitments</h2>
      <p>
        A CSV file or Excel workbook with the columns <code>organisation</code>, <code>priority</code>,{' '}
        <code>financial_year</code> (like 2026/27), <code>money</code>, <code>fte</code>, <code>in_kind</code>,{' '}
        <code>arrangement</code> (aligned or pooled), <code>prevention</code> (preventative, early intervention or
        reactive), and optionally <code>outcome</code> and <code>note</code>; names as they appear in the plan. All or
        nothing; importing again replaces what an earlier import brought for the same partner, priority and year.
      </p>
      <UploadForm action={hrefs.import} token={csrfToken}>
        <FileField name="file" label="CSV or Excel file" accept=".csv,.xlsx" errors={errors} />
        <ImportButtons />
      </UploadForm>
    </>
  );
}

export function ResourcesPage(props: ResourcesPageProps) {
  const { s, errors } = props;
  const years = Array.from({ length: s.plan.end_year - s.plan.start_year + 1 }, (_x, i) => s.plan.start_year + i);
  return (
    <>
      <ErrorSummary
        errors={errors}
        labels={{
          organisation_id: 'Partner',
          priority_id: 'Priority',
          plan_outcome_id: 'Local outcome',
          financial_year: 'Financial year',
          money: 'Money',
          fte: 'Staff time',
          in_kind: 'In kind',
          arrangement: 'Aligned or pooled',
          prevention: 'Kind of spending',
          file: 'File',
        }}
      />
      <Figures s={s} hrefs={props.hrefs} />
      {props.canCommit && props.priorities.length ? (
        <>
          <h2>Record a commitment</h2>
          <CommitmentForm {...props} years={years} />
          <ImportSection errors={errors} csrfToken={props.csrfToken} hrefs={props.hrefs} />
        </>
      ) : null}
    </>
  );
}
