import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { REQUEST_KINDS } from '../../db/schema.ts';
import { ImportError } from '../imports/index.ts';
import { fileBytes } from './community.routes.tsx';
import { AssetSchema, blankIsMissing, TransitionSchema } from './community.schemas.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { CommunityBodiesService } from './bodies.service.ts';
import type { LandRegisterService } from './land.service.ts';
import { DeadlineBoard, PartnershipRequestList, TransitionResult } from './community.api-schemas.ts';
import {
  deadlineBoardJson,
  partnershipRequestsJson,
  REQUEST_CSV_COLUMNS,
  transitionResultJson,
} from './requests.presenters.ts';
import { ALLOWED_EXTENSIONS, type RequestsService } from './requests.service.ts';
import { AreaBodiesView, AuthorityRequestView, LandRegisterView, RequestsBoardView } from './requests.views.tsx';
import { STATUS_LABELS, STATUSES, type Status } from './workflow.ts';

/** What the authorities' request pages, the deadline board and the land register use: exactly these. */
export interface RequestsRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'uploadMaxBytes'>;
  deadlines: DeadlinesService;
  requests: RequestsService;
  communityBodies: CommunityBodiesService;
  landRegister: LandRegisterService;
}

/** One request's page for the partnership's people, shown again with a step's errors and what was typed. */
async function authorityRequestPage(
  c: Context<AppEnv>,
  deps: RequestsRoutesDeps,
  p: PartnershipRef,
  requestId: number,
  errors: FieldErrors | null,
  raw: Record<string, unknown> = {},
) {
  const ctx = requestContext(c);
  const d = await deps.requests.forAuthority(ctx, p, requestId);
  const r = d.request;
  const book = await deps.deadlines.ruleBook();
  const openExtendable = d.deadlines.filter(
    (x) => !x.met_on && !x.cancelled && book.rules.find((rule) => rule.code === x.rule_code)?.extendable,
  );
  const me = c.get('actor');
  return render(c, {
    title: `${r.reference}: ${r.title}`,
    label: p.name,
    wide: true,
    subnav: partnershipNav(c, p),
    crumbs: [{ href: partnershipHref(p.code, 'requests'), label: 'Requests' }],
    children: (
      <AuthorityRequestView
        p={p}
        d={d}
        today={todayIn(deps.clock)}
        openExtendable={openExtendable}
        canPublish={can(ctx.actor, 'request:process', p.id)}
        uploadMaxBytes={deps.config.uploadMaxBytes}
        allowedExtensions={ALLOWED_EXTENSIONS}
        errors={errors}
        raw={raw}
        csrfToken={c.get('csrfToken')}
        meId={me.kind === 'user' ? String(me.userId) : ''}
      />
    ),
  });
}

const ListQuery = z.object({ status: blankIsMissing(z.enum(STATUSES)), kind: blankIsMissing(z.enum(REQUEST_KINDS)) });

