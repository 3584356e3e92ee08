import type { Router } from '../../core/http/router.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { NationalViewJson, Stocktake } from './national-view.api-schemas.ts';
import { nationalCsv, sortNational, stocktakeCsv } from './national-view.presenters.ts';
import { defaultDir, NationalQuery, type Sort } from './national-view.schemas.ts';
import type { NationalViewService } from './national-view.service.ts';
import { NationalPage, StocktakePage } from './national-view.views.tsx';

/** What the national view's routes use: their service only. */
export interface NationalViewRoutesDeps {
  nationalView: NationalViewService;
}

export function nationalViewRoutes(router: Router, deps: NationalViewRoutesDeps): void {
  const svc = deps.nationalView;

  router.route(
    {
      method: 'GET',
      path: '/national',
      permission: 'national-view:read',
      kind: 'page',
      summary:
        'All partnerships on one page: plans, annual reports, recommendation responses, self-evaluation, outcome traffic lights, community requests',
      query: NationalQuery,
    },
    async (c, { ctx, query }) => {
      const v = await svc.overview(ctx, query.year);
      const sort: Sort = query.sort ?? 'name';
      const dir = query.dir ?? defaultDir(sort);
      return render(c, {
        title: 'All partnerships',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: <NationalPage v={v} rows={sortNational(v.rows, sort, dir)} sort={sort} dir={dir} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/national.csv',
      permission: 'national-view:read',
      kind: 'file',
      summary: 'The national view of all partnerships as CSV',
      query: NationalQuery,
    },
    async (c, { ctx, query }) => {
      const v = await svc.overview(ctx, query.year);
      const sort = query.sort ?? 'name';
      const rows = sortNational(v.rows, sort, query.dir ?? defaultDir(sort));
      return csvResponse(c, `cairn-national-${v.year}.csv`, nationalCsv(v, rows));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/national',
      permission: 'national-view:read',
      kind: 'api',
      tag: 'national',
      summary: 'The national view of all partnerships (what the reader may see)',
      query: NationalQuery,
      operationId: 'getNationalView',
      response: NationalViewJson,
    },
    async (c, { ctx, query }) => c.json(await svc.overview(ctx, query.year)),
  );

  // ---- The plan stocktake

  router.route(
    {
      method: 'GET',
      path: '/national/stocktake',
      permission: 'national-view:read',
      kind: 'page',
      summary:
        'The stocktake of published plans: priorities, outcomes with measures and targets, locality plans, preventative share',
    },
    async (c, { ctx }) =>
      render(c, {
        title: 'Plan stocktake',
        wide: true,
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/national', label: 'All partnerships' },
        ],
        children: <StocktakePage rows={await svc.stocktake(ctx)} />,
      }),
  );

  router.route(
    {
      method: 'GET',
      path: '/national/stocktake.csv',
      permission: 'national-view:read',
      kind: 'file',
      summary: 'The plan stocktake as CSV',
    },
    async (c, { ctx }) => csvResponse(c, 'cairn-plan-stocktake.csv', stocktakeCsv(await svc.stocktake(ctx))),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/national/stocktake',
      permission: 'national-view:read',
      kind: 'api',
      tag: 'national',
      summary: 'The plan stocktake: each partnership’s latest published LOIP compared',
      operationId: 'getPlanStocktake',
      response: Stocktake,
    },
    async (c, { ctx }) => c.json({ data: await svc.stocktake(ctx) }),
  );
}
