import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { CommunitiesService } from './communities.service.ts';
import { Inequality, LocalityTest, OutcomesProfile as OutcomesProfileSchema } from './outcomes.api-schemas.ts';
import {
  inequalityCsv,
  inequalityJson,
  localityCsv,
  localityTestCsv,
  localityTestRows,
  outcomesProfileCsv,
  outcomesProfileJson,
} from './outcomes.presenters.ts';
import type { OutcomesService } from './outcomes.service.ts';
import {
  InequalityPage,
  LocalityPage,
  LocalityTestPage,
  OutcomesProfile,
  type LocalityProfile,
} from './outcomes.views.tsx';

/** What the outcomes routes need: the partnership lookup by code, the outcomes and communities services. */
export interface OutcomesRoutesDeps {
  partnerships: Pick<PartnershipsService, 'resolve'>;
  outcomes: OutcomesService;
  communities: CommunitiesService;
}

export function outcomesRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  outcomesProfileRoutes(router, deps);
  inequalityRoutes(router, deps);
  localityTestPageRoutes(router, deps);
  localityRoutes(router, deps);
  localityTestDataRoutes(router, deps);
}

/** The locality test for the partnership, and its rows. */
function localityRowsFor(deps: OutcomesRoutesDeps) {
  return async (ctx: RequestContext, p: PartnershipRef) => {
    const t = await deps.outcomes.localityTests(ctx, p.councilAreaCode, p.id);
    return { t, rows: localityTestRows(t) };
  };
}

/** One locality of the partnership: the locality test's verdicts for it, and its communities. */
function localityProfileFor(deps: OutcomesRoutesDeps) {
  const localityRows = localityRowsFor(deps);

  return async (ctx: RequestContext, p: PartnershipRef, code: string): Promise<LocalityProfile> => {
    const [locality, { t, rows }, communities] = await Promise.all([
      deps.outcomes.locality(ctx, p.id, code),
      localityRows(ctx, p),
      deps.communities.overview(ctx, p.councilAreaCode).catch(() => null),
    ]);
    const zones = new Set(locality.zones.map((z) => z.code));
    return {
      locality,
      t,
      summary: t.summaries.find((s) => s.code === locality.code) ?? null,
      rows: rows.filter((x) => x.r.code === locality.code),
      communities: (communities?.communities ?? []).filter((c) => zones.has(c.code)),
      ranked: communities?.ranked ?? 0,
    };
  };
}

/** A partnership's outcomes profile: the page, its CSV and the API. */
function outcomesProfileRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  const profileOf = (ctx: RequestContext, p: PartnershipRef) => deps.outcomes.profile(ctx, p.councilAreaCode);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/outcomes',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'A partnership’s outcomes profile (CPOP indicators beside Scotland)',
    },
    async (c, { ctx, partnership: p }) => {
      const profile = await profileOf(ctx, p);
      return render(c, {
        title: 'Outcomes profile',
        label: p.name,
        wide: true,
        crumbs: [{ href: '/partnerships', label: 'Partnerships' }],
        children: <OutcomesProfile partnership={p} profile={profile} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/outcomes.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'A partnership’s outcomes profile as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      return c.body(outcomesProfileCsv(await profileOf(ctx, p), p), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-outcomes.csv"`,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/outcomes',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary: 'A partnership’s outcomes profile: CPOP series beside Scotland, improvement rates, traffic lights',
      operationId: 'getOutcomesProfile',
      response: OutcomesProfileSchema,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(outcomesProfileJson(p, await profileOf(ctx, p)));
    },
  );
}

/** Inequality inside a partnership: the page, its CSV and the API. */
function inequalityRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/inequality',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'Inequality inside a partnership: Duncan index over time, most vs least income-deprived communities, slope and relative indexes',
    },
    async (c, { ctx, partnership: p }) => {
      const rows = await deps.outcomes.inequality(ctx, p.councilAreaCode);
      return render(c, {
        title: 'Inequality between communities',
        label: p.name,
        wide: true,
        crumbs: [{ href: partnershipHref(p.code, 'outcomes'), label: 'Outcomes profile' }],
        children: <InequalityPage partnership={p} rows={rows} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/inequality.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'Inequality inside a partnership by indicator and year, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      return c.body(inequalityCsv(await deps.outcomes.inequality(ctx, p.councilAreaCode), p), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-inequality.csv"`,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/inequality',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'Inequality inside a partnership: Duncan index by year; latest most vs least deprived, slope and relative indexes',
      operationId: 'getInequality',
      response: Inequality,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(inequalityJson(p, await deps.outcomes.inequality(ctx, p.councilAreaCode)));
    },
  );
}

/** The locality test's page (s.10). */
function localityTestPageRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  const localityRows = localityRowsFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/locality-test',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'Which localities have significantly poorer outcomes than the rest of the area and Scotland (s.10), with the evidence',
    },
    async (c, { ctx, partnership: p }) => {
      const { t, rows } = await localityRows(ctx, p);
      return render(c, {
        title: 'Localities with significantly poorer outcomes',
        label: p.name,
        wide: true,
        crumbs: [{ href: partnershipHref(p.code, 'outcomes'), label: 'Outcomes profile' }],
        children: <LocalityTestPage partnership={p} t={t} rows={rows} />,
      });
    },
  );
}

/** One locality of a partnership: its page and its CSV. */
function localityRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  const localityProfile = localityProfileFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/localities/:localityCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'One locality of a partnership: its outcomes against the rest of the area and Scotland, and its communities with their ranks',
    },
    async (c, { ctx, partnership: p }) => {
      const l = await localityProfile(ctx, p, codeParam(c, 'localityCode'));
      return render(c, {
        title: l.locality.name,
        label: `Locality of ${p.name}`,
        wide: true,
        crumbs: [
          { href: partnershipHref(p.code, 'outcomes'), label: 'Outcomes profile' },
          { href: partnershipHref(p.code, 'locality-test'), label: 'Localities' },
        ],
        children: <LocalityPage partnership={p} profile={l} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/localities/:localityCode/data.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'One locality’s comparisons with the rest of the area and Scotland, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      const l = await localityProfile(ctx, p, codeParam(c, 'localityCode'));
      return c.body(localityCsv(l.rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-${l.locality.code}.csv"`,
      });
    },
  );
}

/** The locality test's data (s.10): its CSV and the API. */
function localityTestDataRoutes(router: Router, deps: OutcomesRoutesDeps): void {
  const localityRows = localityRowsFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/locality-test.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'Every locality test comparison (s.10), as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      const { rows } = await localityRows(ctx, p);
      return c.body(localityTestCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${p.code}-locality-test.csv"`,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/locality-test',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'The locality test (s.10): each locality against the rest of the area and Scotland, per indicator, with the summary',
      operationId: 'getLocalityTest',
      response: LocalityTest,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(await deps.outcomes.localityTests(ctx, p.councilAreaCode, p.id));
    },
  );
}
