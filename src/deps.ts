import type { Config } from './config.ts';
import type { Clock } from './core/time.ts';
import { systemClock } from './core/time.ts';
import type { Router } from './core/http/router.ts';
import type { DatabaseHandle } from './db/connect.ts';
import {
  accountsModule,
  type AccountsService,
  type PeopleDirectory,
  type Notices,
  type TokensService,
} from './modules/accounts/index.ts';
import { areasModule, type AreasService, type Geography } from './modules/areas/index.ts';
import { auditDimensions, auditModule, type AuditService } from './modules/audit/index.ts';
import {
  communityModule,
  type CommunityBodiesService,
  type LandRegisterService,
  type RegistersService,
  type RemindersService,
  type RequestsService,
  type CommunityDirectory,
} from './modules/community/index.ts';
import { datasetsModule, type DatasetExports } from './modules/datasets/index.ts';
import { deadlinesModule, type DeadlinesService } from './modules/deadlines/index.ts';
import { demoModule, type DemoModule } from './modules/demo/index.ts';
import { homeModule } from './modules/home/index.ts';
import {
  type CaseStudiesService,
  improvementModule,
  type NationalViewService,
  type RecommendationsService,
  type SelfEvaluationService,
  type SupportService,
} from './modules/improvement/index.ts';
import { importsModule, type ImportsService } from './modules/imports/index.ts';
import {
  outcomesModule,
  type CommunitiesService,
  type IndicatorCatalogue,
  type IndicatorsService,
  type OutcomesService,
} from './modules/outcomes/index.ts';
import {
  partnershipDirectory,
  partnershipsModule,
  type PartnershipDirectory,
  type PartnershipsService,
} from './modules/partnerships/index.ts';
import {
  plansModule,
  type PlanDirectory,
  type PlansService,
  type ReportsService,
  type ResourcesService,
} from './modules/plans/index.ts';

/** The composition root: one place where the database, clock and configuration meet the services. */
export interface Deps {
  handle: DatabaseHandle;
  config: Config;
  clock: Clock;
  accounts: AccountsService;
  tokens: TokensService;
  people: PeopleDirectory;
  notices: Notices;
  areas: AreasService;
  geography: Geography;
  audit: AuditService;
  deadlines: DeadlinesService;
  communityBodies: CommunityBodiesService;
  requests: RequestsService;
  landRegister: LandRegisterService;
  registers: RegistersService;
  reminders: RemindersService;
  communityDirectory: CommunityDirectory;
  imports: ImportsService;
  outcomes: OutcomesService;
  indicators: IndicatorsService;
  communities: CommunitiesService;
  catalogue: IndicatorCatalogue;
  partnerships: PartnershipsService;
  directory: PartnershipDirectory;
  plans: PlansService;
  resources: ResourcesService;
  reports: ReportsService;
  planDirectory: PlanDirectory;
  recommendations: RecommendationsService;
  selfEvaluation: SelfEvaluationService;
  support: SupportService;
  caseStudies: CaseStudiesService;
  nationalView: NationalViewService;
  /** The national datasets of `cairn export`. */
  datasets: DatasetExports;
  /** Every module's routes, registered by createApp in MODULE_ORDER. */
  modules: Record<ModuleName, ModuleRoutes>;
  /** The labelled fictional demo content (no routes): `npm start` and `cairn demo` seed it. */
  demo: DemoModule;
}

/** What a module gives the app: its routes, registered on the app's router. */
export interface ModuleRoutes {
  routes(router: Router): void;
}

/** The order modules register their routes in (Hono matches routes in the order they were added). */
export const MODULE_ORDER = [
  'home',
  'accounts',
  'areas',
  'partnerships',
  'audit',
  'outcomes',
  'imports',
  'deadlines',
  'community',
  'plans',
  'improvement',
] as const;
export type ModuleName = (typeof MODULE_ORDER)[number];

