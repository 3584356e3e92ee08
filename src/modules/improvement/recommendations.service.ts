import type { z } from 'zod';
import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { distinctKeys } from '../../core/keys.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { AddresseeKind, RecommendationRating } from '../../db/schema-recommendations.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { AuditDimensions } from '../audit/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { PlanDirectory, PlansService } from '../plans/index.ts';
import { joinAnd } from './recommendations.presenters.ts';
import type { RecommendationsRepository } from './recommendations.repository.ts';
import { type RecommendationsDb } from './recommendations.repository.ts';
import type {
  AddRecommendationSchema,
  CreateReportSchema,
  LinkSchema,
  RateSchema,
  UnlinkSchema,
} from './recommendations.schemas.ts';

export interface RatingView {
  id: number;
  rating: RecommendationRating;
  narrative: string;
  evidence: string | null;
  asOf: string;
  author: string;
  createdAt: Date;
}

export interface AddresseeView {
  kind: AddresseeKind;
  /** The Scottish Government, COSLA, Community Planning Partnerships, or the partnership's or organisation's name. */
  name: string;
  partnershipId: number | null;
  organisationId: number | null;
}

export interface RecommendationView {
  id: number;
  reportId: number;
  ref: string;
  text: string;
  position: number;
  group: { id: number; title: string; position: number } | null;
  addressees: AddresseeView[];
  dimensions: { code: string; name: string }[];
  /** Every rating, oldest first: the full history (append-only). */
  history: RatingView[];
  /** The latest rating (latest date, then latest recorded), or none. */
  latest: RatingView | null;
}

export interface ReportView {
  id: number;
  title: string;
  publisher: string;
  publishedOn: string;
  url: string | null;
  summary: string | null;
  groups: { id: number; title: string; position: number }[];
  recommendations: RecommendationView[];
}

/** One row of the impact table: a group of related recommendations (or one on its own) and their progress as at a date. */
export interface ImpactRow {
  group: string | null;
  /** "governance and transparency and value for money": the audit dimensions the group's recommendations touch. */
  dimensions: { code: string; name: string }[];
  recommendations: { id: number; ref: string; text: string; addressees: string }[];
  /** The ratings in force at the date, each shown once where related recommendations share one. */
  progress: { refs: string[]; rating: RecommendationRating; narrative: string; asOf: string }[];
}

export interface ImpactTable {
  report: Omit<ReportView, 'groups' | 'recommendations'>;
  date: string;
  rows: ImpactRow[];
}

/** A flat row per recommendation: the CSV of the impact table and the `recommendations` dataset of `cairn export`. */
export interface ImpactCsvRow {
  report: string;
  publisher: string;
  published_on: string;
  group: string | null;
  ref: string;
  text: string;
  addressees: string;
  dimensions: string;
  rating: string | null;
  as_of: string | null;
  narrative: string | null;
}

const GENERAL_NAMES: Record<'scottish_government' | 'cosla' | 'all_cpps', string> = {
  scottish_government: 'The Scottish Government',
  cosla: 'COSLA',
  all_cpps: 'Community Planning Partnerships',
};

export { joinAnd };

/**
 * What the tracker reads of other modules, each from its owner: the names of the partnerships and
 * organisations recommendations are addressed to (and the national organisations they may be), the audit
 * dimensions, the plan actions a partnership links, and who linked them.
 */
export interface RecommendationsLookups {
  directory: Pick<
    PartnershipDirectory,
    'partnershipsByIds' | 'organisationsByIds' | 'partnershipsByCodes' | 'nationalOrganisations'
  >;
  dimensions: Pick<AuditDimensions, 'all' | 'byCodes'>;
  planDirectory: Pick<PlanDirectory, 'actionsByIds'>;
  people: Pick<PeopleDirectory, 'usersByIds'>;
}

/** What loading a report needs of other modules: its addressees' names and its audit dimensions. */
type ReportLookups = Pick<RecommendationsLookups, 'directory' | 'dimensions'>;

/** The ratings a recommendation had at a date: every rating of the latest date on or before it (a report may rate parts of one recommendation separately). */
export function ratingsAsAt(history: readonly RatingView[], date: string): RatingView[] {
  const before = history.filter((r) => r.asOf <= date);
  const last = before.reduce<string | null>((m, r) => (m === null || r.asOf > m ? r.asOf : m), null);
  return last === null ? [] : before.filter((r) => r.asOf === last).sort((a, b) => a.id - b.id);
}

