import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../errors.ts';

/** Field names → labels, so that the error summary links each message to its field. */
/** `idPrefix`: when a page holds several forms, each form's fields are named `<prefix><field>` (see FieldProps.idPrefix). */
export function ErrorSummary({
  errors,
  labels = {},
  idPrefix = '',
}: {
  errors: FieldErrors | null | undefined;
  labels?: Record<string, string>;
  idPrefix?: string;
}) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="ds_error-summary" id="error-summary" aria-labelledby="error-summary-title" role="alert">
      <h2 class="ds_error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul class="ds_error-summary__list">
        {Object.entries(errors).flatMap(([field, messages]) =>
          messages.map((m) => (
            <li>{field === '_body' ? m : <a href={`#${idPrefix}${field}`}>{`${labels[field] ?? field}: ${m}`}</a>}</li>
          )),
        )}
      </ul>
    </div>
  );
}

/** The error messages of a field and the ids that describe it (hint, error). */
function fieldState(p: {
  name: string;
  idPrefix?: string | undefined;
  hint?: string | undefined;
  errors?: FieldErrors | null | undefined;
}) {
  const messages = p.errors?.[p.name] ?? [];
  const id = `${p.idPrefix ?? ''}${p.name}`;
  const describedBy = [p.hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return { messages, describedBy, id };
}

/** A design-system question: label, hint and error message around one control. */
function Question(p: { id: string; label: string; hint?: string | undefined; messages: string[]; children: Child }) {
  return (
    <div class={`ds_question${p.messages.length ? ' ds_question--error' : ''}`}>
      <label class="ds_label" for={p.id}>
        {p.label}
      </label>
      {p.hint ? (
        <p class="ds_hint-text" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.messages.length ? (
        <p class="ds_question__error-message" id={`${p.id}-error`}>
          {p.messages.join(' ')}
        </p>
      ) : null}
      {p.children}
    </div>
  );
}

export interface FieldProps {
  name: string;
  /** Prefix for the element ids, when the page holds several forms with the same field names. */
  idPrefix?: string;
  label: string;
  hint?: string;
  value?: string | null | undefined;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'number';
  autocomplete?: string;
  errors?: FieldErrors | null | undefined;
  required?: boolean;
  width?: 'fixed-20' | 'fluid-two-thirds' | 'fluid-one-third';
}

export function TextField(p: FieldProps) {
  const { messages, describedBy, id } = fieldState(p);
  return (
    <Question id={id} label={p.label} hint={p.hint} messages={messages}>
      <input
        class={`ds_input ds_input--${p.width ?? 'fluid-two-thirds'}${messages.length ? ' ds_input--error' : ''}`}
        type={p.type ?? 'text'}
        id={id}
        name={p.name}
        value={p.value ?? ''}
        autocomplete={p.autocomplete}
        required={p.required}
        aria-invalid={messages.length ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </Question>
  );
}

export interface SelectProps {
  name: string;
  idPrefix?: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  value?: string | null | undefined;
  errors?: FieldErrors | null | undefined;
  placeholder?: string;
}

export function SelectField(p: SelectProps) {
  const { messages, describedBy, id } = fieldState(p);
  return (
    <Question id={id} label={p.label} hint={p.hint} messages={messages}>
      <div class={`ds_select-wrapper${messages.length ? ' ds_select--error' : ''}`}>
        <select
          class="ds_select"
          id={id}
          name={p.name}
          aria-invalid={messages.length ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        >
          {p.placeholder ? <option value="">{p.placeholder}</option> : null}
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
        <span class="ds_select-arrow" aria-hidden="true"></span>
      </div>
    </Question>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A POST form with its CSRF token. */
export function Form({
  action,
  token,
  children,
  class: cls,
}: {
  action: string;
  token: string;
  children: Child;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={cls} novalidate>
      <CsrfField token={token} />
      {children}
    </form>
  );
}

export function Button({ children, secondary, small }: { children: Child; secondary?: boolean; small?: boolean }) {
  return (
    <button
      type="submit"
      class={`ds_button${secondary ? ' ds_button--secondary' : ''}${small ? ' ds_button--small' : ''}`}
    >
      {children}
    </button>
  );
}

export function SummaryList({ items }: { items: { key: string; value: Child }[] }) {
  return (
    <dl class="ds_summary-list">
      {items.map((i) => (
        <div class="ds_summary-list__item">
          <dt class="ds_summary-list__key">{i.key}</dt>
          <dd class="ds_summary-list__value">
            <span class="ds_summary-list__answer">{i.value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface TableColumn<T> {
  header: Child;
  cell: (row: T) => Child;
  numeric?: boolean;
  /** For a table sorted by this column: its direction, announced to screen readers (aria-sort). */
  sorted?: 'ascending' | 'descending';
}

export function Table<T>({
  caption,
  rows,
  columns,
  empty,
}: {
  caption: string;
  rows: readonly T[];
  columns: TableColumn<T>[];
  empty: string;
}) {
  if (rows.length === 0) return <p class="cairn-empty">{empty}</p>;
  // A focusable, named region, so that keyboard users can scroll a table wider than the screen (axe scrollable-region-focusable).
  return (
    <div class="cairn-table-wrapper" role="region" aria-label={caption} tabindex={0}>
      <table class="ds_table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => (
              <th scope="col" class={col.numeric ? 'cairn-numeric' : undefined} aria-sort={col.sorted}>
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((col) => (
                <td class={col.numeric ? 'cairn-numeric' : undefined}>{col.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Tag({
  children,
  colour,
}: {
  children: Child;
  colour?: 'green' | 'grey' | 'orange' | 'red' | 'blue' | 'purple' | 'teal' | 'yellow';
}) {
  return <strong class={`ds_tag${colour ? ` ds_tag--${colour}` : ''}`}>{children}</strong>;
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleDateString('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function TextArea(p: Omit<FieldProps, 'type' | 'width'> & { rows?: number }) {
  const { messages, describedBy, id } = fieldState(p);
  return (
    <Question id={id} label={p.label} hint={p.hint} messages={messages}>
      <textarea
        class={`ds_input${messages.length ? ' ds_input--error' : ''}`}
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required}
        aria-invalid={messages.length ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {p.value ?? ''}
      </textarea>
    </Question>
  );
}

/** A file input; the form around it must be multipart. */
export function FileField(p: {
  name: string;
  idPrefix?: string;
  label: string;
  hint?: string;
  accept?: string;
  multiple?: boolean;
  errors?: FieldErrors | null | undefined;
}) {
  const { messages, describedBy, id } = fieldState(p);
  return (
    <Question id={id} label={p.label} hint={p.hint} messages={messages}>
      <input
        class="ds_file-upload"
        type="file"
        id={id}
        name={p.name}
        accept={p.accept}
        multiple={p.multiple}
        aria-invalid={messages.length ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </Question>
  );
}

/** A POST form that can carry files. */
export function UploadForm({ action, token, children }: { action: string; token: string; children: Child }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate>
      <CsrfField token={token} />
      {children}
    </form>
  );
}

/** The two buttons of every import form: check the file (a dry run), or import it. */
export function ImportButtons() {
  return (
    <div class="ds_button-group">
      <button type="submit" class="ds_button ds_button--secondary" name="dry_run" value="true">
        Check the file only
      </button>
      <button type="submit" class="ds_button" name="dry_run" value="false">
        Import
      </button>
    </div>
  );
}

const DOWNLOAD_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A Word document or Excel workbook to download. */
export function fileResponse(
  c: { body: (data: Uint8Array, status: 200, headers: Record<string, string>) => Response },
  kind: keyof typeof DOWNLOAD_TYPES,
  fileName: string,
  bytes: Uint8Array,
): Response {
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': DOWNLOAD_TYPES[kind],
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}

export function csvResponse(
  c: { body: (data: string, status: 200, headers: Record<string, string>) => Response },
  fileName: string,
  csv: string,
): Response {
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}
