import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Database } from '../../db/schema.ts';
import { auditRoutes } from './audit.routes.tsx';
import { AuditService } from './audit.service.ts';
import { DimensionsRepository } from './dimensions.repository.ts';
import { AuditDimensions } from './dimensions.service.ts';
import type { PartnershipNames } from './partnership-names.ts';

export { AuditService, type AuditRow } from './audit.service.ts';

/** What the audit module needs from outside: exactly these, nothing else. */
export interface AuditModuleDeps {
  db: Kysely<Database>;
  /**
   * Each event's partnership by name: the partnerships module's directory, through a port of audit's own (the
   * partnerships module depends on audit).
   */
  partnershipNames: PartnershipNames;
}

export interface AuditModule {
  services: { audit: AuditService };
  /** A partnership's audit trail and the whole trail, as pages, JSON and CSV. */
  routes(router: Router): void;
}

/** Reading the audit trail (every service writes it, through core/audit.ts, in its own transaction). */
export function auditModule(deps: AuditModuleDeps): AuditModule {
  const audit = new AuditService(deps.db, deps.partnershipNames);
  return { services: { audit }, routes: (router) => auditRoutes(router, { audit }) };
}

export { AuditDimensions, type AuditDimension, type DimensionsDb } from './dimensions.service.ts';

/** The audit dimensions other modules read (recommendations are tagged with them): it needs only the database. */
export function auditDimensions(db: Kysely<Database>): AuditDimensions {
  return new AuditDimensions(new DimensionsRepository(db));
}
