import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Clock } from '../../core/time.ts';
import type { Engine } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Geography } from '../areas/index.ts';
import type { PeopleDirectory } from '../accounts/index.ts';
import type { PartnershipDirectory, PartnershipsService } from '../partnerships/index.ts';
import { CatalogueRepository } from './catalogue.repository.ts';
import { IndicatorCatalogue } from './catalogue.service.ts';
import { CommunitiesRepository } from './communities.repository.ts';
import { communitiesRoutes } from './communities.routes.tsx';
import { CommunitiesService } from './communities.service.ts';
import { IndicatorsRepository } from './indicators.repository.ts';
import { indicatorsRoutes } from './indicators.routes.tsx';
import { IndicatorsService } from './indicators.service.ts';
import { nationalRoutes } from './national.routes.tsx';
import { OutcomesRepository } from './outcomes.repository.ts';
import { outcomesRoutes } from './outcomes.routes.tsx';
import { OutcomesService, type OutcomesGeography } from './outcomes.service.ts';

export { OutcomesService, type DuncanRow, type IndicatorProfile, type InequalityProfile } from './outcomes.service.ts';
export { outcomesRoutes, type OutcomesRoutesDeps } from './outcomes.routes.tsx';
export { nationalRoutes, type NationalRoutesDeps } from './national.routes.tsx';
export { duncanIndex, type DuncanZone, type DuncanResult } from './duncan.ts';
export {
  communityZScores,
  improvementRate,
  trafficLight,
  type SeriesPoint,
  type TrafficLight,
} from './cpop-methods.ts';
export { CommunitiesService } from './communities.service.ts';
export { IndicatorCatalogue, type IndicatorName, type CatalogueDb } from './catalogue.service.ts';
export { IndicatorsService } from './indicators.service.ts';
export { indicatorsRoutes, type IndicatorsRoutesDeps } from './indicators.routes.tsx';
export { communitiesRoutes, type CommunitiesRoutesDeps } from './communities.routes.tsx';

/** What the outcomes module needs from outside: exactly these, nothing else. */
export interface OutcomesModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The database engine, which sets how many queries read a national recompute's inputs at once. */
  engine: Engine;
  /** Partnerships by code (the /partnerships/:code pages) and the list of them (the comparison). */
  partnerships: Pick<PartnershipsService, 'resolve' | 'list'>;
  /**
   * The areas module's geography: the council areas, zones, boundaries, localities and family groups the
   * outcomes are of, and the communities' council areas and zones.
   */
  geography: OutcomesGeography & Pick<Geography, 'councilArea' | 'councilZones' | 'councilZone'>;
  /** The partnerships of the council areas (the Scotland overview). */
  directory: Pick<PartnershipDirectory, 'allPartnerships'>;
  /** The name of the analyst who set an indicator's prevention tag (the catalogue). */
  people: Pick<PeopleDirectory, 'usersByIds'>;
}

export interface OutcomesModule {
  services: {
    outcomes: OutcomesService;
    indicators: IndicatorsService;
    communities: CommunitiesService;
    catalogue: IndicatorCatalogue;
  };
  /** A partnership's outcomes, the national views, the indicator catalogue and communities, in that order. */
  routes(router: Router): void;
}

export function outcomesModule(deps: OutcomesModuleDeps): OutcomesModule {
  const { db, clock, partnerships, geography } = deps;
  // On PostgreSQL each read runs on its own connection and core; the embedded engine has one connection.
  const outcomes = new OutcomesService(new OutcomesRepository(db), geography, deps.directory, {
    readParts: deps.engine === 'postgres' ? 2 : 1,
  });
  const indicators = new IndicatorsService(new IndicatorsRepository(db), clock, deps.people);
  const communities = new CommunitiesService(new CommunitiesRepository(db), geography);
  const catalogue = new IndicatorCatalogue(new CatalogueRepository(db));
  return {
    services: { outcomes, indicators, communities, catalogue },
    routes: (router) => {
      outcomesRoutes(router, { partnerships, outcomes, communities });
      nationalRoutes(router, { outcomes, partnerships });
      indicatorsRoutes(router, { indicators });
      communitiesRoutes(router, { partnerships, outcomes, communities });
    },
  };
}
