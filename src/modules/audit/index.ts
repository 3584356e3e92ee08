export { AuditService, type AuditRow } from './audit.service.ts';
export { auditRoutes } from './audit.routes.tsx';
