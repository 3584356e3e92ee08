import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import type { Geography, Localities } from '../areas/index.ts';
import type { AuditService } from '../audit/index.ts';
import { DirectoryRepository } from './directory.repository.ts';
import { PartnershipDirectory } from './directory.service.ts';
import { PartnershipsRepository } from './partnerships.repository.ts';
import { partnershipsRoutes } from './partnerships.routes.tsx';
import { PartnershipsService, type PartnershipAccounts } from './partnerships.service.ts';

export { PartnershipsService, partnershipRowToRef } from './partnerships.service.ts';

/** What the partnerships module needs from outside: exactly these, nothing else. */
export interface PartnershipsModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Members are added by their account's email address; their roles here are the accounts module's. */
  accounts: PartnershipAccounts;
  /** The council area's name beside each partnership in the list. */
  geography: Pick<Geography, 'areasByCodes'>;
  /** The partnership's localities: areas of the geography, read and written by the areas module. */
  localities: Localities;
  /** The dashboard shows the partnership's most recent audit events. */
  audit: AuditService;
}

export interface PartnershipsModule {
  services: { partnerships: PartnershipsService };
  /** The list of partnerships, each one's dashboard, organisations, localities and members. */
  routes(router: Router): void;
}

/** The 32 community planning partnerships: their partner organisations, localities and members. */
export function partnershipsModule(deps: PartnershipsModuleDeps): PartnershipsModule {
  const partnerships = new PartnershipsService(
    new PartnershipsRepository(deps.db),
    deps.clock,
    deps.accounts,
    deps.geography,
    deps.localities,
  );
  return {
    services: { partnerships },
    routes: (router) => partnershipsRoutes(router, { partnerships, audit: deps.audit }),
  };
}

export { PartnershipDirectory, type PartnershipName, type OrganisationName } from './directory.service.ts';
export type { DirectoryDb } from './directory.service.ts';

/** The partnerships module's reads for other modules: it needs only the database (see PartnershipDirectory). */
export function partnershipDirectory(db: Kysely<Database>): PartnershipDirectory {
  return new PartnershipDirectory(new DirectoryRepository(db));
}
