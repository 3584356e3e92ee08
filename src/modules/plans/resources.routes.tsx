import type { Context } from 'hono';
import { financialYearLabel } from '../../core/periods.ts';
import { raw } from 'hono/html';
import writeExcelFile from 'write-excel-file/node';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  csvResponse,
  fileResponse,
  ImportButtons,
  ErrorSummary,
  FileField,
  Form,
  SelectField,
  Table,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ImportError } from '../imports/index.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { PlansService } from './plans.service.ts';
import {
  ARRANGEMENT_LABELS,
  ARRANGEMENTS,
  CommitmentSchema,
  PREVENTION,
  PREVENTION_LABELS,
  type ResourcesService,
} from './resources.service.ts';

const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

const planIdOf = (c: Context<AppEnv>) => idParam(c, 'planId');

/** What the resources pages use: the commitments, the plan's tree and the partnership's partners. */
export interface ResourcesRoutesDeps {
  resources: ResourcesService;
  plans: Pick<PlansService, 'tree'>;
  partnerships: Pick<PartnershipsService, 'organisations'>;
}

export function resourcesRoutes(router: Router, deps: ResourcesRoutesDeps): void {
  const svc = deps.resources;

  const page = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    rawInput: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const planId = planIdOf(c);
    const s = await svc.summary(ctx, p, planId);
    const tree = await deps.plans.tree(ctx, planId, p.id);
    const orgs = await deps.partnerships.organisations(ctx, p);
    const v = (k: string) => (typeof rawInput[k] === 'string' ? (rawInput[k] as string) : '');
    const base = `/p/${p.code}/plans/${planId}/resources`;
    const canCommit = can(ctx.actor, 'resource:commit', p.id);
    const years = Array.from({ length: s.plan.end_year - s.plan.start_year + 1 }, (_x, i) => s.plan.start_year + i);
    return render(c, {
      title: errors ? `Error: resources for ${s.plan.title}` : `Resources for ${s.plan.title}`,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [
        { href: `/p/${p.code}/plans`, label: 'Plans' },
        { href: `/p/${p.code}/plans/${planId}`, label: s.plan.title },
      ],
      children: (
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
          <p>
            What each partner commits to the plan’s priorities, year by year: money, staff time and assets in kind,
            aligned or pooled, and whether it prevents, intervenes early or reacts. All commitments as{' '}
            <a href={`${base}.csv`}>CSV</a> or an <a href={`${base}.xlsx`}>Excel workbook</a>.
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
                Per cent of the money committed in each financial year that is preventative; the table gives every
                figure.
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
          {canCommit && tree.priorities.length ? (
            <>
              <h2>Record a commitment</h2>
              <Form action={base} token={c.get('csrfToken')}>
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
                  options={tree.priorities.map((x) => ({ value: String(x.id), label: x.title }))}
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
                <TextField
                  name="in_kind"
                  label="Assets or help in kind (optional)"
                  value={v('in_kind')}
                  errors={errors}
                />
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
              <h2>Import commitments</h2>
              <p>
                A CSV file or Excel workbook with the columns <code>organisation</code>, <code>priority</code>,{' '}
                <code>financial_year</code> (like 2026/27), <code>money</code>, <code>fte</code>, <code>in_kind</code>,{' '}
                <code>arrangement</code> (aligned or pooled), <code>prevention</code> (preventative, early intervention
                or reactive), and optionally <code>outcome</code> and <code>note</code>; names as they appear in the
                plan. All or nothing; importing again replaces what an earlier import brought for the same partner,
                priority and year.
              </p>
              <UploadForm action={`${base}/import`} token={c.get('csrfToken')}>
                <FileField name="file" label="CSV or Excel file" accept=".csv,.xlsx" errors={errors} />
                <ImportButtons />
              </UploadForm>
            </>
          ) : null}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId/resources',
      permission: 'partnership:read',
      kind: 'page',
      summary:
        'Resources partners commit to a plan: by year, partner and priority, the preventative share, who has committed nothing',
    },
    (c, { partnership: p }) => page(c, p, {}, null),
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId/resources.xlsx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every resource commitment to a plan, as an Excel workbook (the import format)',
    },
    async (c, { partnership: p, ctx }) => {
      const { plan, rows } = await svc.list(ctx, p, planIdOf(c));
      const header = [
        'organisation',
        'priority',
        'outcome',
        'financial_year',
        'money',
        'fte',
        'in_kind',
        'arrangement',
        'prevention',
        'note',
      ];
      const data = [
        header,
        ...rows.map((r) => [
          r.organisation,
          r.priority,
          r.outcome,
          financialYearLabel(r.financial_year),
          r.money,
          r.fte,
          r.in_kind,
          r.arrangement,
          r.prevention,
          r.note,
        ]),
      ];
      const bytes = await writeExcelFile(data, { sheet: 'Commitments' }).toBuffer();
      return fileResponse(c, 'xlsx', `${p.code}-plan-${plan.id}-resources.xlsx`, bytes);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/plans/:planId/resources.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every resource commitment to a plan, as CSV (the import format)',
    },
    async (c, { partnership: p, ctx }) => {
      const { plan, rows } = await svc.list(ctx, p, planIdOf(c));
      return csvResponse(
        c,
        `${p.code}-plan-${plan.id}-resources.csv`,
        toCsv(rows, [
          { header: 'organisation', value: (r) => r.organisation },
          { header: 'priority', value: (r) => r.priority },
          { header: 'outcome', value: (r) => r.outcome },
          { header: 'financial_year', value: (r) => financialYearLabel(r.financial_year) },
          { header: 'money', value: (r) => r.money.toFixed(2) },
          { header: 'fte', value: (r) => r.fte },
          { header: 'in_kind', value: (r) => r.in_kind },
          { header: 'arrangement', value: (r) => r.arrangement },
          { header: 'prevention', value: (r) => r.prevention },
          { header: 'note', value: (r) => r.note },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/plans/:planId/resources',
      permission: 'resource:commit',
      kind: 'page',
      summary: 'Record what a partner commits to a priority in a financial year',
      body: CommitmentSchema,
      onInvalid: (c, e, rawInput, p) => page(c, p, rawInput, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.add(ctx, p, planIdOf(c), body);
      setFlash(c, { kind: 'success', message: 'The commitment is recorded.' });
      return c.redirect(`/p/${p.code}/plans/${planIdOf(c)}/resources`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/plans/:planId/resources/import',
      permission: 'resource:commit',
      kind: 'page',
      summary: 'Import resource commitments from CSV or Excel (all or nothing; dry_run checks only)',
      upload: 'import',
      body: z.object({
        file: z.instanceof(File, { error: 'Choose a CSV or Excel file' }),
        dry_run: z.enum(['true', 'false']).default('false'),
      }),
      onInvalid: (c, e, _raw, p) => page(c, p, {}, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      try {
        const s = await svc.importFile(
          ctx,
          p,
          planIdOf(c),
          { name: body.file.name || 'upload.csv', content: Buffer.from(await body.file.arrayBuffer()) },
          body.dry_run === 'true',
        );
        setFlash(c, {
          kind: 'success',
          message: `${s.file}: ${s.rows} commitments ${s.dryRun ? 'checked; nothing was saved' : 'imported'}.`,
        });
        return c.redirect(`/p/${p.code}/plans/${planIdOf(c)}/resources`, 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          return page(c, p, {}, { file: [e.message] });
        }
        throw e;
      }
    },
  );
}
