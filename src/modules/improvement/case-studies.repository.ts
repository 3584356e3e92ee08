import { sql, type Kysely, type Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { CaseStudyStatus } from '../../db/schema-case-studies.ts';
import type { Database } from '../../db/schema.ts';
import { arePrinciples, principlesOf, PRINCIPLES_FRAMEWORK } from './self-evaluation.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The database the case-studies service is built on (the module's factory hands it over). */
export type CaseStudiesDb = Kysely<Database>;

/**
 * Markers ts_headline puts around matched words. The headline is never used as HTML: it is split at
 * these markers into plain-text parts, which the page escapes like any text and wraps in <mark>.
 */
export const HEADLINE_START = '⟦';
export const HEADLINE_STOP = '⟧';
const HEADLINE_OPTIONS = `StartSel=${HEADLINE_START}, StopSel=${HEADLINE_STOP}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/** What the library's search filters by (the form's fields, checked). */
export interface CaseStudySearch {
  q?: string | undefined;
  theme?: string | undefined;
  principle?: string | undefined;
  partnership?: string | undefined;
}

/** What the search filters by once the partnership's code is resolved to its id (null: no such partnership). */
export type CaseStudyQuery = Omit<CaseStudySearch, 'partnership'> & { partnershipId?: number | null | undefined };

/** One case study as lists show it, with its partnership's id and theme's code (the service adds their names). */
function summaries(db: Db) {
  return db
    .selectFrom('case_studies as cs')
    .select([
      'cs.id',
      'cs.partnership_id',
      'cs.fictional',
      'cs.title',
      'cs.summary',
      'cs.theme_code',
      'cs.status',
      'cs.return_reason',
      'cs.submitted_at',
      'cs.published_at',
      'cs.updated_at',
    ]);
}

export type CaseStudySummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

/**
 * The queries of the good-practice library (tables case_studies, case_study_criteria, case_study_measures,
 * case_study_documents). A partnership's case study is reached with the partnership's id as a condition of
 * the query; its criteria, measures and documents are changed only inside a transaction that has locked the
 * case study under its partnership (`lockEditable`).
 *
 * Partnerships' names, themes (national outcomes), indicators, areas and observations are other modules':
 * the service asks their owners. The principles are self-evaluation's tables, in this module.
 */
export class CaseStudiesRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: CaseStudiesRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new CaseStudiesRepository(trx), trx));
  }

  // ---- Choices

  principles() {
    return principlesOf(this.db);
  }

  arePrinciples(ids: readonly number[]) {
    return arePrinciples(this.db, ids);
  }

  // ---- Lists

  /** The partnership's case studies, last changed first. */
  listOfPartnership(partnershipId: number) {
    return summaries(this.db)
      .where('cs.partnership_id', '=', partnershipId)
      .orderBy('cs.updated_at', 'desc')
      .orderBy('cs.id', 'desc')
      .execute();
  }

  /** Every partnership's submitted case studies, oldest submission first. */
  submitted() {
    return summaries(this.db)
      .where('cs.status', '=', 'submitted')
      .orderBy('cs.submitted_at')
      .orderBy('cs.id')
      .execute();
  }

  findSummary(id: number) {
    return summaries(this.db).where('cs.id', '=', id).executeTakeFirstOrThrow();
  }

  /**
   * Full-text search of the published case studies (English configuration), ranked, with a headline
   * between the markers above; without words every published one with rank 0, newest first. At most 200.
   */
  searchPublished(input: CaseStudyQuery) {
    const tsq = input.q ? sql`websearch_to_tsquery('english', ${input.q})` : null;
    let q = summaries(this.db)
      .select(tsq ? sql<number>`ts_rank(cs.search, ${tsq})`.as('rank') : sql<number>`0`.as('rank'))
      .select(
        tsq
          ? sql<string>`ts_headline('english', cs.summary || ' ' || cs.body, ${tsq}, ${HEADLINE_OPTIONS})`.as(
              'headline',
            )
          : sql<string | null>`NULL::text`.as('headline'),
      )
      .where('cs.status', '=', 'published');
    if (tsq) q = q.where(sql<boolean>`cs.search @@ ${tsq}`);
    if (input.theme) q = q.where('cs.theme_code', '=', input.theme);
    if (input.partnershipId !== undefined) {
      const id = input.partnershipId;
      q = id === null ? q.where(sql<boolean>`false`) : q.where('cs.partnership_id', '=', id);
    }
    if (input.principle) {
      const code = input.principle;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_study_criteria as cc')
            .innerJoin('evaluation_criteria as c', 'c.id', 'cc.criterion_id')
            .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
            .select('cc.case_study_id')
            .whereRef('cc.case_study_id', '=', 'cs.id')
            .where('f.code', '=', PRINCIPLES_FRAMEWORK)
            .where('c.code', '=', code),
        ),
      );
    }
    return q.orderBy('rank', 'desc').orderBy('cs.published_at', 'desc').orderBy('cs.id', 'desc').limit(200).execute();
  }

  /** The ids of the partnerships with at least one published case study, in no order. */
  async publishingPartnershipIds(): Promise<number[]> {
    const rows = await this.db
      .selectFrom('case_studies')
      .select('partnership_id')
      .distinct()
      .where('status', '=', 'published')
      .execute();
    return rows.map((r) => r.partnership_id);
  }

  // ---- One case study (inside its partnership when `partnershipId` is given)

  findDetail(id: number, partnershipId: number | null) {
    let q = summaries(this.db).select(['cs.body', 'cs.contact', 'cs.created_at']).where('cs.id', '=', id);
    if (partnershipId !== null) q = q.where('cs.partnership_id', '=', partnershipId);
    return q.executeTakeFirst();
  }

  /** The principles a case study shows, in the guidance's order. */
  criteriaOf(id: number, partnershipId: number | null) {
    let q = this.db
      .selectFrom('case_study_criteria as cc')
      .innerJoin('case_studies as cs', 'cs.id', 'cc.case_study_id')
      .innerJoin('evaluation_criteria as c', 'c.id', 'cc.criterion_id')
      .select(['c.id', 'c.code', 'c.title'])
      .where('cc.case_study_id', '=', id);
    if (partnershipId !== null) q = q.where('cs.partnership_id', '=', partnershipId);
    return q.orderBy('c.position').execute();
  }

  documentsOf(id: number, partnershipId: number | null) {
    let q = this.db
      .selectFrom('case_study_documents as d')
      .innerJoin('case_studies as cs', 'cs.id', 'd.case_study_id')
      .select(['d.id', 'd.title', 'd.url'])
      .where('d.case_study_id', '=', id);
    if (partnershipId !== null) q = q.where('cs.partnership_id', '=', partnershipId);
    return q.orderBy('d.id').execute();
  }

  /** A case study's measures, in the order added, with their indicator's and area's codes. */
  measuresOf(id: number, partnershipId: number | null) {
    let q = this.db
      .selectFrom('case_study_measures as m')
      .innerJoin('case_studies as cs', 'cs.id', 'm.case_study_id')
      .select([
        'm.id',
        'm.title',
        'm.indicator_code',
        'm.area_code',
        'm.before_period',
        'm.after_period',
        'm.before_value',
        'm.after_value',
        'm.unit',
        'm.higher_is_better',
        'm.source',
      ])
      .where('m.case_study_id', '=', id);
    if (partnershipId !== null) q = q.where('cs.partnership_id', '=', partnershipId);
    return q.orderBy('m.id').execute();
  }

  // ---- Writing (inside a transaction)

  insertCaseStudy(values: {
    partnership_id: number;
    title: string;
    summary: string;
    body: string;
    theme_code: string;
    contact: string;
    status: 'draft';
    fictional: boolean;
    created_by_user_id: number | null;
    created_at: Date;
    updated_at: Date;
  }) {
    return this.db.insertInto('case_studies').values(values).returning(['id', 'title']).executeTakeFirstOrThrow();
  }

  /** The partnership's case study, locked until the transaction ends. */
  lockCaseStudy(id: number, partnershipId: number) {
    return this.db
      .selectFrom('case_studies')
      .selectAll()
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** A case study's status and partnership, locked until the transaction ends (inside the partnership if given). */
  lockStatus(id: number, partnershipId: number | null) {
    let q = this.db.selectFrom('case_studies').select(['id', 'partnership_id', 'status']).where('id', '=', id);
    if (partnershipId !== null) q = q.where('partnership_id', '=', partnershipId);
    return q.forUpdate().executeTakeFirst();
  }

  async updateCaseStudy(
    id: number,
    partnershipId: number,
    values: {
      title?: string;
      summary?: string;
      body?: string;
      theme_code?: string;
      contact?: string;
      status?: CaseStudyStatus;
      updated_at: Date;
      submitted_at?: Date;
      published_at?: Date;
      published_by_user_id?: number | null;
      return_reason?: string | null;
    },
  ): Promise<void> {
    await this.db
      .updateTable('case_studies')
      .set(values)
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .execute();
  }

  /** Replace the principles a (locked) case study shows. */
  async replaceCriteria(id: number, criterionIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('case_study_criteria').where('case_study_id', '=', id).execute();
    if (criterionIds.length)
      await this.db
        .insertInto('case_study_criteria')
        .values(criterionIds.map((criterion_id) => ({ case_study_id: id, criterion_id })))
        .execute();
  }

  insertMeasure(values: {
    case_study_id: number;
    title: string;
    indicator_code: string | null;
    area_code: string | null;
    before_period: string;
    after_period: string;
    before_value: number | string | null;
    after_value: number | string | null;
    unit: string | null;
    higher_is_better: boolean | null;
    source: string | null;
    created_at: Date;
  }) {
    return this.db.insertInto('case_study_measures').values(values).returning('id').executeTakeFirstOrThrow();
  }

  /** Remove one measure of a (locked) case study; undefined when it has none of that id. */
  deleteMeasure(caseStudyId: number, measureId: number) {
    return this.db
      .deleteFrom('case_study_measures')
      .where('id', '=', measureId)
      .where('case_study_id', '=', caseStudyId)
      .returningAll()
      .executeTakeFirst();
  }

  insertDocument(values: { case_study_id: number; title: string; url: string; created_at: Date }) {
    return this.db.insertInto('case_study_documents').values(values).returning('id').executeTakeFirstOrThrow();
  }

  /** Remove one document of a (locked) case study; undefined when it has none of that id. */
  deleteDocument(caseStudyId: number, documentId: number) {
    return this.db
      .deleteFrom('case_study_documents')
      .where('id', '=', documentId)
      .where('case_study_id', '=', caseStudyId)
      .returningAll()
      .executeTakeFirst();
  }
}
