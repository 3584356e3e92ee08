import type { Context } from 'hono';
import type { AppEnv } from '../../core/http/env.ts';
import type { TokenUse } from './tokens.service.ts';

/**
 * API tokens at the edge of the app (app.tsx, the middleware that says who is asking). A token is taken only
 * on `/api/` addresses: pages and forms are for browsers and stay on the session cookie, so a token sent to
 * a page is refused (401) rather than ignored, which would answer a script as if it were anonymous.
 */

/** The token of an `Authorization: Bearer <token>` header; null when there is no such header. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization?.trim() ?? '');
  return match ? (match[1] ?? '').trim() : null;
}

/** Whether a request to this path may authenticate with a token. */
export function acceptsToken(path: string): boolean {
  return path.startsWith('/api/');
}

/** 401 for a token that is refused (RFC 6750 §3): never a fall-back to anonymous. */
export function refuseToken(c: Context<AppEnv>, onPage: boolean): Response {
  const message = onPage
    ? 'API tokens are accepted on /api/ addresses only; pages use the sign-in form.'
    : 'The API token is not valid: it is mistyped, revoked or expired, or its account is deactivated.';
  const challenge = onPage
    ? 'Bearer error="invalid_token", error_description="API tokens are accepted on /api/ addresses only"'
    : 'Bearer error="invalid_token"';
  return c.json({ error: { code: onPage ? 'token_not_accepted' : 'invalid_token', message } }, 401, {
    'WWW-Authenticate': challenge,
    'Cache-Control': 'private, no-store',
  });
}

/** What the record of a use keeps of the request: method, path (no query string), status and address. */
export function useOf(c: Context<AppEnv>, status: number): TokenUse {
  return { method: c.req.method, path: c.req.path, status, ip: c.get('ip') };
}
