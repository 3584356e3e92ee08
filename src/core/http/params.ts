import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './env.ts';

/**
 * Every path parameter a route may declare, and how it is read. This is the one place path parameters are
 * parsed: the router refuses at start-up a route whose path names a parameter not listed here, and each route's
 * `params` schema (paramsSchema, below) is made of its parameters' kinds; it runs before anything else reads the
 * request. A value that does not fit its kind answers 404, as an id that no row has would (never 500, never a
 * second parser).
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

/** The names of the parameters in a route path (`/partnerships/:partnership/plans/:planId` → partnership, planId). */
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

/** The zod schema of each kind: what the route's `params` are validated by, and what the OpenAPI document says. */
const KIND_SCHEMAS: Record<ParamKind, () => z.ZodType> = {
  id: () =>
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/)
      .transform(Number)
      .pipe(z.number().int().max(ID_MAX))
      .meta({ type: 'integer', minimum: 1, maximum: ID_MAX, description: 'A row id' }),
  year: () =>
    z
      .string()
      .regex(/^[0-9]{4}$/)
      .transform(Number)
      .meta({ type: 'integer', minimum: 1000, maximum: 9999, description: 'The year a reporting year begins in' }),
  code: () => z.string().max(CODE_MAX_LENGTH).regex(CODE),
};

/** The schema of a route's path parameters, one entry a parameter, each of its kind. */
export function paramsSchema(path: string): z.ZodObject<Record<string, z.ZodType>> {
  return z.object(Object.fromEntries(paramNames(path).map((name) => [name, KIND_SCHEMAS[PATH_PARAMS[name]!]()])));
}

/** `/partnerships/:partnership/plans/:planId` as OpenAPI writes it: `/partnerships/{partnership}/plans/{planId}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/** One parameter's value, or null when it does not fit its kind (through the kind's schema). */
export function parseParam(kind: ParamKind, raw: string): ParamValue | null {
  const result = KIND_SCHEMAS[kind]().safeParse(raw);
  return result.success ? (result.data as ParamValue) : null;
}

function param(c: Context<AppEnv>, name: string): ParamValue {
  const value = c.get('params')[name];
  if (value === undefined) throw new Error(`The route has no path parameter :${name}`);
  return value;
}

/** A numeric path parameter (`id` or `year` kind), as the route's params schema parsed it. */
export function idParam(c: Context<AppEnv>, name: string): number {
  const value = param(c, name);
  if (typeof value !== 'number') throw new Error(`Path parameter :${name} is not numeric`);
  return value;
}

/** A code path parameter, as the route's params schema parsed it. */
export function codeParam(c: Context<AppEnv>, name: string): string {
  return String(param(c, name));
}
