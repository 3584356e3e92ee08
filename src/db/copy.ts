import { finished } from 'node:stream/promises';
import { CompiledQuery, type Kysely, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.ts';

/**
 * Bulk loading with COPY … FROM STDIN, inside whatever transaction the caller is in, on both engines.
 *
 * Kysely sends a query as text and parameters, and COPY is not a query: its data follows the statement
 * in an exchange of its own. So Cairn gives it one form Kysely can carry: the text
 * `COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv)` with a single Buffer parameter (the CSV). The
 * connection connect() hands to Kysely sends that form as a COPY, on the same connection and so in the
 * same transaction; everything else goes through untouched:
 *
 * - PostgreSQL: Kysely's pool is pg's pool seen through `poolWithCopyIn` (Kysely's own `PostgresPool`
 *   interface); the COPY itself is pg-copy-streams' (`copyFromStdin`). pg's clients are not changed.
 * - PGlite: its documented COPY from the virtual file '/dev/blob' (`query(text, [], { blob })`).
 *
 * Why COPY: the national imports write 30,000–150,000 observations at a time. INSERT … SELECT FROM unnest of
 * arrays sent as parameters spends most of its time building and parsing those arrays (on PostgreSQL the
 * INSERT reached half of COPY's rate); COPY into a temporary table and one INSERT … SELECT from it costs
 * little more than COPY itself (docs/PERFORMANCE.md, ADRs 0010 and 0014).
 */

const COPY_FROM_STDIN = /^\s*COPY\s[\s\S]+\sFROM\s+STDIN\s/i;

/** A COPY statement with its CSV, as the connections recognise it. */
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

/** Send `data` (CSV) to a `COPY … FROM STDIN` statement on this pg client, with pg-copy-streams; resolves with the rows copied. */
export async function copyFromStdin(client: pg.ClientBase, statement: string, data: Buffer): Promise<number> {
  const stream = client.query(copyFrom(statement));
  stream.end(data);
  // 'finish' comes once the server has answered (ReadyForQuery); an error from the server rejects.
  await finished(stream);
  return stream.rowCount;
}

/**
 * pg's pool as Kysely's `PostgresPool`: the same clients, each seen by Kysely through one adapter that
 * sends the COPY form (isCopyIn) with copyFromStdin and every other query to the client as it is.
 */
export function poolWithCopyIn(pool: pg.Pool): PostgresPool {
  // One adapter per client, kept: Kysely knows a connection by the client object it is given.
  const adapters = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const adapt = (client: pg.PoolClient): PostgresPoolClient => ({
    // Kysely calls query(text, parameters) (and query(cursor) only when given a cursor class, which Cairn is not).
    query: ((text: string, values: unknown[]) =>
      isCopyIn(text, values)
        ? // Reported as an INSERT, the only way Kysely passes a row count on (it reads rowCount for INSERT,
          // UPDATE, DELETE and MERGE alone).
          copyFromStdin(client, text, values[0]).then((rowCount) => ({ command: 'INSERT', rowCount, rows: [] }))
        : client.query(text, values)) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let adapter = adapters.get(client);
      if (!adapter) adapters.set(client, (adapter = adapt(client)));
      return adapter;
    },
    end: () => pool.end(),
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
