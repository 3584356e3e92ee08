import { formatDate, formatDateTime, SummaryList, Table, Tag } from '../../core/ui/components.tsx';
import type { RequestKind } from '../../db/schema.ts';
import { BODY_TYPE_LABELS, TRANSFER_TYPE_LABELS } from './community.schemas.ts';
import { KIND_LABELS, S24_FACTORS, STATUS_LABELS, type Status } from './workflow.ts';

/** Past-tense names of the steps, for timelines. */
const ACTION_LABELS: Record<string, string> = {
  create: 'Drafted',
  submit: 'Submitted',
  withdraw: 'Withdrawn',
  request_information: 'Information asked for',
  validate: 'Validated and acknowledged',
  record_additional_answer: 'Other authority answered',
  decide: 'Decided; decision notice published',
  extend: 'Deadline extended by agreement',
  assign: 'Responsible officer assigned',
  establish_process: 'Outcome improvement process established',
  process_update: 'Process update published',
  complete: 'Completed',
  request_review: 'Review applied for',
  decide_review: 'Review decided',
  lodge_appeal: 'Appealed to the Scottish Ministers',
  decide_appeal: 'Appeal decided',
};

const STATUS_COLOUR: Partial<
  Record<Status, 'green' | 'grey' | 'orange' | 'red' | 'blue' | 'purple' | 'teal' | 'yellow'>
> = {
  draft: 'grey',
  submitted: 'blue',
  information_requested: 'orange',
  validated: 'blue',
  agreed: 'green',
  refused: 'red',
  process_established: 'teal',
  under_review: 'purple',
  under_appeal: 'purple',
  completed: 'green',
  withdrawn: 'grey',
};

export function StatusTag({ status }: { status: string }) {
  return <Tag colour={STATUS_COLOUR[status as Status] ?? 'grey'}>{STATUS_LABELS[status as Status] ?? status}</Tag>;
}

export const bodyTypeLabel = (t: string) => BODY_TYPE_LABELS[t as keyof typeof BODY_TYPE_LABELS] ?? t;
export const kindLabel = (k: RequestKind) => KIND_LABELS[k];

