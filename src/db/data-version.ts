import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A version of the data that moves forward only when a change commits, in commit order (migration 0025):
 * `audit` at every audited write, `imports` at every import run. What is remembered with one version holds
 * until the version moves; reading it is one primary-key lookup.
 */
export async function dataVersion(db: Kysely<Database>, scope: 'audit' | 'imports'): Promise<string> {
  const row = await db.selectFrom('data_versions').select('version').where('scope', '=', scope).executeTakeFirst();
  return String(row?.version ?? 0);
}
