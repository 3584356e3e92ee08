import type { AuditRow } from './audit.service.ts';

/**
 * The audit API's JSON, from the service's results: plain functions, types in, JSON out. The response
 * schema (audit.api-schemas.ts AuditPage) describes what this returns; test/api-responses.test.ts checks it.
 */

/** A page of audit events, newest first. */
export function auditPageJson(rows: AuditRow[]) {
  return { data: rows };
}
