import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import {
  asThePublicSees,
  PageViewQuery,
  partnershipApiHref,
  partnershipHref,
  showsMembersPage,
} from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { csvResponse, fileResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { BoardPaperSchema, boardPaperDocx, planPaper } from './board-paper.ts';
import { PlanTreeJson } from './plans.api-schemas.ts';
import { measuresCsv, measureValuesCsv } from './plans.presenters.ts';
import {
  ActionSchema,
  CreatePlanSchema,
  MeasureSchema,
  MeasureValueSchema,
  OutcomeSchema,
  ParentSchema,
  PLAN_STATUS_LABELS,
  PrioritySchema,
  StatusSchema,
  UpdateSchema,
} from './plans.schemas.ts';
import { diffSnapshots, type PlansService, type Snapshot } from './plans.service.ts';
import { PlanEditor, PlansListPage, PublicPlanPage, PublicPlansList, VersionsPage } from './plans.views.tsx';

/** What the plans' pages and API use: the plans service, and the partnerships' names, partners and localities. */
export interface PlansRoutesDeps {
  plans: PlansService;
  partnerships: Pick<PartnershipsService, 'resolve' | 'organisations' | 'localities'>;
}

/** The plans' public pages and API, then the partnership's own pages: route order is kept. */
export function plansRoutes(router: Router, deps: PlansRoutesDeps): void {
  publicPlanRoutes(router, deps);
  workspacePlanRoutes(router, deps);
}

/** What everyone else sees of the plans: the published ones (a member sees these too with `?view=public`). */
function publicPlansPage(c: Context<AppEnv>, svc: PlansService, ctx: RequestContext, p: PartnershipRef) {
  return svc.list(ctx, p.id).then((list) =>
    render(c, {
      title: 'Plans',
      label: p.name,
      children: <PublicPlansList name={p.name} list={list} href={(id) => partnershipHref(p.code, 'plans', id)} />,
    }),
  );
}

/** A plan as everyone else sees it: priorities, outcomes, measures with progress, actions. */
async function publicPlanPage(c: Context<AppEnv>, svc: PlansService, ctx: RequestContext, p: PartnershipRef) {
  const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
  const plan = (...segments: (string | number)[]) => partnershipHref(p.code, 'plans', ...segments);
  const hrefs = {
    plan: (id: number) => plan(id),
    measuresCsv: plan(t.plan.id, 'measures.csv'),
    valuesCsv: plan(t.plan.id, 'measure-values.csv'),
    json: partnershipApiHref(p.code, 'plans', t.plan.id),
    workspace: plan(t.plan.id),
  };
  return render(c, {
    title: t.plan.title,
    label: p.name,
    wide: true,
    crumbs: [{ href: plan(), label: 'Plans' }],
    children: <PublicPlanPage t={t} canEdit={can(ctx.actor, 'plan:edit', p.id)} hrefs={hrefs} />,
  });
}

/** A plan for everyone: published plans (and drafts for the partnership's people), their files and JSON. */
function publicPlanRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/measures.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'A plan’s measures with baselines, latest values, targets and status, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      return csvResponse(c, `${p.code}-plan-${t.plan.id}-measures.csv`, measuresCsv(t));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/measure-values.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'Every value and target of a plan’s measures by year, as CSV (the data behind its charts)',
    },
    async (c, { ctx, partnership: p }) => {
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      return csvResponse(c, `${p.code}-plan-${t.plan.id}-measure-values.csv`, measureValuesCsv(t));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/plans/:planId',
      permission: 'plan:read',
      kind: 'api',
      tag: 'plans',
      summary: 'A plan as a tree: priorities, outcomes, measures (values, targets, status), actions, progress',
      operationId: 'getPlan',
      response: PlanTreeJson,
    },
    async (c, { ctx, partnership: p }) => {
      return c.json(await svc.tree(ctx, idParam(c, 'planId'), p.id));
    },
  );
}

/** The partnership's own plan pages: drafts included, the editor and its forms, board papers and versions. */
function workspacePlanRoutes(router: Router, deps: PlansRoutesDeps): void {
  plansListRoutes(router, deps);
  planEditorRoutes(router, deps);
  planStructureRoutes(router, deps);
  planProgressRoutes(router, deps);
  planPaperRoutes(router, deps);
}

