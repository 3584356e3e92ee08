import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { actorLabel, actorUserId, authorize, can } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { RequestContext } from '../../core/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { tx } from '../../core/tx.ts';
import type { Database, PlanStatus } from '../../db/schema.ts';
import {
  findPlan,
  indicatorChoices,
  listNationalOutcomes,
  planActions,
  planMeasures,
  planOutcomes,
  planPriorities,
  type PlanScope,
} from './plans.repository.ts';
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

type Db = Kysely<Database> | Transaction<Database>;

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

/** The status a plan may move to from each status: forward one step, or back to draft. */
const NEXT_STATUS: Record<PlanStatus, PlanStatus[]> = {
  draft: ['consultation', 'approved'],
  consultation: ['draft', 'approved'],
  approved: ['draft', 'published'],
  published: ['draft'],
};

export class PlansService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
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
    const rows = await this.db
      .selectFrom('plans as pl')
      .leftJoin('areas as a', 'a.code', 'pl.locality_code')
      .select([
        'pl.id',
        'pl.kind',
        'pl.title',
        'pl.status',
        'pl.start_year',
        'pl.end_year',
        'pl.version',
        'pl.published_at',
        'pl.partnership_id',
        'pl.fictional',
        'a.name as locality_name',
      ])
      .where('pl.partnership_id', '=', partnershipId)
      .orderBy('pl.kind')
      .orderBy('pl.start_year', 'desc')
      .orderBy('pl.title')
      .execute();
    return rows.filter((r) => this.canSee(ctx, r));
  }

  /** A plan of the partnership the actor may see (its partnership a condition of the query). */
  private async plan(db: Db, ctx: RequestContext, planId: number, partnershipId: number) {
    const row = await findPlan(db, { planId, partnershipId });
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
    const row = await findPlan(db, { planId, partnershipId: p.id });
    if (!row) throw new NotFoundError('plan');
    return row;
  }

  async create(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof CreatePlanSchema>) {
    authorize(ctx.actor, 'plan:edit', p.id);
    return tx(this.db, async (trx) => {
      if (input.locality_code) {
        const loc = await trx
          .selectFrom('areas')
          .select('code')
          .where('code', '=', input.locality_code)
          .where('level', '=', 'locality')
          .where('partnership_id', '=', p.id)
          .executeTakeFirst();
        if (!loc) throw ValidationError.field('locality_code', 'Choose one of the partnership’s localities');
      }
      const now = this.clock.now();
      const row = await trx
        .insertInto('plans')
        .values({
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
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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
    return tx(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const sort = await this.nextSort(trx, 'plan_priorities', 'plan_id', plan.id);
      const row = await trx
        .insertInto('plan_priorities')
        .values({ plan_id: plan.id, title: input.title, description: input.description ?? null, sort_order: sort })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.touch(trx, ctx, p, plan.id, 'plan.add_priority', 'plan_priority', row.id, row);
      return row;
    });
  }

  async addOutcome(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof OutcomeSchema>) {
    return tx(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const priority = await planPriorities(trx, { planId: plan.id, partnershipId: p.id })
        .select('pr.id')
        .where('pr.id', '=', input.priority_id)
        .executeTakeFirst();
      if (!priority) throw ValidationError.field('priority_id', 'Choose one of this plan’s priorities');
      const known = new Set((await listNationalOutcomes(trx)).map((r) => r.code));
      const unknown = input.national_outcomes.filter((c) => !known.has(c));
      if (unknown.length)
        throw ValidationError.field('national_outcomes', `Not a national outcome: ${unknown.join(', ')}`);
      const sort = await this.nextSort(trx, 'plan_outcomes', 'priority_id', priority.id);
      const row = await trx
        .insertInto('plan_outcomes')
        .values({
          priority_id: priority.id,
          title: input.title,
          description: input.description ?? null,
          sort_order: sort,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.national_outcomes.length) {
        await trx
          .insertInto('plan_outcome_national')
          .values(
            [...new Set(input.national_outcomes)].map((c) => ({ plan_outcome_id: row.id, national_outcome_code: c })),
          )
          .execute();
      }
      await this.touch(trx, ctx, p, plan.id, 'plan.add_outcome', 'plan_outcome', row.id, {
        ...row,
        national_outcomes: input.national_outcomes,
      });
      return row;
    });
  }

  private async outcomeOf(trx: Db, scope: PlanScope, outcomeId: number) {
    const row = await planOutcomes(trx, scope).select('o.id').where('o.id', '=', outcomeId).executeTakeFirst();
    if (!row) throw ValidationError.field('outcome_id', 'Choose one of this plan’s local outcomes');
    return row;
  }

  async addMeasure(ctx: RequestContext, p: PartnershipRef, planId: number, input: z.output<typeof MeasureSchema>) {
    return tx(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const outcome = await this.outcomeOf(trx, { planId: plan.id, partnershipId: p.id }, input.outcome_id);
      let higher = input.higher_is_better === undefined ? null : input.higher_is_better === 'true';
      let unit = input.unit ?? null;
      if (input.indicator_code) {
        const ind = await trx
          .selectFrom('indicators')
          .select(['code', 'unit', 'higher_is_better'])
          .where('code', '=', input.indicator_code)
          .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', p.id)]))
          .executeTakeFirst();
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
      const sort = await this.nextSort(trx, 'plan_measures', 'plan_outcome_id', outcome.id);
      const row = await trx
        .insertInto('plan_measures')
        .values({
          plan_outcome_id: outcome.id,
          title: input.title,
          indicator_code: input.indicator_code ?? null,
          area_code: input.indicator_code ? area : null,
          unit,
          higher_is_better: higher,
          baseline_year: input.baseline_year ?? null,
          baseline_value: input.baseline_value ?? null,
          sort_order: sort,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.targets.length)
        await trx
          .insertInto('measure_targets')
          .values(input.targets.map((t) => ({ measure_id: row.id, year: t.year, value: t.value })))
          .execute();
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
    return tx(this.db, async (trx) => {
      await this.plan(trx, ctx, planId, p.id);
      const m = await planMeasures(trx, { planId, partnershipId: p.id })
        .select(['m.id', 'm.indicator_code'])
        .where('m.id', '=', measureId)
        .executeTakeFirst();
      if (!m) throw new NotFoundError('measure');
      if (m.indicator_code)
        throw ValidationError.field('value', 'This measure takes its values from the outcomes data; import them there');
      await trx
        .insertInto('measure_values')
        .values({ measure_id: m.id, year: input.year, value: input.value, source: input.source ?? null })
        .onConflict((oc) =>
          oc.columns(['measure_id', 'year']).doUpdateSet({ value: input.value, source: input.source ?? null }),
        )
        .execute();
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
    return tx(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const outcome = await this.outcomeOf(trx, { planId: plan.id, partnershipId: p.id }, input.outcome_id);
      const members = new Set(
        (
          await trx
            .selectFrom('partnership_organisations')
            .select('organisation_id')
            .where('partnership_id', '=', p.id)
            .execute()
        ).map((r) => r.organisation_id),
      );
      if (!members.has(input.lead_organisation_id))
        throw ValidationError.field('lead_organisation_id', 'Choose one of the partnership’s partners');
      const contributors = [...new Set(input.contributors.map(Number))];
      const stranger = contributors.find((c) => !Number.isInteger(c) || !members.has(c));
      if (stranger !== undefined)
        throw ValidationError.field('contributors', 'Choose contributing partners from the partnership’s partners');
      const sort = await this.nextSort(trx, 'plan_actions', 'plan_outcome_id', outcome.id);
      const row = await trx
        .insertInto('plan_actions')
        .values({
          plan_outcome_id: outcome.id,
          title: input.title,
          lead_organisation_id: input.lead_organisation_id,
          start_date: input.start_date ?? null,
          due_date: input.due_date ?? null,
          status: input.status,
          horizon: input.horizon,
          sort_order: sort,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const others = contributors.filter((c) => c !== input.lead_organisation_id);
      if (others.length)
        await trx
          .insertInto('action_contributors')
          .values(others.map((c) => ({ action_id: row.id, organisation_id: c })))
          .execute();
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
    return tx(this.db, async (trx) => {
      const plan = await this.editable(trx, ctx, p, planId);
      const parentId = input.parent_plan_id;
      if (parentId !== null) {
        if (parentId === plan.id) throw ValidationError.field('parent_plan_id', 'A plan cannot sit under itself');
        const plans = await trx
          .selectFrom('plans')
          .select(['id', 'title', 'parent_plan_id'])
          .where('partnership_id', '=', p.id)
          .execute();
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
      const after = await trx
        .updateTable('plans')
        .set({ parent_plan_id: parentId, updated_at: this.clock.now() })
        .where('id', '=', plan.id)
        .returningAll()
        .executeTakeFirstOrThrow();
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
    return tx(this.db, async (trx) => {
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
        await trx
          .insertInto('plan_versions')
          .values({
            plan_id: plan.id,
            version,
            status: input.status,
            snapshot: JSON.stringify(snapshotOf(snapshot)),
            note: input.note ?? null,
            created_at: now,
            created_by_user_id: actorUserId(ctx.actor),
          })
          .execute();
      }
      const after = await trx
        .updateTable('plans')
        .set({
          status: input.status,
          version,
          updated_at: now,
          published_at: input.status === 'published' ? now : plan.published_at,
        })
        .where('id', '=', plan.id)
        .returningAll()
        .executeTakeFirstOrThrow();
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
    return tx(this.db, async (trx) => {
      const plan = await this.plan(trx, ctx, planId, p.id);
      const [kind, idText] = input.subject.split(':') as ['outcome' | 'measure' | 'action', string];
      const subjectId = Number(idText);
      const scope: PlanScope = { planId: plan.id, partnershipId: p.id };
      const belongs = await this.subjectInPlan(trx, scope, kind, subjectId);
      if (!belongs) throw ValidationError.field('subject', 'Choose an outcome, measure or action of this plan');
      const manager = can(ctx.actor, 'progress:approve', p.id);
      if (!manager) {
        if (kind !== 'action')
          throw new ForbiddenError(
            'Partner officers update their own actions; a partnership manager updates outcomes and measures.',
          );
        const userId = actorUserId(ctx.actor);
        const org =
          userId === null
            ? null
            : (await trx.selectFrom('users').select('organisation_id').where('id', '=', userId).executeTakeFirst())
                ?.organisation_id;
        const involved = await planActions(trx, scope)
          .leftJoin('action_contributors as c', 'c.action_id', 'a.id')
          .select('a.id')
          .where('a.id', '=', subjectId)
          .where((eb) => eb.or([eb('a.lead_organisation_id', '=', org ?? -1), eb('c.organisation_id', '=', org ?? -1)]))
          .executeTakeFirst();
        if (!involved)
          throw new ForbiddenError('You can update the actions your organisation leads or contributes to.');
      }
      const now = this.clock.now();
      const row = await trx
        .insertInto('progress_updates')
        .values({
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
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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
    return tx(this.db, async (trx) => {
      await this.plan(trx, ctx, planId, p.id);
      const row = await trx
        .updateTable('progress_updates')
        .set({ approved: true, approved_by_user_id: actorUserId(ctx.actor), approved_at: this.clock.now() })
        .where('id', '=', updateId)
        .where('plan_id', '=', planId)
        .where('approved', '=', false)
        .returningAll()
        .executeTakeFirst();
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

  private async subjectInPlan(
    db: Db,
    scope: PlanScope,
    kind: 'outcome' | 'measure' | 'action',
    id: number,
  ): Promise<boolean> {
    const q =
      kind === 'outcome'
        ? planOutcomes(db, scope).select('o.id').where('o.id', '=', id)
        : kind === 'measure'
          ? planMeasures(db, scope).select('m.id as id').where('m.id', '=', id)
          : planActions(db, scope).select('a.id as id').where('a.id', '=', id);
    return Boolean(await q.executeTakeFirst());
  }

  private async nextSort(
    db: Db,
    table: 'plan_priorities' | 'plan_outcomes' | 'plan_measures' | 'plan_actions',
    column: string,
    value: number,
  ): Promise<number> {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number>('sort_order').as('m'))
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parent column differs per table
      .where(column as any, '=', value)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  }

  private async touch(
    trx: Transaction<Database>,
    ctx: RequestContext,
    p: PartnershipRef,
    planId: number,
    action: string,
    type: string,
    id: number,
    after: unknown,
  ) {
    await trx.updateTable('plans').set({ updated_at: this.clock.now() }).where('id', '=', planId).execute();
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
    const [
      partnership,
      locality,
      priorities,
      outcomes,
      national,
      measures,
      targets,
      values,
      actions,
      contributors,
      updates,
      params,
    ] = await Promise.all([
      db
        .selectFrom('partnerships')
        .select(['code', 'name'])
        .where('id', '=', plan.partnership_id)
        .executeTakeFirstOrThrow(),
      plan.locality_code
        ? db.selectFrom('areas').select('name').where('code', '=', plan.locality_code).executeTakeFirst()
        : Promise.resolve(undefined),
      planPriorities(db, scope).selectAll('pr').orderBy('pr.sort_order').execute(),
      planOutcomes(db, scope).selectAll('o').orderBy('o.sort_order').execute(),
      planOutcomes(db, scope)
        .innerJoin('plan_outcome_national as n', 'n.plan_outcome_id', 'o.id')
        .innerJoin('national_outcomes as no', 'no.code', 'n.national_outcome_code')
        .select(['n.plan_outcome_id', 'no.code', 'no.name'])
        .orderBy('no.sort_order')
        .execute(),
      planMeasures(db, scope)
        .leftJoin('indicators as i', 'i.code', 'm.indicator_code')
        .selectAll('m')
        .select('i.name as indicator_name')
        .orderBy('m.sort_order')
        .execute(),
      planMeasures(db, scope)
        .innerJoin('measure_targets as t', 't.measure_id', 'm.id')
        .select(['t.measure_id', 't.year', 't.value'])
        .orderBy('t.year')
        .execute(),
      planMeasures(db, scope)
        .innerJoin('measure_values as v', 'v.measure_id', 'm.id')
        .select(['v.measure_id', 'v.year', 'v.value', 'v.source'])
        .orderBy('v.year')
        .execute(),
      planActions(db, scope)
        .innerJoin('organisations as org', 'org.id', 'a.lead_organisation_id')
        .selectAll('a')
        .select('org.name as lead_name')
        .orderBy('a.sort_order')
        .execute(),
      planActions(db, scope)
        .innerJoin('action_contributors as c', 'c.action_id', 'a.id')
        .innerJoin('organisations as org', 'org.id', 'c.organisation_id')
        .select(['c.action_id', 'org.id', 'org.name'])
        .orderBy('org.name')
        .execute(),
      db
        .selectFrom('progress_updates')
        .selectAll()
        .where('plan_id', '=', plan.id)
        .orderBy('update_date', 'desc')
        .orderBy('id', 'desc')
        .execute(),
      this.parameters(db),
    ]);
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

    // Outcomes data for measures linked to indicators: the series for the plan's area, raw and imputed.
    const linked = measures.filter((m) => m.indicator_code && m.area_code);
    const observations = linked.length
      ? await db
          .selectFrom('observations')
          .select(['indicator_code', 'area_code', 'period_start', 'period_label', 'value'])
          .where('value_type', '!=', 'projected')
          .where((eb) =>
            eb.or(
              linked.map((m) =>
                eb.and([eb('indicator_code', '=', m.indicator_code!), eb('area_code', '=', m.area_code!)]),
              ),
            ),
          )
          .orderBy('period_start')
          .execute()
      : [];
    const related = (
      await db
        .selectFrom('plans')
        .select(['id', 'title', 'kind', 'status', 'parent_plan_id', 'partnership_id'])
        .where('partnership_id', '=', plan.partnership_id)
        .where((eb) => eb.or([eb('id', '=', plan.parent_plan_id ?? -1), eb('parent_plan_id', '=', plan.id)]))
        .orderBy('title')
        .execute()
    ).filter((r) => this.canSee(ctx, r));
    const today = this.clock.now().toISOString().slice(0, 10);
    const staleAfter = (await readMethodParameters(db, 'plans')).values.stale_after_years;
    const staleBefore = this.clock.now().getUTCFullYear() - staleAfter;

    const measureView = (m: (typeof measures)[number]): MeasureView => {
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
    };

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
    return this.db
      .selectFrom('plan_versions')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('version', 'desc')
      .execute();
  }

  /** What a plan's editor chooses from: the indicators a measure may follow, and the national outcomes. */
  async editorChoices(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'plan:read');
    const [indicators, national] = await Promise.all([indicatorChoices(this.db, p.id), listNationalOutcomes(this.db)]);
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
