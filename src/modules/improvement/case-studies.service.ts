import { sql, type Kysely, type Transaction } from 'kysely';
import { actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { tx } from '../../core/tx.ts';
import type { CaseStudyStatus } from '../../db/schema-case-studies.ts';
import type { Database } from '../../db/schema.ts';
import type { OutcomesService } from '../outcomes/index.ts';
import type { CaseStudyInput, DocumentInput, MeasureInput, SearchInput } from './case-studies-schemas.ts';
import {
  CASE_STUDY_STATUS_LABELS,
  EDITABLE,
  findCaseStudyTransition,
  type CaseStudyAction,
} from './case-studies-workflow.ts';
import { arePrinciples, principlesOf, PRINCIPLES_FRAMEWORK } from './fields.ts';

const PAST: Record<CaseStudyAction, string> = { submit: 'submitted', publish: 'published', return: 'returned' };

type Db = Kysely<Database> | Transaction<Database>;

/** The framework whose criteria a case study names as the principles it shows. */

export interface CaseStudyMeasureView {
  id: number;
  title: string;
  indicatorCode: string | null;
  indicatorName: string | null;
  areaCode: string | null;
  areaName: string | null;
  unit: string | null;
  higherIsBetter: boolean | null;
  beforePeriod: string;
  afterPeriod: string;
  before: number | null;
  after: number | null;
  /** Where the figures come from: Cairn's outcomes data (the indicator's source) or the partnership. */
  fromCairn: boolean;
  source: string | null;
  change: number | null;
  direction: 'improved' | 'worsened' | 'no_change' | null;
  /** Why a figure is missing (a period with no value in the data). */
  missing: string | null;
}

export interface CaseStudySummary {
  id: number;
  partnershipId: number;
  partnershipCode: string;
  partnershipName: string;
  fictional: boolean;
  title: string;
  summary: string;
  themeCode: string;
  themeName: string;
  status: CaseStudyStatus;
  returnReason: string | null;
  submittedAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface CaseStudyDetail extends CaseStudySummary {
  body: string;
  contact: string;
  createdAt: Date;
  criteria: { id: number; code: string; title: string }[];
  measures: CaseStudyMeasureView[];
  documents: { id: number; title: string; url: string }[];
}

/** A piece of a search snippet: text, and whether it matched the query. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit extends CaseStudySummary {
  rank: number;
  snippet: SnippetPart[] | null;
}

/**
 * Markers ts_headline puts around matched words. The headline is never used as HTML: it is split at
 * these markers into plain-text parts, which the page escapes like any text and wraps in <mark>.
 */
const START = '⟦';
const STOP = '⟧';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of headline.split(new RegExp(`([${START}${STOP}])`))) {
    if (piece === START) match = true;
    else if (piece === STOP) match = false;
    else if (piece) parts.push({ text: piece, match });
  }
  return parts;
}

/** Improved, worsened or unchanged, by the indicator's polarity; null when polarity or a value is unknown. */
export function directionOf(
  before: number | null,
  after: number | null,
  higherIsBetter: boolean | null,
): CaseStudyMeasureView['direction'] {
  if (before === null || after === null || higherIsBetter === null) return null;
  if (after === before) return 'no_change';
  return after > before === higherIsBetter ? 'improved' : 'worsened';
}

/**
 * The good-practice library: a partnership's case studies, written in draft and submitted; national
 * analysts publish or return them; the public reads and searches what is published.
 */
