import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/** A numeric id from the path; anything else becomes -1, which no row has, so the lookup says "not found". */
export function idParam(c: Context<AppEnv>, name: string): number {
  const id = Number(c.req.param(name));
  return Number.isInteger(id) && id > 0 && id < 2 ** 31 ? id : -1;
}
