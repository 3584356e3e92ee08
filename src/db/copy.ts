import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.ts';

/**
 * Bulk loading with COPY … FROM STDIN, inside whatever transaction the caller is in, on both engines.
 *
 * Kysely sends a query as text and parameters. connect() teaches each engine's connection one more
 * form: the text `COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv)` with a single Buffer parameter
 * (the CSV) is sent as a COPY, on the same connection and so in the same transaction. PostgreSQL gets it
 * through the pg client's protocol layer (CopyInResponse answered with the data, as pg-copy-streams
 * does, which is not a dependency); PGlite reads it from its virtual '/dev/blob'.
 *
 * Why: the national imports write 30,000–150,000 observations at a time. INSERT … SELECT FROM unnest of
 * arrays sent as parameters spends most of its time building and parsing those arrays (on PostgreSQL the
 * INSERT reached half of COPY's rate); COPY into a temporary table and one INSERT … SELECT from it costs
 * little more than COPY itself (docs/PERFORMANCE.md, ADR 0010).
 */

const COPY_FROM_STDIN = /^\s*COPY\s[\s\S]+\sFROM\s+STDIN\s/i;

/** A COPY statement with its CSV, as connect() recognises it. */
export function isCopyIn(text: unknown, values: unknown): values is [Buffer] {
  return (
    typeof text === 'string' &&
    COPY_FROM_STDIN.test(text) &&
    Array.isArray(values) &&
    values.length === 1 &&
    Buffer.isBuffer(values[0])
  );
}

/** PGlite reads COPY data from its virtual file '/dev/blob'. */
export function copyInForPglite(text: string): string {
  return text.replace(/\sFROM\s+STDIN\s/i, " FROM '/dev/blob' ");
}

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** A query object the pg client submits as any other, which answers the server's CopyInResponse with the data. */
class CopyIn {
  private finished = false;
  rowCount = 0;

  constructor(
    readonly text: string,
    private readonly data: Buffer,
    private readonly done: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    const CHUNK = 64 * 1024;
    for (let at = 0; at < this.data.length; at += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const m = /COPY (\d+)/.exec(message.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  // On an error the pg client lets go of the query at once (it will not pass on the ReadyForQuery that
  // follows), so the answer is given here.
  handleError(error: Error): void {
    this.finish(error);
  }

  handleReadyForQuery(): void {
    this.finish(null);
  }

  private finish(error: Error | null): void {
    if (this.finished) return;
    this.finished = true;
    this.done(error, this.rowCount);
  }

  handleEmptyQuery(): void {}
}

/** Send `data` (CSV) to a `COPY … FROM STDIN` statement on this pg client; resolves with the rows copied. */
export function copyFromStdin(client: pg.ClientBase, statement: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(statement, data, (error, rows) => (error ? reject(error) : resolve(rows)));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

const taught = Symbol('cairn.copyIn');

/** Teach a pg client the COPY form (connect() does this for every client of the pool). */
export function teachCopyIn(client: pg.ClientBase): void {
  const c = client as pg.ClientBase & { [taught]?: true };
  if (c[taught]) return;
  c[taught] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) => {
    // Reported as an INSERT, the only way Kysely passes a row count on (it reads rowCount for INSERT,
    // UPDATE, DELETE and MERGE alone).
    if (isCopyIn(text, values))
      return copyFromStdin(client, text as string, values[0]).then((rowCount) => ({
        command: 'INSERT',
        rowCount,
        rows: [],
      }));
    return query(text, values, ...rest);
  };
}

/** One CSV field: null as an unquoted empty field (COPY's NULL in CSV format), anything else quoted. */
function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
  return v.includes('"') ? `"${v.replace(/"/g, '""')}"` : `"${v}"`;
}

/** Rows as CSV for COPY (FORMAT csv): one line each, fields in the columns' order. */
export function csvOf(rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = csvField(row[0]);
    for (let i = 1; i < row.length; i++) line += ',' + csvField(row[i]);
    lines[r] = line;
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The COPY statement for a table and its columns; `table` and `columns` are identifiers written by Cairn, never user input. */
function copyStatement(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns])
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`COPY: “${name}” is not a plain identifier`);
  return `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
}

async function copyCsv(
  db: Pick<Kysely<Database>, 'executeQuery'>,
  statement: string,
  table: string,
  csv: Buffer,
  rows: number,
): Promise<void> {
  const result = await db.executeQuery(CompiledQuery.raw(statement, [csv]));
  const copied = Number(result.numAffectedRows ?? -1n);
  if (copied !== rows) throw new Error(`COPY into ${table} took ${copied} rows of ${rows}`);
}

/**
 * COPY many rows in chunks, each chunk's CSV written while the database takes the one before (on
 * PostgreSQL, a separate process, the two overlap); `onChunk` is told the rows copied so far.
 */
export async function copyChunks<T>(
  db: Pick<Kysely<Database>, 'executeQuery'>,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  toRow: (item: T) => readonly (string | number | null | undefined)[],
  options: { chunk: number; onChunk?: (copied: number) => void },
): Promise<void> {
  const statement = copyStatement(table, columns);
  const csvAt = (from: number) => csvOf(items.slice(from, from + options.chunk).map(toRow));
  let next = items.length ? csvAt(0) : null;
  for (let from = 0; next; from += options.chunk) {
    const rows = Math.min(options.chunk, items.length - from);
    const sending = copyCsv(db, statement, table, next, rows);
    // The next chunk's CSV while this one is copied.
    next = from + options.chunk < items.length ? csvAt(from + options.chunk) : null;
    await sending;
    options.onChunk?.(from + rows);
  }
}
