import { sql, type Kysely, type Transaction } from 'kysely';
import { appliedMigrations } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The backup's queries. A backup reads and a restore writes every table of every module, by the names the
 * catalogue gives: that is its job, and these are the only queries that do so.
 */

/** The database a backup is made from or restored into. */
export type BackupConnection = Kysely<Database>;
/** The database or an open transaction, for what runs inside either. */
export type BackupDb = Kysely<Database> | Transaction<Database>;
/** A backup's or a restore's transaction. */
export type BackupTrx = Transaction<Database>;

/** Run `fn` in one new transaction. */
export function backupTransaction<T>(db: BackupConnection, fn: (trx: BackupTrx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** Read the whole transaction from one snapshot, where the engine allows it (PGlite may not: then as it is). */
export async function readFromOneSnapshot(trx: BackupTrx): Promise<void> {
  await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`.execute(trx).catch(() => undefined);
}

/** The names of the schema's tables, in alphabetical order. */
export async function tableNames(db: BackupDb): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return tables.rows.map((r) => r.table_name);
}

/** The schema's foreign keys that are not deferrable: each child table with the parent it refers to. */
export async function immediateForeignKeys(db: BackupDb): Promise<{ child: string; parent: string }[]> {
  const fks = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND NOT k.condeferrable AND n.nspname = current_schema()`.execute(db);
  return fks.rows;
}

/** Every column of the schema's tables, with its type, default and whether it is generated. */
export async function tableColumns(db: BackupDb) {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    column_default: string | null;
    is_generated: string;
  }>`
    SELECT table_name, column_name, data_type, column_default, is_generated FROM information_schema.columns
    WHERE table_schema = current_schema()`.execute(db);
  return columns.rows;
}

/** How many rows a table holds. */
export async function countRows(db: BackupDb, table: string): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Every row of a table, ordered by its first column. */
export async function allRows(db: BackupDb, table: string): Promise<Record<string, unknown>[]> {
  const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(db);
  return rows.rows;
}

/** The migrations the database has applied, in order. */
export function migrationsApplied(trx: BackupTrx): Promise<string[]> {
  return appliedMigrations(trx as unknown as Kysely<Database>);
}

/** Whether the database has an account or an audit event (the users and audit_events tables). */
export async function holdsAccountsOrAudit(trx: BackupTrx): Promise<boolean> {
  const users = await trx.selectFrom('users').select('id').limit(1).execute();
  const audit = await trx.selectFrom('audit_events').select('id').limit(1).execute();
  return users.length > 0 || audit.length > 0;
}

/** Check the deferrable constraints only at commit. */
export async function deferConstraints(trx: BackupTrx): Promise<void> {
  await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
}

/** Delete every row of a table. */
export async function deleteAllRows(trx: BackupTrx, table: string): Promise<void> {
  await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
}

/** Insert rows into a table named by the catalogue. */
export async function insertRows(trx: BackupTrx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  /* eslint-disable @typescript-eslint/no-explicit-any -- table names come from the catalogue */
  await trx
    .insertInto(table as any)
    .values(rows as any)
    .execute();
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** Move a serial column's sequence past the largest value the table holds (to 1, not yet called, when empty). */
export async function resetSequence(trx: BackupTrx, table: string, col: string): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence(${table}, ${col}), COALESCE((SELECT MAX(${sql.ref(col)}) FROM ${sql.table(table)}), 1),
                  (SELECT MAX(${sql.ref(col)}) FROM ${sql.table(table)}) IS NOT NULL)`.execute(trx);
}
