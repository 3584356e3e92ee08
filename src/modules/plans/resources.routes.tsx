import type { Context } from 'hono';
import writeExcelFile from 'write-excel-file/node';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { csvResponse, fileResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { ImportError } from '../imports/index.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import type { PlansService } from './plans.service.ts';
import { commitmentsCsv, commitmentsSheet } from './resources.presenters.ts';
import { CommitmentSchema } from './resources.schemas.ts';
import type { ResourcesService } from './resources.service.ts';
import { ResourcesPage } from './resources.views.tsx';

const planIdOf = (c: Context<AppEnv>) => idParam(c, 'planId');

/** What the resources pages use: the commitments, the plan's tree and the partnership's partners. */
export interface ResourcesRoutesDeps {
  resources: ResourcesService;
  plans: Pick<PlansService, 'tree'>;
  partnerships: Pick<PartnershipsService, 'organisations'>;
}

export function resourcesRoutes(router: Router, deps: ResourcesRoutesDeps): void {
  resourcesReadRoutes(router, deps);
  resourcesWriteRoutes(router, deps);
}

/** The resources page of a plan, with what was typed and its errors (if any). */
function resourcesPageFor(deps: ResourcesRoutesDeps) {
  const svc = deps.resources;

  return async (c: Context<AppEnv>, p: PartnershipRef, input: Record<string, unknown>, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const planId = planIdOf(c);
    const s = await svc.summary(ctx, p, planId);
    const tree = await deps.plans.tree(ctx, planId, p.id);
    const orgs = await deps.partnerships.organisations(ctx, p);
    const base = partnershipHref(p.code, 'plans', planId, 'resources');
    const hrefs = { csv: `${base}.csv`, xlsx: `${base}.xlsx`, form: base, import: `${base}/import` };
    return render(c, {
      title: errors ? `Error: resources for ${s.plan.title}` : `Resources for ${s.plan.title}`,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [
        { href: partnershipHref(p.code, 'plans'), label: 'Plans' },
        { href: partnershipHref(p.code, 'plans', planId), label: s.plan.title },
      ],
      children: (
        <ResourcesPage
          s={s}
          priorities={tree.priorities}
          orgs={orgs}
          input={input}
          errors={errors}
          canCommit={can(ctx.actor, 'resource:commit', p.id)}
          csrfToken={c.get('csrfToken')}
          hrefs={hrefs}
        />
      ),
    });
  };
}

/** A plan's resources: the page, and every commitment as Excel and CSV. */
function resourcesReadRoutes(router: Router, deps: ResourcesRoutesDeps): void {
  const svc = deps.resources;
  const page = resourcesPageFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/resources',
      permission: 'partnership:read',
      kind: 'page',
      summary:
        'Resources partners commit to a plan: by year, partner and priority, the preventative share, who has committed nothing',
    },
    (c, { partnership: p }) => page(c, p, {}, null),
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/resources.xlsx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every resource commitment to a plan, as an Excel workbook (the import format)',
    },
    async (c, { partnership: p, ctx }) => {
      const { plan, rows } = await svc.list(ctx, p, planIdOf(c));
      const bytes = await writeExcelFile(commitmentsSheet(rows), { sheet: 'Commitments' }).toBuffer();
      return fileResponse(c, 'xlsx', `${p.code}-plan-${plan.id}-resources.xlsx`, bytes);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/resources.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'Every resource commitment to a plan, as CSV (the import format)',
    },
    async (c, { partnership: p, ctx }) => {
      const { plan, rows } = await svc.list(ctx, p, planIdOf(c));
      return csvResponse(c, `${p.code}-plan-${plan.id}-resources.csv`, commitmentsCsv(rows));
    },
  );
}

/** Recording a commitment to a plan, and importing commitments from CSV or Excel. */
function resourcesWriteRoutes(router: Router, deps: ResourcesRoutesDeps): void {
  const svc = deps.resources;
  const page = resourcesPageFor(deps);

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/plans/:planId/resources',
      permission: 'resource:commit',
      kind: 'page',
      summary: 'Record what a partner commits to a priority in a financial year',
      body: CommitmentSchema,
      onInvalid: (c, e, rawInput, p) => page(c, p, rawInput, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.add(ctx, p, planIdOf(c), body);
      setFlash(c, { kind: 'success', message: 'The commitment is recorded.' });
      return c.redirect(partnershipHref(p.code, 'plans', planIdOf(c), 'resources'), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/plans/:planId/resources/import',
      permission: 'resource:commit',
      kind: 'page',
      summary: 'Import resource commitments from CSV or Excel (all or nothing; dry_run checks only)',
      upload: 'import',
      body: z.object({
        file: z.instanceof(File, { error: 'Choose a CSV or Excel file' }),
        dry_run: z.enum(['true', 'false']).default('false'),
      }),
      onInvalid: (c, e, _raw, p) => page(c, p, {}, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      try {
        const s = await svc.importFile(
          ctx,
          p,
          planIdOf(c),
          { name: body.file.name || 'upload.csv', content: Buffer.from(await body.file.arrayBuffer()) },
          body.dry_run === 'true',
        );
        setFlash(c, {
          kind: 'success',
          message: `${s.file}: ${s.rows} commitments ${s.dryRun ? 'checked; nothing was saved' : 'imported'}.`,
        });
        return c.redirect(partnershipHref(p.code, 'plans', planIdOf(c), 'resources'), 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          return page(c, p, {}, { file: [e.message] });
        }
        throw e;
      }
    },
  );
}
