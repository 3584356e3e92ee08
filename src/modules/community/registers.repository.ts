import type { Kysely, Transaction } from 'kysely';
import type { Database, RequestKind } from '../../db/schema.ts';
import { visibleRequests } from './requests.repository.ts';
import type { RequestVisibility } from './visibility.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the public register may be filtered by, in the community module's own columns: the partnership by id and
 * the authorities whose names match the search by their ids (the service asks the partnerships module for both).
 */
export interface RegisterQuery {
  kind?: RequestKind;
  partnershipId?: number;
  status?: string;
  /** A LIKE pattern, lower-cased and escaped, matched against the title, reference, body and outcome. */
  like?: string;
  /** With `like`: the authorities (statutory partners) whose names match it, so their requests match too. */
  likeAuthorityIds?: readonly number[];
}

/**
 * The queries of the public registers of requests, their feed and the yearly reports. The names of the
 * authorities and partnerships, and the decision deadlines, are other modules' rows: the service asks them.
 */
export class RegistersRepository {
  constructor(private readonly db: Db) {}

  /** The register's rows: requests in the public record, with their body's name, newest validation first. */
  requests(visibility: RequestVisibility, filter: RegisterQuery, limit: number) {
    let q = visibleRequests(this.db, visibility)
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
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
        'r.authority_organisation_id',
        'r.partnership_id',
      ]);
    if (filter.kind) q = q.where('r.kind', '=', filter.kind);
    if (filter.partnershipId !== undefined) q = q.where('r.partnership_id', '=', filter.partnershipId);
    if (filter.status) q = q.where('r.status', '=', filter.status);
    const { like, likeAuthorityIds = [] } = filter;
    if (like !== undefined) {
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['r.title']), 'like', like),
          eb(eb.fn('lower', ['r.reference']), 'like', like),
          eb(eb.fn('lower', ['b.name']), 'like', like),
          ...(likeAuthorityIds.length ? [eb('r.authority_organisation_id', 'in', [...likeAuthorityIds])] : []),
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
        'r.authority_organisation_id',
        'b.name as body_name',
      ])
      .where('e.public', '=', true)
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
  }

  /**
   * The partnership's requests of one kind that were ever received, that is submitted (a draft withdrawn
   * unsubmitted never was: visibility.ts), for a yearly report.
   */
  receivedRequests(partnershipId: number, kind: RequestKind) {
    return this.db
      .selectFrom('community_requests as r')
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .select([
        'r.id',
        'r.status',
        'r.validation_date',
        'r.decision',
        'r.decision_date',
        'r.transfer_type',
        'r.submitted_at',
        'r.authority_organisation_id',
        'b.body_type',
      ])
      .where('r.partnership_id', '=', partnershipId)
      .where('r.kind', '=', kind)
      .where('r.submitted_at', 'is not', null)
      .execute();
  }
}
