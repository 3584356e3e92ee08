import type { Kysely } from 'kysely';
import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Database, RequestKind } from '../../db/schema.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import { visibleRequests } from './visibility.ts';
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
    private readonly db: Kysely<Database>,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** The register's rows: requests in the public record (visibility.ts), with the names they refer to. */
  private base(ctx: RequestContext) {
    return visibleRequests(this.db, ctx.actor, 'public')
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .innerJoin('organisations as a', 'a.id', 'r.authority_organisation_id')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .select([
        'r.id',
        'r.reference',
        'r.kind',
        'r.title',
        'r.status',
        'r.outcome',
        'r.transfer_type',
        'r.validation_date',
        'r.decision',
        'r.decision_date',
        'r.decision_published_at',
        'r.completed_on',
        'r.fictional',
        'b.name as body_name',
        'b.body_type',
        'a.name as authority_name',
        'p.code as partnership_code',
        'p.name as partnership_name',
      ]);
  }

  async requests(ctx: RequestContext, filter: RegisterFilter, limit = 500) {
    authorize(ctx.actor, 'register:read');
    let q = this.base(ctx);
    if (filter.kind) q = q.where('r.kind', '=', filter.kind);
    if (filter.partnership) q = q.where('p.code', '=', filter.partnership);
    if (filter.status && filter.status in STATUS_LABELS) q = q.where('r.status', '=', filter.status);
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['r.title']), 'like', like),
          eb(eb.fn('lower', ['r.reference']), 'like', like),
          eb(eb.fn('lower', ['b.name']), 'like', like),
          eb(eb.fn('lower', ['a.name']), 'like', like),
          eb(eb.fn('lower', [eb.fn.coalesce('r.outcome', eb.val(''))]), 'like', like),
        ]),
      );
    }
    return q.orderBy('r.validation_date', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  }

  /** The newest public events, for the Atom feed. */
  async feed(ctx: RequestContext, limit = 50) {
    authorize(ctx.actor, 'register:read');
    return visibleRequests(this.db, ctx.actor, 'public')
      .innerJoin('request_events as e', 'e.request_id', 'r.id')
      .innerJoin('organisations as a', 'a.id', 'r.authority_organisation_id')
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .select([
        'e.id',
        'e.at',
        'e.action',
        'e.to_status',
        'e.note',
        'r.reference',
        'r.kind',
        'r.title',
        'a.name as authority_name',
        'b.name as body_name',
      ])
      .where('e.public', '=', true)
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The yearly report on participation requests (s.32) or asset transfer requests, per partnership
   * and reporting year: received, validated, decided (agreed or refused, on time or late), by authority
   * and by type.
   */
  async annualReport(ctx: RequestContext, partnershipCode: string, kind: RequestKind, startYear: number) {
    authorize(ctx.actor, 'register:read');
    const p = await this.db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'fictional'])
      .where('code', '=', partnershipCode)
      .executeTakeFirst();
    if (!p) throw new NotFoundError('partnership');
    const year = await this.deadlines.yearSpan('request-annual-reports', startYear);
    const previous = await this.deadlines.yearSpan('request-annual-reports', startYear - 1);
    const rows = await this.db
      .selectFrom('community_requests as r')
      .innerJoin('organisations as a', 'a.id', 'r.authority_organisation_id')
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .leftJoin('request_deadlines as d', (j) =>
        j
          .onRef('d.request_id', '=', 'r.id')
          .on('d.rule_code', 'in', ['pr-decision', 'pr-decision-joint', 'atr-decision']),
      )
      .select([
        'r.id',
        'r.status',
        'r.validation_date',
        'r.decision',
        'r.decision_date',
        'r.transfer_type',
        'r.submitted_at',
        'a.name as authority_name',
        'b.body_type',
        'd.due as decision_due',
        'd.met_on as decision_met_on',
      ])
      .where('r.partnership_id', '=', p.id)
      .where('r.kind', '=', kind)
      // Counted once received, that is submitted (a draft withdrawn unsubmitted never was): visibility.ts.
      .where('r.submitted_at', 'is not', null)
      .execute();
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
