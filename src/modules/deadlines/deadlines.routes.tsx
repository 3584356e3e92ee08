import { z } from 'zod';
import { ValidationError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { ErrorSummary, formatDate, SelectField, Table, TextField } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { reportingYearSpan } from '../../core/periods.ts';
import { describePeriod, type DeadlinesService } from './deadlines.service.ts';
import { DeadlineCalculation, DeadlineRules } from './deadlines.api-schemas.ts';

const PARTY_LABELS = {
  authority: 'The authority',
  additional_authority: 'The other authority',
  community_body: 'The community body',
} as const;

const CalculatorQuery = z.object({
  rule: z.string().trim().max(64).optional(),
  start: z.string().trim().max(32).optional(),
});

const ApiQuery = z.object({
  rule: z
    .string({ error: 'Give the rule, e.g. pr-decision' })
    .trim()
    .min(1, { error: 'Give the rule, e.g. pr-decision' })
    .max(64),
  start: z
    .string({ error: 'Give the start date as YYYY-MM-DD' })
    .trim()
    .min(1, { error: 'Give the start date as YYYY-MM-DD' })
    .max(32),
});

/** What the deadline routes use: the deadlines service (the statutory rule book and calendar). */
export interface DeadlinesRoutesDeps {
  deadlines: DeadlinesService;
}

export function deadlinesRoutes(router: Router, deps: DeadlinesRoutesDeps): void {
  const svc = deps.deadlines;

  router.route(
    {
      method: 'GET',
      path: '/deadlines',
      permission: 'deadline:read',
      kind: 'page',
      summary: 'Statutory deadline calculator',
      query: CalculatorQuery,
    },
    async (c, { ctx, query }) => {
      const book = await svc.rules(ctx);
      let result: Awaited<ReturnType<typeof svc.calculate>> | null = null;
      let errors: Record<string, string[]> | null = null;
      if (query.rule || query.start) {
        try {
          if (!query.rule) throw ValidationError.field('rule', 'Choose a time limit');
          if (!query.start) throw ValidationError.field('start', 'Enter the start date');
          result = await svc.calculate(ctx, query.rule, query.start);
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          errors = e.fields;
          c.status(400);
        }
      }
      const calendars = [...book.calendars.values()];
      return render(c, {
        title: errors ? 'Error: statutory deadline calculator' : 'Statutory deadline calculator',
        wide: true,
        children: (
          <>
            <p>
              The time limits for participation requests (Part 3) and asset transfer requests (Part 5) of the Community
              Empowerment (Scotland) Act 2015. Every deadline in Cairn is worked out from these rules, which are kept as
              data with their sources (below).
            </p>
            <ErrorSummary errors={errors} labels={{ rule: 'Time limit', start: 'Start date' }} />
            <form method="get" action="/deadlines" novalidate>
              <SelectField
                name="rule"
                label="Time limit"
                options={book.rules.map((r) => ({ value: r.code, label: `${r.name} (${describePeriod(r)})` }))}
                value={query.rule ?? null}
                placeholder="Choose a time limit"
                errors={errors}
              />
              <TextField
                name="start"
                label="The period begins with"
                hint="The date in the form YYYY-MM-DD, for example 2026-12-21"
                value={query.start ?? ''}
                width="fixed-20"
                errors={errors}
              />
              <button type="submit" class="ds_button">
                Work out the deadline
              </button>
            </form>
            {result ? (
              <div class="ds_inset-text" role="status">
                <div class="ds_inset-text__text">
                  <p>
                    <strong>Due: {formatDate(result.due)}</strong> (<code>{result.due}</code>)
                  </p>
                  <p>
                    {result.rule.name}: {result.period} beginning with {formatDate(result.start)} (
                    {result.rule.beginsWith}). {PARTY_LABELS[result.rule.party]} must act by then.
                    {result.rule.extendable ? ' A longer period may be agreed.' : ''}
                  </p>
                </div>
              </div>
            ) : null}
            <h2>The rules</h2>
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
            <h2>Reporting years</h2>
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
            <h2>Working days</h2>
            {calendars.map((cal) => (
              <>
                <p>
                  {cal.name}: every day except {cal.labels.join(', ')}. Source: {cal.source}.
                </p>
              </>
            ))}
            <p>
              How periods are counted: a period of N working days beginning with a day ends on the Nth working day,
              counting that day when it is a working day; N days beginning with a day end N − 1 days after it; N months
              beginning with a day end on the day before the same date N months later, or on the last day of that month
              when it has no such date.
            </p>
            <p>
              Also available as JSON (<a href="/api/v1/deadline-rules">the rules</a>,{' '}
              <code>/api/v1/deadlines?rule=pr-decision&amp;start=2026-12-21</code>) and on the command line:{' '}
              <code>cairn deadline pr-decision 2026-12-21</code>.
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/deadline-rules',
      permission: 'deadline:read',
      kind: 'api',
      tag: 'deadlines',
      summary: 'The statutory time limits and working-day calendars, with their sources',
      operationId: 'listDeadlineRules',
      response: DeadlineRules,
    },
    async (c, { ctx }) => {
      const book = await svc.rules(ctx);
      return c.json({
        data: book.rules.map((r) => ({
          code: r.code,
          name: r.name,
          period: describePeriod(r),
          unit: r.unit,
          length: r.length,
          beginsWith: r.beginsWith,
          party: r.party,
          extendable: r.extendable,
          calendar: r.calendarCode,
          source: r.source,
          note: r.note,
        })),
        calendars: [...book.calendars.values()].map((cal) => ({
          code: cal.code,
          name: cal.name,
          source: cal.source,
          exclusions: cal.exclusions,
        })),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/deadlines',
      permission: 'deadline:read',
      kind: 'api',
      tag: 'deadlines',
      summary: 'The due date of a statutory time limit beginning with a given date',
      query: ApiQuery,
      operationId: 'calculateDeadline',
      response: DeadlineCalculation,
    },
    async (c, { ctx, query }) => {
      const r = await svc.calculate(ctx, query.rule, query.start);
      return c.json({
        rule: r.rule.code,
        start: r.start,
        due: r.due,
        period: r.period,
        beginsWith: r.rule.beginsWith,
        source: r.rule.source,
      });
    },
  );
}
