import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { formatDateTime, Table } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { AuditRow, AuditService } from './audit.service.ts';
import { AuditPage } from './audit.api-schemas.ts';

const AuditQuery = z.object({
  before: z.coerce.number({ error: 'before must be an event number' }).int().positive().optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int()
    .min(1, { error: 'limit is at least 1' })
    .max(500, { error: 'limit is at most 500' })
    .default(100),
});

function summarise(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function AuditTable({ rows, showPartnership }: { rows: AuditRow[]; showPartnership: boolean }) {
  return (
    <Table
      caption="Audit events, newest first"
      rows={rows}
      empty="Nothing has been recorded yet."
      columns={[
        { header: 'When', cell: (r) => <time datetime={r.at.toISOString()}>{formatDateTime(r.at)}</time> },
        { header: 'Who', cell: (r) => r.actor },
        ...(showPartnership ? [{ header: 'Partnership', cell: (r: AuditRow) => r.partnership ?? '—' }] : []),
        { header: 'Action', cell: (r) => <code>{r.action}</code> },
        { header: 'Record', cell: (r) => `${r.resourceType}${r.resourceId ? ` ${r.resourceId}` : ''}` },
        { header: 'Before', cell: (r) => <span class="cairn-json">{summarise(r.before)}</span> },
        { header: 'After', cell: (r) => <span class="cairn-json">{summarise(r.after)}</span> },
      ]}
    />
  );
}

function olderLink(base: string, rows: AuditRow[], limit: number) {
  if (rows.length < limit) return null;
  return (
    <p>
      <a href={`${base}?before=${rows[rows.length - 1]?.id}&limit=${limit}`}>Older events</a>
    </p>
  );
}

/** What the audit routes use: the audit service. */
export interface AuditRoutesDeps {
  audit: AuditService;
}

export function auditRoutes(router: Router, deps: AuditRoutesDeps): void {
  const partnershipPage = async (c: Context<AppEnv>, p: PartnershipRef, q: z.output<typeof AuditQuery>) => {
    const ctx = requestContext(c);
    const rows = await deps.audit.page(ctx, { partnershipId: p.id, before: q.before, limit: q.limit });
    return render(c, {
      title: 'Audit trail',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <>
          <p>
            Every change to this partnership’s records is written here in the same transaction as the change itself.
            Nobody can edit or delete it. <a href={`/p/${p.code}/audit.csv`}>Download the whole trail as CSV</a>.
          </p>
          <AuditTable rows={rows} showPartnership={false} />
          {olderLink(`/p/${p.code}/audit`, rows, q.limit)}
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/audit',
      permission: 'audit:read',
      kind: 'page',
      summary: 'A partnership’s audit trail',
      query: AuditQuery,
    },
    (c, { partnership, query }) => partnershipPage(c, partnership, query),
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/audit.csv',
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
      c.json({
        data: await deps.audit.page(ctx, { partnershipId: partnership.id, before: query.before, limit: query.limit }),
      }),
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
        children: (
          <>
            <p>
              Every write in Cairn, in every partnership, including sign-ins and account changes.{' '}
              <a href="/admin/audit.csv">Download the whole trail as CSV</a>.
            </p>
            <AuditTable rows={rows} showPartnership />
            {olderLink('/admin/audit', rows, query.limit)}
          </>
        ),
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
      c.json({ data: await deps.audit.page(ctx, { before: query.before, limit: query.limit }) }),
  );
}
