import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the SIMD import writes: simd_data_zones (a table of the areas module; loading it is its job). */

/** Remove an edition's data zones; how many there were. */
export async function deleteSimdEdition(trx: Transaction<Database>, edition: string): Promise<number> {
  const replaced = await trx.deleteFrom('simd_data_zones').where('edition', '=', edition).executeTakeFirst();
  return Number(replaced.numDeletedRows);
}

/** Insert an edition's data zones in one statement: each column by name, with its type and a value per data zone. */
export async function insertSimdDataZones(
  trx: Transaction<Database>,
  edition: string,
  columns: readonly { name: string; type: 'text' | 'numeric' | 'int'; values: unknown[] }[],
): Promise<void> {
  const arrays = columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`);
  await sql`
    INSERT INTO simd_data_zones (edition, ${sql.join(columns.map((c) => sql.ref(c.name)))})
    SELECT ${edition}, t.* FROM unnest(${sql.join(arrays)}) AS t`.execute(trx);
}
