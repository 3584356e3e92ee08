import { sql, type Kysely, type Transaction } from 'kysely';
import { actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { tx } from '../../core/tx.ts';
import type { Database } from '../../db/schema.ts';
import type { SupportRequestStatus } from '../../db/schema-support.ts';
import type { IndicatorProfile, InequalityProfile, OutcomesService } from '../outcomes/index.ts';
import type { SelfEvaluationService } from './self-evaluation.service.ts';
import type { FeedbackInput, OfferInput, RequestInput, SearchInput, TransitionInput } from './support-schemas.ts';
import { arePrinciples, principlesOf, PRINCIPLES_FRAMEWORK } from './fields.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The national framework whose criteria (the nine principles) offers address and needs come from. */

export interface OfferView {
  id: number;
  title: string;
  theme: string;
  description: string;
  provider: string;
  providerOrganisationId: number | null;
  formatCode: string;
  format: string;
  eligibility: string;
  contact: string;
  status: 'published' | 'withdrawn';
  fictional: boolean;
  createdAt: Date;
  principles: { id: number; code: string; title: string }[];
  indicators: { code: string; name: string }[];
}

/** Why a partnership needs support: a weak self-evaluation score, or an outcome that is worsening or unequal. */
export type Need =
  | {
      key: string;
      kind: 'criterion';
      criterionId: number;
      code: string;
      title: string;
      year: number;
      score: number;
      scoreLabel: string;
      evidence: string;
      published: boolean;
    }
  | {
      key: string;
      kind: 'worsening';
      indicatorCode: string;
      title: string;
      unit: string | null;
      from: { year: number; value: number };
      to: { year: number; value: number };
    }
  | {
      key: string;
      kind: 'unequal';
      indicatorCode: string;
      title: string;
      unit: string | null;
      year: number;
      mostDeprived: number;
      leastDeprived: number;
      times: number;
      threshold: number;
    };

export interface NeedMatch {
  need: Need;
  /** Words for the request form and the gaps view. */
  summary: string;
  offers: OfferView[];
}

export interface RequestView {
  id: number;
  offerId: number;
  offerTitle: string;
  provider: string;
  partnershipId: number;
  partnershipCode: string;
  partnershipName: string;
  need: string;
  status: SupportRequestStatus;
  statusLabel: string;
  requestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  usefulness: number | null;
  usefulnessLabel: string | null;
  whatChanged: string | null;
  feedbackAt: Date | null;
  fictional: boolean;
}

export interface RequestEventView {
  action: string;
  from: string | null;
  to: string;
  note: string | null;
  by: string | null;
  at: Date;
}

export interface GapRow {
  key: string;
  kind: Need['kind'];
  title: string;
  /** Partnerships with this need, named where the evidence is public (outcomes data, a published self-evaluation). */
  named: { code: string; name: string; evidence: string }[];
  /** Partnerships with the need whose evidence is an unpublished self-evaluation: counted, not named. */
  unnamed: number;
}

export interface OfferUse {
  offer: OfferView;
  requests: number;
  completed: number;
  inProgress: number;
  feedbackCount: number;
  meanUsefulness: number | null;
  quotes: { partnership: string; usefulness: number; whatChanged: string }[];
}

const num = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });

export function needSummary(n: Need): string {
  switch (n.kind) {
    case 'criterion':
      return `${n.title}: scored ${n.score} (${n.scoreLabel}) in the ${n.year} self-evaluation`;
    case 'worsening':
      return `${n.title}: worsening, from ${num(n.from.value)} in ${n.from.year} to ${num(n.to.value)} in ${n.to.year}`;
    case 'unequal':
      return `${n.title}: unequal in ${n.year}, the most income-deprived communities fare ${num(n.times)} times worse than the least (${num(n.mostDeprived)} against ${num(n.leastDeprived)})`;
  }
}

