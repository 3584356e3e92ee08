import type { Context } from 'hono';
import { z } from 'zod';
import { setFlash, setSessionCookie } from '../../core/http/cookies.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../../core/errors.ts';
import { idParam } from '../../core/http/params.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { orConflict } from '../../core/http/forms.ts';
import { requestContext, zodFieldErrors, type Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import type { RequestKind } from '../../db/schema.ts';
import {
  AddBodyMemberSchema,
  BODY_TYPE_LABELS,
  BodyProfileSchema,
  RegisterBodySchema,
  RequestDraftSchema,
  TransitionSchema,
} from './community.schemas.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { CommunityBodiesService, ListPartnerships } from './bodies.service.ts';
import {
  BodyRequestView,
  BodyView,
  CommunityWelcomeView,
  MyBodiesView,
  NotificationsView,
  RegisterBodyView,
  RequestFormView,
} from './community.views.tsx';
import type { LandRegisterService } from './land.service.ts';
import type { RemindersService } from './reminders.service.ts';
import { ALLOWED_EXTENSIONS, type RequestsService } from './requests.service.ts';
import { STATUS_LABELS, type Status } from './workflow.ts';

type Raw = Record<string, unknown>;

/** What the community bodies' pages use: exactly these. */
export interface CommunityRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'uploadMaxBytes' | 'secureCookies' | 'sessionHours'>;
  accounts: Pick<AccountsService, 'login'>;
  communityBodies: CommunityBodiesService;
  requests: RequestsService;
  landRegister: LandRegisterService;
  reminders: RemindersService;
  listPartnerships: ListPartnerships;
}

/** The form that registers a community body, shown again with its errors and what was typed. */
async function registerPage(c: Context<AppEnv>, deps: CommunityRoutesDeps, raw: Raw, errors: FieldErrors | null) {
  const ctx = requestContext(c);
  const partnerships = await deps.listPartnerships(ctx);
  const signedIn = ctx.actor.kind === 'user';
  return render(c, {
    title: errors ? 'Error: register a community body' : 'Register a community body',
    crumbs: [{ href: '/community', label: 'Community bodies' }],
    children: (
      <RegisterBodyView
        partnerships={partnerships}
        signedIn={signedIn}
        raw={raw}
        errors={errors}
        csrfToken={c.get('csrfToken')}
      />
    ),
  });
}

/** The form of a request (new, or a draft being edited), shown again with its errors and what was typed. */
async function requestForm(
  c: Context<AppEnv>,
  deps: CommunityRoutesDeps,
  bodyId: number,
  kind: RequestKind,
  raw: Raw,
  errors: FieldErrors | null,
  action: string,
  heading: string,
) {
  const ctx = requestContext(c);
  const body = await deps.communityBodies.own(ctx, bodyId);
  const authorities = await deps.requests.authorities(body.partnership_id);
  const assets = kind === 'asset_transfer' ? await deps.landRegister.list(ctx, body.partnership_id) : [];
  return render(c, {
    title: errors ? `Error: ${heading}` : heading,
    label: body.name,
    crumbs: [
      { href: '/community', label: 'Community bodies' },
      { href: `/community/bodies/${bodyId}`, label: body.name },
    ],
    children: (
      <RequestFormView
        kind={kind}
        authorities={authorities}
        assets={assets}
        raw={raw}
        errors={errors}
        action={action}
        csrfToken={c.get('csrfToken')}
      />
    ),
  });
}

/** One of the body's requests as its members see it, shown again with a step's errors. */
async function bodyRequestPage(
  c: Context<AppEnv>,
  deps: CommunityRoutesDeps,
  requestId: number,
  errors: FieldErrors | null,
) {
  const ctx = requestContext(c);
  const d = await deps.requests.forBody(ctx, requestId);
  const r = d.request;
  return render(c, {
    title: `${r.reference}: ${r.title}`,
    label: r.body_name,
    wide: true,
    crumbs: [
      { href: '/community', label: 'Community bodies' },
      { href: `/community/bodies/${r.community_body_id}`, label: r.body_name },
    ],
    children: (
      <BodyRequestView
        d={d}
        today={todayIn(deps.clock)}
        errors={errors}
        uploadMaxBytes={deps.config.uploadMaxBytes}
        allowedExtensions={ALLOWED_EXTENSIONS}
        token={c.get('csrfToken')}
      />
    ),
  });
}

