import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type DimensionsDb = Kysely<Database> | Transaction<Database>;

/** The reads other modules make of the audit dimensions (table audit_dimensions): reference data, in one query. */
export class DimensionsRepository {
  constructor(private readonly db: DimensionsDb) {}

  all(db: DimensionsDb = this.db) {
    return db.selectFrom('audit_dimensions').selectAll().orderBy('position').execute();
  }

  byCodes(codes: readonly string[], db: DimensionsDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('audit_dimensions')
      .selectAll()
      .where('code', 'in', [...codes])
      .execute();
  }
}
