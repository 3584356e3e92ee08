import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Database } from '../../db/schema.ts';
import { auditRoutes } from './audit.routes.tsx';
import { AuditService } from './audit.service.ts';

export { AuditService, type AuditRow } from './audit.service.ts';

/** What the audit module needs from outside: exactly these, nothing else. */
export interface AuditModuleDeps {
  db: Kysely<Database>;
}

export interface AuditModule {
  services: { audit: AuditService };
  /** A partnership's audit trail and the whole trail, as pages, JSON and CSV. */
  routes(router: Router): void;
}

/** Reading the audit trail (every service writes it, through core/audit.ts, in its own transaction). */
export function auditModule(deps: AuditModuleDeps): AuditModule {
  const audit = new AuditService(deps.db);
  return { services: { audit }, routes: (router) => auditRoutes(router, { audit }) };
}
