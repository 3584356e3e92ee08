import type { FieldErrors } from '../../core/errors.ts';
import { reportingYearSpan } from '../../core/periods.ts';
import { ErrorSummary, formatDate, SelectField, Table, TextField } from '../../core/ui/components.tsx';
import { describePeriod } from './clock.ts';
import type { DeadlinesService, RuleBook } from './deadlines.service.ts';

/** Views of the statutory deadline calculator: props in, JSX out (the routes are in deadlines.routes.tsx). */

const PARTY_LABELS = {
  authority: 'The authority',
  additional_authority: 'The other authority',
  community_body: 'The community body',
} as const;

/** A deadline worked out by the calculator. */
export type Calculation = Awaited<ReturnType<DeadlinesService['calculate']>>;

function CalculatorForm(props: {
  book: RuleBook;
  rule: string | undefined;
  start: string | undefined;
  errors: FieldErrors | null;
}) {
  const { errors } = props;
  return (
    <form method="get" action="/deadlines" novalidate>
      <SelectField
        name="rule"
        label="Time limit"
        options={props.book.rules.map((r) => ({ value: r.code, label: `${r.name} (${describePeriod(r)})` }))}
        value={props.rule ?? null}
        placeholder="Choose a time limit"
        errors={errors}
      />
      <TextField
        name="start"
        label="The period begins with"
        hint="The date in the form YYYY-MM-DD, for example 2026-12-21"
        value={props.start ?? ''}
        width="fixed-20"
        errors={errors}
      />
      <button type="submit" class="ds_button">
        Work out the deadline
      </button>
    </form>
  );
}

function Due({ result }: { result: Calculation }) {
  return (
    <div class="ds_inset-text" role="status">
      <div class="ds_inset-text__text">
        <p>
          <strong>Due: {formatDate(result.due)}</strong> (<code>{result.due}</code>)
        </p>
        <p>
          {result.rule.name}: {result.period} beginning with {formatDate(result.start)} ({result.rule.beginsWith}).{' '}
          {PARTY_LABELS[result.rule.party]} must act by then.
          {result.rule.extendable ? ' A longer period may be agreed.' : ''}
        </p>
      </div>
    </div>
  );
}

function RulesTable({ book }: { book: RuleBook }) {
  return (
    <Table
      caption="Statutory time limits"
      rows={book.rules}
      empty="No rules."
      columns={[
        { header: 'Name in Cairn', cell: (r) => <code>{r.code}</code> },
        { header: 'Time limit', cell: (r) => r.name },
        { header: 'Period', cell: (r) => describePeriod(r) },
        { header: 'Begins with', cell: (r) => r.beginsWith },
        { header: 'Who must act', cell: (r) => PARTY_LABELS[r.party] },
        { header: 'Source', cell: (r) => `${r.source}${r.note ? `. ${r.note}` : ''}` },
      ]}
    />
  );
}

function ReportingYearsTable({ book }: { book: RuleBook }) {
  return (
    <Table
      caption="When the year of each yearly report begins"
      rows={[...book.reportingYears.values()]}
      empty="No reporting years."
      columns={[
        { header: 'Name in Cairn', cell: (r) => <code>{r.code}</code> },
        { header: 'Report', cell: (r) => r.name },
        {
          header: 'The year runs',
          cell: (r) => reportingYearSpan(2026, r.start).words.replace(/ 20\d\d/g, ''),
        },
        { header: 'Source', cell: (r) => `${r.source}${r.note ? `. ${r.note}` : ''}` },
      ]}
    />
  );
}

function WorkingDays({ book }: { book: RuleBook }) {
  return (
    <>
      {[...book.calendars.values()].map((cal) => (
        <>
          <p>
            {cal.name}: every day except {cal.labels.join(', ')}. Source: {cal.source}.
          </p>
        </>
      ))}
      <p>
        How periods are counted: a period of N working days beginning with a day ends on the Nth working day, counting
        that day when it is a working day; N days beginning with a day end N − 1 days after it; N months beginning with
        a day end on the day before the same date N months later, or on the last day of that month when it has no such
        date.
      </p>
    </>
  );
}

/** The calculator: its form (with what was asked and its errors), the deadline worked out, and the rules. */
export function DeadlineCalculator(props: {
  book: RuleBook;
  rule: string | undefined;
  start: string | undefined;
  result: Calculation | null;
  errors: FieldErrors | null;
}) {
  return (
    <>
      <p>
        The time limits for participation requests (Part 3) and asset transfer requests (Part 5) of the Community
        Empowerment (Scotland) Act 2015. Every deadline in Cairn is worked out from these rules, which are kept as data
        with their sources (below).
      </p>
      <ErrorSummary errors={props.errors} labels={{ rule: 'Time limit', start: 'Start date' }} />
      <CalculatorForm book={props.book} rule={props.rule} start={props.start} errors={props.errors} />
      {props.result ? <Due result={props.result} /> : null}
      <h2>The rules</h2>
      <RulesTable book={props.book} />
      <h2>Reporting years</h2>
      <ReportingYearsTable book={props.book} />
      <h2>Working days</h2>
      <WorkingDays book={props.book} />
      <p>
        Also available as JSON (<a href="/api/v1/deadline-rules">the rules</a>,{' '}
        <code>/api/v1/deadlines?rule=pr-decision&amp;start=2026-12-21</code>) and on the command line:{' '}
        <code>cairn deadline pr-decision 2026-12-21</code>.
      </p>
    </>
  );
}
