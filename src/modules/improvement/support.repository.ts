import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';
import type {
  SupportOfferTable,
  SupportRequestEventTable,
  SupportRequestStatus,
  SupportRequestTable,
} from '../../db/schema-support.ts';
import { arePrinciples, principlesOf, PRINCIPLES_FRAMEWORK } from './self-evaluation.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
type NewSupportOffer = Insertable<SupportOfferTable>;
type NewSupportRequest = Insertable<SupportRequestTable>;
type NewSupportRequestEvent = Insertable<SupportRequestEventTable>;

/** What an offer search filters on (support-schemas.ts SearchInput). */
export interface OfferFilter {
  q?: string | undefined;
  theme?: string | undefined;
  format?: string | undefined;
  principle?: string | undefined;
}

/**
 * A request with its offer, status and usefulness label; the provider organisation's, partnership's and
 * requester's ids, whose names the service looks up from their owners.
 */
function requestQuery(db: Db) {
  return db
    .selectFrom('support_requests as r')
    .innerJoin('support_offers as o', 'o.id', 'r.offer_id')
    .innerJoin('support_request_statuses as s', 's.code', 'r.status')
    .leftJoin('support_usefulness_levels as ul', 'ul.score', 'r.usefulness')
    .select([
      'ul.label as usefulness_label',
      'r.id',
      'r.offer_id',
      'o.title as offer_title',
      'o.provider_organisation_id',
      'o.provider_name',
      'r.partnership_id',
      'r.need',
      'r.status',
      's.label as status_label',
      'r.requested_by as requested_by_id',
      'r.created_at',
      'r.updated_at',
      'r.completed_at',
      'r.usefulness',
      'r.what_changed',
      'r.feedback_at',
      'r.fictional',
    ]);
}

export type RequestIdsRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

/**
 * The queries of the improvement-support portal (tables support_*): offers with their principles and
 * indicators, requests with their history, and the weak self-evaluation scores needs come from. A
 * partnership's requests are read through its id, as a condition in the query. Rows carry the ids of other
 * modules' rows (organisations, partnerships, users, indicators); the service looks up their names.
 */
