import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Database } from '../../db/schema.ts';
import { AreasRepository } from './areas.repository.ts';
import { areasRoutes } from './areas.routes.tsx';
import { AreasService } from './areas.service.ts';
import { GeographyRepository } from './geography.repository.ts';
import { Geography } from './geography.service.ts';
import { LocalitiesRepository } from './localities.repository.ts';
import { Localities } from './localities.service.ts';

export { AreasService, SCOTLAND_CODE } from './areas.service.ts';
export { Geography, type AreaName, type GeographyDb } from './geography.service.ts';
export { Localities, type LocalitiesDb, type NewLocality } from './localities.service.ts';

/** What the areas module needs from outside: exactly these, nothing else. */
export interface AreasModuleDeps {
  db: Kysely<Database>;
}

export interface AreasModule {
  services: { areas: AreasService; geography: Geography; localities: Localities };
  /** Council areas, any area by its code, and the resolution of the names sources use for areas. */
  routes(router: Router): void;
}

/** Scotland's statistical and administrative geography. */
export function areasModule(deps: AreasModuleDeps): AreasModule {
  const areas = new AreasService(new AreasRepository(deps.db));
  const geography = new Geography(new GeographyRepository(deps.db));
  const localities = new Localities(new LocalitiesRepository(deps.db));
  return { services: { areas, geography, localities }, routes: (router) => areasRoutes(router, { areas }) };
}
