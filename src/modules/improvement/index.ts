import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { Geography } from '../areas/index.ts';
import type { AuditDimensions } from '../audit/index.ts';
import type { CommunityDirectory } from '../community/index.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { IndicatorCatalogue, OutcomesService } from '../outcomes/index.ts';
import type { PartnershipDirectory, PartnershipsService } from '../partnerships/index.ts';
import type { PlanDirectory, PlansService } from '../plans/index.ts';
import { CaseStudiesService } from './case-studies.service.ts';
import { caseStudiesRoutes } from './case-studies.routes.tsx';
import { improvementRoutes } from './improvement.routes.tsx';
import { NationalViewRepository } from './national-view.repository.ts';
import { NationalViewService } from './national-view.service.ts';
import { nationalViewRoutes } from './national-view.routes.tsx';
import { RecommendationsRepository } from './recommendations.repository.ts';
import { RecommendationsService } from './recommendations.service.ts';
import { recommendationsRoutes } from './recommendations.routes.tsx';
import { SelfEvaluationService } from './self-evaluation.service.ts';
import { selfEvaluationRoutes } from './self-evaluation.routes.tsx';
import { SupportRepository } from './support.repository.ts';
import { SupportService } from './support.service.ts';
import { supportRoutes } from './support.routes.tsx';

export { RecommendationsService } from './recommendations.service.ts';
export { SelfEvaluationService } from './self-evaluation.service.ts';
export { SupportService } from './support.service.ts';
export { CaseStudiesService } from './case-studies.service.ts';
export { NationalViewService } from './national-view.service.ts';
export { PRINCIPLES_FRAMEWORK } from './fields.ts';

/** What the improvement module needs from outside: exactly these, nothing else. */
export interface ImprovementModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Indicator profiles and inequalities: the support needs and the national view. */
  outcomes: OutcomesService;
  /** The plans: a partnership's improvement plans and their actions; every partnership's plans for the national view. */
  plans: PlansService;
  /** The statutory reporting years the national view measures timeliness against, and the decision deadlines. */
  deadlines: DeadlinesService;
  /** The partnerships: the asking user's, a partnership's organisations, lookup by code, addressee choices. */
  partnerships: Pick<PartnershipsService, 'list' | 'organisations' | 'resolve'>;
  /** Names of partnerships and organisations, a partnership's partners, the national organisations (each service picks what it reads). */
  directory: PartnershipDirectory;
  /** Who someone is: the names of who scored, published, gave a view, linked an action or asked for support. */
  people: PeopleDirectory;
  /**
   * Community bodies: the one a member speaks for, and the names of those that gave views; the requests in
   * the public register (the national view).
   */
  communityDirectory: CommunityDirectory;
  /**
   * Plan actions by id: the titles and statuses of the actions a partnership links to recommendations; when
   * each partnership first published its annual report (the national view).
   */
  planDirectory: PlanDirectory;
  /** Indicators, national outcomes and observations: offers' and case studies' indicators, themes and figures. */
  catalogue: IndicatorCatalogue;
  /** The areas a case study's measures are of. */
  geography: Geography;
  /** The audit dimensions recommendations are tagged with. */
  auditDimensions: AuditDimensions;
}

export interface ImprovementModule {
  services: {
    recommendations: RecommendationsService;
    selfEvaluation: SelfEvaluationService;
    support: SupportService;
    caseStudies: CaseStudiesService;
    nationalView: NationalViewService;
  };
  /** Registers all the module's routes, in their order. */
  routes(router: Router): void;
}

/**
 * Accountability and improvement (issue 6): audit recommendations, self-evaluation, improvement support,
 * good-practice case studies and the national view of all partnerships.
 */
export function improvementModule(deps: ImprovementModuleDeps): ImprovementModule {
  const { db, clock, outcomes, plans, deadlines, partnerships } = deps;
  const { directory, people, communityDirectory, planDirectory } = deps;
  const selfEvaluation = new SelfEvaluationService(db, clock, { people, directory, communityDirectory });
  const recommendations = new RecommendationsService(new RecommendationsRepository(db), clock, plans, {
    directory,
    dimensions: deps.auditDimensions,
    planDirectory,
    people,
  });
  const { catalogue, geography } = deps;
  const support = new SupportService(new SupportRepository(db), clock, outcomes, selfEvaluation, {
    partnerships: directory,
    people,
    catalogue,
  });
  const caseStudies = new CaseStudiesService(db, clock, outcomes, { partnerships: directory, catalogue, geography });
  const nationalView = new NationalViewService(
    new NationalViewRepository(db),
    clock,
    outcomes,
    deadlines,
    selfEvaluation,
    plans,
    { partnerships: directory, plans: planDirectory, community: communityDirectory },
  );
  return {
    services: { recommendations, selfEvaluation, support, caseStudies, nationalView },
    routes(router) {
      improvementRoutes(router, { partnerships, plans });
      recommendationsRoutes(router, { recommendations, partnerships, clock });
      selfEvaluationRoutes(router, { selfEvaluation, partnerships });
      supportRoutes(router, { support, partnerships });
      caseStudiesRoutes(router, { caseStudies });
      nationalViewRoutes(router, { nationalView });
    },
  };
}
