import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseMethodParameters, type MethodName, type MethodParameters } from './method-parameters.ts';

/**
 * The one reader of `method_parameters`: a method's rows, checked against its schema (method-parameters.ts).
 * `db` may be a transaction, so a service reads the parameters inside its own.
 */
export async function readMethodParameters<M extends MethodName>(
  db: Kysely<Database>,
  method: M,
): Promise<MethodParameters<M>> {
  const rows = await db
    .selectFrom('method_parameters')
    .select(['name', 'value', 'description', 'source'])
    .where('method', '=', method)
    .orderBy('name')
    .execute();
  return parseMethodParameters(method, rows);
}
