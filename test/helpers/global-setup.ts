import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, migrateToLatest } from '../../src/db/connect.ts';

/**
 * PGlite: build one migrated database and dump it, so that every test file starts from a copy (0.8 s)
 * instead of creating and migrating its own (3 s). PostgreSQL: check the server answers, loudly.
 */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const url = process.env['DATABASE_URL'];
  if (url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new Error(`DATABASE_URL is set but PostgreSQL does not answer at ${url}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    provide('engine', 'postgres');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cairn-test-'));
  const file = path.join(dir, 'template.tar');
  const handle = await connect({ dataDir: ':memory:' });
  await migrateToLatest(handle.db);
  const pglite = (handle as unknown as { pglite?: { dumpDataDir(c: 'none'): Promise<Blob> } }).pglite;
  if (!pglite) throw new Error('connect() did not expose the PGlite instance');
  const dump = await pglite.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  provide('engine', 'pglite');
  provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    engine: string;
    pgliteTemplate: string;
  }
}
