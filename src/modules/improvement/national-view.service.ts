import { sql, type Kysely } from 'kysely';
import { authorize, can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { ReportingYearSpan } from '../../core/periods.ts';
import type { Database, PlanStatus } from '../../db/schema.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { OutcomesService } from '../outcomes/index.ts';
import type { SelfEvaluationService } from './self-evaluation.service.ts';

/** The status of a request in the register that waits for the authority's decision (community/workflow.ts). */
const AWAITING_DECISION = 'validated';
const DECISION_RULES = ['pr-decision', 'pr-decision-joint', 'atr-decision'];

export type ReportTimeliness = 'on_time' | 'late' | 'overdue' | 'not_yet_due';

export interface RequestCounts {
  /** Validated in the reporting year (entered the public register). */
  validated: number;
  /** Decided in the reporting year. */
  decided: number;
  /** Of those, decided by the deadline (as extended). */
  onTime: number;
  /** Validated, still undecided, and past the deadline today. */
  overdue: number;
}

export interface NationalRow {
  id: number;
  code: string;
  name: string;
  fictional: boolean;
  /** Whether the reader may see this partnership's unpublished work. */
  member: boolean;
  /** The latest published LOIP. */
  loip: { id: number; title: string; startYear: number; endYear: number; publishedAt: Date | null } | null;
  /** The newest LOIP not (or no longer) published: only for those who may read the partnership. */
  unpublishedLoip: { id: number; title: string; status: PlanStatus; startYear: number; endYear: number } | null;
  report: { publishedAt: Date | null; timeliness: ReportTimeliness };
  recommendations: { addressed: number; answered: number };
  selfEvaluation: { year: number; mean: number; criteria: number } | null;
  lights: { green: number; amber: number; red: number } | null;
  participation: RequestCounts;
  assetTransfer: RequestCounts;
}

export interface NationalView {
  year: number;
  span: ReportingYearSpan;
  /** The report counts as on time if published by this date. */
  dueBy: string;
  months: { value: number; description: string; source: string };
  rows: NationalRow[];
}

export interface StocktakeRow {
  id: number;
  code: string;
  name: string;
  fictional: boolean;
  plan: { id: number; title: string; startYear: number; endYear: number; publishedAt: Date | null } | null;
  priorities: number;
  outcomes: number;
  outcomesWithMeasures: number;
  measures: number;
  measuresWithTargets: number;
  localityPlans: number;
  /** Preventative share of the money committed to the plan in its latest financial year with money. */
  prevention: { year: number; share: number } | null;
}

/** The last day of the month `months` after the one a date falls in: "by the end of the sixth month after". */
export function endOfMonthsAfter(isoDate: string, months: number): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months + 1, 0)).toISOString().slice(0, 10);
}

export function timeliness(publishedOn: string | null, dueBy: string, today: string): ReportTimeliness {
  if (publishedOn) return publishedOn <= dueBy ? 'on_time' : 'late';
  return today > dueBy ? 'overdue' : 'not_yet_due';
}

const emptyCounts = (): RequestCounts => ({ validated: 0, decided: 0, onTime: 0, overdue: 0 });

/**
 * All partnerships side by side (issue 6): plans, annual reports, answers to audit recommendations,
 * self-evaluation, outcomes against Scotland and community requests; and the stocktake of their
 * published plans. Anyone sees what is published; unpublished plans only those who may read the
 * partnership.
 */
