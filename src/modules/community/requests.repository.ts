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
  NotificationTable,
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
 * Organisations of the partnership that can receive requests: its statutory partners (public service
 * authorities). Reads the partnerships module's tables (partnership_organisations, organisations,
 * organisation_types).
 */
export function partnershipAuthorities(db: Db, partnershipId: number) {
  return db
    .selectFrom('partnership_organisations as po')
    .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
    .innerJoin('organisation_types as t', 't.code', 'o.type_code')
    .select(['o.id', 'o.name', 'o.type_code'])
    .where('po.partnership_id', '=', partnershipId)
    .where('t.category', '=', 'statutory_partner');
}

/** Officers who can be responsible for a request: active partner officers and managers of the partnership. */
function partnershipOfficers(db: Db, partnershipId: number) {
  return db
    .selectFrom('partnership_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'u.email'])
    .where('r.partnership_id', '=', partnershipId)
    .where('r.role', 'in', ['partner_officer', 'partnership_manager'])
    .where('u.active', '=', true);
}

/** A request with the names it refers to, from the requests one kind of reader may see. */
function requestDetail(db: Db, visibility: RequestVisibility) {
  return visibleRequests(db, visibility)
    .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
    .innerJoin('organisations as a', 'a.id', 'r.authority_organisation_id')
    .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
    .leftJoin('organisations as x', 'x.id', 'r.additional_authority_organisation_id')
    .leftJoin('land_assets as l', 'l.id', 'r.land_asset_id')
    .leftJoin('users as u', 'u.id', 'r.responsible_user_id')
    .selectAll('r')
    .select([
      'b.name as body_name',
      'b.body_type',
      'a.name as authority_name',
      'a.type_code as authority_type',
      'p.code as partnership_code',
      'p.name as partnership_name',
      'x.name as additional_authority_name',
      'l.name as asset_name',
      'l.reference as asset_reference',
      'u.display_name as responsible_name',
    ]);
}

/** Which one request a detail read is after: by id (inside a partnership, for its people), or by reference. */
export type RequestKey = { id: number; partnershipId?: number } | { reference: string };

/**
 * The queries of participation and asset transfer requests (tables community_requests, request_events,
 * request_documents), with the deadlines they run (request_deadlines and statutory_rules, of the deadlines
 * module) and the notifications they send (notifications, of the accounts module).
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

  /** The partnership's public service authorities, by name. */
  authorities(partnershipId: number) {
    return partnershipAuthorities(this.db, partnershipId).orderBy('o.name').execute();
  }

  /** One of the partnership's public service authorities, or undefined. */
  authority(partnershipId: number, organisationId: number) {
    return partnershipAuthorities(this.db, partnershipId).where('o.id', '=', organisationId).executeTakeFirst();
  }

  /** The partnership's officers who can be responsible for a request, by name. */
  officers(partnershipId: number) {
    return partnershipOfficers(this.db, partnershipId).orderBy('u.display_name').execute();
  }

  /** One of the partnership's officers who can be responsible for a request, or undefined. */
  officer(partnershipId: number, userId: number) {
    return partnershipOfficers(this.db, partnershipId).where('u.id', '=', userId).executeTakeFirst();
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

  /** The code of a partnership (table partnerships, of the partnerships module). */
  async partnershipCode(partnershipId: number): Promise<string> {
    const row = await this.db
      .selectFrom('partnerships')
      .select('code')
      .where('id', '=', partnershipId)
      .executeTakeFirstOrThrow();
    return row.code;
  }

  /** The type of an organisation (table organisations, of the partnerships module). */
  async organisationType(organisationId: number): Promise<string> {
    const org = await this.db
      .selectFrom('organisations')
      .select('type_code')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    return org.type_code;
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

  /** A notification in the app (table notifications, of the accounts module). */
  async insertNotification(values: Insertable<NotificationTable>): Promise<void> {
    await this.db.insertInto('notifications').values(values).execute();
  }

  // ---------------------------------------------------------------- deadlines (table request_deadlines)

  /** Start (or start again) a request's deadline under a rule. */
  async startDeadline(requestId: number, rule: string, begins: string, due: string): Promise<void> {
    await this.db
      .insertInto('request_deadlines')
      .values({ request_id: requestId, rule_code: rule, begins_on: begins, statutory_due: due, due })
      .onConflict((oc) =>
        oc.columns(['request_id', 'rule_code']).doUpdateSet({
          begins_on: begins,
          statutory_due: due,
          due,
          extended_to: null,
          extension_reason: null,
          met_on: null,
          cancelled: false,
          reminded_at: null,
        }),
      )
      .execute();
  }

  openDeadline(requestId: number, rule: string) {
    return this.db
      .selectFrom('request_deadlines')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('rule_code', '=', rule)
      .where('met_on', 'is', null)
      .where('cancelled', '=', false)
      .executeTakeFirst();
  }

  /** Mark a deadline met on a date; with null, close it as no longer relevant. */
  async meetDeadline(requestId: number, rule: string, on: string | null): Promise<void> {
    const q = this.db
      .updateTable('request_deadlines')
      .where('request_id', '=', requestId)
      .where('rule_code', '=', rule)
      .where('met_on', 'is', null);
    if (on === null) await q.set({ cancelled: true }).execute();
    else await q.set({ met_on: on }).execute();
  }

  async cancelDeadlines(requestId: number): Promise<void> {
    await this.db
      .updateTable('request_deadlines')
      .set({ cancelled: true })
      .where('request_id', '=', requestId)
      .where('met_on', 'is', null)
      .execute();
  }

  /** Extend an open deadline by agreement: its reminders start afresh. */
  async extendDeadline(
    deadlineId: number,
    extension: { extended_to: string; extension_reason: string; due: string },
  ): Promise<void> {
    await this.db
      .updateTable('request_deadlines')
      .set({ ...extension, reminded_at: null })
      .where('id', '=', deadlineId)
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

  /** A request's history, documents and deadlines; `publicOnly` keeps to what the public record shows. */
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
    const deadlines = this.db
      .selectFrom('request_deadlines as d')
      .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
      .selectAll('d')
      .select(['s.name as rule_name', 's.party', 's.extendable'])
      .where('d.request_id', '=', requestId)
      .orderBy('d.begins_on')
      .orderBy('s.sort_order');
    const [e, dcs, dl] = await Promise.all([events.execute(), docs.execute(), deadlines.execute()]);
    return { events: e, documents: dcs, deadlines: dl };
  }

  /** A partnership's requests the reader may see, newest submission first. */
  listDetails(visibility: RequestVisibility, partnershipId: number, filter: { status?: string; kind?: RequestKind }) {
    let q = requestDetail(this.db, visibility).where('r.partnership_id', '=', partnershipId);
    if (filter.status) q = q.where('r.status', '=', filter.status);
    if (filter.kind) q = q.where('r.kind', '=', filter.kind);
    return q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').execute();
  }

  /** The open deadlines of these requests of the partnership, soonest first. */
  openDeadlinesOf(partnershipId: number, requestIds: readonly number[]) {
    return this.db
      .selectFrom('request_deadlines as d')
      .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
      .innerJoin('community_requests as r', 'r.id', 'd.request_id')
      .select(['d.request_id', 'd.rule_code', 'd.due', 's.name as rule_name', 's.party'])
      .where('r.partnership_id', '=', partnershipId)
      .where('d.request_id', 'in', requestIds)
      .where('d.met_on', 'is', null)
      .where('d.cancelled', '=', false)
      .orderBy('d.due')
      .execute();
  }

  /** The open deadlines of the partnership's requests the reader may see, due by `until` (overdue ones too). */
  deadlinesDue(visibility: RequestVisibility, partnershipId: number, until: string) {
    return visibleRequests(this.db, visibility)
      .innerJoin('request_deadlines as d', 'd.request_id', 'r.id')
      .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
      .innerJoin('community_bodies as b', 'b.id', 'r.community_body_id')
      .leftJoin('users as u', 'u.id', 'r.responsible_user_id')
      .select([
        'd.id',
        'd.due',
        'd.statutory_due',
        'd.extended_to',
        'd.rule_code',
        's.name as rule_name',
        's.party',
        'r.id as request_id',
        'r.reference',
        'r.title',
        'r.kind',
        'r.status',
        'b.name as body_name',
        'r.responsible_user_id',
        'u.display_name as responsible_name',
      ])
      .where('r.partnership_id', '=', partnershipId)
      .where('d.met_on', 'is', null)
      .where('d.cancelled', '=', false)
      .where('d.due', '<=', until)
      .orderBy('d.due')
      .execute();
  }
}
