import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  /** The embedded engine itself, when that is the engine (for dumps in tests). */
  pglite?: PGlite;
  engine: Engine;
  /** Where the data lives, for messages: a directory or a connection string without its password. */
  location: string;
  close(): Promise<void>;
}

// Both engines hand back the same JavaScript types: int8 and numeric as strings (no precision lost),
// date as 'YYYY-MM-DD' strings (no time zone shift), timestamptz as Date.
const OID = { int8: 20, date: 1082, numeric: 1700 } as const;
pg.types.setTypeParser(OID.int8, (v) => v);
pg.types.setTypeParser(OID.date, (v) => v);
pg.types.setTypeParser(OID.numeric, (v) => v);
const pgliteParsers = { [OID.int8]: (v: string) => v, [OID.date]: (v: string) => v, [OID.numeric]: (v: string) => v };

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** A data directory dump (from PGlite's dumpDataDir) to start from; tests use a migrated template. */
  loadDataDir?: Blob | undefined;
  /** PostgreSQL only: the schema to work in (tests give each file its own). */
  searchPath?: string | undefined;
  poolSize?: number | undefined;
}

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    url.password = url.password ? '***' : '';
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  let dataDir: string | undefined = options.dataDir;
  if (dataDir === ':memory:') dataDir = undefined;
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: pgliteParsers,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    pglite,
    engine: 'pglite',
    location: dataDir ?? 'memory',
    close: () => db.destroy(),
  };
}

/**
 * Kysely looks for its migration tables in every schema unless told which one; with several schemas in
 * one database (tests, or a shared server) it would find another schema's. Pin it to the current one.
 */
export async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

export class MigrationError extends Error {}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (result.results ?? []).map((r) => `${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`);
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return check(await (await migrator(db)).migrateToLatest());
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return check(await (await migrator(db)).migrateDown());
}

export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name);
}