/** The register of land’s page, shown again with errors, what was typed, or an import’s result. */
function landPageFor(deps: RequestsRoutesDeps) {
  return async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
    message?: string,
  ) => {
    const ctx = requestContext(c);
    const [assets, authorities] = await Promise.all([
      deps.landRegister.list(ctx, p.id),
      deps.requests.authorities(p.id),
    ]);
    const manage = can(ctx.actor, 'land-register:manage', p.id);
    const owners = authorities.map((a) => ({ value: String(a.id), label: a.name }));
    return render(c, {
      title: errors ? 'Error: register of land' : 'Register of land and buildings',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      children: (
        <LandRegisterView
          p={p}
          assets={assets}
          owners={owners}
          manage={manage}
          raw={raw}
          errors={errors}
          message={message}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };
}

/** The partnership’s requests board page and its CSV. */
function requestsBoardRoutes(router: Router, deps: RequestsRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/requests',
      permission: 'request:read',
      kind: 'page',
      summary: 'Participation and asset transfer requests: what is due, what is overdue, and every request',
      query: ListQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const [board, list] = await Promise.all([
        deps.requests.dueBoard(ctx, p),
        deps.requests.listForPartnership(ctx, p, query),
      ]);
      const reportYear = await deps.deadlines.yearOf('request-annual-reports', board.today);
      const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      return render(c, {
        title: 'Participation and asset transfer requests',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: <RequestsBoardView p={p} board={board} list={list} query={query} me={me} reportYear={reportYear} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/requests.csv',
      permission: 'request:read',
      kind: 'file',
      summary: 'Every request made to the partnership’s authorities, as CSV',
    },
    async (c, { partnership: p, ctx }) => {
      const list = await deps.requests.listForPartnership(ctx, p);
      return csvResponse(c, `${p.code}-requests.csv`, toCsv(list, REQUEST_CSV_COLUMNS));
    },
  );
}

/** One request’s page, and the authority’s steps and documents on it. */
function authorityRequestRoutes(router: Router, deps: RequestsRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/requests/:requestId',
      permission: 'request:read',
      kind: 'page',
      summary: 'One request, its deadlines and next steps',
    },
    (c, { partnership: p }) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/requests/:requestId/transition',
      permission: 'request:process',
      kind: 'page',
      summary: 'Take the authority’s next step on a request',
      body: TransitionSchema,
      onInvalid: (c, e, raw, p) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), e.fields, raw),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const row = await deps.requests.authorityTransition(ctx, p, id, body);
          setFlash(c, { kind: 'success', message: `${row.reference}: ${STATUS_LABELS[row.status as Status]}.` });
          return c.redirect(partnershipHref(p.code, 'requests', id), 303);
        },
        (errors) => authorityRequestPage(c, deps, p, id, errors, body as Record<string, unknown>),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/requests/:requestId/documents',
      permission: 'request:process',
      kind: 'page',
      summary: 'Publish a document on a request (an update on the process, or the final report)',
      upload: 'attachment',
      body: z.object({
        kind: z.enum(['process_update', 'final_report'], { error: 'Choose the kind of document' }),
        file: z.instanceof(File, { error: 'Choose a file to upload' }),
      }),
      onInvalid: (c, e, _raw, p) => authorityRequestPage(c, deps, p, idParam(c, 'requestId'), e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'requestId');
      const doc = await deps.requests.attachForAuthority(ctx, p, id, body.kind, await fileBytes(body.file));
      setFlash(c, { kind: 'success', message: `${doc.file_name} is ${doc.public ? 'published' : 'attached'}.` });
      return c.redirect(partnershipHref(p.code, 'requests', id), 303);
    },
  );
}

/** The API: requests, transitions and due deadlines. */
function requestsApiRoutes(router: Router, deps: RequestsRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/requests',
      permission: 'request:read',
      kind: 'api',
      tag: 'community',
      summary:
        'Participation and asset transfer requests made to the partnership’s authorities, with the next deadline of each',
      query: ListQuery,
      operationId: 'listPartnershipRequests',
      response: PartnershipRequestList,
    },
    async (c, { partnership: p, ctx, query }) => {
      const list = await deps.requests.listForPartnership(ctx, p, query);
      return c.json(partnershipRequestsJson(list));
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/api/v1/partnerships/:partnership/requests/:requestId/transitions',
      permission: 'request:process',
      kind: 'api',
      tag: 'community',
      summary: 'Take the authority’s next step on a request (refused with 409 when the step is not possible now)',
      body: TransitionSchema,
      operationId: 'transitionRequest',
      response: TransitionResult,
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await deps.requests.authorityTransition(ctx, p, idParam(c, 'requestId'), body);
      return c.json(transitionResultJson(row), 200);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/deadlines',
      permission: 'request:read',
      kind: 'api',
      tag: 'community',
      summary: 'Statutory deadlines overdue and due in the next 7 days',
      operationId: 'listDueDeadlines',
      response: DeadlineBoard,
    },
    async (c, { partnership: p, ctx }) => {
      const board = await deps.requests.dueBoard(ctx, p);
      return c.json(deadlineBoardJson(board));
    },
  );
}

