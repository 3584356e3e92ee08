import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type PlanDirectoryDb = Kysely<Database> | Transaction<Database>;

/** The reads other modules make of the plans module's tables (plans, plan_actions, annual_reports and the rest), each in one query. */
export class PlanDirectoryRepository {
  constructor(private readonly db: PlanDirectoryDb) {}
}
