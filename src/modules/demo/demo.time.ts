import type { Clock, SettableClock } from '../../core/time.ts';
import type { AccountsService } from '../accounts/index.ts';
import type {
  CaseStudiesService,
  RecommendationsService,
  SelfEvaluationService,
  SupportService,
} from '../improvement/index.ts';
import type { LandRegisterService, RequestsService } from '../community/index.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { PlansService, ReportsService, ResourcesService } from '../plans/index.ts';

/** The services the demo acts through, as a user would. */
export interface DemoServices {
  accounts: AccountsService;
  partnerships: PartnershipsService;
  landRegister: LandRegisterService;
  requests: RequestsService;
  plans: PlansService;
  resources: ResourcesService;
  reports: ReportsService;
  recommendations: RecommendationsService;
  selfEvaluation: SelfEvaluationService;
  support: SupportService;
  caseStudies: CaseStudiesService;
}

/**
 * When the demo's fictional history happens. The seed builds Cairn's services once, over its
 * transaction and a settable clock, and records each action through them on the day it is said to have
 * happened: `time.at(400).plans.create(…)` moves the clock to noon UTC 400 days ago, then creates the
 * plan. Every call names its moment (`at`, `on` or `now`), so none depends on where an earlier one left
 * the clock.
 */
export class DemoTime {
  /** Noon UTC today: the same calendar day in Scotland all year, so "days ago" never slips across midnight. */
  readonly noon: Date;

  constructor(
    private readonly deps: DemoServices,
    private readonly clock: SettableClock,
    /** The real clock the seed was given (what `now()` tells). */
    readonly real: Clock,
  ) {
    this.noon = new Date(`${real.now().toISOString().slice(0, 10)}T12:00:00Z`);
  }

  /** Noon UTC `daysAgo` days before today (negative: after). */
  day(daysAgo: number): Date {
    return new Date(this.noon.getTime() - daysAgo * 86_400_000);
  }

  /** day() as a date (YYYY-MM-DD). */
  iso(daysAgo: number): string {
    return this.day(daysAgo).toISOString().slice(0, 10);
  }

  /** The services, with the clock at noon UTC `daysAgo` days before today. */
  at(daysAgo: number): DemoServices {
    this.clock.set(this.day(daysAgo));
    return this.deps;
  }

  /** The services, with the clock at noon UTC on `date` (YYYY-MM-DD). */
  on(date: string): DemoServices {
    this.clock.set(`${date}T12:00:00Z`);
    return this.deps;
  }

  /** The services, with the clock telling the real time. */
  now(): DemoServices {
    this.clock.release();
    return this.deps;
  }
}
