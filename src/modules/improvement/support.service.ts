import { actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import type { SupportRequestStatus } from '../../db/schema-support.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { IndicatorCatalogue, IndicatorProfile, InequalityProfile, OutcomesService } from '../outcomes/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { SelfEvaluationService } from './self-evaluation.service.ts';
import type { FeedbackInput, OfferInput, RequestInput, SearchInput, TransitionInput } from './support-schemas.ts';
import type { RequestIdsRow, SupportRepository } from './support.repository.ts';

/** The database or the open transaction a lookup reads in (a read inside a transaction stays in it). */
type Db = Parameters<typeof recordAudit>[0];

/** A request row with the names its owners give: provider organisation, partnership and requester. */
type RequestRow = RequestIdsRow & {
  org_name: string | null;
  partnership_code: string;
  partnership_name: string;
  requested_by: string | null;
};

/** What the support portal reads of other modules' tables, through their owners. */
export interface SupportDirectories {
  /** Partnerships' and national bodies' names; every partnership for the gaps view. */
  partnerships: Pick<
    PartnershipDirectory,
    'partnershipsByIds' | 'organisationsByIds' | 'allPartnerships' | 'nationalOrganisations'
  >;
  /** Who made a request or took a step in it. */
  people: Pick<PeopleDirectory, 'usersByIds'>;
  /** The indicators offers and requests name. */
  catalogue: Pick<IndicatorCatalogue, 'indicatorsByCodes' | 'nationalIndicators'>;
}

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
    private readonly repo: SupportRepository,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    readonly selfEvaluation: SelfEvaluationService,
    private readonly directories: SupportDirectories,
  ) {}

  // ---- Reference data (rules as data)

  formats() {
    return this.repo.formats();
  }

  usefulnessLevels() {
    return this.repo.usefulnessLevels();
  }

  statuses() {
    return this.repo.statuses();
  }

  transitions() {
    return this.repo.transitions();
  }

  principles() {
    return this.repo.principles();
  }

  /** National bodies: organisations no partnership owns. */
  nationalBodies() {
    return this.directories.partnerships.nationalOrganisations();
  }

  /** Indicators an offer may name: the national ones. */
  indicatorChoices() {
    return this.directories.catalogue.nationalIndicators();
  }

  /** A national body (an organisation no partnership owns) by its id; another is not found. */
  private async isNationalBody(id: number, db: Db): Promise<boolean> {
    const org = (await this.directories.partnerships.organisationsByIds([id], db)).get(id);
    return org !== undefined && org.owner_partnership_id === null;
  }

  async themes(): Promise<string[]> {
    const rows = await this.repo.publishedThemes();
    return rows.map((r) => r.theme);
  }

  // ---- Offers

  /** The offers with these ids, in this order, with their provider's, principles' and indicators' names. */
  private async offerViews(repo: SupportRepository, ids: readonly number[], db?: Db): Promise<OfferView[]> {
    if (!ids.length) return [];
    const { rows, principles, indicators: offerIndicators } = await repo.offerRows(ids);
    const [orgs, named] = await Promise.all([
      this.directories.partnerships.organisationsByIds(
        rows.flatMap((r) => (r.provider_organisation_id === null ? [] : [r.provider_organisation_id])),
        db,
      ),
      this.directories.catalogue.indicatorsByCodes(
        offerIndicators.map((i) => i.indicator_code),
        db,
      ),
    ]);
    const indicators = offerIndicators
      .flatMap((i) => {
        const found = named.get(i.indicator_code);
        return found ? [{ offer_id: i.offer_id, code: found.code, name: found.name }] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((r) => ({
        id: r.id,
        title: r.title,
        theme: r.theme,
        description: r.description,
        provider:
          (r.provider_organisation_id === null ? undefined : orgs.get(r.provider_organisation_id)?.name) ??
          r.provider_name ??
          '',
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
    return this.offerViews(this.repo, await this.repo.searchOfferIds(filter));
  }

  /** One offer: the public sees published offers only; national analysts also withdrawn ones. */
  async offer(ctx: RequestContext, id: number): Promise<OfferView> {
    authorize(ctx.actor, 'support:read');
    const [view] = await this.offerViews(this.repo, [id]);
    if (!view || (view.status !== 'published' && !can(ctx.actor, 'support:offer')))
      throw new NotFoundError('support offer');
    return view;
  }

  /** Every offer, withdrawn ones included (national analysts). */
  async allOffers(ctx: RequestContext): Promise<OfferView[]> {
    authorize(ctx.actor, 'support:offer');
    return this.offerViews(this.repo, await this.repo.allOfferIds());
  }

  async createOffer(ctx: RequestContext, input: OfferInput, options: { fictional?: boolean } = {}): Promise<OfferView> {
    authorize(ctx.actor, 'support:offer');
    return this.repo.transaction(async (repo, trx) => {
      const errors: Record<string, string[]> = {};
      if (input.provider_organisation_id !== undefined) {
        if (!(await this.isNationalBody(input.provider_organisation_id, trx)))
          errors.provider_organisation_id = ['Choose a national body from the list'];
      }
      const format = await repo.findFormat(input.format_code);
      if (!format) errors.format_code = ['Choose a format from the list'];
      const criterionIds = [...new Set(input.criteria.map(Number))];
      if (!(await repo.arePrinciples(criterionIds))) errors.criteria = ['Choose principles from the list'];
      const indicatorCodes = [...new Set(input.indicators)];
      if (indicatorCodes.length) {
        const found = await this.directories.catalogue.indicatorsByCodes(indicatorCodes, trx);
        const known = new Set([...found.values()].filter((r) => r.partnership_id === null).map((r) => r.code));
        const unknown = indicatorCodes.filter((c) => !known.has(c));
        if (unknown.length) errors.indicators = [`Not a national indicator: ${unknown.join(', ')}`];
      }
      if (!criterionIds.length && !indicatorCodes.length)
        errors.criteria = [
          'Choose at least one principle, or an outcome it helps with, so that needs can be matched to it',
        ];
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const now = this.clock.now();
      const row = await repo.insertOffer({
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
      });
      if (criterionIds.length) await repo.insertOfferCriteria(row.id, criterionIds);
      if (indicatorCodes.length) await repo.insertOfferIndicators(row.id, indicatorCodes);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'support_offer.create',
        resourceType: 'support_offer',
        resourceId: row.id,
        after: { ...row, criteria: criterionIds, indicators: indicatorCodes },
      });
      const [view] = await this.offerViews(repo, [row.id], trx);
      return view!;
    });
  }

  /** Withdraw a published offer: it leaves the public list; requests already made carry on. */
  async withdrawOffer(ctx: RequestContext, id: number): Promise<void> {
    authorize(ctx.actor, 'support:offer');
    await this.repo.transaction(async (repo, trx) => {
      const before = await repo.lockOffer(id);
      if (!before) throw new NotFoundError('support offer');
      if (before.status === 'withdrawn') throw new ConflictError('This offer is already withdrawn.');
      const now = this.clock.now();
      const after = await repo.withdrawOffer(id, now);
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
    const weak = (await this.repo.needParameters()).values.weak_score;
    if (partnershipIds !== 'all' && !partnershipIds.length) return [];
    return this.repo.weakScores(partnershipIds, weak);
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
      this.repo.needParameters().then((p) => p.values.inequality_ratio),
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
      criterionIds.length ? this.repo.publishedOffersByCriteria(criterionIds) : [],
      indicatorCodes.length ? this.repo.publishedOffersByIndicators(indicatorCodes) : [],
    ]);
    const views = new Map(
      (await this.offerViews(this.repo, [...new Set([...byCriterion, ...byIndicator].map((r) => r.id))])).map((v) => [
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

  /** The rows with their provider organisation's, partnership's and requester's names, in one lookup each. */
  private async named(rows: RequestIdsRow[], db?: Db): Promise<RequestRow[]> {
    if (!rows.length) return [];
    const [orgs, partnerships, users] = await Promise.all([
      this.directories.partnerships.organisationsByIds(
        rows.flatMap((r) => (r.provider_organisation_id === null ? [] : [r.provider_organisation_id])),
        db,
      ),
      this.directories.partnerships.partnershipsByIds(
        rows.map((r) => r.partnership_id),
        db,
      ),
      this.directories.people.usersByIds(
        rows.flatMap((r) => (r.requested_by_id === null ? [] : [r.requested_by_id])),
        db,
      ),
    ]);
    return rows.map((r) => {
      const p = partnerships.get(r.partnership_id);
      return {
        ...r,
        org_name: (r.provider_organisation_id === null ? null : orgs.get(r.provider_organisation_id)?.name) ?? null,
        partnership_code: p?.code ?? '',
        partnership_name: p?.name ?? '',
        requested_by: (r.requested_by_id === null ? null : users.get(r.requested_by_id)?.display_name) ?? null,
      };
    });
  }

  /** One request as the pages show it, its names looked up (in the transaction when given). */
  private async oneView(row: RequestIdsRow, db?: Db): Promise<RequestView> {
    const [named] = await this.named([row], db);
    return SupportService.requestView(named!);
  }

  private static requestView(r: RequestRow): RequestView {
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
    const rows = await this.named(await this.repo.partnershipRequests(p.id));
    return rows.map(SupportService.requestView);
  }

  /** Every partnership's requests (national analysts). */
  async allRequests(ctx: RequestContext): Promise<RequestView[]> {
    authorize(ctx.actor, 'support:offer');
    const rows = await this.named(await this.repo.allRequests());
    return rows.map(SupportService.requestView);
  }

  private async events(requestId: number): Promise<RequestEventView[]> {
    const rows = await this.repo.requestEvents(requestId);
    const users = await this.directories.people.usersByIds(
      rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
    );
    return rows.map((r) => ({
      action: r.action,
      from: r.from,
      to: r.to,
      note: r.note,
      by: (r.user_id === null ? null : users.get(r.user_id)?.display_name) ?? null,
      at: r.created_at,
    }));
  }

  /** One of the partnership's requests with its history; another partnership's is "not found". */
  async partnershipRequest(
    ctx: RequestContext,
    p: PartnershipRef,
    id: number,
  ): Promise<{ request: RequestView; events: RequestEventView[] }> {
    authorize(ctx.actor, 'improvement:read', p.id);
    const row = await this.repo.findRequestInPartnership(id, p.id);
    if (!row) throw new NotFoundError('support request');
    return { request: await this.oneView(row), events: await this.events(id) };
  }

  /** Any request with its history (national analysts). */
  async anyRequest(ctx: RequestContext, id: number): Promise<{ request: RequestView; events: RequestEventView[] }> {
    authorize(ctx.actor, 'support:offer');
    const row = await this.repo.findRequest(id);
    if (!row) throw new NotFoundError('support request');
    return { request: await this.oneView(row), events: await this.events(id) };
  }

  async request(ctx: RequestContext, p: PartnershipRef, input: RequestInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:request', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const offer = await repo.findOfferStatus(input.offer_id);
      if (!offer || offer.status !== 'published')
        throw ValidationError.field('offer_id', 'Choose an offer that is open to requests');
      if (input.criterion_id !== undefined) {
        const c = await repo.findCriterion(input.criterion_id);
        if (!c) throw ValidationError.field('criterion_id', 'Not a principle');
      }
      if (input.indicator_code !== undefined) {
        const i = (await this.directories.catalogue.indicatorsByCodes([input.indicator_code], trx)).get(
          input.indicator_code,
        );
        if (!i || (i.partnership_id !== null && i.partnership_id !== p.id))
          throw ValidationError.field('indicator_code', 'Not an indicator');
      }
      const now = this.clock.now();
      const row = await repo.insertRequest({
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
      });
      await repo.insertRequestEvent({
        request_id: row.id,
        action: 'request',
        from_status: null,
        to_status: 'requested',
        note: null,
        user_id: actorUserId(ctx.actor),
        created_at: now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'support_request.create',
        resourceType: 'support_request',
        resourceId: row.id,
        after: row,
      });
      return this.oneView(await repo.getRequest(row.id), trx);
    });
  }

  /** The actions the workflow allows from a status. */
  async actionsFrom(status: SupportRequestStatus) {
    return this.repo.transitionsFrom(status);
  }

  /** Move a request along the workflow (national analysts): only the transitions support_request_transitions lists. */
  async transition(ctx: RequestContext, id: number, input: TransitionInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:offer');
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.lockRequest(id);
      if (!before) throw new NotFoundError('support request');
      const t = await repo.findTransition(input.action, before.status);
      if (!t) {
        const status = await repo.statusLabel(before.status);
        throw new ConflictError(
          `A request that is ${status.label.toLowerCase()} cannot be moved on with “${input.action}”.`,
          { action: ['Not allowed from the request’s status'] },
        );
      }
      if (t.note_required && !input.note)
        throw ValidationError.field('note', `Say why (a note is needed to ${t.label.toLowerCase()})`);
      const now = this.clock.now();
      const final = t.to_status === 'completed';
      const after = await repo.moveRequest(id, t.to_status, now, final ? now : undefined);
      await repo.insertRequestEvent({
        request_id: id,
        action: t.action,
        from_status: before.status,
        to_status: t.to_status,
        note: input.note ?? null,
        user_id: actorUserId(ctx.actor),
        created_at: now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: before.partnership_id,
        action: `support_request.${t.action}`,
        resourceType: 'support_request',
        resourceId: id,
        before,
        after: { ...after, note: input.note ?? null },
      });
      return this.oneView(await repo.getRequest(id), trx);
    });
  }

  /** Feedback on completed support: usefulness on the scale in support_usefulness_levels, and what changed. */
  async feedback(ctx: RequestContext, p: PartnershipRef, id: number, input: FeedbackInput): Promise<RequestView> {
    authorize(ctx.actor, 'support:request', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const before = await repo.lockRequestInPartnership(id, p.id);
      if (!before) throw new NotFoundError('support request');
      if (before.status !== 'completed')
        throw new ConflictError('Feedback can be given once the support is completed.', {
          usefulness: ['The support is not completed yet'],
        });
      if (before.feedback_at) throw new ConflictError('Feedback on this support has already been given.');
      const levels = await repo.usefulnessScores();
      if (!levels.some((l) => l.score === input.usefulness)) {
        throw ValidationError.field(
          'usefulness',
          `Choose how useful the support was, from ${levels[0]?.score ?? 1} to ${levels.at(-1)?.score ?? 5}`,
        );
      }
      const now = this.clock.now();
      const after = await repo.recordFeedback(id, p.id, {
        usefulness: input.usefulness,
        what_changed: input.what_changed,
        feedback_by: actorUserId(ctx.actor),
        now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'support_request.feedback',
        resourceType: 'support_request',
        resourceId: id,
        before,
        after,
      });
      return this.oneView(await repo.getRequest(id), trx);
    });
  }

  // ---- Gaps and impact (national analysts)

  /**
   * Needs across all partnerships that no published offer meets, grouped by need; and each offer's use
   * (requests, completed) and rated impact (mean usefulness, feedback count, what changed).
   */
  async gaps(ctx: RequestContext): Promise<{ gaps: GapRow[]; offers: OfferUse[] }> {
    authorize(ctx.actor, 'support:offer');
    const partnerships = await this.directories.partnerships.allPartnerships();
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
    const uses = await this.repo.requestUse();
    const names = await this.directories.partnerships.partnershipsByIds(uses.map((r) => r.partnership_id));
    const requests = uses.map((r) => ({ ...r, name: names.get(r.partnership_id)?.name ?? '' }));
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
