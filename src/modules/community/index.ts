import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { AccountsService, Notices, PeopleDirectory } from '../accounts/index.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { ImportsService } from '../imports/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import { BodiesRepository } from './bodies.repository.ts';
import { CommunityBodiesService, type ListPartnerships, type ResolvePartnership } from './bodies.service.ts';
import { communityRoutes } from './community.routes.tsx';
import { LandRepository } from './land.repository.ts';
import { LandRegisterService } from './land.service.ts';
import { RegistersRepository } from './registers.repository.ts';
import { RegistersService } from './registers.service.ts';
import { registersRoutes } from './registers.routes.tsx';
import { RemindersRepository } from './reminders.repository.ts';
import { RemindersService } from './reminders.service.ts';
import { RequestsRepository } from './requests.repository.ts';
import { RequestsService } from './requests.service.ts';
import { requestsRoutes } from './requests.routes.tsx';
import { CommunityDirectoryRepository } from './directory.repository.ts';
import { CommunityDirectory } from './directory.service.ts';

export { CommunityBodiesService, type ListPartnerships, type ResolvePartnership } from './bodies.service.ts';
export { RequestsService } from './requests.service.ts';
export { LandRegisterService } from './land.service.ts';
export { RegistersService } from './registers.service.ts';
export { RemindersService } from './reminders.service.ts';
export { TRANSITIONS, STATUSES, findTransition, availableTransitions } from './workflow.ts';

export { CommunityDirectory, type CommunityDb } from './directory.service.ts';

/** What the community module needs from outside: exactly these, nothing else. */
export interface CommunityModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: Pick<
    Config,
    | 'baseUrl'
    | 'uploadMaxBytes'
    | 'secureCookies'
    | 'sessionHours'
    | 'imports'
    | 'smtpUrl'
    | 'mailFrom'
    | 'reminderDays'
  >;
  /** Accounts for the people who register a body or join one, and signing in after registering. */
  accounts: AccountsService;
  /** The statutory clock: deadlines of requests, report years of the registers. */
  deadlines: DeadlinesService;
  /** The notifications and e-mails (outbox) of the reminders and of requests' steps (accounts owns them). */
  notices: Notices;
  /** Who people are (names, e-mail addresses, roles in a partnership), from the accounts module. */
  people: PeopleDirectory;
  /** Partnerships' codes and names, organisations' names, a partnership's authorities (partnerships module). */
  directory: PartnershipDirectory;
  /** The record of a register of land's import run, written in the import's transaction. */
  imports: Pick<ImportsService, 'recordRun'>;
  /** The partnerships module's `resolve` and `list`, as functions (the module needs no more of it). */
  resolvePartnership: ResolvePartnership;
  listPartnerships: ListPartnerships;
}

export interface CommunityModule {
  services: {
    requests: RequestsService;
    communityBodies: CommunityBodiesService;
    landRegister: LandRegisterService;
    registers: RegistersService;
    reminders: RemindersService;
    communityDirectory: CommunityDirectory;
  };
  /** Registers the module's routes: the community bodies' pages, the authorities' side, the public registers. */
  routes(router: Router): void;
}

/** The community module (Parts 3 and 5 of the Community Empowerment (Scotland) Act 2015), built from its needs. */
export function communityModule(deps: CommunityModuleDeps): CommunityModule {
  const { db, clock, config, accounts, deadlines, resolvePartnership, listPartnerships } = deps;
  const { notices, people, directory, imports } = deps;
  const requests = new RequestsService(
    new RequestsRepository(db),
    clock,
    config,
    deadlines,
    directory,
    people,
    notices,
  );
  const communityBodies = new CommunityBodiesService(new BodiesRepository(db), clock, accounts, resolvePartnership, {
    directory,
    people,
  });
  const landRegister = new LandRegisterService(new LandRepository(db), clock, config.imports, { directory, imports });
  const registers = new RegistersService(new RegistersRepository(db), deadlines, directory);
  const reminders = new RemindersService(new RemindersRepository(db), clock, config, {
    notices,
    deadlines,
    people,
    directory,
  });
  const communityDirectory = new CommunityDirectory(new CommunityDirectoryRepository(db));
  const services = { requests, communityBodies, landRegister, registers, reminders, communityDirectory };
  const routeDeps = { ...services, clock, config, accounts, deadlines, resolvePartnership, listPartnerships };
  return {
    services,
    routes(router) {
      communityRoutes(router, routeDeps);
      requestsRoutes(router, routeDeps);
      registersRoutes(router, routeDeps);
    },
  };
}
