import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import {
  csvResponse,
  ErrorSummary,
  FileField,
  formatDateTime,
  ImportButtons,
  SelectField,
  Table,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ImportError } from './import-errors.ts';
import type { ImportsService, ImportSummary } from './imports.service.ts';
import { OwnIndicatorName, OwnIndicatorUnit } from './local-data.importer.ts';
import { NATIONAL_IMPORTS, nationalImport } from './national-kinds.ts';

type FieldErrors = Record<string, string[]> | null;

const FORMATS = {
  tidy: 'Tidy CSV (area_code, indicator, period, value)',
  'open-sdg': 'Open SDG CSV (Year, Value; one indicator)',
} as const;

const LocalUpload = z.object({
  file: z.instanceof(File, { error: 'Choose a CSV file' }),
  format: z.enum(['tidy', 'open-sdg'], { error: 'Choose the layout of the file' }),
  // The same schemas hold a name and unit given in the file (local-data.importer.ts).
  indicator: OwnIndicatorName.optional(),
  unit: OwnIndicatorUnit.optional(),
  higher_is_better: z.enum(['', 'true', 'false']).optional(),
  dry_run: z.enum(['true', 'false']).default('false'),
});

/** What an import did, in a sentence a person can act on. */
export function describeImport(
  s: ImportSummary<{ rowsRead: number; rowsLoaded: number; skipped?: Record<string, number> }>,
): string {
  const skipped = Object.entries(s.result.skipped ?? {})
    .map(([reason, n]) => `${n} ${reason}`)
    .join('; ');
  return `${s.file}: ${s.result.rowsRead} rows read, ${s.result.rowsLoaded} ${s.dryRun ? 'would be loaded (checked only; nothing was saved)' : 'loaded'}${skipped ? `; skipped: ${skipped}` : ''}.`;
}

const NationalUpload = z.object({
  kind: z.enum(NATIONAL_IMPORTS.map((k) => k.kind) as [string, ...string[]], { error: 'Choose what the file is' }),
  files: z
    .union([z.instanceof(File), z.array(z.instanceof(File))], {
      error: 'Choose the file (or, for CPOP’s inequality inputs, the files)',
    })
    .transform((f) => (Array.isArray(f) ? f : [f]))
    .refine((f) => f.length > 0 && f.every((x) => x.size > 0), {
      error: 'Choose the file (or, for CPOP’s inequality inputs, the files)',
    }),
  dry_run: z.enum(['true', 'false']).default('false'),
});

/** What the imports routes need: the imports service, nothing else. */
export interface ImportsRoutesDeps {
  imports: ImportsService;
}

