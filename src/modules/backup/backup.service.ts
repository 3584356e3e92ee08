import { createHash } from 'node:crypto';
import {
  allRows,
  backupTransaction,
  countRows,
  deferConstraints,
  deleteAllRows,
  holdsAccountsOrAudit,
  immediateForeignKeys,
  insertRows,
  migrationsApplied,
  readFromOneSnapshot,
  resetSequence,
  tableColumns,
  tableNames,
  type BackupConnection,
  type BackupDb,
} from './backup.repository.ts';

/**
 * A backup is newline-delimited JSON: a header line, then one line per row ({"t": table, "r": row}),
 * tables in an order that satisfies their foreign keys. It is independent of the engine: a PGlite
 * backup restores into PostgreSQL and back. The queries are in backup.repository.ts.
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

/**
 * Not backed up: the migrations' own tables, and `data_versions` (counters of commits that remembered
 * results are keyed on, not data: a restored database starts its own, and the restore moves them).
 */
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock', 'data_versions']);

export class BackupError extends Error {}

/** The application's tables, parents before children (deferrable keys are left to commit time). */
export async function tablesInOrder(db: BackupDb): Promise<TableInfo[]> {
  const names = (await tableNames(db)).filter((n) => !SKIP.has(n));
  const fks = await immediateForeignKeys(db);
  const columns = await tableColumns(db);
  const ordered: string[] = [];
  const pending = new Set(names);
  while (pending.size) {
    const ready = [...pending].filter((t) =>
      fks.every((f) => f.child !== t || f.parent === t || !pending.has(f.parent)),
    );
    if (!ready.length) throw new BackupError(`Foreign keys form a cycle among: ${[...pending].join(', ')}`);
    for (const t of ready.sort()) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered.map((name) => {
    const cols = columns.filter((c) => c.table_name === name);
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
  db: BackupConnection,
  engine: string,
  write: (line: string) => Promise<void> | void,
): Promise<BackupHeader> {
  return backupTransaction(db, async (trx) => {
    await readFromOneSnapshot(trx);
    const tables = await tablesInOrder(trx);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = await countRows(trx, t.name);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      engine,
      migrations: await migrationsApplied(trx),
      tables: counts,
    };
    await write(JSON.stringify(header));
    for (const t of tables) {
      for (const row of await allRows(trx, t.name)) {
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
  db: BackupConnection,
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

  return backupTransaction(db, async (trx) => {
    const migrations = await migrationsApplied(trx);
    if (migrations.join(',') !== header.migrations.join(',')) {
      throw new BackupError(
        `${source}: the backup was made at migration ${header.migrations.at(-1) ?? '(none)'}, this database is at ` +
          `${migrations.at(-1) ?? '(none)'}. Run \`cairn migrate\` so both match.`,
      );
    }
    if (await holdsAccountsOrAudit(trx)) {
      throw new BackupError(
        'Restore needs an empty database (no accounts, no audit trail). Point DATABASE_URL or CAIRN_DATA_DIR at a new one.',
      );
    }
    const tables = await tablesInOrder(trx);
    const known = new Map(tables.map((t) => [t.name, t]));
    for (const name of Object.keys(header.tables)) {
      if (!known.has(name)) throw new BackupError(`${source}: table ${name} is not in this database`);
    }
    await deferConstraints(trx);
    for (const t of [...tables].reverse()) {
      if (t.name !== 'audit_events') await deleteAllRows(trx, t.name);
    }
    const loaded: Record<string, number> = {};
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    const flush = async () => {
      if (!batch.length) return;
      await insertRows(trx, batchTable, batch);
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
      for (const col of t.serialColumns) await resetSequence(trx, t.name, col);
    }
    return { tables: loaded };
  });
}

/** A fingerprint of every table's content, for checking that a restore round-trips. */
export async function databaseFingerprint(db: BackupDb): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const t of await tablesInOrder(db)) {
    const rows = await allRows(db, t.name);
    const hash = createHash('sha256');
    const lines = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => serialise(v))).sort();
    for (const line of lines) hash.update(line + '\n');
    out[t.name] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  return out;
}