export class CaseStudiesService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
  ) {}

  private summaries(db: Db) {
    return db
      .selectFrom('case_studies as cs')
      .innerJoin('partnerships as p', 'p.id', 'cs.partnership_id')
      .innerJoin('national_outcomes as n', 'n.code', 'cs.theme_code')
      .select([
        'cs.id',
        'cs.partnership_id',
        'p.code as partnership_code',
        'p.name as partnership_name',
        'p.fictional as partnership_fictional',
        'cs.fictional',
        'cs.title',
        'cs.summary',
        'cs.theme_code',
        'n.name as theme_name',
        'cs.status',
        'cs.return_reason',
        'cs.submitted_at',
        'cs.published_at',
        'cs.updated_at',
      ]);
  }

  private static toSummary(r: {
    id: number;
    partnership_id: number;
    partnership_code: string;
    partnership_name: string;
    partnership_fictional: boolean;
    fictional: boolean;
    title: string;
    summary: string;
    theme_code: string;
    theme_name: string;
    status: CaseStudyStatus;
    return_reason: string | null;
    submitted_at: Date | null;
    published_at: Date | null;
    updated_at: Date;
  }): CaseStudySummary {
    return {
      id: r.id,
      partnershipId: r.partnership_id,
      partnershipCode: r.partnership_code,
      partnershipName: r.partnership_name,
      fictional: r.fictional || r.partnership_fictional,
      title: r.title,
      summary: r.summary,
      themeCode: r.theme_code,
      themeName: r.theme_name,
      status: r.status,
      returnReason: r.return_reason,
      submittedAt: r.submitted_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
    };
  }

  /** The themes a case study may have: the national outcomes. */
  async themes() {
    return this.db.selectFrom('national_outcomes').select(['code', 'name']).orderBy('sort_order').execute();
  }

  /** The principles of effective community planning a case study may show. */
  principles() {
    return principlesOf(this.db);
  }

  /** Indicators a measure may use: national ones and the partnership's own. */
  async indicators(p: PartnershipRef) {
    return this.db
      .selectFrom('indicators')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', p.id)]))
      .orderBy('name')
      .execute();
  }

  // ---- The partnership's own

  async listOwn(ctx: RequestContext, p: PartnershipRef): Promise<CaseStudySummary[]> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const rows = await this.summaries(this.db)
      .where('cs.partnership_id', '=', p.id)
      .orderBy('cs.updated_at', 'desc')
      .orderBy('cs.id', 'desc')
      .execute();
    return rows.map(CaseStudiesService.toSummary);
  }

  async ownDetail(ctx: RequestContext, p: PartnershipRef, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const found = await this.detailOf(this.db, id);
    if (!found || found.partnershipId !== p.id) throw new NotFoundError('case study');
    return found;
  }

  private async checkInput(db: Db, input: CaseStudyInput): Promise<void> {
    const errors: Record<string, string[]> = {};
    const theme = await db
      .selectFrom('national_outcomes')
      .select('code')
      .where('code', '=', input.theme_code)
      .executeTakeFirst();
    if (!theme) errors['theme_code'] = ['Choose one of the national outcomes as the theme'];
    if (!(await arePrinciples(db, input.criteria.map(Number))))
      errors['criteria'] = ['Choose principles from the list'];
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  private async setCriteria(trx: Transaction<Database>, id: number, criteria: string[]) {
    await trx.deleteFrom('case_study_criteria').where('case_study_id', '=', id).execute();
    const ids = [...new Set(criteria.map(Number))];
    if (ids.length)
      await trx
        .insertInto('case_study_criteria')
        .values(ids.map((criterion_id) => ({ case_study_id: id, criterion_id })))
        .execute();
  }

  async create(ctx: RequestContext, p: PartnershipRef, input: CaseStudyInput): Promise<{ id: number; title: string }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return tx(this.db, async (trx) => {
      await this.checkInput(trx, input);
      const now = this.clock.now();
      const row = await trx
        .insertInto('case_studies')
        .values({
          partnership_id: p.id,
          title: input.title,
          summary: input.summary,
          body: input.body,
          theme_code: input.theme_code,
          contact: input.contact,
          status: 'draft',
          fictional: p.fictional,
          created_by_user_id: actorUserId(ctx.actor),
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'title'])
        .executeTakeFirstOrThrow();
      await this.setCriteria(trx, row.id, input.criteria);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.create',
        resourceType: 'case_study',
        resourceId: row.id,
        after: { ...input, status: 'draft' },
      });
      return row;
    });
  }

  /** A case study of the partnership that may be changed now (draft or returned), locked for the change. */
  private async editable(trx: Transaction<Database>, ctx: RequestContext, p: PartnershipRef, id: number) {
    authorize(ctx.actor, 'case-study:edit', p.id);
    const row = await trx
      .selectFrom('case_studies')
      .selectAll()
      .where('id', '=', id)
      .where('partnership_id', '=', p.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('case study');
    if (!EDITABLE.includes(row.status))
      throw new ConflictError('This case study is submitted or published: it can no longer be changed.');
    return row;
  }

  async update(ctx: RequestContext, p: PartnershipRef, id: number, input: CaseStudyInput): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await tx(this.db, async (trx) => {
      const before = await this.editable(trx, ctx, p, id);
      await this.checkInput(trx, input);
      await trx
        .updateTable('case_studies')
        .set({
          title: input.title,
          summary: input.summary,
          body: input.body,
          theme_code: input.theme_code,
          contact: input.contact,
          updated_at: this.clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await this.setCriteria(trx, id, input.criteria);
      const { search: _search, ...plain } = before;
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.update',
        resourceType: 'case_study',
        resourceId: id,
        before: plain,
        after: input,
      });
    });
  }

  async addMeasure(ctx: RequestContext, p: PartnershipRef, id: number, input: MeasureInput): Promise<{ id: number }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return tx(this.db, async (trx) => {
      await this.editable(trx, ctx, p, id);
      if (input.indicator_code) {
        const errors: Record<string, string[]> = {};
        const indicator = await trx
          .selectFrom('indicators')
          .select('code')
          .where('code', '=', input.indicator_code)
          .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', p.id)]))
          .executeTakeFirst();
        if (!indicator) errors['indicator_code'] = ['Choose an indicator from the list'];
        const area = await trx
          .selectFrom('areas')
          .select('code')
          .where('code', '=', input.area_code!)
          .executeTakeFirst();
        if (!area) errors['area_code'] = ['Enter the code of an area Cairn knows, like S12000036'];
        if (indicator && area) {
          const found = await trx
            .selectFrom('observations')
            .select('period_label')
            .where('indicator_code', '=', input.indicator_code)
            .where('area_code', '=', input.area_code!)
            .where('period_label', 'in', [input.before_period, input.after_period])
            .execute();
          const have = new Set(found.map((r) => r.period_label));
          for (const k of ['before_period', 'after_period'] as const)
            if (!have.has(input[k]))
              errors[k] = [
                `Cairn has no value of this indicator for this area in ${input[k]}: enter a period as the data labels it`,
              ];
        }
        if (Object.keys(errors).length) throw new ValidationError(errors);
      }
      const row = await trx
        .insertInto('case_study_measures')
        .values({
          case_study_id: id,
          title: input.title,
          indicator_code: input.indicator_code ?? null,
          area_code: input.indicator_code ? input.area_code! : null,
          before_period: input.before_period,
          after_period: input.after_period,
          before_value: input.indicator_code ? null : input.before_value!,
          after_value: input.indicator_code ? null : input.after_value!,
          unit: input.unit ?? null,
          higher_is_better: input.indicator_code ? null : input.higher_is_better!,
          source: input.indicator_code ? null : input.source!,
          created_at: this.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('case_studies').set({ updated_at: this.clock.now() }).where('id', '=', id).execute();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.measure-add',
        resourceType: 'case_study',
        resourceId: id,
        after: { measure_id: row.id, ...input },
      });
      return row;
    });
  }

  async removeMeasure(ctx: RequestContext, p: PartnershipRef, id: number, measureId: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await tx(this.db, async (trx) => {
      await this.editable(trx, ctx, p, id);
      const gone = await trx
        .deleteFrom('case_study_measures')
        .where('id', '=', measureId)
        .where('case_study_id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!gone) throw new NotFoundError('measure');
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.measure-remove',
        resourceType: 'case_study',
        resourceId: id,
        before: gone,
      });
    });
  }

  async addDocument(ctx: RequestContext, p: PartnershipRef, id: number, input: DocumentInput): Promise<{ id: number }> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    return tx(this.db, async (trx) => {
      await this.editable(trx, ctx, p, id);
      const row = await trx
        .insertInto('case_study_documents')
        .values({ case_study_id: id, title: input.title, url: input.url, created_at: this.clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.document-add',
        resourceType: 'case_study',
        resourceId: id,
        after: { document_id: row.id, ...input },
      });
      return row;
    });
  }

  async removeDocument(ctx: RequestContext, p: PartnershipRef, id: number, documentId: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await tx(this.db, async (trx) => {
      await this.editable(trx, ctx, p, id);
      const gone = await trx
        .deleteFrom('case_study_documents')
        .where('id', '=', documentId)
        .where('case_study_id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!gone) throw new NotFoundError('document');
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'case-study.document-remove',
        resourceType: 'case_study',
        resourceId: id,
        before: gone,
      });
    });
  }

  /** Take one step of the workflow; refused (409) unless CASE_STUDY_TRANSITIONS allows it from the current status. */
  private async transition(
    trx: Transaction<Database>,
    ctx: RequestContext,
    row: { id: number; partnership_id: number; status: CaseStudyStatus },
    action: CaseStudyAction,
    reason?: string,
  ) {
    const t = findCaseStudyTransition(action, row.status);
    if (!t)
      throw new ConflictError(
        `A case study that is ${CASE_STUDY_STATUS_LABELS[row.status].toLowerCase()} cannot be ${PAST[action]}.`,
      );
    authorize(ctx.actor, t.permission, row.partnership_id);
    const now = this.clock.now();
    await trx
      .updateTable('case_studies')
      .set({
        status: t.to,
        updated_at: now,
        ...(t.to === 'submitted' ? { submitted_at: now, return_reason: null } : {}),
        ...(t.to === 'published' ? { published_at: now, published_by_user_id: actorUserId(ctx.actor) } : {}),
        ...(t.to === 'returned' ? { return_reason: reason ?? null } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, ctx, this.clock, {
      partnershipId: row.partnership_id,
      action: `case-study.${action}`,
      resourceType: 'case_study',
      resourceId: row.id,
      before: { status: row.status },
      after: { status: t.to, ...(reason ? { reason } : {}) },
    });
  }

  async submit(ctx: RequestContext, p: PartnershipRef, id: number): Promise<void> {
    authorize(ctx.actor, 'case-study:edit', p.id);
    await tx(this.db, async (trx) => {
      const row = await trx
        .selectFrom('case_studies')
        .select(['id', 'partnership_id', 'status'])
        .where('id', '=', id)
        .where('partnership_id', '=', p.id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new NotFoundError('case study');
      await this.transition(trx, ctx, row, 'submit');
    });
  }

  // ---- National review

  async queue(ctx: RequestContext): Promise<CaseStudySummary[]> {
    authorize(ctx.actor, 'case-study:publish');
    const rows = await this.summaries(this.db)
      .where('cs.status', '=', 'submitted')
      .orderBy('cs.submitted_at')
      .orderBy('cs.id')
      .execute();
    return rows.map(CaseStudiesService.toSummary);
  }

  /** A case study for review: anything a partnership has submitted at least once (never a draft that was not). */
  async reviewDetail(ctx: RequestContext, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'case-study:publish');
    const found = await this.detailOf(this.db, id);
    if (!found || found.status === 'draft') throw new NotFoundError('case study');
    return found;
  }

  async decide(
    ctx: RequestContext,
    id: number,
    action: 'publish' | 'return',
    reason?: string,
  ): Promise<CaseStudySummary> {
    authorize(ctx.actor, 'case-study:publish');
    return tx(this.db, async (trx) => {
      const row = await trx
        .selectFrom('case_studies')
        .select(['id', 'partnership_id', 'status'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.status === 'draft') throw new NotFoundError('case study');
      await this.transition(trx, ctx, row, action, reason);
      const after = await this.summaries(trx).where('cs.id', '=', id).executeTakeFirstOrThrow();
      return CaseStudiesService.toSummary(after);
    });
  }

  // ---- Public

  /** A published case study; anything else is "not found" here, whoever asks. */
  async published(ctx: RequestContext, id: number): Promise<CaseStudyDetail> {
    authorize(ctx.actor, 'case-study:read');
    const found = await this.detailOf(this.db, id);
    if (!found || found.status !== 'published') throw new NotFoundError('case study');
    return found;
  }

  /**
   * Full-text search of the published case studies (PostgreSQL's English configuration, so "communities"
   * finds "community"), ranked with title matches first (weights A, B, C for title, summary, body),
   * filtered by theme, principle and partnership. Without words: the newest first.
   */
  async search(ctx: RequestContext, input: SearchInput): Promise<SearchHit[]> {
    authorize(ctx.actor, 'case-study:read');
    const tsq = input.q ? sql`websearch_to_tsquery('english', ${input.q})` : null;
    let q = this.summaries(this.db)
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
    if (input.partnership) q = q.where('p.code', '=', input.partnership);
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
    const rows = await q
      .orderBy('rank', 'desc')
      .orderBy('cs.published_at', 'desc')
      .orderBy('cs.id', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      ...CaseStudiesService.toSummary(r),
      rank: Number(r.rank),
      snippet: r.headline ? snippetParts(r.headline) : null,
    }));
  }

  /** Partnerships with at least one published case study (for the filter). */
  async publishingPartnerships() {
    return this.db
      .selectFrom('partnerships as p')
      .select(['p.code', 'p.name'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_studies as cs')
            .select('cs.id')
            .whereRef('cs.partnership_id', '=', 'p.id')
            .where('cs.status', '=', 'published'),
        ),
      )
      .orderBy('p.name')
      .execute();
  }

  // ---- Reading one

  private async detailOf(db: Db, id: number): Promise<CaseStudyDetail | null> {
    if (id <= 0) return null;
    const row = await this.summaries(db)
      .select(['cs.body', 'cs.contact', 'cs.created_at'])
      .where('cs.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const [criteria, measures, documents] = await Promise.all([
      db
        .selectFrom('case_study_criteria as cc')
        .innerJoin('evaluation_criteria as c', 'c.id', 'cc.criterion_id')
        .select(['c.id', 'c.code', 'c.title'])
        .where('cc.case_study_id', '=', id)
        .orderBy('c.position')
        .execute(),
      this.measuresOf(db, id),
      db
        .selectFrom('case_study_documents')
        .select(['id', 'title', 'url'])
        .where('case_study_id', '=', id)
        .orderBy('id')
        .execute(),
    ]);
    return {
      ...CaseStudiesService.toSummary(row),
      body: row.body,
      contact: row.contact,
      createdAt: row.created_at,
      criteria,
      measures,
      documents,
    };
  }

  /** Each measure with its before and after figures: from observations for an indicator, else the partnership's own. */
  private async measuresOf(db: Db, id: number): Promise<CaseStudyMeasureView[]> {
    const rows = await db
      .selectFrom('case_study_measures as m')
      .leftJoin('indicators as i', 'i.code', 'm.indicator_code')
      .leftJoin('areas as a', 'a.code', 'm.area_code')
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
        'i.name as indicator_name',
        'i.unit as indicator_unit',
        'i.higher_is_better as indicator_hib',
        'i.source as indicator_source',
        'a.name as area_name',
        'a.fictional as area_fictional',
      ])
      .where('m.case_study_id', '=', id)
      .orderBy('m.id')
      .execute();
    const withIndicator = rows.filter((r) => r.indicator_code);
    const observations = withIndicator.length
      ? await db
          .selectFrom('observations')
          .select(['indicator_code', 'area_code', 'period_label', 'value'])
          .where((eb) =>
            eb.or(
              withIndicator.map((r) =>
                eb.and([
                  eb('indicator_code', '=', r.indicator_code!),
                  eb('area_code', '=', r.area_code!),
                  eb('period_label', 'in', [r.before_period, r.after_period]),
                ]),
              ),
            ),
          )
          .execute()
      : [];
    const valueOf = (indicator: string, area: string, period: string) => {
      const o = observations.find(
        (x) => x.indicator_code === indicator && x.area_code === area && x.period_label === period,
      );
      return o ? Number(o.value) : null;
    };
    return rows.map((r) => {
      const fromCairn = r.indicator_code !== null;
      const before = fromCairn ? valueOf(r.indicator_code!, r.area_code!, r.before_period) : Number(r.before_value);
      const after = fromCairn ? valueOf(r.indicator_code!, r.area_code!, r.after_period) : Number(r.after_value);
      const higherIsBetter = fromCairn ? r.indicator_hib : r.higher_is_better;
      const missing = [before === null ? r.before_period : null, after === null ? r.after_period : null].filter(
        Boolean,
      );
      return {
        id: r.id,
        title: r.title,
        indicatorCode: r.indicator_code,
        indicatorName: r.indicator_name,
        areaCode: r.area_code,
        areaName: r.area_name,
        unit: r.unit ?? r.indicator_unit,
        higherIsBetter,
        beforePeriod: r.before_period,
        afterPeriod: r.after_period,
        before,
        after,
        fromCairn,
        // A fictional (demo) area's values are fictional whatever the indicator's own source.
        source: fromCairn
          ? r.area_fictional
            ? 'Fictional values for the fictional demo area'
            : r.indicator_source
          : r.source,
        change: before !== null && after !== null ? after - before : null,
        direction: directionOf(before, after, higherIsBetter),
        missing: missing.length ? `No value in the outcomes data for ${missing.join(' and ')}` : null,
      };
    });
  }

  /** May the actor see this partnership's unpublished case studies? */
  canSeeDrafts(ctx: RequestContext, partnershipId: number): boolean {
    return can(ctx.actor, 'improvement:read', partnershipId);
  }
}
