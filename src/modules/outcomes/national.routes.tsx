import type { RequestContext } from '../../core/context.ts';
import { ValidationError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { comparisonCsv, overviewCsv, scotlandOverviewJson } from './national.presenters.ts';
import { CompareQuery, OverviewQuery, type Sort } from './national.schemas.ts';
import { ComparePage, NoOutcomesData, ScotlandOverview } from './national.views.tsx';
import { ScotlandOverview as ScotlandOverviewSchema } from './outcomes.api-schemas.ts';
import type { OutcomesService } from './outcomes.service.ts';

const DEFAULT_INDICATOR = 'cpop-child-poverty';

/** What the national routes need: the outcomes service and the list of partnerships (for the comparison). */
export interface NationalRoutesDeps {
  outcomes: OutcomesService;
  partnerships: Pick<PartnershipsService, 'list'>;
}

export function nationalRoutes(router: Router, deps: NationalRoutesDeps): void {
  scotlandRoutes(router, deps);
  compareRoutes(router, deps);
}

/** The indicators that have values for council areas, and the one asked for (or the default, or none). */
function pickFor(deps: NationalRoutesDeps) {
  return async (ctx: RequestContext, code: string | undefined) => {
    const choices = await deps.outcomes.indicatorChoices(ctx);
    if (code !== undefined && !choices.some((i) => i.code === code))
      throw ValidationError.field(
        'indicator',
        `No indicator “${code}” has values for council areas: choose one from the list`,
      );
    const chosen =
      choices.find((i) => i.code === code) ?? choices.find((i) => i.code === DEFAULT_INDICATOR) ?? choices[0] ?? null;
    return { choices, chosen };
  };
}

/** GET /scotland, /scotland.csv and /api/v1/scotland: all partnerships on one indicator. */
function scotlandRoutes(router: Router, deps: NationalRoutesDeps): void {
  const pick = pickFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/scotland',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary:
        'All 32 partnerships on one indicator: latest values, improvement, traffic lights, family groups, inequality',
      query: OverviewQuery,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      if (!chosen) return render(c, { title: 'Scotland: all partnerships', children: <NoOutcomesData command /> });
      const [o, shapes] = await Promise.all([
        deps.outcomes.overview(ctx, chosen.code),
        deps.outcomes.boundaries(ctx, { level: 'council_area' }),
      ]);
      const sort: Sort = query.sort ?? 'area';
      const dir = query.dir ?? (sort === 'area' || sort === 'group' ? 'asc' : 'desc');
      return render(c, {
        title: 'Scotland: all partnerships',
        wide: true,
        children: (
          <ScotlandOverview
            choices={choices}
            overview={o}
            view={{ chosen, sort, dir, group: query.group }}
            shapes={shapes}
          />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/scotland.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The Scotland overview for one indicator, as CSV',
      query: OverviewQuery,
    },
    async (c, { ctx, query }) => {
      const { chosen } = await pick(ctx, query.indicator);
      if (!chosen) return csvResponse(c, 'scotland.csv', 'area_code\r\n');
      return csvResponse(c, `scotland-${chosen.code}.csv`, overviewCsv(await deps.outcomes.overview(ctx, chosen.code)));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/scotland',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'All 32 partnerships on one indicator: series, improvement rates, traffic lights against Scotland, family groups, latest Duncan index',
      query: OverviewQuery,
      operationId: 'getScotlandOverview',
      response: ScotlandOverviewSchema,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      return c.json(scotlandOverviewJson(choices, chosen ? await deps.outcomes.overview(ctx, chosen.code) : null));
    },
  );
}

/** GET /compare and /compare.csv: partnerships compared on one indicator over time. */
function compareRoutes(router: Router, deps: NationalRoutesDeps): void {
  const pick = pickFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/compare',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'Compare partnerships on one indicator over time',
      query: CompareQuery,
    },
    async (c, { ctx, query }) => {
      const { choices, chosen } = await pick(ctx, query.indicator);
      const councils = (await deps.partnerships.list(ctx)).filter((p) => !p.fictional);
      if (!chosen) return render(c, { title: 'Compare partnerships', children: <NoOutcomesData /> });
      const result = await deps.outcomes.compare(ctx, chosen.code, query.areas);
      return render(c, {
        title: 'Compare partnerships',
        wide: true,
        children: (
          <ComparePage choices={choices} chosen={chosen} councils={councils} areas={query.areas} result={result} />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/compare.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'The compare page’s values as CSV',
      query: CompareQuery,
    },
    async (c, { ctx, query }) => {
      const { chosen } = await pick(ctx, query.indicator);
      if (!chosen) return csvResponse(c, 'compare.csv', 'area_code\r\n');
      const result = await deps.outcomes.compare(ctx, chosen.code, query.areas);
      return csvResponse(c, `compare-${chosen.code}.csv`, comparisonCsv(chosen.code, result));
    },
  );
}
