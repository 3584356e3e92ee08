import { z } from 'zod';
import { partnershipHref } from '../../core/http/paths.ts';
import type { Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { AuditPage } from './audit.api-schemas.ts';
import { auditPageJson } from './audit.presenters.ts';
import type { AuditService } from './audit.service.ts';
import { PartnershipAudit, WholeAudit } from './audit.views.tsx';

const AuditQuery = z.object({
  before: z.coerce.number({ error: 'before must be an event number' }).int().positive().optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int()
    .min(1, { error: 'limit is at least 1' })
    .max(500, { error: 'limit is at most 500' })
    .default(100),
});

/** What the audit routes use: the audit service. */
export interface AuditRoutesDeps {
  audit: AuditService;
}

export function auditRoutes(router: Router, deps: AuditRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/audit',
      permission: 'audit:read',
      kind: 'page',
      summary: 'A partnership’s audit trail',
      query: AuditQuery,
    },
    async (c, { partnership: p, query, ctx }) => {
      const rows = await deps.audit.page(ctx, { partnershipId: p.id, before: query.before, limit: query.limit });
      return render(c, {
        title: 'Audit trail',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <PartnershipAudit
            rows={rows}
            limit={query.limit}
            href={partnershipHref(p.code, 'audit')}
            csvHref={partnershipHref(p.code, 'audit.csv')}
          />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/audit.csv',
      permission: 'audit:read',
      kind: 'file',
      summary: 'A partnership’s audit trail as CSV',
    },
    async (c, { partnership, ctx }) => {
      const csv = await deps.audit.csv(ctx, partnership.id);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${partnership.code}-audit-trail.csv"`,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/audit',
      permission: 'audit:read',
      kind: 'api',
      tag: 'audit',
      summary: 'A partnership’s audit trail, newest first',
      query: AuditQuery,
      operationId: 'listPartnershipAuditEvents',
      response: AuditPage,
    },
    async (c, { partnership, query, ctx }) =>
      c.json(
        auditPageJson(
          await deps.audit.page(ctx, { partnershipId: partnership.id, before: query.before, limit: query.limit }),
        ),
      ),
  );

  router.route(
    {
      method: 'GET',
      path: '/admin/audit',
      permission: 'audit:read',
      kind: 'page',
      summary: 'The whole audit trail',
      query: AuditQuery,
    },
    async (c, { query, ctx }) => {
      const rows = await deps.audit.page(ctx, { before: query.before, limit: query.limit });
      return render(c, {
        title: 'Audit trail',
        label: 'All partnerships',
        wide: true,
        crumbs: [{ href: '/', label: 'Home' }],
        children: <WholeAudit rows={rows} limit={query.limit} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/admin/audit.csv',
      permission: 'audit:read',
      kind: 'file',
      summary: 'The whole audit trail as CSV',
    },
    async (c, { ctx }) => {
      const csv = await deps.audit.csv(ctx, undefined);
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="cairn-audit-trail.csv"',
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/audit',
      permission: 'audit:read',
      kind: 'api',
      tag: 'audit',
      summary: 'The whole audit trail, newest first',
      query: AuditQuery,
      operationId: 'listAuditEvents',
      response: AuditPage,
    },
    async (c, { query, ctx }) =>
      c.json(auditPageJson(await deps.audit.page(ctx, { before: query.before, limit: query.limit }))),
  );
}
