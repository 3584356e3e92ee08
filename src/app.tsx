import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, getCookie } from 'hono/cookie';
import { FLASH_COOKIE, SESSION_COOKIE } from './core/http/cookies.ts';
import { issueCsrfToken } from './core/http/csrf.ts';
import { secureHeaders } from 'hono/secure-headers';
import { ANONYMOUS, type Actor } from './core/access/actor.ts';
import { AppError, TooManyRequestsError, ValidationError } from './core/errors.ts';
import type { AppEnv, Flash } from './core/http/env.ts';
import { ResponseCache } from './core/http/response-cache.ts';
import { movedFromOldAddress } from './core/http/paths.ts';
import { dataVersion } from './db/data-version.ts';
import { Router, type RouteSpec } from './core/http/router.ts';
import { ErrorSummary } from './core/ui/components.tsx';
import { render } from './core/ui/layout.tsx';
import { MODULE_ORDER, type Deps } from './deps.ts';
import { acceptsToken, bearerToken, refuseToken, useOf } from './modules/accounts/index.ts';

export function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

function remoteAddress(c: Context<AppEnv>): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

export interface CairnApp {
  app: Hono<AppEnv>;
  /** Every route with its declared permission: the permission-matrix test walks this list. */
  routes: readonly RouteSpec[];
}

export function createApp(deps: Deps): CairnApp {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    c.set('ip', remoteAddress(c));
    c.set('actor', ANONYMOUS);
    c.set('partnership', null);
    c.set('flash', null);
    c.set('unread', 0);
    c.set('params', {});
    c.set('form', null);
    c.set('csrfToken', '');
    c.set('csrfSent', true);
    await next();
    // @hono/node-server copies a Response made with a plain header object (as a handler's own `new Response`
    // is) from those headers as first given, dropping every header set on it since: the security headers,
    // Cache-Control. Such copies are made by c.header() once a response exists, and by Hono's fetch for a
    // HEAD request (the GET response without its body, after every middleware). That is how /assets lost
    // them. So: the response's own headers here, not c.header(), and a HEAD response made anew from them.
    c.res.headers.set('X-Request-Id', c.get('requestId'));
    if (c.req.method === 'HEAD')
      c.res = new Response(null, { status: c.res.status, headers: new Headers(c.res.headers) });
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
      // Cairn uses none of the browser's powerful features; no page, and nothing framed in one, may ask.
      permissionsPolicy: {
        accelerometer: [],
        autoplay: [],
        camera: [],
        displayCapture: [],
        geolocation: [],
        gyroscope: [],
        magnetometer: [],
        microphone: [],
        midi: [],
        payment: [],
        publickeyCredentialsGet: [],
        screenWakeLock: [],
        serial: [],
        usb: [],
        xrSpatialTracking: [],
      },
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  // A partnership's members' pages were under /p/<code> (ADR 0016): a permanent redirect to where they are now,
  // 301 for GET and HEAD, 308 (method and body kept) for a form sent from a page opened before the move.
  app.use('/p/*', async (c) => {
    const url = new URL(c.req.url);
    const status = c.req.method === 'GET' || c.req.method === 'HEAD' ? 301 : 308;
    return c.redirect(`${movedFromOldAddress(url.pathname)}${url.search}`, status);
  });

  // What a signed-in person sees is theirs: no browser or proxy may keep it (pages, API answers, downloads).
  // Anything that sets a cookie is likewise for one visitor only.
  app.use('*', async (c, next) => {
    await next();
    if (c.get('actor').kind !== 'anonymous' || c.res.headers.has('set-cookie'))
      c.res.headers.set('Cache-Control', 'private, no-store');
  });

  // Who is asking: the session cookie or, on /api/ paths, a personal API token (`Authorization: Bearer`), each
  // looked up in the database (no state in process memory). A token that does not resolve answers 401, never
  // anonymous; each request made with a token is recorded with its status (accounts/tokens.http.ts).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/assets/')) return next();
    const bearer = bearerToken(c.req.header('authorization'));
    let token: { actor: Actor; tokenId: number } | null = null;
    if (bearer !== null) {
      if (!acceptsToken(c.req.path)) return refuseToken(c, true);
      const resolved = await deps.tokens.resolve(bearer);
      if (!resolved.ok) {
        if (resolved.tokenId !== null) await deps.tokens.recordUse(resolved.tokenId, useOf(c, 401));
        return refuseToken(c, false);
      }
      token = resolved;
    }
    const actor = token ? token.actor : await deps.accounts.actorForSession(getCookie(c, SESSION_COOKIE));
    c.set('actor', actor);
    c.set(
      'unread',
      actor.kind === 'user' && c.req.method === 'GET' && !c.req.path.startsWith('/api/')
        ? await deps.reminders.unreadCount(actor.userId)
        : 0,
    );
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
    if (token) await deps.tokens.recordUse(token.tokenId, useOf(c, c.res.status));
  });

  // CSRF: the visitor's token is issued here; each route checks it (core/http/csrf.ts) after its body limit.
  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/assets/')) issueCsrfToken(c, deps.config.secureCookies);
    await next();
  });

  const limits = {
    form: deps.config.formMaxBytes,
    attachment: deps.config.uploadMaxBytes,
    import: deps.config.imports.maxFileBytes,
  };
  const router = new Router(app, (code) => deps.partnerships.resolve(code), limits, {
    responses: new ResponseCache(),
    version: () => dataVersion(deps.handle.db, 'audit'),
  });
  for (const name of MODULE_ORDER) deps.modules[name].routes(router);

  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    c.status(404);
    return render(c, {
      title: 'Page not found',
      children: (
        <p>If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.</p>
      ),
    });
  });

  app.onError((thrown, c) => {
    // Hono's own refusals (a body that is not of the route's media type, a form that cannot be read) answer as
    // Cairn's do.
    const err =
      thrown instanceof HTTPException && (thrown.status === 415 || thrown.status === 400)
        ? new AppError(
            thrown.status,
            thrown.status === 415 ? 'unsupported_media_type' : 'bad_body',
            thrown.status === 415 ? 'Send the body as JSON (Content-Type: application/json).' : thrown.message,
          )
        : thrown;
    if (!(err instanceof AppError)) {
      if (deps.config.log !== 'silent') console.error(`[${c.get('requestId')}] ${c.req.method} ${c.req.path}`, err);
      if (wantsJson(c))
        return c.json(
          { error: { code: 'internal', message: 'Something went wrong.', requestId: c.get('requestId') } },
          500,
        );
      c.status(500);
      return render(c, {
        title: 'Sorry, there is a problem with the service',
        children: (
          <p>Try again later. If it keeps happening, quote reference {c.get('requestId')} to your administrator.</p>
        ),
      });
    }
    if (err instanceof TooManyRequestsError) c.header('Retry-After', String(err.retryAfterSeconds));
    if (wantsJson(c)) {
      const fields = err instanceof ValidationError || 'fields' in err ? (err as ValidationError).fields : undefined;
      return c.json(
        {
          error: { code: err.code, message: err.message, ...(fields && Object.keys(fields).length ? { fields } : {}) },
        },
        err.status,
      );
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
      415: 'There is a problem',
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