/** GET and POST …/plans: the list of plans (the partnership's own, or as the public sees it) and starting one. */
function plansListRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  const plansPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    input: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [list, localities] = await Promise.all([svc.list(ctx, p.id), deps.partnerships.localities(ctx, p)]);
    return render(c, {
      title: errors ? 'Error: plans' : 'Plans',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <PlansListPage
          list={list}
          localities={localities}
          input={input}
          errors={errors}
          canEdit={can(ctx.actor, 'plan:edit', p.id)}
          token={c.get('csrfToken')}
          year={new Date().getUTCFullYear()}
          hrefs={{ plan: (id) => partnershipHref(p.code, 'plans', id), create: partnershipHref(p.code, 'plans') }}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans',
      permission: 'plan:read',
      kind: 'page',
      summary: 'A partnership’s plans: published ones for everyone; drafts and a form to start one for its people',
      query: PageViewQuery,
    },
    (c, { partnership: p, ctx, query }) =>
      showsMembersPage(ctx.actor, p.id, query) ? plansPage(c, p, {}, null) : publicPlansPage(c, svc, ctx, p),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/plans',
      permission: 'plan:edit',
      kind: 'page',
      summary: 'Start a plan',
      body: CreatePlanSchema,
      onInvalid: (c, e, raw, p) => plansPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const plan = await svc.create(ctx, p, body);
      setFlash(c, { kind: 'success', message: `${plan.title} is started as a draft.` });
      return c.redirect(partnershipHref(p.code, 'plans', plan.id), 303);
    },
  );
}

/** A plan's editor, with what was typed and its errors (if any). */
function editorPageFor(deps: PlansRoutesDeps) {
  const svc = deps.plans;

  return async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    planId: number,
    input: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const t = await svc.tree(ctx, planId, p.id);
    const [orgs, { indicators, national }, siblings] = await Promise.all([
      deps.partnerships.organisations(ctx, p),
      svc.editorChoices(ctx, p),
      svc.list(ctx, p.id),
    ]);
    return render(c, {
      title: errors ? `Error: ${t.plan.title}` : t.plan.title,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: partnershipHref(p.code, 'plans'), label: 'Plans' }],
      children: (
        <PlanEditor
          {...{ t, orgs, siblings, indicators, national, input, errors }}
          partnershipName={p.name}
          canEdit={can(ctx.actor, 'plan:edit', p.id)}
          canPublish={can(ctx.actor, 'plan:publish', p.id)}
          canUpdate={can(ctx.actor, 'progress:update', p.id)}
          token={c.get('csrfToken')}
          today={new Date().toISOString().slice(0, 10)}
          hrefs={{
            plan: (id) => partnershipHref(p.code, 'plans', id),
            public: asThePublicSees(partnershipHref(p.code, 'plans', t.plan.id)),
            base: partnershipHref(p.code, 'plans', t.plan.id),
          }}
        />
      ),
    });
  };
}

/** GET …/plans/:planId: a plan, as the public sees it or in its editor. */
function planEditorRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  const editorPage = editorPageFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId',
      permission: 'plan:read',
      kind: 'page',
      summary: 'A plan: for everyone its priorities, outcomes, measures and actions; for its people the editor',
      query: PageViewQuery,
    },
    (c, { partnership: p, ctx, query }) =>
      showsMembersPage(ctx.actor, p.id, query)
        ? editorPage(c, p, idParam(c, 'planId'), {}, null)
        : publicPlanPage(c, svc, ctx, p),
  );
}

/** Declares a form posted from a plan's editor: it redirects back with a message, or shows the editor with the errors. */
function planWriteFor(router: Router, deps: PlansRoutesDeps) {
  const editorPage = editorPageFor(deps);

  return (
    path: string,
    summary: string,
    permission: 'plan:edit' | 'plan:publish' | 'progress:update' | 'progress:approve',
    schema: z.ZodType,
    run: (c: Context<AppEnv>, p: PartnershipRef, ctx: RequestContext, body: never) => Promise<string>,
  ) =>
    router.route(
      {
        method: 'POST',
        path: `/partnerships/:partnership/plans/:planId${path}`,
        permission,
        kind: 'page',
        summary,
        body: schema,
        onInvalid: (c, e, raw, p) => editorPage(c, p, idParam(c, 'planId'), raw, e.fields),
      },
      async (c, { partnership: p, ctx, body }) => {
        const message = await run(c, p, ctx, body as never);
        setFlash(c, { kind: 'success', message });
        return c.redirect(partnershipHref(p.code, 'plans', idParam(c, 'planId')), 303);
      },
    );
}

