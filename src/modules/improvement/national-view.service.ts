import { authorize, can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { ReportingYearSpan } from '../../core/periods.ts';
import type { PlanStatus } from '../../db/schema.ts';
import type { CommunityDirectory } from '../community/index.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { OutcomesService } from '../outcomes/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import type { PlanDirectory, PlansService } from '../plans/index.ts';
import type { NationalViewRepository } from './national-view.repository.ts';
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

/** What the national view reads of other modules' tables, through their owners (one query each, for all partnerships). */
export interface NationalViewDirectories {
  /** Every partnership. */
  partnerships: Pick<PartnershipDirectory, 'allPartnerships'>;
  /** When each partnership first published its annual report of a year. */
  plans: Pick<PlanDirectory, 'firstReportPublications'>;
  /** The community requests that entered the public register. */
  community: Pick<CommunityDirectory, 'validatedRequests'>;
}

/**
 * All partnerships side by side (issue 6): plans, annual reports, answers to audit recommendations,
 * self-evaluation, outcomes against Scotland and community requests; and the stocktake of their
 * published plans. Anyone sees what is published; unpublished plans only those who may read the
 * partnership.
 */
export class NationalViewService {
  constructor(
    private readonly repo: NationalViewRepository,
    readonly clock: Clock,
    readonly outcomes: OutcomesService,
    readonly deadlines: Pick<DeadlinesService, 'yearOf' | 'yearSpan' | 'runningDeadlinesUnder'>,
    readonly selfEvaluation: SelfEvaluationService,
    readonly plans: PlansService,
    private readonly directories: NationalViewDirectories,
  ) {}

  /** The latest reporting year that has ended. */
  async lastYear(): Promise<number> {
    return (await this.deadlines.yearOf('annual-progress-report', todayIn(this.clock))) - 1;
  }

  /** Every partnership, real ones first, by name (the directory answers them by name; the sort is stable). */
  private async partnerships() {
    const rows = await this.directories.partnerships.allPartnerships();
    return [...rows].sort((a, b) => Number(a.fictional) - Number(b.fictional));
  }

  /**
   * Community requests that entered the public register, each with its decision deadline if one is running
   * (not cancelled): a request with none once with `due` null, one with several once per deadline.
   */
  private async validatedRequests() {
    const [requests, deadlines] = await Promise.all([
      this.directories.community.validatedRequests(),
      this.deadlines.runningDeadlinesUnder(DECISION_RULES),
    ]);
    const dues = new Map<number, string[]>();
    for (const d of deadlines) dues.set(d.request_id, [...(dues.get(d.request_id) ?? []), d.due]);
    return requests.flatMap((r): ((typeof requests)[number] & { due: string | null })[] => {
      const due = dues.get(r.id);
      return due ? due.map((d) => ({ ...r, due: d })) : [{ ...r, due: null }];
    });
  }

  async overview(ctx: RequestContext, year?: number): Promise<NationalView> {
    authorize(ctx.actor, 'national-view:read');
    const today = todayIn(this.clock);
    const reportYear = year ?? (await this.lastYear());
    const span = await this.deadlines.yearSpan('annual-progress-report', reportYear);
    const requestSpan = await this.deadlines.yearSpan('request-annual-reports', reportYear);
    const param = (await this.repo.parameters()).parameters.annual_report_months;
    const months = param.value;
    const dueBy = endOfMonthsAfter(span.end, months);

    const partnerships = await this.partnerships();
    const [plans, reports, addressedAll, addressedOwn, answered, evaluations, lights, requests] = await Promise.all([
      this.plans.loips(),
      this.directories.plans.firstReportPublications(reportYear),
      this.repo.addressedToAll(),
      this.repo.addressedByName(),
      this.answers(),
      this.selfEvaluation.summaryForAll(),
      this.lights(ctx, partnerships),
      this.validatedRequests(),
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

  /** Answered: a response links the recommendation to an action of one of the partnership's plans (with the plan's status). */
  private async answers() {
    const responses = await this.repo.responses();
    const plans = await this.plans.actionPlans([...new Set(responses.map((r) => r.action_id))]);
    const statusOf = new Map(plans.map((pl) => [pl.action_id, pl.status]));
    return responses.flatMap((r) => {
      const status = statusOf.get(r.action_id);
      return status === undefined
        ? []
        : [{ partnership_id: r.partnership_id, recommendation_id: r.recommendation_id, status }];
    });
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
    const published = await this.plans.publishedPlans();
    const loips = new Map<number, (typeof published)[number]>();
    for (const pl of published)
      if (pl.kind === 'loip' && !loips.has(pl.partnership_id)) loips.set(pl.partnership_id, pl);
    const planIds = [...loips.values()].map((pl) => pl.id);
    const { outcomes, measures, money } = await this.plans.planShapes(planIds);
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