const FileUpload = z.object({ file: z.instanceof(File, { error: 'Choose a file to upload' }) });

export async function fileBytes(file: File) {
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** GET /community, and the form to register a body (GET/POST /community/register). */
function homeAndRegisterRoutes(router: Router, deps: CommunityRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/community',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Community bodies: register, and follow your requests',
    },
    async (c, { ctx }) => {
      if (ctx.actor.kind !== 'user') {
        return render(c, {
          title: 'Community bodies',
          children: <CommunityWelcomeView />,
        });
      }
      const bodies = await deps.communityBodies.mine(ctx);
      return render(c, {
        title: 'Your community bodies',
        wide: true,
        children: <MyBodiesView bodies={bodies} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/community/register',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Form to register a community body',
    },
    (c) => registerPage(c, deps, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/register',
      permission: 'community-body:register',
      kind: 'page',
      summary: 'Register a community body (and an account, when not signed in)',
      body: z.looseObject({}),
    },
    async (c, { body: raw, ctx }) => {
      const rerender = (errors: FieldErrors) => {
        c.status(400);
        return registerPage(c, deps, { ...raw, password: '', confirm_password: '' }, errors);
      };
      try {
        if (ctx.actor.kind === 'user') {
          const parsed = BodyProfileSchema.extend({
            partnership: z.string({ error: 'Choose the council area where the community is' }).min(1).max(64),
          }).safeParse(raw);
          if (!parsed.success) return rerender(zodFieldErrors(parsed.error));
          const body = await deps.communityBodies.create(ctx, parsed.data.partnership, parsed.data);
          setFlash(c, { kind: 'success', message: `${body.name} is registered. You are its lead contact.` });
          return c.redirect(`/community/bodies/${body.id}`, 303);
        }
        const parsed = RegisterBodySchema.safeParse(raw);
        if (!parsed.success) return rerender(zodFieldErrors(parsed.error));
        const { body } = await deps.communityBodies.register(ctx, parsed.data);
        const { token } = await deps.accounts.login(parsed.data.your_email, parsed.data.password, ctx);
        setSessionCookie(c, token, { secure: deps.config.secureCookies, hours: deps.config.sessionHours });
        setFlash(c, {
          kind: 'success',
          message: `${body.name} is registered and you are signed in as its lead contact.`,
        });
        return c.redirect(`/community/bodies/${body.id}`, 303);
      } catch (e) {
        if (e instanceof ValidationError || e instanceof ConflictError) return rerender(e.fields);
        throw e;
      }
    },
  );
}

/** A body’s page: GET/POST /community/bodies/:bodyId and adding members. */
function bodyRoutes(router: Router, deps: CommunityRoutesDeps): void {
  const bodyPage = async (c: Context<AppEnv>, bodyId: number, raw: Raw | null, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const b = await deps.communityBodies.own(ctx, bodyId);
    const values: Raw = raw ?? Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v === null ? '' : String(v)]));
    return render(c, {
      title: errors ? `Error: ${b.name}` : b.name,
      label: `${BODY_TYPE_LABELS[b.body_type]}, ${b.partnership_name}`,
      crumbs: [{ href: '/community', label: 'Community bodies' }],
      children: <BodyView b={b} values={values} errors={errors} csrfToken={c.get('csrfToken')} />,
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId',
      permission: 'community:use',
      kind: 'page',
      summary: 'A community body you belong to',
    },
    (c) => bodyPage(c, idParam(c, 'bodyId'), null, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId',
      permission: 'community:use',
      kind: 'page',
      summary: 'Change a community body’s profile (its lead contact)',
      body: BodyProfileSchema,
      onInvalid: (c, e, raw) => bodyPage(c, idParam(c, 'bodyId'), raw, e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      return orConflict(
        c,
        async () => {
          await deps.communityBodies.update(ctx, id, body);
          setFlash(c, { kind: 'success', message: 'The profile is saved.' });
          return c.redirect(`/community/bodies/${id}`, 303);
        },
        (errors) => bodyPage(c, id, body as Raw, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/members',
      permission: 'community:use',
      kind: 'page',
      summary: 'Add a member to a community body (its lead contact)',
      body: AddBodyMemberSchema,
      onInvalid: (c, e) => bodyPage(c, idParam(c, 'bodyId'), null, e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      return orConflict(
        c,
        async () => {
          const added = await deps.communityBodies.addMember(ctx, id, body);
          setFlash(c, {
            kind: 'success',
            message: added.temporaryPassword
              ? `${body.display_name} is added. Their temporary password is ${added.temporaryPassword} — give it to them privately; they choose their own when they first sign in.`
              : `${body.display_name} is added.`,
          });
          return c.redirect(`/community/bodies/${id}`, 303);
        },
        (errors) => bodyPage(c, id, null, errors),
      );
    },
  );
}

/** A new request: its form and POST /community/bodies/:bodyId/requests. */
function newRequestRoutes(router: Router, deps: CommunityRoutesDeps): void {
  const KindQuery = z.object({ kind: z.enum(['participation', 'asset_transfer']).default('participation') });

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId/requests/new',
      permission: 'community:use',
      kind: 'page',
      summary: 'Form for a new request',
      query: KindQuery,
    },
    (c, { query }) => {
      const id = idParam(c, 'bodyId');
      return requestForm(
        c,
        deps,
        id,
        query.kind,
        {},
        null,
        `/community/bodies/${id}/requests`,
        query.kind === 'participation' ? 'New participation request' : 'New asset transfer request',
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/requests',
      permission: 'community:use',
      kind: 'page',
      summary: 'Save a new request as a draft, or submit it',
      body: RequestDraftSchema,
      onInvalid: (c, e, raw) => {
        const id = idParam(c, 'bodyId');
        const kind = raw['kind'] === 'asset_transfer' ? 'asset_transfer' : 'participation';
        return requestForm(
          c,
          deps,
          id,
          kind,
          raw,
          e.fields,
          `/community/bodies/${id}/requests`,
          kind === 'participation' ? 'New participation request' : 'New asset transfer request',
        );
      },
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'bodyId');
      const row = await deps.requests.createDraft(ctx, id, body);
      setFlash(c, {
        kind: 'success',
        message:
          row.status === 'submitted'
            ? `${row.reference} is submitted to the authority.`
            : `${row.reference} is saved as a draft.`,
      });
      return c.redirect(`/community/requests/${row.id}`, 303);
    },
  );
}

/** A body’s request: its page, editing the draft and saving it. */
function draftRequestRoutes(router: Router, deps: CommunityRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/community/requests/:requestId',
      permission: 'community:use',
      kind: 'page',
      summary: 'One of your body’s requests',
    },
    (c) => bodyRequestPage(c, deps, idParam(c, 'requestId'), null),
  );

  router.route(
    {
      method: 'GET',
      path: '/community/requests/:requestId/edit',
      permission: 'community:use',
      kind: 'page',
      summary: 'Edit a draft request',
    },
    async (c, { ctx }) => {
      const id = idParam(c, 'requestId');
      const { request: r } = await deps.requests.forBody(ctx, id);
      const raw = Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v === null || v instanceof Date ? '' : String(v)]),
      );
      return requestForm(
        c,
        deps,
        r.community_body_id,
        r.kind,
        raw,
        null,
        `/community/requests/${id}`,
        `Edit ${r.reference}`,
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId',
      permission: 'community:use',
      kind: 'page',
      summary: 'Change a draft request, or submit it',
      body: RequestDraftSchema,
      onInvalid: async (c, e, raw) => {
        const id = idParam(c, 'requestId');
        const { request: r } = await deps.requests.forBody(requestContext(c), id);
        return requestForm(
          c,
          deps,
          r.community_body_id,
          r.kind,
          raw,
          e.fields,
          `/community/requests/${id}`,
          `Edit ${r.reference}`,
        );
      },
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      const row = await deps.requests.updateDraft(ctx, id, body);
      setFlash(c, {
        kind: 'success',
        message: row.status === 'submitted' ? `${row.reference} is submitted to the authority.` : 'The draft is saved.',
      });
      return c.redirect(`/community/requests/${id}`, 303);
    },
  );
}