/** POST …/plans/:planId/{priorities,outcomes,measures,actions,parent}: building a plan and placing it under another. */
function planStructureRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  const write = planWriteFor(router, deps);

  write(
    '/priorities',
    'Add a priority to a plan',
    'plan:edit',
    PrioritySchema,
    async (c, p, ctx, body: z.output<typeof PrioritySchema>) => {
      await svc.addPriority(ctx, p, idParam(c, 'planId'), body);
      return `The priority “${body.title}” is added.`;
    },
  );
  write(
    '/outcomes',
    'Add a local outcome to a plan, linked to national outcomes',
    'plan:edit',
    OutcomeSchema,
    async (c, p, ctx, body: z.output<typeof OutcomeSchema>) => {
      await svc.addOutcome(ctx, p, idParam(c, 'planId'), body);
      return `The outcome “${body.title}” is added.`;
    },
  );
  write(
    '/measures',
    'Add a measure (an indicator of the outcomes data or the partnership’s own) with baseline and targets',
    'plan:edit',
    MeasureSchema,
    async (c, p, ctx, body: z.output<typeof MeasureSchema>) => {
      await svc.addMeasure(ctx, p, idParam(c, 'planId'), body);
      return `The measure “${body.title}” is added.`;
    },
  );
  write(
    '/actions',
    'Add an action with its lead and contributing partners',
    'plan:edit',
    ActionSchema,
    async (c, p, ctx, body: z.output<typeof ActionSchema>) => {
      await svc.addAction(ctx, p, idParam(c, 'planId'), body);
      return `The action “${body.title}” is added.`;
    },
  );
  write(
    '/parent',
    'Put a plan under another of the partnership’s plans (never in a loop)',
    'plan:edit',
    ParentSchema,
    async (c, p, ctx, body: z.output<typeof ParentSchema>) => {
      const plan = await svc.setParent(ctx, p, idParam(c, 'planId'), body);
      return plan.parent_plan_id === null
        ? 'The plan is not under another plan.'
        : 'The plan now sits under the plan you chose.';
    },
  );
}

/** POST …/plans/:planId/{status,updates,updates/:updateId/approve,measures/:measureId/values}: status and progress. */
function planProgressRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;
  const write = planWriteFor(router, deps);

  write(
    '/status',
    'Move a plan to consultation, approval, publication or back to draft',
    'plan:publish',
    StatusSchema,
    async (c, p, ctx, body: z.output<typeof StatusSchema>) => {
      const plan = await svc.setStatus(ctx, p, idParam(c, 'planId'), body);
      return `The plan is now ${PLAN_STATUS_LABELS[plan.status].toLowerCase()}${plan.version ? ` (version ${plan.version})` : ''}.`;
    },
  );
  write(
    '/updates',
    'Record progress on an outcome, measure or action',
    'progress:update',
    UpdateSchema,
    async (c, p, ctx, body: z.output<typeof UpdateSchema>) => {
      const u = await svc.addUpdate(ctx, p, idParam(c, 'planId'), body);
      return u.approved
        ? 'The update is recorded and published.'
        : 'The update is recorded; a partnership manager approves it before it is published.';
    },
  );
  write(
    '/updates/:updateId/approve',
    'Approve a progress update so that it is published',
    'progress:approve',
    z.object({}),
    async (c, p, ctx) => {
      await svc.approveUpdate(ctx, p, idParam(c, 'planId'), idParam(c, 'updateId'));
      return 'The update is approved and published.';
    },
  );
  write(
    '/measures/:measureId/values',
    'Record a value of the partnership’s own measure',
    'progress:update',
    MeasureValueSchema,
    async (c, p, ctx, body: z.output<typeof MeasureValueSchema>) => {
      await svc.addMeasureValue(ctx, p, idParam(c, 'planId'), idParam(c, 'measureId'), body);
      return `The value for ${body.year} is saved.`;
    },
  );
}

/** GET …/plans/:planId/board-paper.docx and …/versions: a plan's board paper and its versions. */
function planPaperRoutes(router: Router, deps: PlansRoutesDeps): void {
  const svc = deps.plans;

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper on the plan, drafted as a Word document (.docx) to edit',
      query: BoardPaperSchema,
    },
    async (c, { partnership: p, ctx, query }) => {
      const t = await svc.tree(ctx, idParam(c, 'planId'), p.id);
      const bytes = await boardPaperDocx(planPaper(t, query), query);
      return fileResponse(c, 'docx', `${p.code}-board-paper-${query.meeting_date}.docx`, bytes);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/plans/:planId/versions',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'A plan’s versions and what changed between them',
    },
    async (c, { partnership: p, ctx }) => {
      const planId = idParam(c, 'planId');
      const versions = await svc.versions(ctx, p, planId);
      const t = await svc.tree(ctx, planId, p.id);
      const [newest, older] = versions;
      const diff = newest && older ? diffSnapshots(older.snapshot as Snapshot, newest.snapshot as Snapshot) : null;
      return render(c, {
        title: `Versions of ${t.plan.title}`,
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        crumbs: [
          { href: partnershipHref(p.code, 'plans'), label: 'Plans' },
          { href: partnershipHref(p.code, 'plans', planId), label: t.plan.title },
        ],
        children: <VersionsPage versions={versions} diff={diff} />,
      });
    },
  );
}
