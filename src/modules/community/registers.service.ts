import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { RequestKind } from '../../db/schema.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { RegistersRepository } from './registers.repository.ts';
import { requestVisibility } from './visibility.ts';
import { STATUS_LABELS, type Status } from './workflow.ts';

export interface RegisterFilter {
  kind?: RequestKind;
  partnership?: string;
  status?: string;
  q?: string;
}

/** A counted line of an annual report. */
export interface ReportLine {
  group: string;
  label: string;
  count: number;
}

/**
 * The public side of Parts 3 and 5: registers of requests with their decision notices and reports, a
 * feed of what was published, and the yearly reports authorities publish. A request enters the public
 * record when it is validated; what is personal (contacts, officers, internal notes) never does.
 */
export class RegistersService {
  constructor(
    private readonly repo: RegistersRepository,
    private readonly deadlines: DeadlinesService,
  ) {}

  async requests(ctx: RequestContext, filter: RegisterFilter, limit = 500) {
    authorize(ctx.actor, 'register:read');
    const status = filter.status && filter.status in STATUS_LABELS ? filter.status : undefined;
    return this.repo.requests(requestVisibility(ctx.actor, 'public'), { ...filter, status }, limit);
  }

  /** The newest public events, for the Atom feed. */
  async feed(ctx: RequestContext, limit = 50) {
    authorize(ctx.actor, 'register:read');
    return this.repo.feed(requestVisibility(ctx.actor, 'public'), limit);
  }

  /**
   * The yearly report on participation requests (s.32) or asset transfer requests, per partnership
   * and reporting year: received, validated, decided (agreed or refused, on time or late), by authority
   * and by type.
   */
  async annualReport(ctx: RequestContext, partnershipCode: string, kind: RequestKind, startYear: number) {
    authorize(ctx.actor, 'register:read');
    const p = await this.repo.partnership(partnershipCode);
    if (!p) throw new NotFoundError('partnership');
    const year = await this.deadlines.yearSpan('request-annual-reports', startYear);
    const previous = await this.deadlines.yearSpan('request-annual-reports', startYear - 1);
    const rows = await this.repo.receivedRequests(p.id, kind);
    const inYear = (d: string | null) => d !== null && d >= year.start && d <= year.end;
    const received = rows.filter((r) => r.submitted_at && inYear(r.submitted_at.toISOString().slice(0, 10)));
    const validated = rows.filter((r) => inYear(r.validation_date));
    const decided = rows.filter((r) => inYear(r.decision_date));
    const onTime = decided.filter((r) => r.decision_due && r.decision_date && r.decision_date <= r.decision_due);
    const lines: ReportLine[] = [
      { group: 'Totals', label: 'Requests received', count: received.length },
      { group: 'Totals', label: 'Requests validated', count: validated.length },
      { group: 'Totals', label: 'Decisions made', count: decided.length },
      { group: 'Totals', label: 'Agreed', count: decided.filter((r) => r.decision === 'agreed').length },
      { group: 'Totals', label: 'Refused', count: decided.filter((r) => r.decision === 'refused').length },
      { group: 'Totals', label: 'Decided within the statutory period (or as extended)', count: onTime.length },
      { group: 'Totals', label: 'Decided after the deadline', count: decided.length - onTime.length },
      { group: 'Totals', label: 'Withdrawn', count: received.filter((r) => r.status === 'withdrawn').length },
    ];
    const countBy = (group: string, list: typeof rows, key: (r: (typeof rows)[number]) => string) => {
      const m = new Map<string, number>();
      for (const r of list) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      for (const [label, count] of [...m].sort((a, b) => a[0].localeCompare(b[0]))) lines.push({ group, label, count });
    };
    countBy('Received, by authority', received, (r) => r.authority_name);
    countBy(
      'Decisions, by outcome and authority',
      decided,
      (r) => `${r.authority_name}: ${r.decision === 'agreed' ? 'agreed' : 'refused'}`,
    );
    countBy('Received, by type of community body', received, (r) => r.body_type.replaceAll('_', ' '));
    if (kind === 'asset_transfer')
      countBy('Received, by what was asked for', received, (r) => r.transfer_type ?? 'not stated');
    countBy('Where requests stand now', received, (r) => STATUS_LABELS[r.status as Status] ?? r.status);
    return { partnership: p, kind, year, previous, lines };
  }
}