const money = (v: string | null) =>
  v === null ? null : `£${Number(v).toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

export interface RequestView {
  reference: string;
  kind: RequestKind;
  title: string;
  status: string;
  body_name: string;
  body_type: string;
  authority_name: string;
  partnership_name: string;
  outcome: string | null;
  reasons: string | null;
  knowledge: string | null;
  improvement: string | null;
  additional_authority_name: string | null;
  additional_authority_answer: string | null;
  asset_name: string | null;
  asset_reference: string | null;
  asset_description: string | null;
  transfer_type: string | null;
  price_offered: string | null;
  terms: string | null;
  benefits: string | null;
  submitted_at: Date | null;
  validation_date: string | null;
  decision: string | null;
  decision_date: string | null;
  decision_reasons: string | null;
  decision_conditions: string | null;
  s24_factors: string | null;
  decision_notice: string | null;
  process_established_on: string | null;
  process_description: string | null;
  final_report: string | null;
  completed_on: string | null;
}

/** The request as the Act asks it to be made. */
export function RequestContent({ r }: { r: RequestView }) {
  const items: { key: string; value: unknown }[] = [
    { key: 'Reference', value: r.reference },
    { key: 'Kind', value: kindLabel(r.kind) },
    { key: 'Status', value: <StatusTag status={r.status} /> },
    { key: 'Community body', value: `${r.body_name} (${bodyTypeLabel(r.body_type)})` },
    { key: 'Made to', value: r.authority_name },
    { key: 'Submitted', value: r.submitted_at ? formatDate(r.submitted_at) : 'Not yet' },
    { key: 'Validation date', value: r.validation_date ? formatDate(r.validation_date) : 'Not yet validated' },
  ];
  if (r.kind === 'participation') {
    items.push(
      { key: 'The outcome', value: r.outcome ?? '—' },
      { key: 'Why the body should take part', value: r.reasons ?? '—' },
      { key: 'Its knowledge, expertise and experience', value: r.knowledge ?? '—' },
      { key: 'The improvement it expects', value: r.improvement ?? '—' },
      {
        key: 'Another authority asked to join',
        value: r.additional_authority_name
          ? `${r.additional_authority_name}${r.additional_authority_answer ? ` — ${r.additional_authority_answer === 'joins' ? 'will take part' : 'will not take part'}` : ' — answer awaited'}`
          : 'No',
      },
    );
  } else {
    items.push(
      {
        key: 'Land or building',
        value: r.asset_name ? `${r.asset_name} (${r.asset_reference})` : (r.asset_description ?? '—'),
      },
      {
        key: 'Asks to',
        value: r.transfer_type ? TRANSFER_TYPE_LABELS[r.transfer_type as keyof typeof TRANSFER_TYPE_LABELS] : '—',
      },
      { key: 'Price offered', value: money(r.price_offered) ?? '—' },
      { key: 'Terms', value: r.terms ?? '—' },
      { key: 'Benefits', value: r.benefits ?? '—' },
    );
  }
  return <SummaryList items={items.map((i) => ({ key: i.key, value: i.value as string }))} />;
}

/** The decision, its notice and what followed: all of it public once published. */
export function DecisionSection({ r }: { r: RequestView }) {
  if (!r.decision) return null;
  const factors = r.s24_factors ? (JSON.parse(r.s24_factors) as { factor: string; note: string }[]) : [];
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">Decision notice</h2>
      <p>
        <StatusTag status={r.decision} /> on {formatDate(r.decision_date)}
      </p>
      {r.decision_notice ? (
        <div class="cairn-notice">
          {r.decision_notice.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </div>
      ) : null}
      {factors.length ? (
        <>
          <h3>How the factors in section 24 were weighed</h3>
          <SummaryList items={factors.map((f) => ({ key: f.factor, value: f.note }))} />
        </>
      ) : null}
      {r.process_established_on ? (
        <>
          <h2>Outcome improvement process</h2>
          <p>Established on {formatDate(r.process_established_on)}.</p>
          {r.process_description ? <p>{r.process_description}</p> : null}
        </>
      ) : null}
      {r.final_report ? (
        <>
          <h2>Final report</h2>
          <p>Published on {formatDate(r.completed_on)}.</p>
          {r.final_report.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </>
      ) : null}
    </section>
  );
}

export interface EventView {
  at: Date;
  action: string;
  to_status: string;
  actor_label: string;
  note: string | null;
  public: boolean;
}

export function Timeline({ events, showActors }: { events: EventView[]; showActors: boolean }) {
  const columns = [
    { header: 'When', cell: (e: EventView) => formatDateTime(e.at) },
    { header: 'What', cell: (e: EventView) => ACTION_LABELS[e.action] ?? e.action.replaceAll('_', ' ') },
    { header: 'Status after', cell: (e: EventView) => STATUS_LABELS[e.to_status as Status] ?? e.to_status },
    { header: 'Detail', cell: (e: EventView) => e.note ?? '' },
  ];
  if (showActors)
    columns.push({ header: 'By', cell: (e: EventView) => `${e.actor_label}${e.public ? '' : ' (not public)'}` });
  return <Table caption="What has happened" rows={events} empty="Nothing yet." columns={columns} />;
}

export interface DeadlineView {
  rule_code: string;
  rule_name: string;
  party: string;
  begins_on: string;
  statutory_due: string;
  extended_to: string | null;
  extension_reason: string | null;
  due: string;
  met_on: string | null;
  cancelled: boolean;
}

export function deadlineState(
  d: DeadlineView,
  today: string,
): { label: string; colour: 'green' | 'red' | 'orange' | 'grey' | 'blue' } {
  if (d.met_on)
    return d.met_on <= d.due
      ? { label: `Met on ${formatDate(d.met_on)}`, colour: 'green' }
      : { label: `Met late, on ${formatDate(d.met_on)}`, colour: 'red' };
  if (d.cancelled) return { label: 'No longer applies', colour: 'grey' };
  if (d.due < today) return { label: 'Overdue', colour: 'red' };
  return { label: 'Open', colour: 'blue' };
}

export function DeadlinesTable({ deadlines, today }: { deadlines: DeadlineView[]; today: string }) {
  return (
    <Table
      caption="Statutory deadlines"
      rows={deadlines}
      empty="No statutory clock is running yet: it starts at validation."
      columns={[
        { header: 'Time limit', cell: (d) => d.rule_name },
        { header: 'Begins with', cell: (d) => formatDate(d.begins_on) },
        { header: 'Statutory date', cell: (d) => formatDate(d.statutory_due) },
        {
          header: 'Extended to',
          cell: (d) =>
            d.extended_to ? `${formatDate(d.extended_to)}${d.extension_reason ? ` (${d.extension_reason})` : ''}` : '—',
        },
        {
          header: 'State',
          cell: (d) => {
            const s = deadlineState(d, today);
            return <Tag colour={s.colour}>{s.label}</Tag>;
          },
        },
      ]}
    />
  );
}

export interface DocumentView {
  id: number;
  kind: string;
  file_name: string;
  byte_size: number;
  public: boolean;
  created_at: Date;
}

export function DocumentsList({ requestId, documents }: { requestId: number; documents: DocumentView[] }) {
  return (
    <Table
      caption="Documents"
      rows={documents}
      empty="No documents."
      columns={[
        { header: 'File', cell: (d) => <a href={`/requests/${requestId}/documents/${d.id}`}>{d.file_name}</a> },
        { header: 'Kind', cell: (d) => d.kind.replaceAll('_', ' ') },
        { header: 'Size', cell: (d) => `${Math.max(1, Math.round(d.byte_size / 1024))} KB`, numeric: true },
        { header: 'Added', cell: (d) => formatDateTime(d.created_at) },
        { header: 'Public', cell: (d) => (d.public ? 'Yes' : 'No') },
      ]}
    />
  );
}

export const S24 = S24_FACTORS;