export class SupportRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: SupportRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new SupportRepository(trx), trx));
  }

  // ---- Reference data

  formats() {
    return this.db.selectFrom('support_formats').select(['code', 'label']).orderBy('position').execute();
  }

  usefulnessLevels() {
    return this.db.selectFrom('support_usefulness_levels').select(['score', 'label']).orderBy('score').execute();
  }

  usefulnessScores() {
    return this.db.selectFrom('support_usefulness_levels').select(['score']).orderBy('score').execute();
  }

  statuses() {
    return this.db.selectFrom('support_request_statuses').selectAll().orderBy('position').execute();
  }

  transitions() {
    return this.db.selectFrom('support_request_transitions').selectAll().orderBy('action').execute();
  }

  /** The actions the workflow allows from a status. */
  transitionsFrom(status: SupportRequestStatus) {
    return this.db
      .selectFrom('support_request_transitions')
      .selectAll()
      .where('from_status', '=', status)
      .orderBy('action')
      .execute();
  }

  /** The transition of this action from this status, if the workflow has one. */
  findTransition(action: string, from: SupportRequestStatus) {
    return this.db
      .selectFrom('support_request_transitions')
      .selectAll()
      .where('action', '=', action)
      .where('from_status', '=', from)
      .executeTakeFirst();
  }

  statusLabel(code: SupportRequestStatus) {
    return this.db
      .selectFrom('support_request_statuses')
      .select('label')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  }

  findFormat(code: string) {
    return this.db.selectFrom('support_formats').select('code').where('code', '=', code).executeTakeFirst();
  }

  principles() {
    return principlesOf(this.db);
  }

  arePrinciples(ids: readonly number[]) {
    return arePrinciples(this.db, ids);
  }

  /** The parameters of support needs (method_parameters support_needs). */
  needParameters() {
    return readMethodParameters(this.db, 'support_needs');
  }

  findCriterion(id: number) {
    return this.db.selectFrom('evaluation_criteria').select('id').where('id', '=', id).executeTakeFirst();
  }

  /** The themes of published offers. */
  publishedThemes() {
    return this.db
      .selectFrom('support_offers')
      .select('theme')
      .distinct()
      .where('status', '=', 'published')
      .orderBy('theme')
      .execute();
  }

  // ---- Offers

  /** The offers with these ids (in no order), their principles and their indicators' codes. */
  async offerRows(ids: readonly number[]) {
    const [rows, principles, indicators] = await Promise.all([
      this.db
        .selectFrom('support_offers as o')
        .innerJoin('support_formats as f', 'f.code', 'o.format_code')
        .select([
          'o.id',
          'o.title',
          'o.theme',
          'o.description',
          'o.provider_name',
          'o.provider_organisation_id',
          'o.format_code',
          'f.label as format',
          'o.eligibility',
          'o.contact',
          'o.status',
          'o.fictional',
          'o.created_at',
        ])
        .where('o.id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('support_offer_criteria as oc')
        .innerJoin('evaluation_criteria as c', 'c.id', 'oc.criterion_id')
        .select(['oc.offer_id', 'c.id', 'c.code', 'c.title'])
        .where('oc.offer_id', 'in', ids)
        .orderBy('c.position')
        .execute(),
      this.db
        .selectFrom('support_offer_indicators')
        .select(['offer_id', 'indicator_code'])
        .where('offer_id', 'in', ids)
        .execute(),
    ]);
    return { rows, principles, indicators };
  }

  /** The ids of published offers matching the filter: each word in the title, description or theme. */
  async searchOfferIds(filter: OfferFilter): Promise<number[]> {
    let q = this.db.selectFrom('support_offers as o').select('o.id').where('o.status', '=', 'published');
    if (filter.q) {
      const words = filter.q.split(/\s+/).filter(Boolean).slice(0, 10);
      for (const w of words) {
        const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) =>
          eb.or([eb('o.title', 'ilike', like), eb('o.description', 'ilike', like), eb('o.theme', 'ilike', like)]),
        );
      }
    }
    if (filter.theme) q = q.where(sql<boolean>`lower(o.theme) = lower(${filter.theme})`);
    if (filter.format) q = q.where('o.format_code', '=', filter.format);
    if (filter.principle) {
      const principle = filter.principle;
      q = q.where('o.id', 'in', (eb) =>
        eb
          .selectFrom('support_offer_criteria as oc')
          .innerJoin('evaluation_criteria as c', 'c.id', 'oc.criterion_id')
          .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
          .select('oc.offer_id')
          .where('f.code', '=', PRINCIPLES_FRAMEWORK)
          .where('c.code', '=', principle),
      );
    }
    return (await q.orderBy('o.title').orderBy('o.id').execute()).map((r) => r.id);
  }

  /** Every offer's id, withdrawn ones included. */
  async allOfferIds(): Promise<number[]> {
    return (await this.db.selectFrom('support_offers').select('id').orderBy('status').orderBy('title').execute()).map(
      (r) => r.id,
    );
  }

  insertOffer(values: NewSupportOffer) {
    return this.db.insertInto('support_offers').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async insertOfferCriteria(offerId: number, criterionIds: readonly number[]): Promise<void> {
    await this.db
      .insertInto('support_offer_criteria')
      .values(criterionIds.map((c) => ({ offer_id: offerId, criterion_id: c })))
      .execute();
  }

  async insertOfferIndicators(offerId: number, indicatorCodes: readonly string[]): Promise<void> {
    await this.db
      .insertInto('support_offer_indicators')
      .values(indicatorCodes.map((c) => ({ offer_id: offerId, indicator_code: c })))
      .execute();
  }

  /** The offer, locked until the transaction ends. */
  lockOffer(id: number) {
    return this.db.selectFrom('support_offers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  findOfferStatus(id: number) {
    return this.db.selectFrom('support_offers').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  }

  withdrawOffer(id: number, now: Date) {
    return this.db
      .updateTable('support_offers')
      .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Published offers addressing these principles (criteria), by title. */
  publishedOffersByCriteria(criterionIds: readonly number[]) {
    return this.db
      .selectFrom('support_offer_criteria as oc')
      .innerJoin('support_offers as o', 'o.id', 'oc.offer_id')
      .select(['oc.criterion_id', 'o.id'])
      .where('o.status', '=', 'published')
      .where('oc.criterion_id', 'in', criterionIds)
      .orderBy('o.title')
      .execute();
  }

  /** Published offers helping with these outcomes (indicators), by title. */
  publishedOffersByIndicators(indicatorCodes: readonly string[]) {
    return this.db
      .selectFrom('support_offer_indicators as oi')
      .innerJoin('support_offers as o', 'o.id', 'oi.offer_id')
      .select(['oi.indicator_code', 'o.id'])
      .where('o.status', '=', 'published')
      .where('oi.indicator_code', 'in', indicatorCodes)
      .orderBy('o.title')
      .execute();
  }

  // ---- Needs

  /**
   * Criteria scored at or below `weak` in each partnership's latest self-evaluation against the nine
   * principles, draft or published, for these partnerships or all of them, in one query.
   */
  weakScores(partnershipIds: readonly number[] | 'all', weak: number) {
    let latest = this.db
      .selectFrom('self_evaluations as e')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .select(['e.partnership_id', (eb) => eb.fn.max('e.year').as('year')])
      .where('f.code', '=', PRINCIPLES_FRAMEWORK)
      .groupBy('e.partnership_id');
    if (partnershipIds !== 'all') latest = latest.where('e.partnership_id', 'in', partnershipIds);
    return this.db
      .selectFrom('self_evaluations as e')
      .innerJoin(latest.as('l'), (j) =>
        j.onRef('l.partnership_id', '=', 'e.partnership_id').onRef('l.year', '=', 'e.year'),
      )
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .innerJoin('self_evaluation_scores as s', 's.evaluation_id', 'e.id')
      .innerJoin('evaluation_criteria as c', 'c.id', 's.criterion_id')
      .innerJoin('evaluation_scale_levels as lv', (j) =>
        j.onRef('lv.framework_id', '=', 's.framework_id').onRef('lv.score', '=', 's.score'),
      )
      .select([
        'e.partnership_id',
        'e.year',
        'e.status',
        'c.id as criterion_id',
        'c.code',
        'c.title',
        'c.position',
        's.score',
        's.evidence',
        'lv.label',
      ])
      .where('f.code', '=', PRINCIPLES_FRAMEWORK)
      .where('s.score', '<=', weak)
      .orderBy('e.partnership_id')
      .orderBy('c.position')
      .execute();
  }

  // ---- Requests

  /** The partnership's own requests, newest first. */
  partnershipRequests(partnershipId: number): Promise<RequestIdsRow[]> {
    return requestQuery(this.db)
      .where('r.partnership_id', '=', partnershipId)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
  }

  /** Every partnership's requests, open ones first. */
  allRequests(): Promise<RequestIdsRow[]> {
    return requestQuery(this.db)
      .orderBy('s.position')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
  }

  /** One of the partnership's requests; another partnership's is not found. */
  findRequestInPartnership(id: number, partnershipId: number): Promise<RequestIdsRow | undefined> {
    return requestQuery(this.db)
      .where('r.id', '=', id)
      .where('r.partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  /** Any request (national analysts). */
  findRequest(id: number): Promise<RequestIdsRow | undefined> {
    return requestQuery(this.db).where('r.id', '=', id).executeTakeFirst();
  }

  getRequest(id: number): Promise<RequestIdsRow> {
    return requestQuery(this.db).where('r.id', '=', id).executeTakeFirstOrThrow();
  }

  /** A request's history, oldest first, with who took each step (their user id). */
  requestEvents(requestId: number) {
    return this.db
      .selectFrom('support_request_events as e')
      .leftJoin('support_request_statuses as f', 'f.code', 'e.from_status')
      .innerJoin('support_request_statuses as t', 't.code', 'e.to_status')
      .select(['e.action', 'f.label as from', 't.label as to', 'e.note', 'e.user_id', 'e.created_at'])
      .where('e.request_id', '=', requestId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
  }

  insertRequest(values: NewSupportRequest) {
    return this.db.insertInto('support_requests').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async insertRequestEvent(values: NewSupportRequestEvent): Promise<void> {
    await this.db.insertInto('support_request_events').values(values).execute();
  }

  /** Any request, locked until the transaction ends (national analysts). */
  lockRequest(id: number) {
    return this.db.selectFrom('support_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** One of the partnership's requests, locked until the transaction ends. */
  lockRequestInPartnership(id: number, partnershipId: number) {
    return this.db
      .selectFrom('support_requests')
      .selectAll()
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Move a request to a status (and mark it completed when `completedAt` is given). */
  moveRequest(id: number, status: SupportRequestStatus, now: Date, completedAt?: Date) {
    return this.db
      .updateTable('support_requests')
      .set({ status, updated_at: now, ...(completedAt ? { completed_at: completedAt } : {}) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Record the feedback on one of the partnership's requests. */
  recordFeedback(
    id: number,
    partnershipId: number,
    feedback: { usefulness: number; what_changed: string; feedback_by: number | null; now: Date },
  ) {
    return this.db
      .updateTable('support_requests')
      .set({
        usefulness: feedback.usefulness,
        what_changed: feedback.what_changed,
        feedback_at: feedback.now,
        feedback_by: feedback.feedback_by,
        updated_at: feedback.now,
      })
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Every request's offer, status, feedback and partnership, oldest feedback first (the gaps view). */
  requestUse() {
    return this.db
      .selectFrom('support_requests')
      .select(['offer_id', 'status', 'usefulness', 'what_changed', 'partnership_id'])
      .orderBy('feedback_at')
      .execute();
  }
}
