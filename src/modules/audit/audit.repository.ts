import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Reading the audit trail (audit_events). Writing it is core/audit.ts, in each change's own transaction;
 * nothing here edits or deletes it.
 */

/** The database, as the audit service holds it. */
export type AuditDb = Kysely<Database>;

/**
 * A page of events, newest first: one partnership's (its id a condition of the query) or, without one,
 * every partnership's and the national ones; older than `before` when given. Each with its partnership's
 * id (AuditService names it, through the partnerships module).
 */
export function auditEvents(
  db: AuditDb,
  query: { partnershipId?: number | undefined; before?: number | undefined; limit: number },
) {
  let q = db
    .selectFrom('audit_events as e')
    .select([
      'e.id',
      'e.at',
      'e.actor_label',
      'e.partnership_id',
      'e.action',
      'e.resource_type',
      'e.resource_id',
      'e.before',
      'e.after',
      'e.ip',
      'e.request_id',
    ])
    .orderBy('e.id', 'desc')
    .limit(query.limit);
  if (query.partnershipId !== undefined) q = q.where('e.partnership_id', '=', query.partnershipId);
  if (query.before !== undefined) q = q.where('e.id', '<', String(query.before));
  return q.execute();
}
