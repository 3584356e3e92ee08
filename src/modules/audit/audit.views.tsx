import { formatDateTime, Table } from '../../core/ui/components.tsx';
import type { AuditRow } from './audit.service.ts';

/** Views of the audit trail: props in, JSX out (the routes are in audit.routes.tsx). */

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

/** The link to the next page of older events, when this page is full. */
function OlderLink({ base, rows, limit }: { base: string; rows: AuditRow[]; limit: number }) {
  if (rows.length < limit) return null;
  return (
    <p>
      <a href={`${base}?before=${rows[rows.length - 1]?.id}&limit=${limit}`}>Older events</a>
    </p>
  );
}

/** A partnership's audit trail: `href` is its address, `csvHref` the whole trail's as CSV. */
export function PartnershipAudit(props: { rows: AuditRow[]; limit: number; href: string; csvHref: string }) {
  return (
    <>
      <p>
        Every change to this partnership’s records is written here in the same transaction as the change itself. Nobody
        can edit or delete it. <a href={props.csvHref}>Download the whole trail as CSV</a>.
      </p>
      <AuditTable rows={props.rows} showPartnership={false} />
      <OlderLink base={props.href} rows={props.rows} limit={props.limit} />
    </>
  );
}

/** The whole audit trail, every partnership's and the national events. */
export function WholeAudit(props: { rows: AuditRow[]; limit: number }) {
  return (
    <>
      <p>
        Every write in Cairn, in every partnership, including sign-ins and account changes.{' '}
        <a href="/admin/audit.csv">Download the whole trail as CSV</a>.
      </p>
      <AuditTable rows={props.rows} showPartnership />
      <OlderLink base="/admin/audit" rows={props.rows} limit={props.limit} />
    </>
  );
}
