import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { actorLabel, actorUserId } from '../core/access/actor.ts';
import type { RequestContext } from '../core/context.ts';
import type { Clock } from '../core/time.ts';

export interface AuditEntry {
  partnershipId: number | null;
  /** `resource.verb`, e.g. `organisation.add`. */
  action: string;
  resourceType: string;
  resourceId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit trail, whatever object they arrive in. */
const SECRET_FIELDS = new Set(['password_hash', 'password', 'token']);

function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? '[redacted]' : v));
}

/**
 * Record one write in the audit trail. Call it with the transaction that makes the change, so that the
 * change and its record commit together or not at all.
 */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  ctx: RequestContext,
  clock: Clock,
  entry: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at: clock.now(),
      actor_user_id: actorUserId(ctx.actor),
      actor_label: actorLabel(ctx.actor),
      partnership_id: entry.partnershipId,
      action: entry.action,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId === null ? null : String(entry.resourceId),
      before: redact(entry.before),
      after: redact(entry.after),
      ip: ctx.ip,
      request_id: ctx.requestId,
    })
    .execute();
}
