import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Flash } from './env.ts';

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_COOKIE = 'cairn_csrf';
export const FLASH_COOKIE = 'cairn_flash';

/** Set a one-time message for the next page (post/redirect/get). */
export function setFlash(c: Context<AppEnv>, flash: Flash): void {
  setCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 60,
  });
}

/** A new CSRF token (core/http/csrf.ts): 32 random bytes. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The CSRF cookie, and the token pages rendered from now on carry. */
export function setCsrfCookie(c: Context<AppEnv>, token: string, secure: boolean): void {
  setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, secure, sameSite: 'Strict' });
  c.set('csrfToken', token);
}

/**
 * Start a signed-in session. The CSRF token is made anew with it, so a token planted or seen before
 * sign-in is no use after (every sign-in goes through here).
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, options: { secure: boolean; hours: number }): void {
  setCsrfCookie(c, newCsrfToken(), options.secure);
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Lax',
    maxAge: Math.round(options.hours * 3600),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
