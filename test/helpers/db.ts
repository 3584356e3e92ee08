import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import pg from 'pg';
import { connect, migrateToLatest, type DatabaseHandle } from '../../src/db/connect.ts';

export const engine = (): 'pglite' | 'postgres' => (process.env['DATABASE_URL'] ? 'postgres' : 'pglite');

let template: Blob | null = null;

/**
 * A new, migrated, empty database for one test file: a copy of the PGlite template, or a schema of its
 * own in the PostgreSQL test database (dropped again by close()).
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const migrate = options.migrate ?? true;
  const url = process.env['DATABASE_URL'];
  if (url) {
    const schema = `cairn_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const handle = await connect({ databaseUrl: url, searchPath: schema, poolSize: 4 });
    if (migrate) await migrateToLatest(handle.db);
    const withSchema: DatabaseHandle & { schema: string } = {
      ...handle,
      schema,
      location: `${handle.location} schema ${schema}`,
      close: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
    return withSchema;
  }
  if (!migrate) return connect({ dataDir: ':memory:' });
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return connect({ dataDir: ':memory:', loadDataDir: template });
}

/**
 * On PostgreSQL, a second, separate pool on a test database: what a second Cairn process on the same
 * database has (its own connections, sessions and locks). Null on PGlite, which one process holds alone.
 */
export async function secondConnection(handle: DatabaseHandle): Promise<DatabaseHandle | null> {
  const url = process.env['DATABASE_URL'];
  const schema = (handle as DatabaseHandle & { schema?: string }).schema;
  if (!url || !schema) return null;
  return connect({ databaseUrl: url, searchPath: schema, poolSize: 4 });
}

/** The DATABASE_URL a child process uses to reach a PostgreSQL test database (its schema in search_path). */
export function childDatabaseUrl(handle: DatabaseHandle): string | null {
  const url = process.env['DATABASE_URL'];
  const schema = (handle as DatabaseHandle & { schema?: string }).schema;
  if (!url || !schema) return null;
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
