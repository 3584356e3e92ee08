import type { CsvColumn } from '../../core/csv.ts';
import type { CommunityRequest, RequestsService } from './requests.service.ts';

/** The community module's API JSON: service results in, the JSON its response schemas describe out. */

type RequestList = Awaited<ReturnType<RequestsService['listForPartnership']>>;
type DueBoard = Awaited<ReturnType<RequestsService['dueBoard']>>;

/** The partnership's requests, with the next deadline of each (PartnershipRequestList). */
export function partnershipRequestsJson(list: RequestList) {
  return {
    data: list.map((r) => ({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      title: r.title,
      status: r.status,
      authority: r.authority_name,
      communityBody: r.body_name,
      validationDate: r.validation_date,
      decision: r.decision,
      decisionDate: r.decision_date,
      nextDeadline: r.nextDeadline ? { rule: r.nextDeadline.rule_code, due: r.nextDeadline.due } : null,
    })),
  };
}

/** Where a request stands after a step (TransitionResult). */
export function transitionResultJson(row: CommunityRequest) {
  return { id: row.id, reference: row.reference, status: row.status };
}

/** The deadlines overdue and due in the next 7 days (DeadlineBoard). */
export function deadlineBoardJson(board: DueBoard) {
  const shape = (d: DueBoard['overdue'][number]) => ({
    request: d.reference,
    title: d.title,
    rule: d.rule_code,
    due: d.due,
    responsible: d.responsible_name,
  });
  return { today: board.today, overdue: board.overdue.map(shape), dueThisWeek: board.thisWeek.map(shape) };
}

/** The columns of the partnership's requests as CSV. */
export const REQUEST_CSV_COLUMNS: CsvColumn<RequestList[number]>[] = [
  { header: 'reference', value: (r) => r.reference },
  { header: 'kind', value: (r) => r.kind },
  { header: 'title', value: (r) => r.title },
  { header: 'status', value: (r) => r.status },
  { header: 'community_body', value: (r) => r.body_name },
  { header: 'authority', value: (r) => r.authority_name },
  { header: 'submitted_at', value: (r) => r.submitted_at },
  { header: 'validation_date', value: (r) => r.validation_date },
  { header: 'decision', value: (r) => r.decision },
  { header: 'decision_date', value: (r) => r.decision_date },
  { header: 'responsible_officer', value: (r) => r.responsible_name },
  { header: 'next_deadline', value: (r) => r.nextDeadline?.rule_code },
  { header: 'next_deadline_due', value: (r) => r.nextDeadline?.due },
];