/** The community bodies of the area, and recording whether each is involved. */
function areaBodiesRoutes(router: Router, deps: RequestsRoutesDeps): void {
  // Community bodies of the area
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/community-bodies',
      permission: 'request:read',
      kind: 'page',
      summary: 'Community bodies registered in the partnership’s area',
    },
    async (c, { partnership: p, ctx }) => {
      const bodies = await deps.communityBodies.forPartnership(ctx, p);
      const manage = can(ctx.actor, 'community-body:involve', p.id);
      return render(c, {
        title: 'Community bodies',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: <AreaBodiesView p={p} bodies={bodies} manage={manage} csrfToken={c.get('csrfToken')} />,
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/community-bodies/:bodyId/involved',
      permission: 'community-body:involve',
      kind: 'page',
      summary: 'Record whether the partnership involves a community body',
      body: z.object({ involved: z.enum(['true', 'false'], { error: 'Say whether the body is involved' }) }),
    },
    async (c, { partnership: p, ctx, body }) => {
      await deps.communityBodies.setInvolved(ctx, p, idParam(c, 'bodyId'), body.involved === 'true');
      return c.redirect(partnershipHref(p.code, 'community-bodies'), 303);
    },
  );
}

/** The register of land: its page, adding to it, and importing it. */
function landRegisterRoutes(router: Router, deps: RequestsRoutesDeps): void {
  // The register of land
  const landPage = landPageFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/land',
      permission: 'request:read',
      kind: 'page',
      summary: 'The register of land and buildings of the partnership’s authorities',
    },
    (c, { partnership: p }) => landPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/land',
      permission: 'land-register:manage',
      kind: 'page',
      summary: 'Add land or a building to the register',
      body: AssetSchema,
      onInvalid: (c, e, raw, p) => landPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      return orConflict(
        c,
        async () => {
          const row = await deps.landRegister.add(ctx, p, body);
          setFlash(c, { kind: 'success', message: `${row.name} is on the register.` });
          return c.redirect(partnershipHref(p.code, 'land'), 303);
        },
        (errors) => landPage(c, p, body as Record<string, unknown>, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/land/import',
      permission: 'land-register:manage',
      kind: 'page',
      summary: 'Import the register of land from a CSV or Excel file (all or nothing; dry_run checks only)',
      upload: 'import',
      body: z.object({
        owner_organisation_id: z.coerce
          .number({ error: 'Choose the authority that owns what is in the file' })
          .int()
          .positive({ error: 'Choose the authority that owns what is in the file' }),
        file: z.instanceof(File, { error: 'Choose a CSV or Excel file' }),
        dry_run: z.enum(['true', 'false']).default('false'),
      }),
      onInvalid: (c, e, _raw, p) => landPage(c, p, {}, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const bytes = Buffer.from(await body.file.arrayBuffer());
      try {
        const s = await deps.landRegister.importFile(
          ctx,
          p,
          body.owner_organisation_id,
          { name: body.file.name || 'upload.csv', content: bytes },
          body.dry_run === 'true',
        );
        const text = `${s.file}: ${s.rowsRead} rows read; ${s.added} new, ${s.updated} updated${s.dryRun ? '. This was a check: nothing was saved.' : '.'}`;
        if (s.dryRun) return landPage(c, p, {}, null, text);
        setFlash(c, { kind: 'success', message: text });
        return c.redirect(partnershipHref(p.code, 'land'), 303);
      } catch (e) {
        if (e instanceof ImportError) {
          c.status(400);
          return landPage(c, p, {}, { file: [e.message] });
        }
        throw e;
      }
    },
  );
}

export function requestsRoutes(router: Router, deps: RequestsRoutesDeps): void {
  requestsBoardRoutes(router, deps);
  authorityRequestRoutes(router, deps);
  requestsApiRoutes(router, deps);
  areaBodiesRoutes(router, deps);
  landRegisterRoutes(router, deps);
}
