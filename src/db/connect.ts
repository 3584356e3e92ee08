import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type MigrationResultSet,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { copyInForPglite, isCopyIn, poolWithCopyIn } from './copy.ts';

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
    // Kysely's clients also take COPY … FROM STDIN with its CSV as the one parameter (db/copy.ts).
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolWithCopyIn(pool) }) });
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
  // The dialect's queries go through query(); COPY … FROM STDIN with its CSV as the one parameter is
  // read from PGlite's '/dev/blob' instead (db/copy.ts).
  const withCopyIn = new Proxy(pglite, {
    get(target, key, receiver) {
      if (key === 'query') {
        return (text: string, values?: unknown[], options?: object) =>
          isCopyIn(text, values)
            ? target.query(copyInForPglite(text), [], {
                ...options,
                blob: new Blob([values[0] as Uint8Array<ArrayBuffer>]),
              })
            : target.query(text, values, options);
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(withCopyIn) });
  return {
    db,
    pglite,
    engine: 'pglite',
    location: dataDir ?? 'memory',
    close: () => db.destroy(),
  };
}

/**
 * Introspection of the current schema only. Kysely's own introspector reads every schema in the
 * database, so where several share one server (CI's test files, or a shared PostgreSQL), it could find
 * another schema's migration tables, or fail when another schema is dropped while it reads.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    return [{ name: this.schema }];
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ table_name: string; table_type: string }>`
      SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = ${this.schema}`.execute(
      this.db,
    );
    return rows.map((r) => ({ name: r.table_name, schema: this.schema, isView: r.table_type === 'VIEW', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** The migrator, pinned to the current schema (see CurrentSchemaIntrospector). */
export async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const introspection = new CurrentSchemaIntrospector(db, schema);
  // Kysely takes introspection from the dialect; hand the migrator the same database with ours instead.
  const scoped = new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Migrator({ db: scoped, provider: migrationProvider, migrationTableSchema: schema });
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
