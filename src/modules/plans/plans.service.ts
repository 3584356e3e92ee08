import type { z } from 'zod';
import { actorLabel, actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { RequestContext } from '../../core/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { distinctKeys } from '../../core/keys.ts';
import type { PlanStatus } from '../../db/schema.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { Geography } from '../areas/index.ts';
import type { IndicatorCatalogue } from '../outcomes/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import * as repo from './plans.repository.ts';
import { transaction, type PlanScope, type PlansDb, type PlansHandle, type PlansTrx } from './plans.repository.ts';
import { progressStatus, type ProgressParameters, type ProgressResult } from './progress-status.ts';
import { summariseProgress, type ProgressSummary } from './progress-summary.ts';
import type {
  ActionSchema,
  CreatePlanSchema,
  MeasureSchema,
  MeasureValueSchema,
  OutcomeSchema,
  ParentSchema,
  PrioritySchema,
  StatusSchema,
  UpdateSchema,
} from './plans.schemas.ts';

type Db = PlansDb;

export interface MeasureView {
  id: number;
  title: string;
  indicatorCode: string | null;
  indicatorName: string | null;
  areaCode: string | null;
  unit: string | null;
  higherIsBetter: boolean;
  baseline: { year: number; value: number } | null;
  targets: { year: number; value: number }[];
  /** Values by year: from the outcomes data for an indicator, or entered by the partnership. */
  values: { year: number; value: number; source: string | null }[];
  progress: ProgressResult;
  /** No value in the last `stale_after_years` years (a method parameter). */
  stale: boolean;
}

export interface UpdateView {
  id: number;
  subjectKind: 'outcome' | 'measure' | 'action';
  subjectId: number;
  rag: 'red' | 'amber' | 'green';
  narrative: string;
  evidenceUrl: string | null;
  date: string;
  author: string;
  approved: boolean;
}

export interface PlanTree {
  plan: {
    id: number;
    partnershipId: number;
    partnershipCode: string;
    partnershipName: string;
    kind: 'loip' | 'locality' | 'improvement';
    title: string;
    summary: string | null;
    localityCode: string | null;
    localityName: string | null;
    startYear: number;
    endYear: number;
    status: PlanStatus;
    version: number;
    publishedAt: Date | null;
    fictional: boolean;
    /** The plan this one sits under, and the plans under it: only those the reader may see. */
    parent: { id: number; title: string; status: PlanStatus } | null;
    children: { id: number; title: string; kind: 'loip' | 'locality' | 'improvement'; status: PlanStatus }[];
  };
  priorities: {
    id: number;
    title: string;
    description: string | null;
    outcomes: {
      id: number;
      title: string;
      description: string | null;
      national: { code: string; name: string }[];
      measures: MeasureView[];
      actions: {
        id: number;
        title: string;
        lead: { id: number; name: string };
        contributors: { id: number; name: string }[];
        startDate: string | null;
        dueDate: string | null;
        status: string;
        horizon: string;
        overdue: boolean;
        latest: UpdateView | null;
      }[];
      latest: UpdateView | null;
    }[];
  }[];
  updates: UpdateView[];
}

/**
 * What plans read of other modules' tables, through their owners (issue #15, item 4): a plan's locality,
 * the indicators and national outcomes its measures and outcomes follow (with the indicators' data), the
 * partnership's and organisations' names and the partnership's partners, and the organisation a user works for.
 */
export interface PlansReads {
  geography: Pick<Geography, 'areasByCodes' | 'localityOfPartnership'>;
  catalogue: Pick<
    IndicatorCatalogue,
    'indicatorsByCodes' | 'indicatorChoices' | 'indicatorOpenTo' | 'nationalOutcomes' | 'observedSeries'
  >;
  directory: Pick<PartnershipDirectory, 'partnershipsByIds' | 'organisationsByIds' | 'partnerOrganisations'>;
  people: Pick<PeopleDirectory, 'usersByIds'>;
}

/** The status a plan may move to from each status: forward one step, or back to draft. */
const NEXT_STATUS: Record<PlanStatus, PlanStatus[]> = {
  draft: ['consultation', 'approved'],
  consultation: ['draft', 'approved'],
  approved: ['draft', 'published'],
  published: ['draft'],
};

export class PlansService {
  constructor(
    private readonly db: PlansHandle,
    private readonly clock: Clock,
    private readonly reads: PlansReads,
  ) {}

  private async parameters(db: Db): Promise<ProgressParameters> {
    const p = (await readMethodParameters(db, 'open_sdg_progress')).values;
    return {
      onTrack: p.on_track,
      acceleration: p.acceleration,
      noTargetOnTrack: p.no_target_on_track,
      noTargetAcceleration: p.no_target_acceleration,
    };
  }

  /** Can the actor see this plan? Published plans are public; the rest only inside the partnership. */
  private canSee(ctx: RequestContext, plan: { partnership_id: number; status: string }): boolean {
    return plan.status === 'published' || can(ctx.actor, 'partnership:read', plan.partnership_id);
  }

  async list(ctx: RequestContext, partnershipId: number) {
    authorize(ctx.actor, 'plan:read');
    const rows = (await repo.listPlans(this.db, partnershipId)).filter((r) => this.canSee(ctx, r));
    // The localities' names, from the geography in one lookup.
    const areas = await this.reads.geography.areasByCodes(distinctKeys(rows.map((r) => r.locality_code)));
    return rows.map(({ locality_code, ...r }) => ({
      ...r,
      locality_name: locality_code === null ? null : (areas.get(locality_code)?.name ?? null),
    }));
  }

  /** The organisation a user works for, if any (read inside the caller's transaction `db`). */
  private async userOrganisation(db: Db, userId: number): Promise<number | null | undefined> {
    return (await this.reads.people.usersByIds([userId], db)).get(userId)?.organisation_id;
  }

  /** A plan of the partnership the actor may see (its partnership a condition of the query). */
  private async plan(db: Db, ctx: RequestContext, planId: number, partnershipId: number) {
    const row = await repo.findPlan(db, { planId, partnershipId });
    if (!row || !this.canSee(ctx, row)) throw new NotFoundError('plan');
    return row;
  }

  /** A plan the actor may edit: inside the partnership, with plan:edit there. */
  private async editable(
    db: Db,
    ctx: RequestContext,
    p: PartnershipRef,
    planId: number,
    permission: 'plan:edit' | 'plan:publish' = 'plan:edit',
  ) {
    authorize(ctx.actor, permission, p.id);
    const row = await repo.findPlan(db, { planId, partnershipId: p.id });
    if (!row) throw new NotFoundError('plan');
    return row;
  }

  async create(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof CreatePlanSchema>) {
    authorize(ctx.actor, 'plan:edit', p.id);
    return transaction(this.db, async (trx) => {
      if (input.locality_code) {
        const loc = await this.reads.geography.localityOfPartnership(p.id, input.locality_code, trx);
        if (!loc) throw ValidationError.field('locality_code', 'Choose one of the partnership’s localities');
      }
      const now = this.clock.now();
      const row = await repo.insertPlan(trx, {
        partnership_id: p.id,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        locality_code: input.locality_code ?? null,
        start_year: input.start_year,
        end_year: input.end_year,
        status: 'draft',
        fictional: p.fictional,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'plan.create',
        resourceType: 'plan',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  async addPriority(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof PrioritySchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const sort = await repo.nextSort(trx, 'plan_priorities', 'plan_id', plan.id);
      const row = await repo.insertPriority(trx, {
        plan_id: plan.id,
        title: input.title,
        description: input.description ?? null,
        sort_order: sort,
      });
      await this.touch(trx, ctx, p, plan.id, 'plan.add_priority', 'plan_priority', row.id, row);
      return row;
    });
  }

  async addOutcome(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof OutcomeSchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const priority = await repo.findPriority(trx, { planId: plan.id, partnershipId: p.id }, input.priority_id);
      if (!priority) throw ValidationError.field('priority_id', 'Choose one of this plan’s priorities');
      const known = new Set((await this.reads.catalogue.nationalOutcomes(trx)).map((r) => r.code));
      const unknown = input.national_outcomes.filter((c) => !known.has(c));
      if (unknown.length)
        throw ValidationError.field('national_outcomes', `Not a national outcome: ${unknown.join(', ')}`);
      const sort = await repo.nextSort(trx, 'plan_outcomes', 'priority_id', priority.id);
      const row = await repo.insertOutcome(trx, {
        priority_id: priority.id,
        title: input.title,
        description: input.description ?? null,
        sort_order: sort,
      });
      if (input.national_outcomes.length)
        await repo.insertOutcomeNational(trx, row.id, [...new Set(input.national_outcomes)]);
      await this.touch(trx, ctx, p, plan.id, 'plan.add_outcome', 'plan_outcome', row.id, {
        ...row,
        national_outcomes: input.national_outcomes,
      });
      return row;
    });
  }

  private async outcomeOf(trx: Db, scope: PlanScope, outcomeId: number) {
    const row = await repo.findOutcome(trx, scope, outcomeId);
    if (!row) throw ValidationError.field('outcome_id', 'Choose one of this plan’s local outcomes');
    return row;
  }

  async addMeasure(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof MeasureSchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const outcome = await this.outcomeOf(trx, { planId: plan.id, partnershipId: p.id }, input.outcome_id);
      let higher = input.higher_is_better === undefined ? null : input.higher_is_better === 'true';
      let unit = input.unit ?? null;
      if (input.indicator_code) {
        const ind = await this.reads.catalogue.indicatorOpenTo(input.indicator_code, p.id, trx);
        if (!ind) throw ValidationError.field('indicator_code', 'Choose an indicator from the outcomes data');
        higher ??= ind.higher_is_better;
        unit ??= ind.unit;
      }
      if (higher === null) throw ValidationError.field('higher_is_better', 'Say whether a higher value is better');
      for (const t of input.targets) {
        if (t.year < plan.start_year || t.year > plan.end_year + 1) {
          throw ValidationError.field(
            'targets',
            `The target for ${t.year} is outside the plan, which runs from ${financialYearLabel(plan.start_year)} to ${financialYearLabel(plan.end_year)}`,
          );
        }
      }
      if (new Set(input.targets.map((t) => t.year)).size !== input.targets.length)
        throw ValidationError.field('targets', 'Give one target per year');
      const area = plan.locality_code ?? p.councilAreaCode;
      const sort = await repo.nextSort(trx, 'plan_measures', 'plan_outcome_id', outcome.id);
      const row = await repo.insertMeasure(trx, {
        plan_outcome_id: outcome.id,
        title: input.title,
        indicator_code: input.indicator_code ?? null,
        area_code: input.indicator_code ? area : null,
        unit,
        higher_is_better: higher,
        baseline_year: input.baseline_year ?? null,
        baseline_value: input.baseline_value ?? null,
        sort_order: sort,
      });
      if (input.targets.length) await repo.insertTargets(trx, row.id, input.targets);
      await this.touch(trx, ctx, p, plan.id, 'plan.add_measure', 'plan_measure', row.id, {
        ...row,
        targets: input.targets,
      });
      return row;
    });
  }

  async addMeasureValue(
    ctx: RequestContext,
    p: PartnershipRef,
    planId: number,
    measureId: number,
    input: z.output<typeof MeasureValueSchema>,
  ) {
    authorize(ctx.actor, 'progress:update', p.id);
    return transaction(this.db, async (trx) => {
      await this.plan(trx, ctx, planId, p.id);
      const m = await repo.findMeasure(trx, { planId, partnershipId: p.id }, measureId);
      if (!m) throw new NotFoundError('measure');
      if (m.indicator_code)
        throw ValidationError.field('value', 'This measure takes its values from the outcomes data; import them there');
      await repo.upsertMeasureValue(trx, {
        measure_id: m.id,
        year: input.year,
        value: input.value,
        source: input.source ?? null,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'plan.measure_value',
        resourceType: 'plan_measure',
        resourceId: m.id,
        after: input,
      });
    });
  }

  async addAction(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof ActionSchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const outcome = await this.outcomeOf(trx, { planId: plan.id, partnershipId: p.id }, input.outcome_id);
      const members = new Set((await this.reads.directory.partnerOrganisations(p.id, trx)).map((o) => o.id));
      if (!members.has(input.lead_organisation_id))
        throw ValidationError.field('lead_organisation_id', 'Choose one of the partnership’s partners');
      const contributors = [...new Set(input.contributors.map(Number))];
      const stranger = contributors.find((c) => !Number.isInteger(c) || !members.has(c));
      if (stranger !== undefined)
        throw ValidationError.field('contributors', 'Choose contributing partners from the partnership’s partners');
      const sort = await repo.nextSort(trx, 'plan_actions', 'plan_outcome_id', outcome.id);
      const row = await repo.insertAction(trx, {
        plan_outcome_id: outcome.id,
        title: input.title,
        lead_organisation_id: input.lead_organisation_id,
        start_date: input.start_date ?? null,
        due_date: input.due_date ?? null,
        status: input.status,
        horizon: input.horizon,
        sort_order: sort,
      });
      const others = contributors.filter((c) => c !== input.lead_organisation_id);
      if (others.length) await repo.insertContributors(trx, row.id, others);
      await this.touch(trx, ctx, p, plan.id, 'plan.add_action', 'plan_action', row.id, {
        ...row,
        contributors: others,
      });
      return row;
    });
  }

  /**
   * Put a plan under another of the partnership's plans (or under none). The chain of parents may not
   * come back to the plan itself: a cycle is refused, naming it, and nothing is written.
   */
  async setParent(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof ParentSchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const parentId = input.parent_plan_id;
      if (parentId !== null) {
        if (parentId === plan.id) throw ValidationError.field('parent_plan_id', 'A plan cannot sit under itself');
        const plans = await repo.plansWithParents(trx, p.id);
        const byId = new Map(plans.map((x) => [x.id, x]));
        if (!byId.has(parentId)) throw ValidationError.field('parent_plan_id', 'Choose one of the partnership’s plans');
        const chain: string[] = [];
        for (
          let at = byId.get(parentId);
          at;
          at = at.parent_plan_id === null ? undefined : byId.get(at.parent_plan_id)
        ) {
          chain.push(at.title);
          if (at.id === plan.id) {
            throw ValidationError.field(
              'parent_plan_id',
              `That would make a loop: ${[plan.title, ...chain].join(' → ')}. Choose a plan that is not already under “${plan.title}”`,
            );
          }
          if (chain.length > plans.length) break;
        }
      }
      const after = await repo.updatePlan(
        trx,
        { planId: plan.id, partnershipId: p.id },
        { parent_plan_id: parentId, updated_at: this.clock.now() },
      );
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'plan.set_parent',
        resourceType: 'plan',
        resourceId: plan.id,
        before: { parent_plan_id: plan.parent_plan_id },
        after: { parent_plan_id: after.parent_plan_id },
      });
      return after;
    });
  }

  /** Move a plan through draft → consultation → approved → published (or back to draft). Approval and publication freeze a version. */
  async setStatus(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof StatusSchema>) {
    return transaction(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId, 'plan:publish');
      if (!NEXT_STATUS[plan.status].includes(input.status)) {
        throw ValidationError.field(
          'status',
          `A plan that is ${plan.status} can move to ${NEXT_STATUS[plan.status].join(' or ')}, not ${input.status}`,
        );
      }
      const now = this.clock.now();
      let version = plan.version;
      if (input.status === 'approved' || input.status === 'published') {
        version += 1;
        const snapshot = await this.tree({ ...ctx, actor: { kind: 'system', label: 'snapshot' } }, plan.id, p.id, trx);
        await repo.insertVersion(trx, {
          plan_id: plan.id,
          version,
          status: input.status,
          snapshot: JSON.stringify(snapshotOf(snapshot)),
          note: input.note ?? null,
          created_at: now,
          created_by_user_id: actorUserId(ctx.actor),
        });
      }
      const after = await repo.updatePlan(
        trx,
        { planId: plan.id, partnershipId: p.id },
        {
          status: input.status,
          version,
          updated_at: now,
          published_at: input.status === 'published' ? now : plan.published_at,
        },
      );
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: `plan.${input.status === 'published' ? 'publish' : 'set_status'}`,
        resourceType: 'plan',
        resourceId: plan.id,
        before: { status: plan.status, version: plan.version },
        after: { status: after.status, version: after.version, note: input.note ?? null },
      });
      return after;
    });
  }

  /**
   * A progress update (RAG, the story behind the curve, evidence). Partner officers update the actions
   * their organisation leads or contributes to; managers update anything, and approve before anything
   * is shown publicly.
   */
  async addUpdate(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof UpdateSchema>) {
    authorize(ctx.actor, 'progress:update', p.id);
    return transaction(this.db, async (trx) => {
      const plan = await this.plan(trx, ctx, planId, p.id);
      const [kind, idText] = input.subject.split(':') as ['outcome' | 'measure' | 'action', string];
      const subjectId = Number(idText);
      const scope: PlanScope = { planId: plan.id, partnershipId: p.id };
      const belongs = await repo.subjectInPlan(trx, scope, kind, subjectId);
      if (!belongs) throw ValidationError.field('subject', 'Choose an outcome, measure or action of this plan');
      const manager = can(ctx.actor, 'progress:approve', p.id);
      if (!manager) {
        if (kind !== 'action')
          throw new ForbiddenError(
            'Partner officers update their own actions; a partnership manager updates outcomes and measures.',
          );
        const userId = actorUserId(ctx.actor);
        const org = userId === null ? null : await this.userOrganisation(trx, userId);
        const involved = await repo.actionInvolving(trx, scope, subjectId, org ?? -1);
        if (!involved)
          throw new ForbiddenError('You can update the actions your organisation leads or contributes to.');
      }
      const now = this.clock.now();
      const row = await repo.insertUpdate(trx, {
        plan_id: plan.id,
        subject_kind: kind,
        subject_id: subjectId,
        rag: input.rag,
        narrative: input.narrative,
        evidence_url: input.evidence_url ?? null,
        update_date: input.update_date,
        author_user_id: actorUserId(ctx.actor),
        author_label: ctx.actor.kind === 'user' ? ctx.actor.displayName : actorLabel(ctx.actor),
        approved: manager,
        approved_by_user_id: manager ? actorUserId(ctx.actor) : null,
        approved_at: manager ? now : null,
        created_at: now,
      });
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'progress.update',
        resourceType: 'progress_update',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  async approveUpdate(ctx: RequestContext, p: PartnershipRef, planId: number, updateId: number) {
    authorize(ctx.actor, 'progress:approve', p.id);
    return transaction(this.db, async (trx) => {
      await this.plan(trx, ctx, planId, p.id);
      const row = await repo.approveUpdate(trx, { planId, partnershipId: p.id }, updateId, {
        approved_by_user_id: actorUserId(ctx.actor),
        approved_at: this.clock.now(),
      });
      if (!row) throw new NotFoundError('update awaiting approval');
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'progress.approve',
        resourceType: 'progress_update',
        resourceId: row.id,
        after: { approved: true },
      });
      return row;
    });
  }

  private async touch(
    trx: PlansTrx,
    ctx: RequestContext,
    p: PartnershipRef,
    planId: number,
    action: string,
    type: string,
    id: number,
    after: unknown,
  ) {
    await repo.touchPlan(trx, { planId, partnershipId: p.id }, this.clock.now());
    await recordAudit(trx, ctx, this.clock, { partnershipId: p.id, action, resourceType: type, resourceId: id, after });
  }

  /**
   * The whole plan: priorities → outcomes (with national outcomes) → measures (with data and status) and
   * actions, with progress. A plan of the partnership only; `db` is the caller's transaction, if it has one.
   */
  async tree(ctx: RequestContext, planId: number, partnershipId: number, db: Db = this.db): Promise<PlanTree> {
    authorize(ctx.actor, 'plan:read');
    const plan = await this.plan(db, ctx, planId, partnershipId);
    const scope: PlanScope = { planId: plan.id, partnershipId: plan.partnership_id };
    const [rows, params, partnerships, localities, nationalOutcomes] = await Promise.all([
      repo.treeRows(db, scope),
      this.parameters(db),
      this.reads.directory.partnershipsByIds([plan.partnership_id], db),
      this.reads.geography.areasByCodes(plan.locality_code === null ? [] : [plan.locality_code], db),
      this.reads.catalogue.nationalOutcomes(db),
    ]);
    const { priorities, outcomes, targets, values, updates } = rows;
    const partnership = partnerships.get(plan.partnership_id);
    if (!partnership) throw new NotFoundError('partnership');
    const locality = plan.locality_code === null ? undefined : localities.get(plan.locality_code);

    const { national, measures, actions, contributors, observations } = await this.namesOfTree(
      rows,
      nationalOutcomes,
      db,
    );
    const insider = can(ctx.actor, 'partnership:read', plan.partnership_id);
    const visibleUpdates: UpdateView[] = updates
      .filter((u) => u.approved || insider)
      .map((u) => ({
        id: u.id,
        subjectKind: u.subject_kind,
        subjectId: u.subject_id,
        rag: u.rag,
        narrative: u.narrative,
        evidenceUrl: u.evidence_url,
        date: u.update_date,
        author: u.author_label,
        approved: u.approved,
      }));
    const latestOf = (kind: UpdateView['subjectKind'], id: number) =>
      visibleUpdates.find((u) => u.subjectKind === kind && u.subjectId === id && u.approved) ?? null;

    const related = (await repo.relatedPlans(db, plan.partnership_id, plan)).filter((r) => this.canSee(ctx, r));
    const today = this.clock.now().toISOString().slice(0, 10);
    const staleAfter = (await readMethodParameters(db, 'plans')).values.stale_after_years;
    const staleBefore = this.clock.now().getUTCFullYear() - staleAfter;

    const measureView = (m: (typeof measures)[number]) =>
      measureViewOf(m, { observations, values, targets, params, staleBefore });

    return {
      plan: {
        id: plan.id,
        partnershipId: plan.partnership_id,
        partnershipCode: partnership.code,
        partnershipName: partnership.name,
        kind: plan.kind,
        title: plan.title,
        summary: plan.summary,
        localityCode: plan.locality_code,
        localityName: locality?.name ?? null,
        startYear: plan.start_year,
        endYear: plan.end_year,
        status: plan.status,
        version: plan.version,
        publishedAt: plan.published_at,
        fictional: plan.fictional,
        parent: related.find((r) => r.id === plan.parent_plan_id) ?? null,
        children: related
          .filter((r) => r.parent_plan_id === plan.id)
          .map((r) => ({ id: r.id, title: r.title, kind: r.kind, status: r.status })),
      },
      priorities: priorities.map((pr) => ({
        id: pr.id,
        title: pr.title,
        description: pr.description,
        outcomes: outcomes
          .filter((o) => o.priority_id === pr.id)
          .map((o) => ({
            id: o.id,
            title: o.title,
            description: o.description,
            national: national.filter((n) => n.plan_outcome_id === o.id).map((n) => ({ code: n.code, name: n.name })),
            measures: measures.filter((m) => m.plan_outcome_id === o.id).map(measureView),
            actions: actions
              .filter((a) => a.plan_outcome_id === o.id)
              .map((a) => ({
                id: a.id,
                title: a.title,
                lead: { id: a.lead_organisation_id, name: a.lead_name },
                contributors: contributors.filter((c) => c.action_id === a.id).map((c) => ({ id: c.id, name: c.name })),
                startDate: a.start_date,
                dueDate: a.due_date,
                status: a.status,
                horizon: a.horizon,
                overdue:
                  a.due_date !== null && a.due_date < today && a.status !== 'complete' && a.status !== 'cancelled',
                latest: latestOf('action', a.id),
              })),
            latest: latestOf('outcome', o.id),
          })),
      })),
      updates: visibleUpdates,
    };
  }

  /**
   * The names beside a plan's rows, from their owners: one lookup each for the indicators and the organisations
   * (leads and contributors), and the outcomes data for measures linked to indicators; national outcomes in the
   * framework's order. An action whose lead is not found is left out, as the join it replaces left it out.
   */
  private async namesOfTree(
    rows: TreeRows,
    nationalOutcomes: Awaited<ReturnType<PlansReads['catalogue']['nationalOutcomes']>>,
    db: Db,
  ) {
    const linked = rows.measures.filter((m) => m.indicator_code && m.area_code);
    const [indicators, organisations, observations] = await Promise.all([
      this.reads.catalogue.indicatorsByCodes(distinctKeys(rows.measures.map((m) => m.indicator_code)), db),
      this.reads.directory.organisationsByIds(
        [...rows.actions.map((a) => a.lead_organisation_id), ...rows.contributors.map((c) => c.organisation_id)],
        db,
      ),
      this.reads.catalogue.observedSeries(
        linked.map((m) => ({ indicator_code: m.indicator_code!, area_code: m.area_code! })),
        db,
      ),
    ]);
    // National outcomes in the framework's order.
    const nationalOrder = new Map(nationalOutcomes.map((n, i) => [n.code, { ...n, order: i }]));
    const national = rows.national
      .flatMap((n) => {
        const no = nationalOrder.get(n.national_outcome_code);
        return no ? [{ plan_outcome_id: n.plan_outcome_id, code: no.code, name: no.name, order: no.order }] : [];
      })
      .sort((a, b) => a.order - b.order);
    const measures = rows.measures.map((m) => ({
      ...m,
      indicator_name: m.indicator_code === null ? null : (indicators.get(m.indicator_code)?.name ?? null),
    }));
    const actions = rows.actions.flatMap((a) => {
      const lead = organisations.get(a.lead_organisation_id);
      return lead ? [{ ...a, lead_name: lead.name }] : [];
    });
    const contributors = rows.contributors
      .flatMap((c) => {
        const org = organisations.get(c.organisation_id);
        return org ? [{ action_id: c.action_id, id: org.id, name: org.name }] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return { national, measures, actions, contributors, observations };
  }

  /** Progress across the partnership's plans since a date (drafts included, for the partnership's own people). */
  async progressSummary(ctx: RequestContext, p: PartnershipRef, since: string): Promise<ProgressSummary> {
    authorize(ctx.actor, 'partnership:read', p.id);
    const plans = await this.list(ctx, p.id);
    const trees = [];
    for (const pl of plans) trees.push(await this.tree(ctx, pl.id, p.id));
    const today = todayIn(this.clock);
    return summariseProgress({ code: p.code, name: p.name, fictional: p.fictional }, trees, since, today);
  }

  async versions(ctx: RequestContext, p: PartnershipRef, planId: number) {
    authorize(ctx.actor, 'partnership:read', p.id);
    await this.plan(this.db, ctx, planId, p.id);
    return repo.listVersions(this.db, { planId, partnershipId: p.id });
  }

  // For the improvement module (recommendations and the national view). These check no permission: they serve
  // another module's service, which has authorised its reader before it asks.

  /** A partnership's actions in its plans of kind 'improvement', in plan order. No authorisation: see above. */
  improvementActions(partnershipId: number) {
    return repo.improvementActions(this.db, partnershipId);
  }

  /**
   * One action of one of the partnership's plans (of any kind), or undefined; run on `trx`, the caller's
   * transaction, when given. No authorisation: see above.
   */
  actionInPartnership(actionId: number, partnershipId: number, trx: PlansDb = this.db) {
    return repo.actionInPartnership(trx, actionId, partnershipId);
  }

  /** For each of these actions, its plan's partnership and status (any partnership: the national view). No authorisation. */
  actionPlans(actionIds: readonly number[]) {
    return repo.actionPlans(this.db, actionIds);
  }

  /** Every partnership's LOIPs, newest first: the national view's plan column. No authorisation: see above. */
  loips() {
    return repo.listLoips(this.db);
  }

  /** Every partnership's published plans, newest first. No authorisation: see above. */
  publishedPlans() {
    return repo.listPublishedPlans(this.db);
  }

  /**
   * For these plans (any partnership's): each priority with each of its outcomes, each measure with whether it
   * has a target, and the money committed per financial year (the national stocktake). No authorisation.
   */
  planShapes(planIds: readonly number[]) {
    return repo.planShapes(this.db, planIds);
  }

  /** Approved progress updates of these actions of the partnership's plans, oldest first. No authorisation. */
  approvedActionUpdates(partnershipId: number, actionIds: readonly number[]) {
    return repo.approvedActionUpdates(this.db, partnershipId, actionIds);
  }

  /** What a plan's editor chooses from: the indicators a measure may follow, and the national outcomes. */
  async editorChoices(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'plan:read');
    const [indicators, national] = await Promise.all([
      this.reads.catalogue.indicatorChoices(p.id),
      this.reads.catalogue.nationalOutcomes(),
    ]);
    return { indicators, national };
  }
}

/** What a version keeps: the structure and targets, not the data that keeps arriving. */
export function snapshotOf(t: PlanTree) {
  return {
    title: t.plan.title,
    summary: t.plan.summary,
    period: [t.plan.startYear, t.plan.endYear],
    priorities: t.priorities.map((p) => ({
      title: p.title,
      outcomes: p.outcomes.map((o) => ({
        title: o.title,
        national: o.national.map((n) => n.code),
        measures: o.measures.map((m) => ({
          title: m.title,
          indicator: m.indicatorCode,
          baseline: m.baseline,
          targets: m.targets,
        })),
        actions: o.actions.map((a) => ({ title: a.title, lead: a.lead.name, due: a.dueDate, horizon: a.horizon })),
      })),
    })),
  };
}

export type Snapshot = ReturnType<typeof snapshotOf>;

/** What changed between two versions, line by line: every item as a path of titles. */
export function diffSnapshots(older: Snapshot, newer: Snapshot): { added: string[]; removed: string[] } {
  const lines = (s: Snapshot) => {
    const out: string[] = [`Plan: ${s.title} (${s.period[0]}–${s.period[1]})`];
    for (const p of s.priorities) {
      out.push(`Priority: ${p.title}`);
      for (const o of p.outcomes) {
        out.push(`Priority: ${p.title} › Outcome: ${o.title}${o.national.length ? ` [${o.national.join(', ')}]` : ''}`);
        for (const m of o.measures)
          out.push(
            `Priority: ${p.title} › Outcome: ${o.title} › Measure: ${m.title}${m.targets.length ? ` (targets ${m.targets.map((t) => `${t.year}: ${t.value}`).join(', ')})` : ''}`,
          );
        for (const a of o.actions)
          out.push(
            `Priority: ${p.title} › Outcome: ${o.title} › Action: ${a.title} (lead ${a.lead}, ${a.horizon} term${a.due ? `, due ${a.due}` : ''})`,
          );
      }
    }
    return out;
  };
  const a = lines(older);
  const b = lines(newer);
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

/** A plan's rows as the repository reads them, and a measure with its indicator's name beside it. */
type TreeRows = Awaited<ReturnType<typeof repo.treeRows>>;
type TreeMeasure = TreeRows['measures'][number] & { indicator_name: string | null };

/** What the measure's page and the plan's tree show of one measure: its series, targets and progress. */
function measureViewOf(
  m: TreeMeasure,
  data: {
    observations: Awaited<ReturnType<PlansReads['catalogue']['observedSeries']>>;
    values: TreeRows['values'];
    targets: TreeRows['targets'];
    params: ProgressParameters;
    staleBefore: number;
  },
): MeasureView {
  const { observations, values, targets, params, staleBefore } = data;
  const series = m.indicator_code
    ? observations
        .filter((o) => o.indicator_code === m.indicator_code && o.area_code === m.area_code)
        .map((o) => ({ year: Number(o.period_start.slice(0, 4)), value: Number(o.value), source: o.period_label }))
    : values
        .filter((v) => v.measure_id === m.id)
        .map((v) => ({ year: v.year, value: Number(v.value), source: v.source }));
  const ts = targets.filter((t) => t.measure_id === m.id).map((t) => ({ year: t.year, value: Number(t.value) }));
  const baseline =
    m.baseline_year !== null && m.baseline_value !== null
      ? { year: m.baseline_year, value: Number(m.baseline_value) }
      : null;
  const base = baseline ?? series[0] ?? null;
  const latest = series.filter((s) => !base || s.year >= base.year).at(-1) ?? null;
  // The nearest target at or after the latest value; else the last one.
  const target = latest ? (ts.find((t) => t.year >= latest.year) ?? ts.at(-1) ?? null) : null;
  const progress: ProgressResult =
    base && latest
      ? progressStatus(
          {
            baseYear: base.year,
            baseValue: base.value,
            latestYear: latest.year,
            latestValue: latest.value,
            higherIsBetter: m.higher_is_better,
            target,
          },
          params,
        )
      : { status: null, reason: 'There is no data for this measure yet.' };
  const stale = (series.at(-1)?.year ?? -Infinity) < staleBefore;
  return {
    id: m.id,
    title: m.title,
    indicatorCode: m.indicator_code,
    indicatorName: m.indicator_name,
    areaCode: m.area_code,
    unit: m.unit,
    higherIsBetter: m.higher_is_better,
    baseline,
    targets: ts,
    values: series,
    progress,
    stale,
  };
}
