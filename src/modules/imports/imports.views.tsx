import type { FieldErrors } from '../../core/errors.ts';
import {
  ErrorSummary,
  FileField,
  formatDateTime,
  ImportButtons,
  SelectField,
  Table,
  TextField,
  UploadForm,
} from '../../core/ui/components.tsx';
import type { ImportRun, OwnIndicator } from './imports.service.ts';
import type { NationalImportKind } from './national-kinds.ts';

/** Views of the national files and of a partnership's own data: props in, JSX out (the routes are in imports.routes.tsx). */

const FORMATS = {
  tidy: 'Tidy CSV (area_code, indicator, period, value)',
  'open-sdg': 'Open SDG CSV (Year, Value; one indicator)',
} as const;

function NationalUploadForm(props: {
  kinds: readonly NationalImportKind[];
  kind: string | null;
  csrfToken: string;
  errors: FieldErrors | null;
}) {
  const { errors } = props;
  return (
    <>
      <h2>Load a file</h2>
      <ErrorSummary errors={errors} labels={{ kind: 'What the file is', files: 'File' }} />
      <UploadForm action="/imports" token={props.csrfToken}>
        <SelectField
          name="kind"
          label="What the file is"
          options={props.kinds.map((k) => ({ value: k.kind, label: k.label }))}
          value={props.kind}
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
  );
}

function NationalRunsTable({ runs }: { runs: ImportRun[] }) {
  return (
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
  );
}

/**
 * The national data page: the files Cairn reads, those loaded, and (when `canRun`) the form to load one,
 * with the kind chosen and the errors of the last attempt.
 */
export function NationalData(props: {
  kinds: readonly NationalImportKind[];
  runs: ImportRun[];
  canRun: boolean;
  kind: string | null;
  csrfToken: string;
  errors: FieldErrors | null;
}) {
  return (
    <>
      <p>
        The national open data every partnership shares, as it was loaded: each file with its checksum, when, by whom,
        and what it held. National analysts load files here or with <code>cairn import</code>; every import is all or
        nothing, and can be checked first without saving anything.
      </p>
      {props.canRun ? (
        <NationalUploadForm kinds={props.kinds} kind={props.kind} csrfToken={props.csrfToken} errors={props.errors} />
      ) : null}
      <h2>What Cairn reads</h2>
      <Table
        caption="The national files Cairn reads, in the order a new database needs them"
        rows={[...props.kinds]}
        empty=""
        columns={[
          { header: 'File', cell: (k) => k.label },
          { header: 'What it holds', cell: (k) => k.description },
          { header: 'Command', cell: (k) => <code>cairn import {k.kind}</code> },
        ]}
      />
      <h2>Files loaded</h2>
      <NationalRunsTable runs={props.runs} />
      <p>
        <a href="/imports.csv">Download the list as CSV</a>
      </p>
    </>
  );
}

function OwnIndicatorsTable({ indicators }: { indicators: OwnIndicator[] }) {
  return (
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
  );
}

/** What the own-data form shows again after an error: the layout, indicator, unit and direction typed. */
export interface LocalUploadValues {
  format: string;
  indicator: string;
  unit: string;
  higher_is_better: string;
}

function LocalUploadForm(props: {
  councilAreaCode: string;
  action: string;
  csrfToken: string;
  values: LocalUploadValues;
  errors: FieldErrors | null;
}) {
  const { errors, values } = props;
  return (
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
        A <strong>tidy CSV</strong> has the columns <code>area_code, indicator, period, value</code> and, if you have
        them, <code>lower_bound, upper_bound, numerator, denominator</code>. An <strong>Open SDG CSV</strong> holds one
        indicator with the columns <code>Year, Value</code> and optionally <code>GeoCode</code> and disaggregation
        columns (Cairn keeps the headline rows). Areas must be inside the partnership: its council area (
        {props.councilAreaCode}), its localities or its data zones and intermediate zones. Periods can be 2024, 2024/25,
        2022-2024 or 2024 Q1. Everything is checked first: one bad row and nothing is saved, with the row and column
        named.
      </p>
      <UploadForm action={props.action} token={props.csrfToken}>
        <FileField name="file" label="CSV file" errors={errors} accept=".csv,text/csv" />
        <SelectField
          name="format"
          label="Layout"
          options={Object.entries(FORMATS).map(([value, label]) => ({ value, label }))}
          value={values.format || 'tidy'}
          errors={errors}
        />
        <TextField
          name="indicator"
          label="Indicator (Open SDG files only)"
          hint="The name of the indicator the file holds, for example “Residents who feel safe walking alone after dark”."
          value={values.indicator}
          errors={errors}
        />
        <TextField
          name="unit"
          label="Unit (optional, for a new indicator)"
          value={values.unit}
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
          value={values.higher_is_better}
          placeholder="Not stated"
          errors={errors}
        />
        <ImportButtons />
      </UploadForm>
    </>
  );
}

function LocalRunsTable({ runs }: { runs: ImportRun[] }) {
  return (
    <Table
      caption="Files loaded for the partnership"
      rows={runs}
      empty="No file has been loaded yet."
      columns={[
        { header: 'When', cell: (r) => formatDateTime(r.finished_at) },
        { header: 'File', cell: (r) => r.file_name },
        {
          header: 'Layout',
          cell: (r) => (r.kind === 'local-tidy' ? 'Tidy CSV' : r.kind === 'local-open-sdg' ? 'Open SDG CSV' : r.kind),
        },
        { header: 'Rows read', cell: (r) => r.rows_read, numeric: true },
        { header: 'Loaded', cell: (r) => r.rows_loaded, numeric: true },
        { header: 'By', cell: (r) => r.actor_label },
        { header: 'Checksum (SHA-256)', cell: (r) => <code>{r.checksum.slice(0, 12)}…</code> },
      ]}
    />
  );
}

/**
 * A partnership's own data: its indicators, the files loaded, and (when `canImport`) the form to load one,
 * with what was typed and the errors of the last attempt. `valuesHref` is the CSV of every value,
 * `importHref` where the form posts.
 */
export function OwnData(props: {
  councilAreaCode: string;
  indicators: OwnIndicator[];
  runs: ImportRun[];
  canImport: boolean;
  valuesHref: string;
  importHref: string;
  csrfToken: string;
  values: LocalUploadValues;
  errors: FieldErrors | null;
}) {
  return (
    <>
      <p>
        Indicators of the partnership’s own — a residents’ survey, a service count, a locality figure — for the measures
        of its plans that no national file holds. National data (CPOP, LGBF, NPF, SIMD) is loaded by national analysts
        and shared by every partnership.
      </p>
      <h2>Indicators of the partnership’s own</h2>
      <OwnIndicatorsTable indicators={props.indicators} />
      {props.indicators.length ? (
        <p>
          <a href={props.valuesHref}>Download every value as CSV</a>
        </p>
      ) : null}
      {props.canImport ? (
        <LocalUploadForm
          councilAreaCode={props.councilAreaCode}
          action={props.importHref}
          csrfToken={props.csrfToken}
          values={props.values}
          errors={props.errors}
        />
      ) : null}
      <h2>Files loaded</h2>
      <LocalRunsTable runs={props.runs} />
    </>
  );
}
