import { z } from 'zod';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { render } from '../../core/ui/layout.tsx';
import { AreaDetail, AreaList, AreaResolution } from './areas.api-schemas.ts';
import type { AreasService } from './areas.service.ts';
import { AreaPage, CouncilAreasPage, LEVEL_LABELS } from './areas.views.tsx';

/** What the area routes use: the areas service. */
export interface AreasRoutesDeps {
  areas: AreasService;
}

export function areasRoutes(router: Router, deps: AreasRoutesDeps): void {
  router.route(
    { method: 'GET', path: '/areas', permission: 'area:read', kind: 'page', summary: 'Council areas' },
    async (c, { ctx }) => {
      const areas = await deps.areas.councilAreas(ctx);
      return render(c, {
        title: 'Council areas',
        wide: true,
        children: <CouncilAreasPage areas={areas} />,
      });
    },
  );

  router.route(
    { method: 'GET', path: '/areas/:code', permission: 'area:read', kind: 'page', summary: 'One area' },
    async (c, { ctx }) => {
      const area = await deps.areas.area(ctx, codeParam(c, 'code'));
      return render(c, {
        title: area.name,
        label: LEVEL_LABELS[area.level],
        crumbs: [{ href: '/areas', label: 'Council areas' }],
        children: <AreaPage area={area} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/areas',
      permission: 'area:read',
      kind: 'api',
      tag: 'areas',
      summary: 'Scotland’s council areas',
      operationId: 'listAreas',
      response: AreaList,
    },
    async (c, { ctx }) => c.json({ data: await deps.areas.councilAreas(ctx) }),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/areas/resolve',
      permission: 'area:read',
      kind: 'api',
      tag: 'areas',
      summary: 'Find the GSS code for a name as any source spells it, or for an old code',
      query: z.object({
        name: z
          .string({ error: 'Give a name or code to resolve' })
          .trim()
          .min(1, { error: 'Give a name or code to resolve' })
          .max(200),
      }),
      operationId: 'resolveArea',
      response: AreaResolution,
    },
    async (c, { query, ctx }) => c.json({ name: query.name, code: await deps.areas.resolve(ctx, query.name) }),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/areas/:code',
      permission: 'area:read',
      kind: 'api',
      tag: 'areas',
      summary: 'One area with its name variants and previous codes',
      operationId: 'getArea',
      response: AreaDetail,
    },
    async (c, { ctx }) => c.json(await deps.areas.area(ctx, codeParam(c, 'code'))),
  );
}
