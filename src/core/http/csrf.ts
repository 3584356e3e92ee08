import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../errors.ts';
import { CSRF_COOKIE, newCsrfToken, SESSION_COOKIE, setCsrfCookie } from './cookies.ts';
import type { AppEnv } from './env.ts';

/**
 * CSRF protection by double submit: a random token in a SameSite=Strict, HttpOnly cookie, repeated in
 * every form (field `_csrf`) or in the `X-CSRF-Token` header of JSON requests. The token is issued on the
 * first visit and made anew at every sign-in (setSessionCookie in cookies.ts), so a token seen before
 * sign-in is no use after.
 *
 * A request authenticated by a personal API token (`Authorization: Bearer`) that carries no session cookie
 * needs no CSRF token and is given none: a browser never adds that header to a request on its own, so another
 * site cannot forge one. A request that carries the session cookie is checked as always, token or not.
 */

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Authenticated by an API token alone, without the session cookie: nothing a browser sends by itself. */
export function tokenWithoutSession(c: Context<AppEnv>): boolean {
  const actor = c.get('actor');
  return actor.kind === 'user' && actor.via?.kind === 'token' && getCookie(c, SESSION_COOKIE) === undefined;
}

/** The visitor's token, issuing one on a first visit. A request that had none cannot pass the check. */
export function issueCsrfToken(c: Context<AppEnv>, secure: boolean): void {
  if (tokenWithoutSession(c)) return;
  const token = getCookie(c, CSRF_COOKIE);
  if (token && token.length >= 32) {
    c.set('csrfToken', token);
    return;
  }
  setCsrfCookie(c, newCsrfToken(), secure);
  // The request itself carried no token, so it must not pass: the cookie is for the next one.
  c.set('csrfSent', false);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const REFUSED = 'This form has expired or did not come from Cairn. Go back, reload the page and try again.';

/**
 * Refuse, before its body is read, an unsafe request that cannot pass: it came without the CSRF cookie, or
 * it sends neither the header nor a form that could carry the field. Runs before the route's body limit
 * (core/http/router.ts), which would otherwise read a body sent without a length, up to the limit.
 */
export function refuseCsrfUnread(c: Context<AppEnv>): void {
  if (!UNSAFE_METHODS.has(c.req.method) || tokenWithoutSession(c)) return;
  if (c.get('csrfSent') === false || !c.get('csrfToken')) throw new AppError(403, 'csrf', REFUSED);
  if (c.req.header('x-csrf-token')) return;
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data'))
    throw new AppError(403, 'csrf', REFUSED);
}

/**
 * Refuse an unsafe request whose token does not match the cookie's. A form is parsed only after the
 * route's body limit has been applied, so a refused body costs at most that limit.
 */
export async function checkCsrf(c: Context<AppEnv>): Promise<void> {
  if (!UNSAFE_METHODS.has(c.req.method) || tokenWithoutSession(c)) return;
  refuseCsrfUnread(c);
  const token = c.get('csrfToken');
  let sent = c.req.header('x-csrf-token') ?? '';
  if (!sent) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new AppError(400, 'bad_body', 'The form could not be read. Go back, reload the page and try again.');
    }
    sent = typeof form['_csrf'] === 'string' ? form['_csrf'] : '';
  }
  if (!sent || !sameToken(token, sent)) throw new AppError(403, 'csrf', REFUSED);
}