/** The impact table of a report at a date: one row per group (in order), one per ungrouped recommendation. */
export function impactRows(report: ReportView, date: string): ImpactRow[] {
  const rows: { key: string; row: ImpactRow; order: number }[] = [];
  for (const r of report.recommendations) {
    const key = r.group ? `g${r.group.id}` : `r${r.id}`;
    let entry = rows.find((x) => x.key === key);
    if (!entry) {
      entry = {
        key,
        order: r.group ? r.group.position : 1e6 + r.position,
        row: { group: r.group?.title ?? null, dimensions: [], recommendations: [], progress: [] },
      };
      rows.push(entry);
    }
    const row = entry.row;
    row.recommendations.push({
      id: r.id,
      ref: r.ref,
      text: r.text,
      addressees: joinAnd(r.addressees.map((a) => a.name)),
    });
    for (const d of r.dimensions) if (!row.dimensions.some((x) => x.code === d.code)) row.dimensions.push(d);
    for (const g of ratingsAsAt(r.history, date)) {
      const same = row.progress.find((x) => x.rating === g.rating && x.narrative === g.narrative && x.asOf === g.asOf);
      if (same) same.refs.push(r.ref);
      else row.progress.push({ refs: [r.ref], rating: g.rating, narrative: g.narrative, asOf: g.asOf });
    }
  }
  return rows.sort((a, b) => a.order - b.order).map((x) => x.row);
}

/** One flat row per recommendation with the ratings in force at the date (several on one date are joined with "; "). */
export function impactCsvRows(report: ReportView, date: string): ImpactCsvRow[] {
  const order = new Map(
    impactRows(report, date).flatMap((row, i) => row.recommendations.map((r, j) => [r.id, i * 10_000 + j] as const)),
  );
  return [...report.recommendations]
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((r) => {
      const now = ratingsAsAt(r.history, date);
      return {
        report: report.title,
        publisher: report.publisher,
        published_on: report.publishedOn,
        group: r.group?.title ?? null,
        ref: r.ref,
        text: r.text,
        addressees: joinAnd(r.addressees.map((a) => a.name)),
        dimensions: r.dimensions.map((d) => d.name).join('; '),
        rating: now.length ? now.map((g) => g.rating).join('; ') : null,
        as_of: now[0]?.asOf ?? null,
        narrative: now.length ? now.map((g) => g.narrative).join('\n') : null,
      };
    });
}

/**
 * Reports with everything in them, in the order of `ids`. The addressees' names and the dimensions' are looked
 * up in their owners (one query each, none when there are none to name), over `db` when given.
 */
export async function loadReports(
  repo: RecommendationsRepository,
  lookups: ReportLookups,
  ids: number[],
  db?: RecommendationsDb,
): Promise<ReportView[]> {
  if (!ids.length) return [];
  const { reports, groups, recs, addressees: addresseeRows, dims: dimRows, ratings } = await repo.reportRows(ids);
  const [partnerships, organisations, dimensionsByCode] = await Promise.all([
    lookups.directory.partnershipsByIds(distinctKeys(addresseeRows.map((a) => a.partnership_id)), db),
    lookups.directory.organisationsByIds(distinctKeys(addresseeRows.map((a) => a.organisation_id)), db),
    lookups.dimensions.byCodes(
      dimRows.map((d) => d.dimension_code),
      db,
    ),
  ]);
  const addressees = addresseeRows.map((a) => ({
    ...a,
    partnership_name: a.partnership_id === null ? null : (partnerships.get(a.partnership_id)?.name ?? null),
    organisation_name: a.organisation_id === null ? null : (organisations.get(a.organisation_id)?.name ?? null),
  }));
  // A recommendation's dimensions in the dimensions' order.
  const dims = dimRows
    .flatMap((d) => {
      const dim = dimensionsByCode.get(d.dimension_code);
      return dim
        ? [{ recommendation_id: d.recommendation_id, code: dim.code, name: dim.name, position: dim.position }]
        : [];
    })
    .sort((a, b) => a.position - b.position);
  const kindOrder: AddresseeKind[] = ['scottish_government', 'cosla', 'all_cpps', 'partnership', 'organisation'];
  const byId = new Map(reports.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const gs = groups
      .filter((g) => g.report_id === id)
      .map((g) => ({ id: g.id, title: g.title, position: g.position }));
    return [
      {
        id: r.id,
        title: r.title,
        publisher: r.publisher,
        publishedOn: r.published_on,
        url: r.url,
        summary: r.summary,
        groups: gs,
        recommendations: recs
          .filter((x) => x.report_id === id)
          .map((x) => {
            const history = ratings
              .filter((g) => g.recommendation_id === x.id)
              .map((g) => ({
                id: g.id,
                rating: g.rating,
                narrative: g.narrative,
                evidence: g.evidence,
                asOf: g.as_of,
                author: g.author_label,
                createdAt: new Date(g.created_at),
              }));
            return {
              id: x.id,
              reportId: id,
              ref: x.ref,
              text: x.text,
              position: x.position,
              group: gs.find((g) => g.id === x.group_id) ?? null,
              addressees: addressees
                .filter((a) => a.recommendation_id === x.id)
                .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))
                .map((a) => ({
                  kind: a.kind,
                  name:
                    a.kind === 'partnership'
                      ? (a.partnership_name ?? 'A partnership')
                      : a.kind === 'organisation'
                        ? (a.organisation_name ?? 'An organisation')
                        : GENERAL_NAMES[a.kind],
                  partnershipId: a.partnership_id,
                  organisationId: a.organisation_id,
                })),
              dimensions: dims.filter((d) => d.recommendation_id === x.id).map((d) => ({ code: d.code, name: d.name })),
              history,
              latest: history.length ? history[history.length - 1]! : null,
            };
          }),
      },
    ];
  });
}

