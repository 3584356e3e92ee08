import type { Router } from '../../core/http/router.ts';
import { homeRoutes, type HomeRoutesDeps } from './home.routes.tsx';

/** What the home module needs from outside: exactly these, nothing else. */
export type HomeModuleDeps = HomeRoutesDeps;

/** Home has no services of its own: it gives routes only. */
export interface HomeModule {
  /** Assets, /health, the OpenAPI document and its readable reference, the start page, the permissions table. */
  routes(router: Router): void;
}

/** The start page, static assets, the health check and the API's description. */
export function homeModule(deps: HomeModuleDeps): HomeModule {
  return { routes: (router) => homeRoutes(router, deps) };
}
