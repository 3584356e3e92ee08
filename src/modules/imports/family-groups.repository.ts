import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the family group imports (LGBF's, and CPOP's FG column) write: family_groups (a table of the areas module). */

/**
 * Record family groups, replacing a council's group in the same scheme; a row that would not change is
 * left alone (with the run that wrote it). Returns how many rows were inserted or changed.
 */
export async function upsertFamilyGroups(
  trx: Transaction<Database>,
  rows: readonly { scheme: string; council: string; group: number }[],
  runId: number,
): Promise<number> {
  const result = await sql`
    INSERT INTO family_groups (scheme_code, council_code, group_number, import_run_id)
    SELECT t.s, t.c, t.g, ${runId}
    FROM unnest(${rows.map((r) => r.scheme)}::text[], ${rows.map((r) => r.council)}::text[], ${rows.map((r) => r.group)}::int[]) AS t(s, c, g)
    ON CONFLICT (scheme_code, council_code) DO UPDATE SET group_number = EXCLUDED.group_number, import_run_id = EXCLUDED.import_run_id
    WHERE family_groups.group_number IS DISTINCT FROM EXCLUDED.group_number`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