export function buildDeps(handle: DatabaseHandle, config: Config, clock: Clock = systemClock): Deps {
  const { db } = handle;
  // Each module built by its factory (modules/<m>/index.ts), in the order they depend on each other: a module
  // is given exactly what its factory declares.

  // What other modules read of partnerships and organisations: it needs only the database, so accounts and
  // audit (which the partnerships module depends on) can be given it.
  const directory = partnershipDirectory(db);

  // areas (needs only the database; before partnerships, whose list names council areas and whose localities
  // are areas)
  const areasMod = areasModule({ db });
  const { areas, geography, localities } = areasMod.services;

  // accounts
  const accountsMod = accountsModule({ db, clock, config, partnershipNames: directory });
  const { accounts, tokens, people, notices } = accountsMod.services;

  // audit (before partnerships: a partnership's dashboard shows its recent audit events)
  const auditMod = auditModule({ db, partnershipNames: directory });
  const { audit } = auditMod.services;

  // partnerships
  const partnershipsMod = partnershipsModule({ db, clock, accounts, audit, geography, localities });
  const { partnerships } = partnershipsMod.services;

  // deadlines
  const deadlinesMod = deadlinesModule({ db });
  const { deadlines } = deadlinesMod.services;

  // imports
  const importsMod = importsModule({ db, clock, config });
  const { imports } = importsMod.services;

  // community (after imports: a register of land's import run is recorded through it)
  const community = communityModule({
    db,
    clock,
    config,
    accounts,
    deadlines,
    notices,
    people,
    directory,
    imports,
    resolvePartnership: (code) => partnerships.resolve(code),
    listPartnerships: (ctx) => partnerships.list(ctx),
  });
  const { requests, communityBodies, landRegister, registers, reminders, communityDirectory } = community.services;

  // outcomes
  const outcomesMod = outcomesModule({ db, clock, engine: handle.engine, partnerships, geography, directory, people });
  const { outcomes, indicators, communities, catalogue } = outcomesMod.services;

  // plans
  const plansMod = plansModule({
    db,
    clock,
    config,
    partnerships,
    registers,
    deadlines,
    geography,
    catalogue,
    directory,
    people,
    communityDirectory,
    imports,
  });
  const { plans, resources, reports, planDirectory } = plansMod.services;

  // improvement
  const improvement = improvementModule({
    db,
    clock,
    outcomes,
    plans,
    deadlines,
    partnerships,
    directory,
    people,
    communityDirectory,
    planDirectory,
    auditDimensions: auditDimensions(db),
    catalogue,
    geography,
  });
  const { recommendations, selfEvaluation, support, caseStudies, nationalView } = improvement.services;

  // datasets (no routes: `cairn export`)
  const { datasets } = datasetsModule({ geography, outcomes, imports, recommendations }).services;

  const deps: Deps = {
    handle,
    config,
    clock,
    accounts,
    tokens,
    people,
    notices,
    areas,
    geography,
    audit,
    deadlines,
    communityBodies,
    requests,
    landRegister,
    registers,
    reminders,
    communityDirectory,
    imports,
    outcomes,
    indicators,
    communities,
    catalogue,
    partnerships,
    directory,
    plans,
    resources,
    reports,
    planDirectory,
    recommendations,
    selfEvaluation,
    support,
    caseStudies,
    nationalView,
    datasets,
    modules: {} as Deps['modules'],
    // The seeder acts through these same services, built again over its one transaction and its own clock.
    demo: demoModule({
      db,
      clock,
      servicesOver: (trx, demoClock) => buildDeps({ ...handle, db: trx }, config, demoClock),
    }),
  };
  // Each module's routes.
  deps.modules = {
    home: homeModule({
      config,
      engine: handle.engine,
      checkDatabase: () => partnerships.checkDatabase(),
      partnerships,
    }),
    accounts: accountsMod,
    areas: areasMod,
    partnerships: partnershipsMod,
    audit: auditMod,
    outcomes: outcomesMod,
    imports: importsMod,
    deadlines: deadlinesMod,
    community: community,
    plans: plansMod,
    improvement: improvement,
  };
  return deps;
}