/**
 * The improvement-support portal (issue 6): national bodies' offers, partnerships' requests through the
 * workflow in support_request_transitions to completion and feedback, needs matched to offers, and the
 * gaps view of needs no offer meets beside each offer's use and rated impact.
 */
export class SupportService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    readonly selfEvaluation: SelfEvaluationService,
  ) {}

  // ---- Reference data (rules as data)

  formats() {
    return this.db.selectFrom('support_formats').select(['code', 'label']).orderBy('position').execute();
  }

  usefulnessLevels() {
    return this.db.selectFrom('support_usefulness_levels').select(['score', 'label']).orderBy('score').execute();
  }

  statuses() {
    return this.db.selectFrom('support_request_statuses').selectAll().orderBy('position').execute();
  }

  transitions() {
    return this.db.selectFrom('support_request_transitions').selectAll().orderBy('action').execute();
  }

  principles() {
    return principlesOf(this.db);
  }

  /** National bodies: organisations no partnership owns. */
  nationalBodies() {
    return this.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('owner_partnership_id', 'is', null)
      .orderBy('name')
      .execute();
  }

  /** Indicators an offer may name: the national ones. */
  indicatorChoices() {
    return this.db
      .selectFrom('indicators')
      .select(['code', 'name'])
      .where('partnership_id', 'is', null)
      .orderBy('name')
      .execute();
  }

  async themes(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('support_offers')
      .select('theme')
      .distinct()
      .where('status', '=', 'published')
      .orderBy('theme')
      .execute();
    return rows.map((r) => r.theme);
  }

  // ---- Offers

  private async offerViews(db: Db, ids: readonly number[]): Promise<OfferView[]> {
    if (!ids.length) return [];
    const [rows, principles, indicators] = await Promise.all([
      db
        .selectFrom('support_offers as o')
        .innerJoin('support_formats as f', 'f.code', 'o.format_code')
        .leftJoin('organisations as org', 'org.id', 'o.provider_organisation_id')
        .select([
          'o.id',
          'o.title',
          'o.theme',
          'o.description',
          'o.provider_name',
          'o.provider_organisation_id',
          'org.name as org_name',
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
      db
        .selectFrom('support_offer_criteria as oc')
        .innerJoin('evaluation_criteria as c', 'c.id', 'oc.criterion_id')
        .select(['oc.offer_id', 'c.id', 'c.code', 'c.title'])
        .where('oc.offer_id', 'in', ids)
        .orderBy('c.position')
        .execute(),
      db
        .selectFrom('support_offer_indicators as oi')
        .innerJoin('indicators as i', 'i.code', 'oi.indicator_code')
        .select(['oi.offer_id', 'i.code', 'i.name'])
        .where('oi.offer_id', 'in', ids)
        .orderBy('i.name')
        .execute(),
    ]);
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((r) => ({
        id: r.id,
        title: r.title,
        theme: r.theme,
        description: r.description,
        provider: r.org_name ?? r.provider_name ?? '',
        providerOrganisationId: r.provider_organisation_id,
        formatCode: r.format_code,
        format: r.format,
        eligibility: r.eligibility,
        contact: r.contact,
        status: r.status,
        fictional: r.fictional,
        createdAt: r.created_at,
        principles: principles
          .filter((p) => p.offer_id === r.id)
          .map((p) => ({ id: p.id, code: p.code, title: p.title })),
        indicators: indicators.filter((i) => i.offer_id === r.id).map((i) => ({ code: i.code, name: i.name })),
      }));
  }

  /** Published offers, searched by words in the title, description or theme, and filtered by principle, theme and format. */
  async search(ctx: RequestContext, filter: SearchInput): Promise<OfferView[]> {
    authorize(ctx.actor, 'support:read');
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
    const ids = (await q.orderBy('o.title').orderBy('o.id').execute()).map((r) => r.id);
    return this.offerViews(this.db, ids);
  }

  /** One offer: the public sees published offers only; national analysts also withdrawn ones. */
  async offer(ctx: RequestContext, id: number): Promise<OfferView> {
    authorize(ctx.actor, 'support:read');
    const [view] = await this.offerViews(this.db, [id]);
    if (!view || (view.status !== 'published' && !can(ctx.actor, 'support:offer')))
      throw new NotFoundError('support offer');
    return view;
  }

  /** Every offer, withdrawn ones included (national analysts). */
  async allOffers(ctx: RequestContext): Promise<OfferView[]> {
    authorize(ctx.actor, 'support:offer');
    const ids = (
      await this.db.selectFrom('support_offers').select('id').orderBy('status').orderBy('title').execute()
    ).map((r) => r.id);
    return this.offerViews(this.db, ids);
  }

  async createOffer(ctx: RequestContext, input: OfferInput, options: { fictional?: boolean } = {}): Promise<OfferView> {
    authorize(ctx.actor, 'support:offer');
    return tx(this.db, async (trx) => {
      const errors: Record<string, string[]> = {};
      if (input.provider_organisation_id !== undefined) {
        const org = await trx
          .selectFrom('organisations')
          .select('id')
          .where('id', '=', input.provider_organisation_id)
          .where('owner_partnership_id', 'is', null)
          .executeTakeFirst();
        if (!org) errors.provider_organisation_id = ['Choose a national body from the list'];
      }
      const format = await trx
        .selectFrom('support_formats')
        .select('code')
        .where('code', '=', input.format_code)
        .executeTakeFirst();
      if (!format) errors.format_code = ['Choose a format from the list'];
      const criterionIds = [...new Set(input.criteria.map(Number))];
      if (!(await arePrinciples(trx, criterionIds))) errors.criteria = ['Choose principles from the list'];
      const indicatorCodes = [...new Set(input.indicators)];
      if (indicatorCodes.length) {
        const found = await trx
          .selectFrom('indicators')
          .select('code')
          .where('code', 'in', indicatorCodes)
          .where('partnership_id', 'is', null)
          .execute();
        const known = new Set(found.map((r) => r.code));
        const unknown = indicatorCodes.filter((c) => !known.has(c));
        if (unknown.length) errors.indicators = [`Not a national indicator: ${unknown.join(', ')}`];
      }
      if (!criterionIds.length && !indicatorCodes.length)
        errors.criteria = [
          'Choose at least one principle, or an outcome it helps with, so that needs can be matched to it',
        ];
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const now = this.clock.now();
      const row = await trx
        .insertInto('support_offers')
        .values({
          provider_organisation_id: input.provider_organisation_id ?? null,
          provider_name: input.provider_name ?? null,
          title: input.title,
          theme: input.theme,
          description: input.description,
          format_code: input.format_code,
          eligibility: input.eligibility,
          contact: input.contact,
          status: 'published',
          fictional: options.fictional ?? false,
          created_by: actorUserId(ctx.actor),
          created_at: now,
          updated_at: now,
          withdrawn_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (criterionIds.length)
        await trx
          .insertInto('support_offer_criteria')
          .values(criterionIds.map((c) => ({ offer_id: row.id, criterion_id: c })))
          .execute();
      if (indicatorCodes.length)
        await trx
          .insertInto('support_offer_indicators')
          .values(indicatorCodes.map((c) => ({ offer_id: row.id, indicator_code: c })))
          .execute();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'support_offer.create',
        resourceType: 'support_offer',
        resourceId: row.id,
        after: { ...row, criteria: criterionIds, indicators: indicatorCodes },
      });
      const [view] = await this.offerViews(trx, [row.id]);
      return view!;
    });
  }

  /** Withdraw a published offer: it leaves the public list; requests already made carry on. */
  async withdrawOffer(ctx: RequestContext, id: number): Promise<void> {
    authorize(ctx.actor, 'support:offer');
    await tx(this.db, async (trx) => {
      const before = await trx
        .selectFrom('support_offers')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new NotFoundError('support offer');
      if (before.status === 'withdrawn') throw new ConflictError('This offer is already withdrawn.');
      const now = this.clock.now();
      const after = await trx
        .updateTable('support_offers')
        .set({ status: 'withdrawn', withdrawn_at: now, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'support_offer.withdraw',
        resourceType: 'support_offer',
        resourceId: id,
        before,
        after,
      });
    });
  }

  // ---- Needs

  /**
   * Criteria scored at or below the weak level (method_parameters support_needs.weak_score) in each
   * partnership's latest self-evaluation against the nine principles, draft or published: the same rule as
   * SelfEvaluationService.weakCriteria, for all partnerships in one query (the gaps view counts needs from
   * unpublished self-evaluations without naming the partnership).
   */
  private async weakScores(partnershipIds: readonly number[] | 'all') {
    const weak = (await readMethodParameters(this.db, 'support_needs')).values.weak_score;
    let latest = this.db
      .selectFrom('self_evaluations as e')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .select(['e.partnership_id', (eb) => eb.fn.max('e.year').as('year')])
      .where('f.code', '=', PRINCIPLES_FRAMEWORK)
      .groupBy('e.partnership_id');
    if (partnershipIds !== 'all') {
      if (!partnershipIds.length) return [];
      latest = latest.where('e.partnership_id', 'in', partnershipIds);
    }
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

  /** Worsening outcomes (change_criteria) and unequal ones (support_needs.inequality_ratio) for a council area. */
  private async outcomeNeeds(ctx: RequestContext, councilCode: string): Promise<Need[]> {
    return (await this.outcomeNeedsOf(ctx, [councilCode])).get(councilCode) ?? [];
  }

  /** outcomeNeeds() for many council areas, reading the outcomes data once (the gaps view). */
  private async outcomeNeedsOf(ctx: RequestContext, councilCodes: readonly string[]): Promise<Map<string, Need[]>> {
    const [profiles, inequalities, threshold] = await Promise.all([
      this.outcomes.profiles(ctx, councilCodes),
      this.outcomes.inequalities(ctx, councilCodes),
      readMethodParameters(this.db, 'support_needs').then((p) => p.values.inequality_ratio),
    ]);
    return new Map(
      councilCodes.map((code) => [
        code,
        this.needsFrom(profiles.get(code) ?? [], inequalities.get(code) ?? [], threshold),
      ]),
    );
  }

  private needsFrom(profile: IndicatorProfile[], inequality: InequalityProfile[], threshold: number): Need[] {
    const needs: Need[] = [];
    for (const i of profile) {
      if (i.change?.direction !== 'worsening') continue;
      const actual = i.area.points.filter((pt) => pt.valueType !== 'projected');
      const at = (year: number) => actual.filter((pt) => Number(pt.periodStart.slice(0, 4)) === year).at(-1);
      const from = at(i.change.fromYear);
      const to = at(i.change.toYear);
      if (!from || !to) continue;
      needs.push({
        key: `worsening:${i.code}`,
        kind: 'worsening',
        indicatorCode: i.code,
        title: i.name,
        unit: i.unit,
        from: { year: i.change.fromYear, value: from.value },
        to: { year: i.change.toYear, value: to.value },
      });
    }
    for (const i of inequality) {
      const l = i.latest;
      if (
        !l ||
        l.worse !== 'most deprived' ||
        l.mostMean === null ||
        l.leastMean === null ||
        l.mostMean <= 0 ||
        l.leastMean <= 0
      )
        continue;
      const times = i.higherIsBetter ? l.leastMean / l.mostMean : l.mostMean / l.leastMean;
      if (times < threshold) continue;
      needs.push({
        key: `unequal:${i.indicatorCode}`,
        kind: 'unequal',
        indicatorCode: i.indicatorCode,
        title: i.indicator,
        unit: i.unit,
        year: l.year,
        mostDeprived: l.mostMean,
        leastDeprived: l.leastMean,
        times,
        threshold,
      });
    }
    return needs;
  }

  private criterionNeeds(rows: Awaited<ReturnType<SupportService['weakScores']>>): Need[] {
    return rows.map((r) => ({
      key: `criterion:${r.criterion_id}`,
      kind: 'criterion' as const,
      criterionId: r.criterion_id,
      code: r.code,
      title: r.title,
      year: r.year,
      score: r.score,
      scoreLabel: r.label,
      evidence: r.evidence,
      published: r.status === 'published',
    }));
  }

  /** Published offers meeting each need: by the principle (criterion) or the outcome (indicator) they address. */
  private async match(needs: Need[]): Promise<NeedMatch[]> {
    const criterionIds = [...new Set(needs.flatMap((n) => (n.kind === 'criterion' ? [n.criterionId] : [])))];
    const indicatorCodes = [...new Set(needs.flatMap((n) => (n.kind === 'criterion' ? [] : [n.indicatorCode])))];
    const [byCriterion, byIndicator] = await Promise.all([
      criterionIds.length
        ? this.db
            .selectFrom('support_offer_criteria as oc')
            .innerJoin('support_offers as o', 'o.id', 'oc.offer_id')
            .select(['oc.criterion_id', 'o.id'])
            .where('o.status', '=', 'published')
            .where('oc.criterion_id', 'in', criterionIds)
            .orderBy('o.title')
            .execute()
        : [],
      indicatorCodes.length
        ? this.db
            .selectFrom('support_offer_indicators as oi')
            .innerJoin('support_offers as o', 'o.id', 'oi.offer_id')
            .select(['oi.indicator_code', 'o.id'])
            .where('o.status', '=', 'published')
            .where('oi.indicator_code', 'in', indicatorCodes)
            .orderBy('o.title')
            .execute()
        : [],
    ]);
    const views = new Map(
      (await this.offerViews(this.db, [...new Set([...byCriterion, ...byIndicator].map((r) => r.id))])).map((v) => [
        v.id,
        v,
      ]),
    );
    return needs.map((need) => {
      const ids =
        need.kind === 'criterion'
          ? byCriterion.filter((r) => r.criterion_id === need.criterionId).map((r) => r.id)
          : byIndicator.filter((r) => r.indicator_code === need.indicatorCode).map((r) => r.id);
      return { need, summary: needSummary(need), offers: [...new Set(ids)].map((id) => views.get(id)!) };
    });
  }

  /**
   * The partnership's needs matched to offers: criteria it scored weak in its latest self-evaluation
   * (from the self-evaluation service), and outcomes worsening or unequal in its council area.
   */
  async needs(ctx: RequestContext, p: PartnershipRef): Promise<NeedMatch[]> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const [weak, outcomes] = await Promise.all([
      this.selfEvaluation.weakCriteria(ctx, p.id),
      this.outcomeNeeds(ctx, p.councilAreaCode),
    ]);
    const evaluation = weak.evaluation;
    const criteria: Need[] = evaluation
      ? weak.criteria.map((c) => ({
          key: `criterion:${c.id}`,
          kind: 'criterion' as const,
          criterionId: c.id,
          code: c.code,
          title: c.title,
          year: evaluation.year,
          score: c.score,
          scoreLabel: c.label,
          evidence: c.evidence,
          published: evaluation.status === 'published',
        }))
      : [];
    return this.match([...criteria, ...outcomes]);
  }

  // ---- Requests

  private requestQuery(db: Db) {
    return db
      .selectFrom('support_requests as r')
      .innerJoin('support_offers as o', 'o.id', 'r.offer_id')
      .leftJoin('organisations as org', 'org.id', 'o.provider_organisation_id')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .innerJoin('support_request_statuses as s', 's.code', 'r.status')
      .leftJoin('users as u', 'u.id', 'r.requested_by')
      .leftJoin('support_usefulness_levels as ul', 'ul.score', 'r.usefulness')
      .select([
        'ul.label as usefulness_label',
        'r.id',
        'r.offer_id',
        'o.title as offer_title',
        'org.name as org_name',
        'o.provider_name',
        'r.partnership_id',
        'p.code as partnership_code',
        'p.name as partnership_name',
        'r.need',
        'r.status',
        's.label as status_label',
        'u.display_name as requested_by',
        'r.created_at',
        'r.updated_at',
        'r.completed_at',
        'r.usefulness',
        'r.what_changed',
        'r.feedback_at',
        'r.fictional',
      ]);
  }

  private static requestView(
    r: Awaited<ReturnType<ReturnType<SupportService['requestQuery']>['execute']>>[number],
  ): RequestView {
    return {
      id: r.id,
      offerId: r.offer_id,
      offerTitle: r.offer_title,
      provider: r.org_name ?? r.provider_name ?? '',
      partnershipId: r.partnership_id,
      partnershipCode: r.partnership_code,
      partnershipName: r.partnership_name,
      need: r.need,
      status: r.status,
      statusLabel: r.status_label,
      requestedBy: r.requested_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      completedAt: r.completed_at,
      usefulness: r.usefulness,
      usefulnessLabel: r.usefulness_label,
      whatChanged: r.what_changed,
      feedbackAt: r.feedback_at,
      fictional: r.fictional,
    };
  }

  /** The partnership's own requests, newest first. */
  async partnershipRequests(ctx: RequestContext, p: PartnershipRef): Promise<RequestView[]> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const rows = await this.requestQuery(this.db)
      .where('r.partnership_id', '=', p.id)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
    return rows.map(SupportService.requestView);
  }

  /** Every partnership's requests (national analysts). */
  async allRequests(ctx: RequestContext): Promise<RequestView[]> {
    authorize(ctx.actor, 'support:offer');
    const rows = await this.requestQuery(this.db)
      .orderBy('s.position')
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
    return rows.map(SupportService.requestView);
  }

  private async events(db: Db, requestId: number): Promise<RequestEventView[]> {
    const rows = await db
      .selectFrom('support_request_events as e')
      .leftJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('support_request_statuses as f', 'f.code', 'e.from_status')
      .innerJoin('support_request_statuses as t', 't.code', 'e.to_status')
      .select(['e.action', 'f.label as from', 't.label as to', 'e.note', 'u.display_name as by', 'e.created_at'])
      .where('e.request_id', '=', requestId)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
    return rows.map((r) => ({ action: r.action, from: r.from, to: r.to, note: r.note, by: r.by, at: r.created_at }));
  }

  /** One of the partnership's requests with its history; another partnership's is "not found". */
  async partnershipRequest(
    ctx: RequestContext,
    p: PartnershipRef,
    id: number,
  ): Promise<{ request: RequestView; events: RequestEventView[] }> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const row = await this.requestQuery(this.db)
      .where('r.id', '=', id)
      .where('r.partnership_id', '=', p.id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('support request');
    return { request: SupportService.requestView(row), events: await this.events(this.db, id) };
  }

  /** Any request with its history (national analysts). */
  async anyRequest(ctx: RequestContext, id: number): Promise<{ request: RequestView; events: RequestEventView[] }> {
    authorize(ctx.actor, 'support:offer');
    const row = await this.requestQuery(this.db).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('support request');
    return { request: SupportService.requestView(row), events: await this.events(this.db, id) };
  }

  async request(ctx: RequestContext, p: PartnershipRef, input: RequestInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:request', p.id);
    return tx(this.db, async (trx) => {
      const offer = await trx
        .selectFrom('support_offers')
        .select(['id', 'status'])
        .where('id', '=', input.offer_id)
        .executeTakeFirst();
      if (!offer || offer.status !== 'published')
        throw ValidationError.field('offer_id', 'Choose an offer that is open to requests');
      if (input.criterion_id !== undefined) {
        const c = await trx
          .selectFrom('evaluation_criteria')
          .select('id')
          .where('id', '=', input.criterion_id)
          .executeTakeFirst();
        if (!c) throw ValidationError.field('criterion_id', 'Not a principle');
      }
      if (input.indicator_code !== undefined) {
        const i = await trx
          .selectFrom('indicators')
          .select('code')
          .where('code', '=', input.indicator_code)
          .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', p.id)]))
          .executeTakeFirst();
        if (!i) throw ValidationError.field('indicator_code', 'Not an indicator');
      }
      const now = this.clock.now();
      const row = await trx
        .insertInto('support_requests')
        .values({
          offer_id: offer.id,
          partnership_id: p.id,
          need: input.need,
          criterion_id: input.criterion_id ?? null,
          indicator_code: input.indicator_code ?? null,
          status: 'requested',
          requested_by: actorUserId(ctx.actor),
          fictional: p.fictional,
          created_at: now,
          updated_at: now,
          completed_at: null,
          usefulness: null,
          what_changed: null,
          feedback_at: null,
          feedback_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('support_request_events')
        .values({
          request_id: row.id,
          action: 'request',
          from_status: null,
          to_status: 'requested',
          note: null,
          user_id: actorUserId(ctx.actor),
          created_at: now,
        })
        .execute();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'support_request.create',
        resourceType: 'support_request',
        resourceId: row.id,
        after: row,
      });
      const view = await this.requestQuery(trx).where('r.id', '=', row.id).executeTakeFirstOrThrow();
      return SupportService.requestView(view);
    });
  }

  /** The actions the workflow allows from a status. */
  async actionsFrom(status: SupportRequestStatus) {
    return this.db
      .selectFrom('support_request_transitions')
      .selectAll()
      .where('from_status', '=', status)
      .orderBy('action')
      .execute();
  }

  /** Move a request along the workflow (national analysts): only the transitions support_request_transitions lists. */
  async transition(ctx: RequestContext, id: number, input: TransitionInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:offer');
    return tx(this.db, async (trx) => {
      const before = await trx
        .selectFrom('support_requests')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new NotFoundError('support request');
      const t = await trx
        .selectFrom('support_request_transitions')
        .selectAll()
        .where('action', '=', input.action)
        .where('from_status', '=', before.status)
        .executeTakeFirst();
      if (!t) {
        const status = await trx
          .selectFrom('support_request_statuses')
          .select('label')
          .where('code', '=', before.status)
          .executeTakeFirstOrThrow();
        throw new ConflictError(
          `A request that is ${status.label.toLowerCase()} cannot be moved on with “${input.action}”.`,
          { action: ['Not allowed from the request’s status'] },
        );
      }
      if (t.note_required && !input.note)
        throw ValidationError.field('note', `Say why (a note is needed to ${t.label.toLowerCase()})`);
      const now = this.clock.now();
      const final = t.to_status === 'completed';
      const after = await trx
        .updateTable('support_requests')
        .set({ status: t.to_status, updated_at: now, ...(final ? { completed_at: now } : {}) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('support_request_events')
        .values({
          request_id: id,
          action: t.action,
          from_status: before.status,
          to_status: t.to_status,
          note: input.note ?? null,
          user_id: actorUserId(ctx.actor),
          created_at: now,
        })
        .execute();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: before.partnership_id,
        action: `support_request.${t.action}`,
        resourceType: 'support_request',
        resourceId: id,
        before,
        after: { ...after, note: input.note ?? null },
      });
      return SupportService.requestView(await this.requestQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow());
    });
  }

  /** Feedback on completed support: usefulness on the scale in support_usefulness_levels, and what changed. */
  async feedback(ctx: RequestContext, p: PartnershipRef, id: number, input: FeedbackInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:request', p.id);
    return tx(this.db, async (trx) => {
      const before = await trx
        .selectFrom('support_requests')
        .selectAll()
        .where('id', '=', id)
        .where('partnership_id', '=', p.id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new NotFoundError('support request');
      if (before.status !== 'completed')
        throw new ConflictError('Feedback can be given once the support is completed.', {
          usefulness: ['The support is not completed yet'],
        });
      if (before.feedback_at) throw new ConflictError('Feedback on this support has already been given.');
      const levels = await trx.selectFrom('support_usefulness_levels').select(['score']).orderBy('score').execute();
      if (!levels.some((l) => l.score === input.usefulness)) {
        throw ValidationError.field(
          'usefulness',
          `Choose how useful the support was, from ${levels[0]?.score ?? 1} to ${levels.at(-1)?.score ?? 5}`,
        );
      }
      const now = this.clock.now();
      const after = await trx
        .updateTable('support_requests')
        .set({
          usefulness: input.usefulness,
          what_changed: input.what_changed,
          feedback_at: now,
          feedback_by: actorUserId(ctx.actor),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'support_request.feedback',
        resourceType: 'support_request',
        resourceId: id,
        before,
        after,
      });
      return SupportService.requestView(await this.requestQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow());
    });
  }

  // ---- Gaps and impact (national analysts)

  /**
   * Needs across all partnerships that no published offer meets, grouped by need; and each offer's use
   * (requests, completed) and rated impact (mean usefulness, feedback count, what changed).
   */
  async gaps(ctx: RequestContext): Promise<{ gaps: GapRow[]; offers: OfferUse[] }> {
    authorize(ctx.actor, 'support:offer');
    const partnerships = await this.db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'council_area_code'])
      .orderBy('name')
      .execute();
    const weak = await this.weakScores('all');
    const outcomeNeeds = await this.outcomeNeedsOf(ctx, [...new Set(partnerships.map((p) => p.council_area_code))]);
    const perPartnership = partnerships.map((p) => ({
      p,
      needs: [
        ...this.criterionNeeds(weak.filter((w) => w.partnership_id === p.id)),
        ...(outcomeNeeds.get(p.council_area_code) ?? []),
      ],
    }));
    const matched = await this.match(perPartnership.flatMap((x) => x.needs));
    const met = new Set(matched.filter((m) => m.offers.length).map((m) => m.need.key));
    const byKey = new Map<string, GapRow>();
    for (const { p, needs } of perPartnership) {
      for (const n of needs) {
        if (met.has(n.key)) continue;
        const row = byKey.get(n.key) ?? { key: n.key, kind: n.kind, title: n.title, named: [], unnamed: 0 };
        if (n.kind === 'criterion' && !n.published) row.unnamed += 1;
        else row.named.push({ code: p.code, name: p.name, evidence: needSummary(n) });
        byKey.set(n.key, row);
      }
    }
    const gaps = [...byKey.values()].sort(
      (a, b) => b.named.length + b.unnamed - (a.named.length + a.unnamed) || a.title.localeCompare(b.title),
    );

    const offers = await this.allOffers(ctx);
    const requests = await this.db
      .selectFrom('support_requests as r')
      .innerJoin('partnerships as p', 'p.id', 'r.partnership_id')
      .select(['r.offer_id', 'r.status', 'r.usefulness', 'r.what_changed', 'p.name'])
      .orderBy('r.feedback_at')
      .execute();
    const use = offers.map((offer) => {
      const own = requests.filter((r) => r.offer_id === offer.id);
      const rated = own.filter((r): r is typeof r & { usefulness: number } => r.usefulness !== null);
      return {
        offer,
        requests: own.length,
        completed: own.filter((r) => r.status === 'completed').length,
        inProgress: own.filter((r) => r.status === 'accepted' || r.status === 'in_progress').length,
        feedbackCount: rated.length,
        meanUsefulness: rated.length ? rated.reduce((a, r) => a + r.usefulness, 0) / rated.length : null,
        quotes: rated
          .filter((r) => r.what_changed)
          .map((r) => ({ partnership: r.name, usefulness: r.usefulness, whatChanged: r.what_changed! })),
      };
    });
    return { gaps, offers: use };
  }
}
