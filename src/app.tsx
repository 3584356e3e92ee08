import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { CSRF_COOKIE, FLASH_COOKIE, SESSION_COOKIE } from './core/http/cookies.ts';
import { secureHeaders } from 'hono/secure-headers';
import { ANONYMOUS } from './core/access/actor.ts';
import { AppError, TooManyRequestsError, ValidationError } from './core/errors.ts';
import type { AppEnv, Flash } from './core/http/env.ts';
import { ResponseCache } from './core/http/response-cache.ts';
import { Router, type RouteSpec } from './core/http/router.ts';
import { ErrorSummary } from './core/ui/components.tsx';
import { render } from './core/ui/layout.tsx';
import type { Deps } from './deps.ts';
import { accountsRoutes } from './modules/accounts/index.ts';
import { areasRoutes } from './modules/areas/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { communityRoutes, registersRoutes, requestsRoutes } from './modules/community/index.ts';
import { deadlinesRoutes } from './modules/deadlines/index.ts';
import { homeRoutes } from './modules/home/index.ts';
import { communitiesRoutes, indicatorsRoutes, nationalRoutes, outcomesRoutes } from './modules/outcomes/index.ts';
import { importsRoutes } from './modules/imports/index.ts';
import { caseStudiesRoutes, improvementRoutes, nationalViewRoutes, recommendationsRoutes, selfEvaluationRoutes, supportRoutes } from './modules/improvement/index.ts';
import { partnershipsRoutes } from './modules/partnerships/index.ts';
import { plansRoutes, progressRoutes, reportsRoutes, resourcesRoutes } from './modules/plans/index.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

function remoteAddress(c: Context<AppEnv>): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface CairnApp {
  app: Hono<AppEnv>;
  /** Every route with its declared permission: the permission-matrix test walks this list. */
  routes: readonly RouteSpec[];
}

export function createApp(deps: Deps): CairnApp {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('ip', remoteAddress(c));
    c.set('actor', ANONYMOUS);
    c.set('partnership', null);
    c.set('flash', null);
    c.set('unread', 0);
    await next();
    c.header('X-Request-Id', c.get('requestId'));
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  // Who is asking: the session cookie, looked up in the database (no state in process memory).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/assets/')) return next();
    const actor = await deps.accounts.actorForSession(getCookie(c, SESSION_COOKIE));
    c.set('actor', actor);
    c.set('unread', actor.kind === 'user' && c.req.method === 'GET' && !c.req.path.startsWith('/api/') ? await deps.reminders.unreadCount(actor.userId) : 0);
    const flash = getCookie(c, FLASH_COOKIE);
    if (flash) {
      try {
        c.set('flash', JSON.parse(Buffer.from(flash, 'base64url').toString('utf8')) as Flash);
      } catch {
        /* a damaged flash cookie is ignored */
      }
      deleteCookie(c, FLASH_COOKIE, { path: '/' });
    }
    await next();
  });

  // CSRF: a random token in a SameSite=Strict cookie, repeated in every form (field _csrf) or in the
  // X-CSRF-Token header of JSON requests (double-submit).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/assets/')) return next();
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || token.length < 32) {
      token = randomBytes(32).toString('base64url');
      setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, secure: deps.config.secureCookies, sameSite: 'Strict' });
      if (UNSAFE.has(c.req.method)) token = '';
    }
    c.set('csrfToken', token);
    if (UNSAFE.has(c.req.method)) {
      let sent = c.req.header('x-csrf-token') ?? '';
      const type = c.req.header('content-type') ?? '';
      if (!sent && (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data'))) {
        const form = await c.req.parseBody({ all: true });
        sent = typeof form['_csrf'] === 'string' ? form['_csrf'] : '';
      }
      if (!token || !sent || !sameToken(token, sent)) {
        throw new AppError(403, 'csrf', 'This form has expired or did not come from Cairn. Go back, reload the page and try again.');
      }
    }
    await next();
  });

  const router = new Router(app, (code) => deps.partnerships.resolve(code), {
    responses: new ResponseCache(),
    version: async () => {
      const row = await deps.handle.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
      return String(row?.v ?? 0);
    },
  });
  homeRoutes(router, deps);
  accountsRoutes(router, deps);
  areasRoutes(router, deps);
  partnershipsRoutes(router, deps);
  auditRoutes(router, deps);
  outcomesRoutes(router, deps);
  nationalRoutes(router, deps);
  indicatorsRoutes(router, deps);
  communitiesRoutes(router, deps);
  importsRoutes(router, deps);
  deadlinesRoutes(router, deps);
  communityRoutes(router, deps);
  requestsRoutes(router, deps);
  registersRoutes(router, deps);
  plansRoutes(router, deps);
  resourcesRoutes(router, deps);
  reportsRoutes(router, deps);
  progressRoutes(router, deps);
  improvementRoutes(router, deps);
  recommendationsRoutes(router, deps);
  selfEvaluationRoutes(router, deps);
  supportRoutes(router, deps);
  caseStudiesRoutes(router, deps);
  nationalViewRoutes(router, deps);

  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    c.status(404);
    return render(c, {
      title: 'Page not found',
      children: <p>If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.</p>,
    });
  });

  app.onError((err, c) => {
    if (!(err instanceof AppError)) {
      if (deps.config.log !== 'silent') console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, err);
      if (wantsJson(c)) return c.json({ error: { code: 'internal', message: 'Something went wrong.', requestId: c.get('requestId') } }, 500);
      c.status(500);
      return render(c, {
        title: 'Sorry, there is a problem with the service',
        children: <p>Try again later. If it keeps happening, quote reference {c.get('requestId')} to your administrator.</p>,
      });
    }
    if (err instanceof TooManyRequestsError) c.header('Retry-After', String(err.retryAfterSeconds));
    if (wantsJson(c)) {
      const fields = err instanceof ValidationError || 'fields' in err ? (err as ValidationError).fields : undefined;
      return c.json({ error: { code: err.code, message: err.message, ...(fields && Object.keys(fields).length ? { fields } : {}) } }, err.status);
    }
    if (err.status === 401 && c.req.method === 'GET') {
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    }
    c.status(err.status);
    const titles: Record<number, string> = {
      400: 'There is a problem',
      401: 'Sign in to continue',
      403: 'You do not have permission',
      404: 'Page not found',
      409: 'There is a problem',
      413: 'The file is too large',
      429: 'Too many attempts',
    };
    const fields = 'fields' in err ? (err as ValidationError).fields : null;
    return render(c, {
      title: titles[err.status] ?? 'There is a problem',
      children: (
        <>
          <ErrorSummary errors={fields} />
          <p>{err.message}</p>
          <p>
            <a href="/">Go to the start page</a>
          </p>
        </>
      ),
    });
  });

  return { app, routes: router.specs };
}