export class NationalViewService {
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    readonly deadlines: DeadlinesService,
    readonly selfEvaluation: SelfEvaluationService,
  ) {}

  /** The latest reporting year that has ended. */
  async lastYear(): Promise<number> {
    return (await this.deadlines.yearOf('annual-progress-report', todayIn(this.clock))) - 1;
  }

  private partnerships() {
    return this.db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'fictional', 'council_area_code'])
      .orderBy('fictional')
      .orderBy('name')
      .execute();
  }

  async overview(ctx: RequestContext, year?: number): Promise<NationalView> {
    authorize(ctx.actor, 'national-view:read');
    const today = todayIn(this.clock);
    const reportYear = year ?? (await this.lastYear());
    const span = await this.deadlines.yearSpan('annual-progress-report', reportYear);
    const requestSpan = await this.deadlines.yearSpan('request-annual-reports', reportYear);
    const param = (await readMethodParameters(this.db, 'national_view')).parameters.annual_report_months;
    const months = param.value;
    const dueBy = endOfMonthsAfter(span.end, months);

    const partnerships = await this.partnerships();
    const [plans, reports, addressedAll, addressedOwn, answered, evaluations, lights, requests] = await Promise.all([
      this.db
        .selectFrom('plans')
        .select(['id', 'partnership_id', 'title', 'status', 'start_year', 'end_year', 'published_at', 'updated_at'])
        .where('kind', '=', 'loip')
        .orderBy('published_at', 'desc')
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .execute(),
      this.db
        .selectFrom('annual_reports')
        .select(['partnership_id', (eb) => eb.fn.min('published_at').as('first')])
        .where('year', '=', reportYear)
        .groupBy('partnership_id')
        .execute(),
      this.db
        .selectFrom('recommendation_addressees')
        .select((eb) => eb.fn.count<string>('recommendation_id').distinct().as('n'))
        .where('kind', '=', 'all_cpps')
        .executeTakeFirst(),
      this.db
        .selectFrom('recommendation_addressees as a')
        .select(['a.partnership_id', (eb) => eb.fn.count<string>('a.recommendation_id').distinct().as('n')])
        .where('a.kind', '=', 'partnership')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('recommendation_addressees as b')
                .select('b.recommendation_id')
                .whereRef('b.recommendation_id', '=', 'a.recommendation_id')
                .where('b.kind', '=', 'all_cpps'),
            ),
          ),
        )
        .groupBy('a.partnership_id')
        .execute(),
      // Answered: a response links the recommendation to an action of one of the partnership's plans.
      this.db
        .selectFrom('recommendation_responses as r')
        .innerJoin('plan_actions as a', 'a.id', 'r.action_id')
        .innerJoin('plan_outcomes as o', 'o.id', 'a.plan_outcome_id')
        .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
        .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
        .select(['r.partnership_id', 'r.recommendation_id', 'pl.status'])
        .execute(),
      this.selfEvaluation.summaryForAll(),
      this.lights(ctx, partnerships),
      this.db
        .selectFrom('community_requests as r')
        .leftJoin('request_deadlines as d', (j) =>
          j.onRef('d.request_id', '=', 'r.id').on('d.rule_code', 'in', DECISION_RULES).on('d.cancelled', '=', false),
        )
        .select(['r.id', 'r.partnership_id', 'r.kind', 'r.status', 'r.validation_date', 'r.decision_date', 'd.due'])
        .where('r.validation_date', 'is not', null)
        .execute(),
    ]);

    const rows = partnerships.map((p): NationalRow => {
      const member = can(ctx.actor, 'partnership:read', p.id);
      const mine = plans.filter((x) => x.partnership_id === p.id);
      const published = mine.find((x) => x.status === 'published') ?? null;
      const unpublished = member
        ? (mine
            .filter((x) => x.status !== 'published')
            .sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime() || b.id - a.id)[0] ?? null)
        : null;
      const first = reports.find((r) => r.partnership_id === p.id)?.first ?? null;
      const publishedOn = first
        ? new Date(first as unknown as string).toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
        : null;
      const answers = answered.filter((r) => r.partnership_id === p.id && (member || r.status === 'published'));
      const evaluation = evaluations.find((e) => e.partnershipId === p.id);
      const counts = { participation: emptyCounts(), asset_transfer: emptyCounts() };
      const inYear = (d: string | null) => d !== null && d >= requestSpan.start && d <= requestSpan.end;
      for (const r of requests) {
        if (r.partnership_id !== p.id) continue;
        const c = counts[r.kind as keyof typeof counts];
        if (!c) continue;
        if (inYear(r.validation_date)) c.validated++;
        if (inYear(r.decision_date)) {
          c.decided++;
          if (r.due && r.decision_date! <= r.due) c.onTime++;
        }
        if (r.status === AWAITING_DECISION && !r.decision_date && r.due && r.due < today) c.overdue++;
      }
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        fictional: p.fictional,
        member,
        loip: published
          ? {
              id: published.id,
              title: published.title,
              startYear: published.start_year,
              endYear: published.end_year,
              publishedAt: published.published_at,
            }
          : null,
        unpublishedLoip: unpublished
          ? {
              id: unpublished.id,
              title: unpublished.title,
              status: unpublished.status,
              startYear: unpublished.start_year,
              endYear: unpublished.end_year,
            }
          : null,
        report: {
          publishedAt: first ? new Date(first as unknown as string) : null,
          timeliness: timeliness(publishedOn, dueBy, today),
        },
        recommendations: {
          addressed: Number(addressedAll?.n ?? 0) + Number(addressedOwn.find((a) => a.partnership_id === p.id)?.n ?? 0),
          answered: new Set(answers.map((a) => a.recommendation_id)).size,
        },
        selfEvaluation: evaluation
          ? { year: evaluation.year, mean: Number(evaluation.meanScore), criteria: evaluation.scored }
          : null,
        lights: lights.get(p.council_area_code) ?? null,
        participation: counts.participation,
        assetTransfer: counts.asset_transfer,
      };
    });
    return {
      year: reportYear,
      span,
      dueBy,
      months: { value: months, description: param.description, source: param.source },
      rows,
    };
  }

  /**
   * Green, amber and red across the CPOP indicators against Scotland, by council area: each area's
   * profile (the lights of /partnerships/<code>/outcomes and of /scotland), all read in one go.
   * Areas without a light: absent.
   */
  private async lights(ctx: RequestContext, partnerships: { council_area_code: string; fictional: boolean }[]) {
    const out = new Map<string, { green: number; amber: number; red: number }>();
    const profiles = await this.outcomes.profiles(ctx, [...new Set(partnerships.map((p) => p.council_area_code))]);
    for (const [area, indicators] of profiles) {
      for (const { light } of indicators) {
        if (!light) continue;
        const c = out.get(area) ?? { green: 0, amber: 0, red: 0 };
        c[light]++;
        out.set(area, c);
      }
    }
    return out;
  }

  /**
   * The stocktake of published plans (Audit Scotland found LOIPs vary widely): for each partnership's
   * latest published LOIP, its priorities, local outcomes, outcomes with measures, measures with
   * targets; its published locality plans; and the preventative share of the money partners commit to
   * the LOIP in the latest financial year with money (as the plan's resources view computes it).
   */
  async stocktake(ctx: RequestContext): Promise<StocktakeRow[]> {
    authorize(ctx.actor, 'national-view:read');
    const partnerships = await this.partnerships();
    const published = await this.db
      .selectFrom('plans')
      .select(['id', 'partnership_id', 'kind', 'title', 'start_year', 'end_year', 'published_at'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const loips = new Map<number, (typeof published)[number]>();
    for (const pl of published)
      if (pl.kind === 'loip' && !loips.has(pl.partnership_id)) loips.set(pl.partnership_id, pl);
    const planIds = [...loips.values()].map((pl) => pl.id);
    const none = planIds.length === 0;
    const [outcomes, measures, money] = await Promise.all([
      none
        ? []
        : this.db
            .selectFrom('plan_priorities as pr')
            .leftJoin('plan_outcomes as o', 'o.priority_id', 'pr.id')
            .select(['pr.plan_id', 'pr.id as priority_id', 'o.id as outcome_id'])
            .where('pr.plan_id', 'in', planIds)
            .execute(),
      none
        ? []
        : this.db
            .selectFrom('plan_measures as m')
            .innerJoin('plan_outcomes as o', 'o.id', 'm.plan_outcome_id')
            .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
            .select([
              'pr.plan_id',
              'm.id',
              'm.plan_outcome_id',
              (eb) =>
                eb
                  .exists(
                    eb.selectFrom('measure_targets as t').select('t.measure_id').whereRef('t.measure_id', '=', 'm.id'),
                  )
                  .as('has_target'),
            ])
            .where('pr.plan_id', 'in', planIds)
            .execute(),
      none
        ? []
        : this.db
            .selectFrom('resource_commitments')
            .select([
              'plan_id',
              'financial_year',
              (eb) => eb.fn.sum<string>('money').as('money'),
              sql<string>`sum(CASE WHEN prevention = 'preventative' THEN money ELSE 0 END)`.as('preventative'),
            ])
            .where('plan_id', 'in', planIds)
            .groupBy(['plan_id', 'financial_year'])
            .execute(),
    ]);
    return partnerships.map((p): StocktakeRow => {
      const plan = loips.get(p.id) ?? null;
      const base = { id: p.id, code: p.code, name: p.name, fictional: p.fictional };
      if (!plan)
        return {
          ...base,
          plan: null,
          priorities: 0,
          outcomes: 0,
          outcomesWithMeasures: 0,
          measures: 0,
          measuresWithTargets: 0,
          localityPlans: 0,
          prevention: null,
        };
      const tree = outcomes.filter((o) => o.plan_id === plan.id);
      const ms = measures.filter((m) => m.plan_id === plan.id);
      const years = money
        .filter((r) => r.plan_id === plan.id && Number(r.money) > 0)
        .sort((a, b) => b.financial_year - a.financial_year);
      const latest = years[0];
      return {
        ...base,
        plan: {
          id: plan.id,
          title: plan.title,
          startYear: plan.start_year,
          endYear: plan.end_year,
          publishedAt: plan.published_at,
        },
        priorities: new Set(tree.map((o) => o.priority_id)).size,
        outcomes: tree.filter((o) => o.outcome_id !== null).length,
        outcomesWithMeasures: new Set(ms.map((m) => m.plan_outcome_id)).size,
        measures: ms.length,
        measuresWithTargets: ms.filter((m) => Boolean(m.has_target)).length,
        localityPlans: published.filter((x) => x.partnership_id === p.id && x.kind === 'locality').length,
        prevention: latest
          ? { year: latest.financial_year, share: Number(latest.preventative) / Number(latest.money) }
          : null,
      };
    });
  }
}
