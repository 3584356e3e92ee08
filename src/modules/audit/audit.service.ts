import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { toCsv } from '../../core/csv.ts';
import { distinctKeys } from '../../core/keys.ts';
import { auditEvents, type AuditDb } from './audit.repository.ts';
import type { PartnershipNames } from './partnership-names.ts';

export interface AuditPageQuery {
  /** Partnership to read; absent means every partnership and national events (administrators only). */
  partnershipId?: number | undefined;
  /** Show events older than this id (keyset pagination). */
  before?: number | undefined;
  limit: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  partnership: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/** Reading the trail (audit.repository.ts). Writing it is core/audit.ts; nothing in the app edits or deletes it. */
export class AuditService {
  constructor(
    private readonly db: AuditDb,
    private readonly names: PartnershipNames,
  ) {}

  async page(ctx: RequestContext, query: AuditPageQuery): Promise<AuditRow[]> {
    authorize(ctx.actor, 'audit:read', query.partnershipId);
    const rows = await auditEvents(this.db, query);
    const partnerships = await this.names.partnershipsByIds(distinctKeys(rows.map((r) => r.partnership_id)));
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at),
      actor: r.actor_label,
      partnership: r.partnership_id === null ? null : (partnerships.get(r.partnership_id)?.name ?? null),
      action: r.action,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
      requestId: r.request_id,
    }));
  }

  /** The whole trail (or one partnership's) as CSV, oldest first, read in pages to bound memory. */
  async csv(ctx: RequestContext, partnershipId: number | undefined): Promise<string> {
    authorize(ctx.actor, 'audit:read', partnershipId);
    const all: AuditRow[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await this.page(ctx, { partnershipId, before, limit: 500 });
      all.push(...page);
      if (page.length < 500) break;
      before = Number(page[page.length - 1]?.id);
    }
    all.reverse();
    const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
    return toCsv(all, [
      { header: 'id', value: (r) => r.id },
      { header: 'at', value: (r) => r.at },
      { header: 'actor', value: (r) => r.actor },
      { header: 'partnership', value: (r) => r.partnership },
      { header: 'action', value: (r) => r.action },
      { header: 'resource_type', value: (r) => r.resourceType },
      { header: 'resource_id', value: (r) => r.resourceId },
      { header: 'before', value: (r) => json(r.before) },
      { header: 'after', value: (r) => json(r.after) },
      { header: 'ip', value: (r) => r.ip },
      { header: 'request_id', value: (r) => r.requestId },
    ]);
  }
}