export function importsRoutes(router: Router, deps: ImportsRoutesDeps): void {
  const nationalPage = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors) => {
    const ctx = requestContext(c);
    const runs = await deps.imports.runs(ctx, 50);
    return render(c, {
      title: errors ? 'Error: national data' : 'National data',
      wide: true,
      children: (
        <>
          <p>
            The national open data every partnership shares, as it was loaded: each file with its checksum, when, by
            whom, and what it held. National analysts load files here or with <code>cairn import</code>; every import is
            all or nothing, and can be checked first without saving anything.
          </p>
          {can(ctx.actor, 'import:run') ? (
            <>
              <h2>Load a file</h2>
              <ErrorSummary errors={errors} labels={{ kind: 'What the file is', files: 'File' }} />
              <UploadForm action="/imports" token={c.get('csrfToken')}>
                <SelectField
                  name="kind"
                  label="What the file is"
                  options={NATIONAL_IMPORTS.map((k) => ({ value: k.kind, label: k.label }))}
                  value={typeof raw['kind'] === 'string' ? raw['kind'] : null}
                  placeholder="Choose"
                  errors={errors}
                />
                <FileField
                  name="files"
                  label="File"
                  hint="CSV, Excel (.xlsx) or GeoJSON, as published. For CPOP’s inequality inputs choose every YEAR_IGZ.csv at once."
                  multiple
                  errors={errors}
                />
                <ImportButtons />
              </UploadForm>
            </>
          ) : null}
          <h2>What Cairn reads</h2>
          <Table
            caption="The national files Cairn reads, in the order a new database needs them"
            rows={NATIONAL_IMPORTS}
            empty=""
            columns={[
              { header: 'File', cell: (k) => k.label },
              { header: 'What it holds', cell: (k) => k.description },
              { header: 'Command', cell: (k) => <code>cairn import {k.kind}</code> },
            ]}
          />
          <h2>Files loaded</h2>
          <Table
            caption="National files loaded, newest first"
            rows={runs}
            empty="No national file has been loaded yet."
            columns={[
              { header: 'When', cell: (r) => formatDateTime(r.finished_at) },
              { header: 'Kind', cell: (r) => r.kind },
              { header: 'File', cell: (r) => r.file_name },
              { header: 'Rows read', cell: (r) => r.rows_read, numeric: true },
              { header: 'Loaded', cell: (r) => r.rows_loaded, numeric: true },
              { header: 'By', cell: (r) => r.actor_label },
              { header: 'Checksum (SHA-256)', cell: (r) => <code>{r.checksum.slice(0, 12)}…</code> },
            ]}
          />
          <p>
            <a href="/imports.csv">Download the list as CSV</a>
          </p>
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/imports',
      permission: 'import:read',
      kind: 'page',
      summary:
        'The national files loaded (file, checksum, when, who, counts), and for national analysts a form to load more',
    },
    (c) => nationalPage(c, {}, null),
  );

  router.route(
    {
      method: 'GET',
      path: '/imports.csv',
      permission: 'import:read',
      kind: 'file',
      summary: 'The national files loaded, as CSV',
    },
    async (c, { ctx }) => {
      const runs = await deps.imports.runs(ctx, 1000);
      return csvResponse(
        c,
        'cairn-imports.csv',
        toCsv(runs, [
          { header: 'id', value: (r) => r.id },
          { header: 'kind', value: (r) => r.kind },
          { header: 'file_name', value: (r) => r.file_name },
          { header: 'checksum_sha256', value: (r) => r.checksum },
          { header: 'bytes', value: (r) => r.bytes },
          { header: 'rows_read', value: (r) => r.rows_read },
          { header: 'rows_loaded', value: (r) => r.rows_loaded },
          { header: 'rows_skipped', value: (r) => r.rows_skipped },
          { header: 'by', value: (r) => r.actor_label },
          { header: 'started_at', value: (r) => new Date(r.started_at).toISOString() },
          { header: 'finished_at', value: (r) => new Date(r.finished_at).toISOString() },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/imports',
      permission: 'import:run',
      kind: 'page',
      summary: 'Load a national file (all or nothing; dry_run checks only)',
      upload: 'import',
      body: NationalUpload,
      onInvalid: (c, e, raw) => nationalPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const kind = nationalImport(body.kind)!;
      if (!kind.multiple && body.files.length > 1) {
        c.status(400);
        return nationalPage(c, { kind: body.kind }, { files: [`${kind.label} is one file: choose one`] });
      }
      try {
        const sources = await Promise.all(
          body.files.map(async (f) => ({ name: f.name || 'upload', content: Buffer.from(await f.arrayBuffer()) })),
        );
        const s = await kind.run(deps.imports, ctx, sources, { dryRun: body.dry_run === 'true' });
        setFlash(c, { kind: 'success', message: describeImport(s) });
        return c.redirect('/imports', 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          return nationalPage(c, { kind: body.kind }, { files: [e.message] });
        }
        throw e;
      }
    },
  );

  const dataPage = async (c: Context<AppEnv>, p: PartnershipRef, raw: Record<string, unknown>, errors: FieldErrors) => {
    const ctx = requestContext(c);
    const [indicators, runs] = await Promise.all([deps.imports.ownIndicators(ctx, p), deps.imports.runsFor(ctx, p)]);
    const v = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
    return render(c, {
      title: errors ? 'Error: the partnership’s own data' : 'The partnership’s own data',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <>
          <p>
            Indicators of the partnership’s own — a residents’ survey, a service count, a locality figure — for the
            measures of its plans that no national file holds. National data (CPOP, LGBF, NPF, SIMD) is loaded by
            national analysts and shared by every partnership.
          </p>
          <h2>Indicators of the partnership’s own</h2>
          <Table
            caption="The partnership’s own indicators"
            rows={indicators}
            empty="None yet: load a file below."
            columns={[
              { header: 'Indicator', cell: (i) => i.name },
              { header: 'Code', cell: (i) => <code>{i.code}</code> },
              { header: 'Unit', cell: (i) => i.unit ?? '—' },
              { header: 'Values', cell: (i) => Number(i.values), numeric: true },
              { header: 'Latest period', cell: (i) => i.latest ?? '—' },
            ]}
          />
          {indicators.length ? (
            <p>
              <a href={`/p/${p.code}/data/values.csv`}>Download every value as CSV</a>
            </p>
          ) : null}
          {can(requestContext(c).actor, 'outcome:import', p.id) ? (
            <>
              <h2>Load a file</h2>
              <ErrorSummary
                errors={errors}
                labels={{
                  file: 'File',
                  format: 'Layout',
                  indicator: 'Indicator',
                  unit: 'Unit',
                  higher_is_better: 'Direction',
                }}
              />
              <p>
                A <strong>tidy CSV</strong> has the columns <code>area_code, indicator, period, value</code> and, if you
                have them, <code>lower_bound, upper_bound, numerator, denominator</code>. An{' '}
                <strong>Open SDG CSV</strong> holds one indicator with the columns <code>Year, Value</code> and
                optionally <code>GeoCode</code> and disaggregation columns (Cairn keeps the headline rows). Areas must
                be inside the partnership: its council area ({p.councilAreaCode}), its localities or its data zones and
                intermediate zones. Periods can be 2024, 2024/25, 2022-2024 or 2024 Q1. Everything is checked first: one
                bad row and nothing is saved, with the row and column named.
              </p>
              <UploadForm action={`/p/${p.code}/data/import`} token={c.get('csrfToken')}>
                <FileField name="file" label="CSV file" errors={errors} accept=".csv,text/csv" />
                <SelectField
                  name="format"
                  label="Layout"
                  options={Object.entries(FORMATS).map(([value, label]) => ({ value, label }))}
                  value={v('format') || 'tidy'}
                  errors={errors}
                />
                <TextField
                  name="indicator"
                  label="Indicator (Open SDG files only)"
                  hint="The name of the indicator the file holds, for example “Residents who feel safe walking alone after dark”."
                  value={v('indicator')}
                  errors={errors}
                />
                <TextField
                  name="unit"
                  label="Unit (optional, for a new indicator)"
                  value={v('unit')}
                  errors={errors}
                  width="fixed-20"
                />
                <SelectField
                  name="higher_is_better"
                  label="Is a higher value better? (for a new indicator)"
                  options={[
                    { value: 'true', label: 'Yes, higher is better' },
                    { value: 'false', label: 'No, lower is better' },
                  ]}
                  value={v('higher_is_better')}
                  placeholder="Not stated"
                  errors={errors}
                />
                <ImportButtons />
              </UploadForm>
            </>
          ) : null}
          <h2>Files loaded</h2>
          <Table
            caption="Files loaded for the partnership"
            rows={runs}
            empty="No file has been loaded yet."
            columns={[
              { header: 'When', cell: (r) => formatDateTime(r.finished_at) },
              { header: 'File', cell: (r) => r.file_name },
              {
                header: 'Layout',
                cell: (r) =>
                  r.kind === 'local-tidy' ? 'Tidy CSV' : r.kind === 'local-open-sdg' ? 'Open SDG CSV' : r.kind,
              },
              { header: 'Rows read', cell: (r) => r.rows_read, numeric: true },
              { header: 'Loaded', cell: (r) => r.rows_loaded, numeric: true },
              { header: 'By', cell: (r) => r.actor_label },
              { header: 'Checksum (SHA-256)', cell: (r) => <code>{r.checksum.slice(0, 12)}…</code> },
            ]}
          />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/data',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The partnership’s own indicators, the files loaded, and a form to load more',
    },
    (c, { partnership: p }) => dataPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/data/values.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every value of the partnership’s own indicators, as a tidy CSV (the import layout)',
    },
    async (c, { partnership: p, ctx }) => {
      const rows = await deps.imports.ownValues(ctx, p);
      return csvResponse(
        c,
        `${p.code}-own-data.csv`,
        toCsv(rows, [
          { header: 'area_code', value: (r) => r.area_code },
          { header: 'indicator', value: (r) => r.name },
          { header: 'period', value: (r) => r.period_label },
          { header: 'value', value: (r) => r.value },
          { header: 'lower_bound', value: (r) => r.lower_bound },
          { header: 'upper_bound', value: (r) => r.upper_bound },
          { header: 'numerator', value: (r) => r.numerator },
          { header: 'denominator', value: (r) => r.denominator },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/data/import',
      permission: 'outcome:import',
      kind: 'page',
      summary: 'Load the partnership’s own data from a tidy or Open SDG CSV (all or nothing; dry_run checks only)',
      upload: 'import',
      body: LocalUpload,
      onInvalid: (c, e, raw, p) => dataPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      try {
        const s = await deps.imports.importLocalData(
          ctx,
          p,
          { name: body.file.name || 'upload.csv', content: Buffer.from(await body.file.arrayBuffer()) },
          body.format,
          {
            dryRun: body.dry_run === 'true',
            ...(body.format === 'open-sdg'
              ? {
                  openSdg: {
                    indicator: body.indicator ?? '',
                    unit: body.unit || null,
                    higherIsBetter: body.higher_is_better ? body.higher_is_better === 'true' : null,
                  },
                }
              : {}),
          },
        );
        const created = s.result.indicatorsCreated.length
          ? ` New indicators: ${s.result.indicatorsCreated.length}.`
          : '';
        setFlash(c, { kind: 'success', message: `${describeImport(s)}${created}` });
        return c.redirect(`/p/${p.code}/data`, 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          const raw = {
            format: body.format,
            indicator: body.indicator ?? '',
            unit: body.unit ?? '',
            higher_is_better: body.higher_is_better ?? '',
          };
          return dataPage(c, p, raw, { file: [e.message] });
        }
        throw e;
      }
    },
  );
}
