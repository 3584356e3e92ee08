import type { Config } from './config.ts';
import type { Clock } from './core/time.ts';
import { systemClock } from './core/time.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { AccountsService } from './modules/accounts/index.ts';
import { AreasService } from './modules/areas/index.ts';
import { AuditService } from './modules/audit/index.ts';
import {
  CommunityBodiesService,
  LandRegisterService,
  RegistersService,
  RemindersService,
  RequestsService,
} from './modules/community/index.ts';
import { DeadlinesService } from './modules/deadlines/index.ts';
import {
  CaseStudiesService,
  NationalViewService,
  RecommendationsService,
  SelfEvaluationService,
  SupportService,
} from './modules/improvement/index.ts';
import { ImportsService } from './modules/imports/index.ts';
import { CommunitiesService, IndicatorsService, OutcomesService } from './modules/outcomes/index.ts';
import { PartnershipsService } from './modules/partnerships/index.ts';
import { PlansService, ReportsService, ResourcesService } from './modules/plans/index.ts';

/** The composition root: one place where the database, clock and configuration meet the services. */
export interface Deps {
  handle: DatabaseHandle;
  config: Config;
  clock: Clock;
  accounts: AccountsService;
  areas: AreasService;
  audit: AuditService;
  deadlines: DeadlinesService;
  communityBodies: CommunityBodiesService;
  requests: RequestsService;
  landRegister: LandRegisterService;
  registers: RegistersService;
  reminders: RemindersService;
  imports: ImportsService;
  outcomes: OutcomesService;
  indicators: IndicatorsService;
  communities: CommunitiesService;
  partnerships: PartnershipsService;
  plans: PlansService;
  resources: ResourcesService;
  reports: ReportsService;
  recommendations: RecommendationsService;
  selfEvaluation: SelfEvaluationService;
  support: SupportService;
  caseStudies: CaseStudiesService;
  nationalView: NationalViewService;
}

export function buildDeps(handle: DatabaseHandle, config: Config, clock: Clock = systemClock): Deps {
  const { db } = handle;
  const accounts = new AccountsService(db, clock, config);
  const partnerships = new PartnershipsService(db, clock, accounts);
  const deadlines = new DeadlinesService(db);
  const requests = new RequestsService(db, clock, config, deadlines);
  const plans = new PlansService(db, clock);
  const resources = new ResourcesService(db, clock, config.imports);
  const registers = new RegistersService(db, deadlines);
  const outcomes = new OutcomesService(db, { readParts: handle.engine === 'postgres' ? 2 : 1 });
  const selfEvaluation = new SelfEvaluationService(db, clock);
  return {
    handle,
    config,
    clock,
    accounts,
    areas: new AreasService(db),
    audit: new AuditService(db),
    deadlines,
    communityBodies: new CommunityBodiesService(db, clock, accounts, (code) => partnerships.resolve(code)),
    requests,
    landRegister: new LandRegisterService(db, clock, requests, config.imports),
    registers,
    reminders: new RemindersService(db, clock, config),
    imports: new ImportsService(db, clock, config.imports),
    outcomes,
    indicators: new IndicatorsService(db, clock),
    communities: new CommunitiesService(db),
    partnerships,
    plans,
    resources,
    reports: new ReportsService(db, clock, plans, resources, registers, deadlines),
    recommendations: new RecommendationsService(db, clock, plans),
    selfEvaluation,
    support: new SupportService(db, clock, outcomes, selfEvaluation),
    caseStudies: new CaseStudiesService(db, clock, outcomes),
    nationalView: new NationalViewService(db, clock, outcomes, deadlines, selfEvaluation),
  };
}
