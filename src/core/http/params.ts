import type { Context } from 'hono';
import { NotFoundError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * Every path parameter a route may declare, and how it is read. This is the one place path parameters are
 * parsed: the router refuses at start-up a route whose path names a parameter not listed here, and at each
 * request it reads every parameter of the route through its entry before anything else runs. A value that
 * does not fit its kind answers 404, as an id that no row has would (never 500, never a second parser).
 *
 * - `id`: a row id, a positive integer below 2³¹ (PostgreSQL's `integer` and `serial`).
 * - `year`: a four-digit year (the year a reporting or self-evaluation year begins in).
 * - `code`: a code or reference from a URL (a partnership's code or GSS code, an indicator's code, an
 *   intermediate zone, a locality, a request's reference): at most CODE_MAX_LENGTH characters of letters,
 *   digits and `-_.`.
 */
export type ParamKind = 'id' | 'year' | 'code';

export const PATH_PARAMS: Readonly<Record<string, ParamKind>> = {
  id: 'id',
  bodyId: 'id',
  caseStudyId: 'id',
  documentId: 'id',
  evaluationId: 'id',
  measureId: 'id',
  updateId: 'id',
  organisationId: 'id',
  planId: 'id',
  requestId: 'id',
  userId: 'id',
  version: 'id',
  year: 'year',
  partnership: 'code',
  code: 'code',
  izCode: 'code',
  localityCode: 'code',
  reference: 'code',
};

/** The largest id a row can have (PostgreSQL `integer`). */
export const ID_MAX = 2 ** 31 - 1;
export const CODE_MAX_LENGTH = 100;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type ParamValue = number | string;

/** The names of the parameters in a route path (`/p/:partnership/plans/:planId` → partnership, planId). */
export function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
}

/** Refuse, when a route is declared, a path whose parameters are not all in PATH_PARAMS. */
export function checkRoutePath(path: string): void {
  for (const name of paramNames(path)) {
    if (!PATH_PARAMS[name])
      throw new Error(`Route ${path}: path parameter :${name} has no kind in PATH_PARAMS (core/http/params.ts)`);
  }
}

/** One parameter's value, or null when it does not fit its kind. */
export function parseParam(kind: ParamKind, raw: string): ParamValue | null {
  switch (kind) {
    case 'id': {
      if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
      const n = Number(raw);
      return n <= ID_MAX ? n : null;
    }
    case 'year':
      return /^[0-9]{4}$/.test(raw) ? Number(raw) : null;
    case 'code':
      return raw.length <= CODE_MAX_LENGTH && CODE.test(raw) ? raw : null;
  }
}

/** Every parameter of the route, parsed; a NotFoundError when one does not fit. */
export function parseRouteParams(path: string, raw: Record<string, string>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const name of paramNames(path)) {
    const value = parseParam(PATH_PARAMS[name]!, raw[name] ?? '');
    if (value === null) throw new NotFoundError();
    out[name] = value;
  }
  return out;
}

function param(c: Context<AppEnv>, name: string): ParamValue {
  const value = c.get('params')[name];
  if (value === undefined) throw new Error(`The route has no path parameter :${name}`);
  return value;
}

/** A numeric path parameter (`id` or `year` kind), as the router parsed it. */
export function idParam(c: Context<AppEnv>, name: string): number {
  const value = param(c, name);
  if (typeof value !== 'number') throw new Error(`Path parameter :${name} is not numeric`);
  return value;
}

/** A code path parameter, as the router parsed it. */
export function codeParam(c: Context<AppEnv>, name: string): string {
  return String(param(c, name));
}
