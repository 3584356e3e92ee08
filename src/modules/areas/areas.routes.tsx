import { z } from 'zod';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { SummaryList, Table } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { AreaDetail, AreaList, AreaResolution } from './areas.api-schemas.ts';
import type { AreasService } from './areas.service.ts';

const LEVEL_LABELS: Record<string, string> = {
  country: 'Country',
  council_area: 'Council area',
  locality: 'Locality',
  intermediate_zone: 'Intermediate zone',
  data_zone: 'Data zone',
  ward: 'Multi-member ward',
  health_board: 'Health board',
};

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
        children: (
          <>
            <p>
              Scotland (S92000003) has 32 council areas, each with a community planning partnership. Areas are
              identified by their GSS codes; sources spell the names in different ways, and Cairn recognises the
              variants.
            </p>
            <Table
              caption="Scotland's council areas"
              rows={areas}
              empty="No council areas are loaded."
              columns={[
                { header: 'Council area', cell: (a) => <a href={`/areas/${a.code}`}>{a.name}</a> },
                { header: 'GSS code', cell: (a) => <code>{a.code}</code> },
              ]}
            />
            <p>
              <a href="/api/v1/areas">These areas as JSON</a>
            </p>
          </>
        ),
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
        children: (
          <>
            <SummaryList
              items={[
                { key: 'GSS code', value: <code>{area.code}</code> },
                { key: 'Level', value: LEVEL_LABELS[area.level] ?? area.level },
                { key: 'Part of', value: area.parent ? area.parent.name : '—' },
                {
                  key: 'Other names in sources',
                  value: area.nameVariants.length ? area.nameVariants.join('; ') : 'None recorded',
                },
                {
                  key: 'Previous codes',
                  value: area.previousCodes.length
                    ? area.previousCodes.map((p) => `${p.code} (changed ${p.changedIn ?? ''})`).join('; ')
                    : 'None',
                },
                {
                  key: 'Smaller areas loaded',
                  value: Object.keys(area.children).length
                    ? Object.entries(area.children)
                        .map(([level, n]) => `${n} ${LEVEL_LABELS[level]?.toLowerCase() ?? level}s`)
                        .join(', ')
                    : 'None yet: intermediate and data zones arrive with the geography import',
                },
                { key: 'Source', value: area.source ?? '—' },
              ]}
            />
          </>
        ),
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