/** A body’s steps on a request, attaching documents, and downloading a request’s document. */
function requestStepRoutes(router: Router, deps: CommunityRoutesDeps): void {
  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId/transition',
      permission: 'community:use',
      kind: 'page',
      summary: 'Take a step on your body’s request: submit, withdraw, apply for review, appeal',
      body: TransitionSchema.pick({ action: true, note: true, date: true }),
      onInvalid: (c, e) => bodyRequestPage(c, deps, idParam(c, 'requestId'), e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const row = await deps.requests.bodyTransition(ctx, id, body.action, body);
          setFlash(c, { kind: 'success', message: `${row.reference}: ${STATUS_LABELS[row.status as Status]}.` });
          return c.redirect(`/community/requests/${id}`, 303);
        },
        (errors) => bodyRequestPage(c, deps, id, errors),
      );
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/community/requests/:requestId/documents',
      permission: 'community:use',
      kind: 'page',
      summary: 'Attach a document to your body’s request',
      upload: 'attachment',
      body: FileUpload,
      onInvalid: (c, e) => bodyRequestPage(c, deps, idParam(c, 'requestId'), e.fields),
    },
    async (c, { body, ctx }) => {
      const id = idParam(c, 'requestId');
      return orConflict(
        c,
        async () => {
          const doc = await deps.requests.attach(ctx, id, await fileBytes(body.file));
          setFlash(c, { kind: 'success', message: `${doc.file_name} is attached.` });
          return c.redirect(`/community/requests/${id}`, 303);
        },
        (errors) => bodyRequestPage(c, deps, id, errors),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/requests/:requestId/documents/:documentId',
      permission: 'register:read',
      kind: 'file',
      summary: 'A document of a request (public ones for anyone; the rest for the body and the partnership)',
    },
    async (c, { ctx }) => {
      const doc = await deps.requests.document(ctx, idParam(c, 'requestId'), idParam(c, 'documentId'));
      return c.body(Buffer.from(doc.content), 200, {
        'Content-Type': doc.content_type,
        'Content-Disposition': `attachment; filename="${doc.file_name.replace(/[^A-Za-z0-9._ ()-]/g, '_')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': doc.public ? 'public, max-age=300' : 'private, no-store',
      });
    },
  );
}

/** GET /notifications and marking them all read. */
function notificationRoutes(router: Router, deps: CommunityRoutesDeps): void {
  router.route(
    {
      method: 'GET',
      path: '/notifications',
      permission: 'notification:read',
      kind: 'page',
      summary: 'Your reminders and updates',
    },
    async (c, { ctx }) => {
      const list = await deps.reminders.forUser(ctx);
      return render(c, {
        title: 'Reminders and updates',
        wide: true,
        children: <NotificationsView list={list} csrfToken={c.get('csrfToken')} />,
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/notifications/read',
      permission: 'notification:read',
      kind: 'page',
      summary: 'Mark all your reminders as read',
      body: z.object({}),
    },
    async (c, { ctx }) => {
      await deps.reminders.markAllRead(ctx);
      return c.redirect('/notifications', 303);
    },
  );
}

export function communityRoutes(router: Router, deps: CommunityRoutesDeps): void {
  homeAndRegisterRoutes(router, deps);
  bodyRoutes(router, deps);
  newRequestRoutes(router, deps);
  draftRequestRoutes(router, deps);
  requestStepRoutes(router, deps);
  notificationRoutes(router, deps);
}
