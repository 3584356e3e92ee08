import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Run `fn` in a transaction: a new one, or the caller's when the services were built on a transaction
 * (the demo seeder and imports build them that way so that many service calls commit as one).
 */
export function tx<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}