/**
 * The recommendations tracker (issue 6): reports with their recommendations, addressees and audit
 * dimensions; Green/Amber/Red progress kept as history; the impact table at any date; and each
 * partnership's answers — actions of its own improvement plan linked to the recommendations addressed
 * to it. Reports and ratings are public; a partnership's answers are read only inside it.
 */
export class RecommendationsService {
  constructor(
    private readonly repo: RecommendationsRepository,
    readonly clock: Clock,
    readonly plans: PlansService,
    private readonly lookups: RecommendationsLookups,
  ) {}

  /** The audit dimensions, in their order (data, with their source). */
  async dimensions() {
    return this.lookups.dimensions.all();
  }

  /** The national organisations (owned by no partnership) a recommendation may be addressed to, by name. */
  async nationalOrganisations() {
    return this.lookups.directory.nationalOrganisations();
  }

  async listReports(ctx: RequestContext) {
    authorize(ctx.actor, 'recommendation:read');
    const rows = await this.repo.listReports();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      publishedOn: r.published_on,
      url: r.url,
      summary: r.summary,
      recommendations: Number(r.recommendations ?? 0),
    }));
  }

  async report(ctx: RequestContext, reportId: number): Promise<ReportView> {
    authorize(ctx.actor, 'recommendation:read');
    const [report] = await loadReports(this.repo, this.lookups, [reportId]);
    if (!report) throw new NotFoundError('report');
    return report;
  }

  async impact(ctx: RequestContext, reportId: number, date?: string): Promise<ImpactTable> {
    const report = await this.report(ctx, reportId);
    const at = date ?? todayIn(this.clock);
    const { groups: _g, recommendations: _r, ...head } = report;
    return { report: head, date: at, rows: impactRows(report, at) };
  }

  /**
   * Every report's recommendations with their latest rating (or the ratings in force at `date`): the
   * `recommendations` dataset of `cairn export` (national: no partnership's permission applies).
   */
  async exportRows(date = '9999-12-31'): Promise<ImpactCsvRow[]> {
    const ids = await this.repo.reportIdsOldestFirst();
    return (await loadReports(this.repo, this.lookups, ids)).flatMap((r) => impactCsvRows(r, date));
  }

  async createReport(ctx: RequestContext, input: z.output<typeof CreateReportSchema>) {
    authorize(ctx.actor, 'recommendation:manage');
    return this.repo.transaction(async (repo, trx) => {
      const now = this.clock.now();
      const row = await repo.insertReport({
        title: input.title,
        publisher: input.publisher,
        published_on: input.published_on,
        url: input.url ?? null,
        summary: input.summary ?? null,
        created_by_user_id: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'recommendation_report.create',
        resourceType: 'recommendation_report',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * Add a recommendation to a report: its reference (unique in the report), text, group (found by title
   * or started), addressees and audit dimensions. Every check runs before anything is written.
   */
  async addRecommendation(ctx: RequestContext, reportId: number, input: z.output<typeof AddRecommendationSchema>) {
    authorize(ctx.actor, 'recommendation:manage');
    return this.repo.transaction(async (repo, trx) => {
      const report = await repo.findReport(reportId);
      if (!report) throw new NotFoundError('report');
      const errors: Record<string, string[]> = {};
      const clash = await repo.findRecommendationByRef(report.id, input.ref);
      if (clash) errors['ref'] = [`This report already has a recommendation ${input.ref}`];
      const known = new Set((await this.lookups.dimensions.all(trx)).map((d) => d.code));
      const unknown = [...new Set(input.dimensions)].filter((d) => !known.has(d));
      if (unknown.length)
        errors['dimensions'] = [`Not an audit dimension: ${unknown.join(', ')}. Choose from ${[...known].join(', ')}`];
      let partnershipId: number | null = null;
      if (input.partnership_code) {
        const p = (await this.lookups.directory.partnershipsByCodes([input.partnership_code], trx)).get(
          input.partnership_code,
        );
        if (!p) errors['partnership_code'] = ['Choose a partnership from the list'];
        else partnershipId = p.id;
      }
      if (input.organisation_id !== undefined) {
        const o = (await this.lookups.directory.organisationsByIds([input.organisation_id], trx)).get(
          input.organisation_id,
        );
        // Only a national organisation (owned by no partnership) is an addressee.
        if (!o || o.owner_partnership_id !== null)
          errors['organisation_id'] = ['Choose a national organisation from the list'];
      }
      const kinds = [...new Set(input.addressees)];
      if (!kinds.length && !input.partnership_code && input.organisation_id === undefined)
        errors['addressees'] = [
          'Choose at least one addressee: the Scottish Government, COSLA, all partnerships, a partnership or an organisation',
        ];
      if (Object.keys(errors).length) throw new ValidationError(errors);

      let groupId: number | null = null;
      if (input.group) {
        const existing = await repo.findGroup(report.id, input.group);
        groupId =
          existing?.id ??
          (await repo.insertGroup(report.id, input.group, await repo.nextPosition('recommendation_groups', report.id)));
      }
      const row = await repo.insertRecommendation({
        report_id: report.id,
        group_id: groupId,
        ref: input.ref,
        text: input.text,
        position: await repo.nextPosition('recommendations', report.id),
        created_at: this.clock.now(),
      });
      const addressees = [
        ...kinds.map((kind) => ({ recommendation_id: row.id, kind, partnership_id: null, organisation_id: null })),
        ...(partnershipId !== null
          ? [
              {
                recommendation_id: row.id,
                kind: 'partnership' as const,
                partnership_id: partnershipId,
                organisation_id: null,
              },
            ]
          : []),
        ...(input.organisation_id !== undefined
          ? [
              {
                recommendation_id: row.id,
                kind: 'organisation' as const,
                partnership_id: null,
                organisation_id: input.organisation_id,
              },
            ]
          : []),
      ];
      await repo.insertAddressees(addressees);
      const dimensions = [...new Set(input.dimensions)];
      if (dimensions.length) await repo.insertDimensions(row.id, dimensions);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: partnershipId,
        action: 'recommendation.add',
        resourceType: 'recommendation',
        resourceId: row.id,
        after: {
          ...row,
          group: input.group ?? null,
          addressees: addressees.map((a) => ({
            kind: a.kind,
            partnership_id: a.partnership_id,
            organisation_id: a.organisation_id,
          })),
          dimensions,
        },
      });
      return row;
    });
  }

  /** Add a rating to a recommendation's history. Ratings are never changed: a newer one is added. */
  async rate(ctx: RequestContext, reportId: number, input: z.output<typeof RateSchema>) {
    authorize(ctx.actor, 'recommendation:manage');
    return this.repo.transaction(async (repo, trx) => {
      const report = await repo.findReport(reportId);
      if (!report) throw new NotFoundError('report');
      const rec = await repo.findRecommendationInReport(input.recommendation_id, report.id);
      if (!rec) throw ValidationError.field('recommendation_id', 'Choose one of this report’s recommendations');
      if (input.as_of < report.published_on)
        throw ValidationError.field(
          'as_of',
          `A rating cannot date from before the report was published (${report.published_on})`,
        );
      if (input.as_of > todayIn(this.clock))
        throw ValidationError.field('as_of', 'A rating cannot date from the future');
      const row = await repo.insertRating({
        recommendation_id: rec.id,
        rating: input.rating,
        narrative: input.narrative,
        evidence: input.evidence ?? null,
        as_of: input.as_of,
        author_user_id: actorUserId(ctx.actor),
        author_label: ctx.actor.kind === 'user' ? ctx.actor.displayName : actorLabel(ctx.actor),
        created_at: this.clock.now(),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: null,
        action: 'recommendation.rate',
        resourceType: 'recommendation',
        resourceId: rec.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * What the partnership answers: every recommendation addressed to all partnerships or to it by name,
   * with its latest national rating, the partnership's linked actions (with each action's latest
   * approved progress RAG), and the improvement-plan actions it may link.
   */
  async forPartnership(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'improvement:read', p.id);
    const ids = await this.repo.addressedTo(p.id);
    const reportIds = [...new Set(ids.map((r) => r.report_id))];
    const wanted = new Set(ids.map((r) => r.id));
    const reports = (await loadReports(this.repo, this.lookups, reportIds))
      .sort((a, b) => (a.publishedOn < b.publishedOn ? 1 : a.publishedOn > b.publishedOn ? -1 : b.id - a.id))
      .map((r) => ({ ...r, recommendations: r.recommendations.filter((x) => wanted.has(x.id)) }));
    // The improvement-plan actions a partnership may link: those of its own plans of kind 'improvement'.
    const actions = await this.plans.improvementActions(p.id);
    const responses = await this.responses(p.id);
    const actionIds = [...new Set(responses.map((r) => r.action_id))];
    const updates = await this.plans.approvedActionUpdates(p.id, actionIds);
    const latestOf = (actionId: number) => {
      const u = updates.filter((x) => x.subject_id === actionId).at(-1);
      return u ? { rag: u.rag, date: u.update_date, narrative: u.narrative } : null;
    };
    const planOf = new Map(actions.map((a) => [a.id, a.plan_title]));
    return {
      reports: reports.map((r) => ({
        ...r,
        recommendations: r.recommendations.map((x) => ({
          ...x,
          responses: responses
            .filter((s) => s.recommendation_id === x.id)
            .map((s) => ({
              id: s.id,
              actionId: s.action_id,
              action: s.action_title,
              actionStatus: s.action_status,
              plan: planOf.get(s.action_id) ?? null,
              note: s.note,
              by: s.by,
              at: new Date(s.created_at),
              progress: latestOf(s.action_id),
            })),
        })),
      })),
      actions,
    };
  }

  /**
   * The partnership's answers, oldest first: each link with its action's title and status (from the plans
   * module; a link whose action is gone is left out) and the name of who made it (from accounts).
   */
  private async responses(partnershipId: number) {
    const rows = await this.repo.responses(partnershipId);
    const [actions, people] = await Promise.all([
      this.lookups.planDirectory.actionsByIds(rows.map((r) => r.action_id)),
      this.lookups.people.usersByIds(distinctKeys(rows.map((r) => r.created_by_user_id))),
    ]);
    return rows.flatMap(({ created_by_user_id, ...r }) => {
      const action = actions.get(r.action_id);
      if (!action) return [];
      const by = created_by_user_id === null ? null : (people.get(created_by_user_id)?.display_name ?? null);
      return [{ ...r, action_title: action.title, action_status: action.status, by }];
    });
  }

  /** Link an action of the partnership's own improvement plan to a recommendation addressed to it. */
  async link(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof LinkSchema>) {
    authorize(ctx.actor, 'recommendation:respond', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const addressed = await repo.findAddressedTo(input.recommendation_id, p.id);
      if (!addressed)
        throw ValidationError.field(
          'recommendation_id',
          'Choose a recommendation addressed to all partnerships or to yours',
        );
      const action = await this.plans.actionInPartnership(input.action_id, p.id, trx);
      // Another partnership's action reads as unknown: the refusal does not say it exists.
      if (!action) throw ValidationError.field('action_id', 'Choose an action of your partnership’s improvement plan');
      if (action.kind !== 'improvement')
        throw ValidationError.field(
          'action_id',
          'That action is not in an improvement plan: choose an action of your partnership’s improvement plan',
        );
      const existing = await repo.findResponse(input.recommendation_id, action.id);
      if (existing) throw ValidationError.field('action_id', 'That action is already linked to this recommendation');
      const row = await repo.insertResponse({
        recommendation_id: input.recommendation_id,
        partnership_id: p.id,
        action_id: action.id,
        note: input.note ?? null,
        created_by_user_id: actorUserId(ctx.actor),
        created_at: this.clock.now(),
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'recommendation.link',
        resourceType: 'recommendation_response',
        resourceId: row.id,
        after: { ...row, action: action.title },
      });
      return row;
    });
  }

  async unlink(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof UnlinkSchema>) {
    authorize(ctx.actor, 'recommendation:respond', p.id);
    return this.repo.transaction(async (repo, trx) => {
      const row = await repo.findResponseInPartnership(input.response_id, p.id);
      if (!row) throw new NotFoundError('link');
      await repo.deleteResponse(row.id, p.id);
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'recommendation.unlink',
        resourceType: 'recommendation_response',
        resourceId: row.id,
        before: row,
      });
      return row;
    });
  }
}
