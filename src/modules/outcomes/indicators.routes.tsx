import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import {
  Button,
  csvResponse,
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
import { render } from '../../core/ui/layout.tsx';
import { FRAMEWORKS, type IndicatorEntry, type IndicatorsService } from './indicators.service.ts';

const CatalogueQuery = z.object({
  q: z.string().trim().max(200, { error: 'Use at most 200 characters' }).optional(),
  framework: z
    .enum(FRAMEWORKS as [string, ...string[]], { error: 'Choose CPOP, LGBF or NPF' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  prevention: z.enum(['yes', 'no', ''], { error: 'Choose yes or no' }).optional(),
});
const PreventionSchema = z.object({
  prevention: z.enum(['yes', 'no'], { error: 'Say whether the indicator measures prevention' }),
  note: z.string().trim().max(2000, { error: 'Use at most 2,000 characters' }).optional(),
});

const polarity = (i: IndicatorEntry) =>
  i.higherIsBetter === null ? 'Neither' : i.higherIsBetter ? 'Higher is better' : 'Lower is better';

function catalogueCsv(rows: IndicatorEntry[]): string {
  return toCsv(rows, [
    { header: 'code', value: (i) => i.code },
    { header: 'name', value: (i) => i.name },
    { header: 'frameworks', value: (i) => i.frameworks.join('; ') },
    { header: 'external_code', value: (i) => i.externalCode ?? '' },
    { header: 'category', value: (i) => i.category ?? '' },
    { header: 'unit', value: (i) => i.unit ?? '' },
    { header: 'higher_is_better', value: (i) => (i.higherIsBetter === null ? '' : String(i.higherIsBetter)) },
    { header: 'prevention', value: (i) => String(i.prevention) },
    { header: 'prevention_reason', value: (i) => i.preventionNote ?? '' },
    { header: 'values', value: (i) => i.values },
    { header: 'latest_period', value: (i) => i.latestPeriod ?? '' },
    { header: 'source', value: (i) => i.source },
  ]);
}

/** What the indicator catalogue's routes need: the indicators service, nothing else. */
export interface IndicatorsRoutesDeps {
  indicators: IndicatorsService;
}

/**
 * The catalogue of national indicators: what each measures, in which frameworks, which way is better,
 * where it comes from, how much data is loaded, and whether it measures prevention (and why).
 */
export function indicatorsRoutes(router: Router, deps: IndicatorsRoutesDeps): void {
  const filterOf = (q: z.output<typeof CatalogueQuery>) => ({
    q: q.q || undefined,
    framework: q.framework as (typeof FRAMEWORKS)[number] | undefined,
    prevention: q.prevention === 'yes' ? true : q.prevention === 'no' ? false : undefined,
  });

  router.route(
    {
      method: 'GET',
      path: '/indicators',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'The catalogue of national indicators: definitions, frameworks, polarity, source, prevention tags',
      query: CatalogueQuery,
    },
    async (c, { ctx, query }) => {
      const rows = await deps.indicators.list(ctx, filterOf(query));
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
      return render(c, {
        title: 'Indicators',
        wide: true,
        crumbs: [{ href: '/scotland', label: 'Scotland' }],
        children: (
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
                      {i.prevention ? (
                        <>
                          {' '}
                          <Tag colour="teal">Prevention</Tag>
                        </>
                      ) : null}
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
              <a href={`/indicators.csv${params ? `?${params}` : ''}`}>Download this list as CSV</a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/indicators.csv',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The catalogue of national indicators as CSV',
      query: CatalogueQuery,
    },
    async (c, { ctx, query }) =>
      csvResponse(c, 'indicators.csv', catalogueCsv(await deps.indicators.list(ctx, filterOf(query)))),
  );

  const indicatorPage = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const i = await deps.indicators.get(ctx, codeParam(c, 'code'));
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    return render(c, {
      title: errors ? `Error: ${i.name}` : i.name,
      label: 'Indicator',
      crumbs: [{ href: '/indicators', label: 'Indicators' }],
      children: (
        <>
          <ErrorSummary errors={errors} labels={{ prevention: 'Measures prevention', note: 'Why' }} />
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
          {can(ctx.actor, 'indicator:tag') ? (
            <>
              <h2>Prevention tag</h2>
              <Form action={`/indicators/${encodeURIComponent(i.code)}/prevention`} token={c.get('csrfToken')}>
                <SelectField
                  name="prevention"
                  label="Measures prevention"
                  options={[
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                  ]}
                  value={str('prevention') ?? (i.prevention ? 'yes' : 'no')}
                  errors={errors}
                />
                <TextArea
                  name="note"
                  label="Why"
                  hint="Shown beside the tag: what the indicator tells about prevention, and on whose judgement"
                  value={str('note') ?? i.preventionNote ?? ''}
                  errors={errors}
                  rows={3}
                />
                <Button>Save the tag</Button>
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
      path: '/indicators/:code',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'One national indicator: definition, frameworks, polarity, source, prevention tag',
    },
    (c) => indicatorPage(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/indicators/:code/prevention',
      permission: 'indicator:tag',
      kind: 'page',
      summary: 'Tag a national indicator as a measure of prevention (with the reason), or take the tag off',
      body: PreventionSchema,
      onInvalid: (c, e, raw) => indicatorPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const code = codeParam(c, 'code');
      await deps.indicators.setPrevention(ctx, code, {
        prevention: body.prevention === 'yes',
        note: body.note || undefined,
      });
      setFlash(c, {
        kind: 'success',
        message:
          body.prevention === 'yes'
            ? 'The indicator is tagged as a measure of prevention.'
            : 'The indicator is not tagged as a measure of prevention.',
      });
      return c.redirect(`/indicators/${encodeURIComponent(code)}`, 303);
    },
  );
}
