import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Flash } from './env.ts';

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_COOKIE = 'cairn_csrf';
export const FLASH_COOKIE = 'cairn_flash';

/** Set a one-time message for the next page (post/redirect/get). */
export function setFlash(c: Context<AppEnv>, flash: Flash): void {
  setCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function setSessionCookie(c: Context<AppEnv>, token: string, options: { secure: boolean; hours: number }): void {
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
