import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Transaction,
  type Updateable,
} from 'kysely';
import { tx } from '../../db/tx.ts';
import type {
  CommunityRequestTable,
  Database,
  RequestDocumentTable,
  RequestEventTable,
  RequestKind,
} from '../../db/schema.ts';
import type { RequestVisibility } from './visibility.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** An open transaction of the community module: what a service hands to `recordAudit` and to another module's `…In(trx)`. */
export type CommunityTransaction = Transaction<Database>;

export type CommunityRequest = Selectable<CommunityRequestTable>;

/**
 * The requests (`community_requests as r`) one reader may see (visibility.ts decides which); join and
 * select from it. Every read of a request starts here.
 */
export function visibleRequests(db: Db, visibility: RequestVisibility) {
  const requests = db.selectFrom('community_requests as r');
  const none = sql<SqlBool>`false`;
  switch (visibility.kind) {
    case 'none':
      return requests.where(none);
    case 'members':
      return requests.where(
        'r.community_body_id',
        'in',
        db.selectFrom('community_body_members').select('community_body_id').where('user_id', '=', visibility.userId),
      );
    case 'submitted': {
      const submitted = requests.where('r.submitted_at', 'is not', null);
      const { partnerships } = visibility;
      if (partnerships === 'all') return submitted;
      return partnerships.length ? submitted.where('r.partnership_id', 'in', partnerships) : submitted.where(none);
    }
    case 'validated':
      return requests.where('r.validation_date', 'is not', null);
  }
}

/**
 * A request with the names of its own module's rows it refers to (its body, its land), from the requests one
 * kind of reader may see. The names of other modules' rows (authorities, partnership, officer) are merged in by
 * the service, from their owners' directories.
 */
function requestDetail(db: Db, visibility: RequestVisibility) {
  return visibleRequests(db, visibility)
    .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
    .leftJoin('land_assets as l', 'l.id', 'r.land_asset_id')
    .selectAll('r')
    .select(['b.name as body_name', 'b.body_type', 'l.name as asset_name', 'l.reference as asset_reference']);
}

/** Which one request a detail read is after: by id (inside a partnership, for its people), or by reference. */
export type RequestKey = { id: number; partnershipId?: number } | { reference: string };

/**
 * The queries of participation and asset transfer requests (tables community_requests, request_events,
 * request_documents). The deadlines they run, the notifications they send and the names of the authorities,
 * partnerships and officers they refer to are other modules' tables: the service asks their owners.
 */
