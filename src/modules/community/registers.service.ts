import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { RequestKind } from '../../db/schema.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { RegistersRepository } from './registers.repository.ts';
import { requestVisibility } from './visibility.ts';
import { STATUS_LABELS, type Status } from './workflow.ts';

export interface RegisterFilter {
  kind?: RequestKind;
  partnership?: string;
  status?: string;
  q?: string;
}

/** What the registers read of the partnerships module: partnerships by code and id, authorities' names. */
export type RegistersDirectory = Pick<
  PartnershipDirectory,
  'partnershipsByCodes' | 'partnershipsByIds' | 'organisationsByIds' | 'authorityIdsNamedLike'
>;

/** The deadline rules whose date a request's decision was due by. */
const DECISION_RULES = ['pr-decision', 'pr-decision-joint', 'atr-decision'];

/** The name of an organisation a row refers to (its foreign key guarantees it exists). */
function nameOf(organisations: Map<number, { name: string }>, id: number): string {
  const org = organisations.get(id);
  if (!org) throw new Error(`Organisation ${id} does not exist`);
  return org.name;
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
    private readonly directory: RegistersDirectory,
  ) {}

  /**
   * The register's rows: requests in the public record, with the names they refer to, newest validation first.
   * A partnership is filtered by its code and the search matches the authority's name too: the partnerships
   * module answers which partnership and which organisations those are.
   */
  async requests(ctx: RequestContext, filter: RegisterFilter, limit = 500) {
    authorize(ctx.actor, 'register:read');
    const status = filter.status && filter.status in STATUS_LABELS ? filter.status : undefined;
    let partnershipId: number | undefined;
    if (filter.partnership) {
      const p = (await this.directory.partnershipsByCodes([filter.partnership])).get(filter.partnership);
      if (!p) return [];
      partnershipId = p.id;
    }
    let like: string | undefined;
    let likeAuthorityIds: number[] = [];
    if (filter.q) {
      like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      likeAuthorityIds = await this.directory.authorityIdsNamedLike(like);
    }
    const rows = await this.repo.requests(
      requestVisibility(ctx.actor, 'public'),
      { kind: filter.kind, partnershipId, status, like, likeAuthorityIds },
      limit,
    );
    const [organisations, partnerships] = await Promise.all([
      this.directory.organisationsByIds(distinctKeys(rows.map((r) => r.authority_organisation_id))),
      this.directory.partnershipsByIds(distinctKeys(rows.map((r) => r.partnership_id))),
    ]);
    return rows.map(({ authority_organisation_id, partnership_id, ...r }) => {
      const p = partnerships.get(partnership_id);
      if (!p) throw new Error(`Partnership ${partnership_id} does not exist`);
      return {
        ...r,
        authority_name: nameOf(organisations, authority_organisation_id),
        partnership_code: p.code,
        partnership_name: p.name,
      };
    });
  }

  /** The newest public events, for the Atom feed. */
  async feed(ctx: RequestContext, limit = 50) {
    authorize(ctx.actor, 'register:read');
    const rows = await this.repo.feed(requestVisibility(ctx.actor, 'public'), limit);
    const organisations = await this.directory.organisationsByIds(
      distinctKeys(rows.map((r) => r.authority_organisation_id)),
    );
    return rows.map(({ authority_organisation_id, body_name, ...e }) => ({
      ...e,
      authority_name: nameOf(organisations, authority_organisation_id),
      body_name,
    }));
  }

  /**
   * The partnership's requests of one kind that were ever received, with their authority's name and their
   * decision deadline (when the decision was due and met), for a yearly report. Like the join it replaces, a
   * request without a decision deadline is there once with nulls.
   */
  private async receivedRequests(partnershipId: number, kind: RequestKind) {
    const rows = await this.repo.receivedRequests(partnershipId, kind);
    const ids = rows.map((r) => r.id);
    const [organisations, deadlines] = await Promise.all([
      this.directory.organisationsByIds(distinctKeys(rows.map((r) => r.authority_organisation_id))),
      this.deadlines.requestDeadlinesUnder(ids, DECISION_RULES),
    ]);
    const deadlinesOf = new Map<number, typeof deadlines>();
    for (const d of deadlines) deadlinesOf.set(d.request_id, [...(deadlinesOf.get(d.request_id) ?? []), d]);
    return rows.flatMap(({ authority_organisation_id, body_type, ...r }) => {
      const row = { ...r, authority_name: nameOf(organisations, authority_organisation_id), body_type };
      const own = deadlinesOf.get(r.id) ?? [];
      if (!own.length) return [{ ...row, decision_due: null, decision_met_on: null }];
      return own.map((d) => ({ ...row, decision_due: d.due as string | null, decision_met_on: d.met_on }));
    });
  }

  /**
   * The yearly report on participation requests (s.32) or asset transfer requests, per partnership
   * and reporting year: received, validated, decided (agreed or refused, on time or late), by authority
   * and by type.
   */
  async annualReport(ctx: RequestContext, partnershipCode: string, kind: RequestKind, startYear: number) {
    authorize(ctx.actor, 'register:read');
    const found = (await this.directory.partnershipsByCodes([partnershipCode])).get(partnershipCode);
    if (!found) throw new NotFoundError('partnership');
    const p = { id: found.id, code: found.code, name: found.name, fictional: found.fictional };
    const year = await this.deadlines.yearSpan('request-annual-reports', startYear);
    const previous = await this.deadlines.yearSpan('request-annual-reports', startYear - 1);
    const rows = await this.receivedRequests(p.id, kind);
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
