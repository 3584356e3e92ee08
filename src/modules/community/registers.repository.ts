import type { Kysely, Transaction } from 'kysely';
import type { Database, RequestKind } from '../../db/schema.ts';
import { visibleRequests } from './requests.repository.ts';
import type { RequestVisibility } from './visibility.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the public register may be filtered by (the status already checked against the workflow's). */
export interface RegisterQuery {
  kind?: RequestKind;
  partnership?: string;
  status?: string;
  q?: string;
}

/** The queries of the public registers of requests, their feed and the yearly reports. */
export class RegistersRepository {
  constructor(private readonly db: Db) {}

  /** The register's rows: requests in the public record, with the names they refer to, newest validation first. */
  requests(visibility: RequestVisibility, filter: RegisterQuery, limit: number) {
    let q = visibleRequests(this.db, visibility)
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
    if (filter.kind) q = q.where('r.kind', '=', filter.kind);
    if (filter.partnership) q = q.where('p.code', '=', filter.partnership);
    if (filter.status) q = q.where('r.status', '=', filter.status);
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

  /** The newest public events of requests in the public record. */
  feed(visibility: RequestVisibility, limit: number) {
    return visibleRequests(this.db, visibility)
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

  /** A partnership by its code (table partnerships, of the partnerships module). */
  partnership(code: string) {
    return this.db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'fictional'])
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /**
   * The partnership's requests of one kind that were ever received, that is submitted (a draft withdrawn
   * unsubmitted never was: visibility.ts), with their decision deadline, for a yearly report.
   */
  receivedRequests(partnershipId: number, kind: RequestKind) {
    return this.db
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
      .where('r.partnership_id', '=', partnershipId)
      .where('r.kind', '=', kind)
      .where('r.submitted_at', 'is not', null)
      .execute();
  }
}
