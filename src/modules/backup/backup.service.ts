import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appliedMigrations } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * A backup is newline-delimited JSON: a header line, then one line per row ({"t": table, "r": row}),
 * tables in an order that satisfies their foreign keys. It is independent of the engine: a PGlite
 * backup restores into PostgreSQL and back.
 */
export const BACKUP_FORMAT = 'cairn-backup/1';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  engine: string;
  migrations: string[];
  tables: Record<string, number>;
}

interface TableInfo {
  name: string;
  jsonColumns: Set<string>;
  /** Binary columns: written as base64 text, read back into bytes. */
  byteaColumns: Set<string>;
  serialColumns: string[];
  /** Stored generated columns (a case study's search vector): derived, so not written; the database makes them again. */
  generatedColumns: Set<string>;
}

type Db = Kysely<Database> | Transaction<Database>;
/**
 * Not backed up: the migrations' own tables, and `data_versions` (counters of commits that remembered
 * results are keyed on, not data: a restored database starts its own, and the restore moves them).
 */
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock', 'data_versions']);

export class BackupError extends Error {}

/** The application's tables, parents before children (deferrable keys are left to commit time). */
export async function tablesInOrder(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const names = tables.rows.map((r) => r.table_name).filter((n) => !SKIP.has(n));
  const fks = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND NOT k.condeferrable AND n.nspname = current_schema()`.execute(db);
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    column_default: string | null;
    is_generated: string;
  }>`
    SELECT table_name, column_name, data_type, column_default, is_generated FROM information_schema.columns
    WHERE table_schema = current_schema()`.execute(db);
  const ordered: string[] = [];
  const pending = new Set(names);
  while (pending.size) {
    const ready = [...pending].filter((t) =>
      fks.rows.every((f) => f.child !== t || f.parent === t || !pending.has(f.parent)),
    );
    if (!ready.length) throw new BackupError(`Foreign keys form a cycle among: ${[...pending].join(', ')}`);
    for (const t of ready.sort()) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered.map((name) => {
    const cols = columns.rows.filter((c) => c.table_name === name);
    return {
      name,
      jsonColumns: new Set(
        cols.filter((c) => c.data_type === 'jsonb' || c.data_type === 'json').map((c) => c.column_name),
      ),
      byteaColumns: new Set(cols.filter((c) => c.data_type === 'bytea').map((c) => c.column_name)),
      serialColumns: cols.filter((c) => c.column_default?.startsWith('nextval(')).map((c) => c.column_name),
      generatedColumns: new Set(cols.filter((c) => c.is_generated === 'ALWAYS').map((c) => c.column_name)),
    };
  });
}

function serialise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

/** Write the whole database, table by table, to `write` (one call per line). */
export async function writeBackup(
  db: Kysely<Database>,
  engine: string,
  write: (line: string) => Promise<void> | void,
): Promise<BackupHeader> {
  return db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`.execute(trx).catch(() => undefined);
    const tables = await tablesInOrder(trx);
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(trx);
      counts[t.name] = Number(r.rows[0]?.n ?? 0);
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      engine,
      migrations: await appliedMigrations(trx as unknown as Kysely<Database>),
      tables: counts,
    };
    await write(JSON.stringify(header));
    for (const t of tables) {
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.name)} ORDER BY 1`.execute(trx);
      for (const row of rows.rows) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) if (!t.generatedColumns.has(k)) out[k] = serialise(v);
        await write(JSON.stringify({ t: t.name, r: out }));
      }
    }
    return header;
  });
}

export interface RestoreSummary {
  tables: Record<string, number>;
}

/**
 * Restore a backup into an empty, migrated database (no accounts and no audit trail yet), replacing the
 * reference data that migrations put there. All or nothing: one transaction.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  lines: AsyncIterable<string> | Iterable<string>,
  source = 'backup',
): Promise<RestoreSummary> {
  const iterator = (
    Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : (lines as Iterable<string>)[Symbol.iterator]()
  ) as AsyncIterator<string> | Iterator<string>;
  const first = await iterator.next();
  if (first.done) throw new BackupError(`${source}: the file is empty`);
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value) as BackupHeader;
  } catch {
    throw new BackupError(`${source}, line 1: not a Cairn backup (the header is not JSON)`);
  }
  if (header.format !== BACKUP_FORMAT)
    throw new BackupError(`${source}, line 1: not a Cairn backup (format ${String(header.format)})`);

  return db.transaction().execute(async (trx) => {
    const migrations = await appliedMigrations(trx as unknown as Kysely<Database>);
    if (migrations.join(',') !== header.migrations.join(',')) {
      throw new BackupError(
        `${source}: the backup was made at migration ${header.migrations.at(-1) ?? '(none)'}, this database is at ` +
          `${migrations.at(-1) ?? '(none)'}. Run \`cairn migrate\` so both match.`,
      );
    }
    const users = await trx.selectFrom('users').select('id').limit(1).execute();
    const audit = await trx.selectFrom('audit_events').select('id').limit(1).execute();
    if (users.length || audit.length) {
      throw new BackupError(
        'Restore needs an empty database (no accounts, no audit trail). Point DATABASE_URL or CAIRN_DATA_DIR at a new one.',
      );
    }
    const tables = await tablesInOrder(trx);
    const known = new Map(tables.map((t) => [t.name, t]));
    for (const name of Object.keys(header.tables)) {
      if (!known.has(name)) throw new BackupError(`${source}: table ${name} is not in this database`);
    }
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
    for (const t of [...tables].reverse()) {
      if (t.name !== 'audit_events') await sql`DELETE FROM ${sql.table(t.name)}`.execute(trx);
    }
    const loaded: Record<string, number> = {};
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    const flush = async () => {
      if (!batch.length) return;
      /* eslint-disable @typescript-eslint/no-explicit-any -- table names come from the catalogue */
      await trx
        .insertInto(batchTable as any)
        .values(batch as any)
        .execute();
      /* eslint-enable @typescript-eslint/no-explicit-any */
      loaded[batchTable] = (loaded[batchTable] ?? 0) + batch.length;
      batch = [];
    };
    let lineNo = 1;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      lineNo += 1;
      if (!next.value.trim()) continue;
      let entry: { t: string; r: Record<string, unknown> };
      try {
        entry = JSON.parse(next.value) as { t: string; r: Record<string, unknown> };
      } catch {
        throw new BackupError(`${source}, line ${lineNo}: not valid JSON`);
      }
      const info = known.get(entry.t);
      if (!info) throw new BackupError(`${source}, line ${lineNo}: unknown table ${entry.t}`);
      if (entry.t !== batchTable || batch.length >= 500) {
        await flush();
        batchTable = entry.t;
      }
      const row: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(entry.r)) {
        if (v !== null && info.jsonColumns.has(k)) row[k] = JSON.stringify(v);
        else if (typeof v === 'string' && info.byteaColumns.has(k)) row[k] = Buffer.from(v, 'base64');
        else row[k] = v;
      }
      batch.push(row);
    }
    await flush();
    for (const [name, expected] of Object.entries(header.tables)) {
      if ((loaded[name] ?? 0) !== expected) {
        throw new BackupError(
          `${source}: table ${name} should have ${expected} rows but the file holds ${loaded[name] ?? 0} (is it cut short?)`,
        );
      }
    }
    for (const t of tables) {
      for (const col of t.serialColumns) {
        await sql`SELECT setval(pg_get_serial_sequence(${t.name}, ${col}), COALESCE((SELECT MAX(${sql.ref(col)}) FROM ${sql.table(t.name)}), 1),
                  (SELECT MAX(${sql.ref(col)}) FROM ${sql.table(t.name)}) IS NOT NULL)`.execute(trx);
      }
    }
    return { tables: loaded };
  });
}

/** A fingerprint of every table's content, for checking that a restore round-trips. */
export async function databaseFingerprint(db: Db): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const t of await tablesInOrder(db)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.name)} ORDER BY 1`.execute(db);
    const hash = createHash('sha256');
    const lines = rows.rows.map((row) => JSON.stringify(row, (_k, v: unknown) => serialise(v))).sort();
    for (const line of lines) hash.update(line + '\n');
    out[t.name] = { rows: rows.rows.length, sha256: hash.digest('hex') };
  }
  return out;
}
