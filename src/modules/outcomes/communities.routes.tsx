import { z } from 'zod';
import { ValidationError } from '../../core/errors.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { communitiesCsv, communitiesJson, communityCsv, communityJson } from './communities.presenters.ts';
import type { CommunitiesService } from './communities.service.ts';
import { CommunitiesRanking, CommunityPage } from './communities.views.tsx';
import { Communities, Community } from './outcomes.api-schemas.ts';
import type { OutcomesService } from './outcomes.service.ts';

/** What these routes need: the partnership lookup by code, the communities service and the zones' boundaries. */
export interface CommunitiesRoutesDeps {
  partnerships: Pick<PartnershipsService, 'resolve'>;
  outcomes: Pick<OutcomesService, 'boundaries'>;
  communities: CommunitiesService;
}

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const ListQuery = z.object({
  sort: blank(z.string().trim().max(80)),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
});

export function communitiesRoutes(router: Router, deps: CommunitiesRoutesDeps): void {
  communitiesListRoutes(router, deps);
  communityRoutes(router, deps);
}

/** A partnership's communities ranked in the round: the page, its CSV and the API. */
function communitiesListRoutes(router: Router, deps: CommunitiesRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/communities',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'A partnership’s communities (intermediate zones) ranked in the round on CPOP’s community indicators',
      query: ListQuery,
    },
    async (c, { ctx, query, partnership: p }) => {
      const [o, shapes] = await Promise.all([
        deps.communities.overview(ctx, p.councilAreaCode),
        deps.outcomes.boundaries(ctx, { level: 'intermediate_zone', parent: p.councilAreaCode }),
      ]);
      const sort = query.sort ?? 'rank';
      if (!['rank', 'name', ...o.indicators.map((i) => i.code)].includes(sort)) {
        throw ValidationError.field(
          'sort',
          `Sort by rank, name or an indicator’s code (${o.indicators.map((i) => i.code).join(', ')})`,
        );
      }
      return render(c, {
        title: 'Communities',
        label: p.name,
        wide: true,
        crumbs: [
          { href: '/partnerships', label: 'Partnerships' },
          { href: partnershipHref(p.code, 'outcomes'), label: 'Outcomes profile' },
        ],
        children: (
          <CommunitiesRanking partnership={p} overview={o} shapes={shapes} sort={sort} dir={query.dir ?? 'asc'} />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/communities.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'A partnership’s communities ranked in the round, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      return csvResponse(
        c,
        `${p.code}-communities.csv`,
        communitiesCsv(await deps.communities.overview(ctx, p.councilAreaCode)),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/communities',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'A partnership’s communities: latest values, z-scores and ranks on each CPOP community indicator, and the overall rank in the round',
      operationId: 'listCommunities',
      response: Communities,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(communitiesJson(p, await deps.communities.overview(ctx, p.councilAreaCode)));
    },
  );
}

/** One community's profile: the page, its CSV and the API. */
function communityRoutes(router: Router, deps: CommunitiesRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/communities/:izCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'page',
      summary: 'One community’s profile: each CPOP indicator beside its council area and Scotland',
    },
    async (c, { ctx, partnership: p }) => {
      const profile = await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'));
      return render(c, {
        title: profile.community.name,
        label: p.name,
        wide: true,
        crumbs: [
          { href: '/partnerships', label: 'Partnerships' },
          { href: partnershipHref(p.code, 'outcomes'), label: 'Outcomes profile' },
          { href: partnershipHref(p.code, 'communities'), label: 'Communities' },
        ],
        children: <CommunityPage partnership={p} profile={profile} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/communities/:izCode/data.csv',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'file',
      summary: 'One community’s series beside its council area and Scotland, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      const profile = await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'));
      return csvResponse(c, `${p.code}-${profile.community.code}.csv`, communityCsv(profile));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/communities/:izCode',
      cache: 'until-next-write',
      permission: 'outcome:read',
      kind: 'api',
      tag: 'outcomes',
      summary:
        'One community: each CPOP indicator’s series beside its council area and Scotland, with latest value, z-score and rank',
      operationId: 'getCommunity',
      response: Community,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(communityJson(p, await deps.communities.community(ctx, p.councilAreaCode, codeParam(c, 'izCode'))));
    },
  );
}
