import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Where a benchmark run keeps its data, so that it never touches real data: temporary directories for
 * PGlite, temporary schemas (dropped at the end) in DATABASE_URL's database for PostgreSQL.
 */
export interface BenchEngine {
  engine: 'pglite' | 'postgres';
  /** Environment (Cairn's configuration variables) for a fresh, empty database. */
  freshDatabase(label: string): Promise<Record<string, string>>;
  /** Remove every directory or schema this run created. */
  cleanup(): Promise<void>;
}

export function benchEngine(): BenchEngine {
  const url = process.env['DATABASE_URL'];
  return url ? postgresEngine(url) : pgliteEngine();
}

function pgliteEngine(): BenchEngine {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-'));
  return {
    engine: 'pglite',
    freshDatabase: async (label) => ({ CAIRN_DATA_DIR: path.join(root, `${label}-${randomBytes(4).toString('hex')}`) }),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
}

function postgresEngine(url: string): BenchEngine {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) {
    throw new Error(`npm run bench only runs against a local PostgreSQL (127.0.0.1), not ${parsed.hostname}`);
  }
  const schemas: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    engine: 'postgres',
    freshDatabase: async (label) => {
      const schema = `cairn_bench_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
      await admin(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return { DATABASE_URL: u.toString() };
    },
    cleanup: async () => {
      for (const schema of schemas.splice(0)) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