export class RequestsRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction (or the caller's), with this repository over it and the transaction itself. */
  transaction<T>(fn: (repo: RequestsRepository, trx: CommunityTransaction) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new RequestsRepository(trx), trx));
  }

  // ---------------------------------------------------------------- access

  /** One community body, when this user is one of its members. */
  memberBody(userId: number, bodyId: number) {
    return this.db
      .selectFrom('community_bodies as b')
      .innerJoin('community_body_members as m', (j) =>
        j.onRef('m.community_body_id', '=', 'b.id').on('m.user_id', '=', userId),
      )
      .selectAll('b')
      .where('b.id', '=', bodyId)
      .executeTakeFirst();
  }

  /** One request among those the reader may see; with a partnership, only inside it. */
  visibleRequest(visibility: RequestVisibility, requestId: number, partnershipId?: number) {
    let q = visibleRequests(this.db, visibility).selectAll('r').where('r.id', '=', requestId);
    if (partnershipId !== undefined) q = q.where('r.partnership_id', '=', partnershipId);
    return q.executeTakeFirst();
  }

  /** An entry of the partnership's register of land, with its owner. */
  landAsset(partnershipId: number, assetId: number) {
    return this.db
      .selectFrom('land_assets')
      .select(['id', 'owner_organisation_id'])
      .where('id', '=', assetId)
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  // ---------------------------------------------------------------- writing a request

  insertRequest(values: Insertable<CommunityRequestTable>): Promise<CommunityRequest> {
    return this.db.insertInto('community_requests').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateRequest(requestId: number, set: Updateable<CommunityRequestTable>): Promise<CommunityRequest> {
    return this.db
      .updateTable('community_requests')
      .set(set)
      .where('id', '=', requestId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Move a request on from the status it was read in; undefined when someone else moved it first. */
  moveRequest(requestId: number, fromStatus: string, set: Partial<CommunityRequest>) {
    return this.db
      .updateTable('community_requests')
      .set(set as never)
      .where('id', '=', requestId)
      .where('status', '=', fromStatus)
      .returningAll()
      .executeTakeFirst();
  }

  async insertEvent(values: Insertable<RequestEventTable>): Promise<void> {
    await this.db.insertInto('request_events').values(values).execute();
  }

  /** The users who are members of a community body. */
  bodyMembers(bodyId: number) {
    return this.db
      .selectFrom('community_body_members')
      .select('user_id')
      .where('community_body_id', '=', bodyId)
      .execute();
  }

  // ---------------------------------------------------------------- documents

  insertDocument(values: Insertable<RequestDocumentTable>) {
    return this.db
      .insertInto('request_documents')
      .values(values)
      .returning(['id', 'file_name', 'byte_size', 'sha256', 'kind', 'public'])
      .executeTakeFirstOrThrow();
  }

  /** A document of a request the reader may see; `publishedOnly` keeps to the published ones. */
  document(visibility: RequestVisibility, requestId: number, documentId: number, publishedOnly: boolean) {
    let q = visibleRequests(this.db, visibility)
      .innerJoin('request_documents as d', 'd.request_id', 'r.id')
      .select(['d.id', 'd.file_name', 'd.content_type', 'd.content', 'd.public'])
      .where('d.id', '=', documentId)
      .where('r.id', '=', requestId);
    if (publishedOnly) q = q.where('d.public', '=', true);
    return q.executeTakeFirst();
  }

  // ---------------------------------------------------------------- reading

  /** One request with the names it refers to, among those the reader may see. */
  findDetail(visibility: RequestVisibility, key: RequestKey) {
    let q = requestDetail(this.db, visibility);
    if ('reference' in key) q = q.where('r.reference', '=', key.reference);
    else {
      q = q.where('r.id', '=', key.id);
      if (key.partnershipId !== undefined) q = q.where('r.partnership_id', '=', key.partnershipId);
    }
    return q.executeTakeFirst();
  }

  /** A request's history and documents; `publicOnly` keeps to what the public record shows. */
  async timeline(requestId: number, publicOnly: boolean) {
    let events = this.db
      .selectFrom('request_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('at')
      .orderBy('id');
    let docs = this.db
      .selectFrom('request_documents')
      .select(['id', 'kind', 'file_name', 'content_type', 'byte_size', 'public', 'created_at'])
      .where('request_id', '=', requestId)
      .orderBy('id');
    if (publicOnly) {
      events = events.where('public', '=', true);
      docs = docs.where('public', '=', true);
    }
    const [e, dcs] = await Promise.all([events.execute(), docs.execute()]);
    return { events: e, documents: dcs };
  }

  /** A partnership's requests the reader may see, newest submission first. */
  listDetails(visibility: RequestVisibility, partnershipId: number, filter: { status?: string; kind?: RequestKind }) {
    let q = requestDetail(this.db, visibility).where('r.partnership_id', '=', partnershipId);
    if (filter.status) q = q.where('r.status', '=', filter.status);
    if (filter.kind) q = q.where('r.kind', '=', filter.kind);
    return q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').execute();
  }

  /**
   * The partnership's requests the reader may see, as the deadline board shows them (reference, title, body),
   * by id: the requests whose open deadlines the service asks the deadlines module for.
   */
  boardRequests(visibility: RequestVisibility, partnershipId: number) {
    return visibleRequests(this.db, visibility)
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .select(['r.id', 'r.reference', 'r.title', 'r.kind', 'r.status', 'b.name as body_name', 'r.responsible_user_id'])
      .where('r.partnership_id', '=', partnershipId)
      .execute();
  }
}
