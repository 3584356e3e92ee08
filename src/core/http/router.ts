import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { can, canAnywhere, canSeePartnership } from '../access/actor.ts';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import type { RequestContext } from '../context.ts';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type FieldErrors,
} from '../errors.ts';
import { checkCsrf, refuseCsrfUnread } from './csrf.ts';
import type { AppEnv, PartnershipRef } from './env.ts';
import { checkRoutePath, paramsSchema, toOpenApiPath } from './params.ts';
import { errorResponses, openApiDocument, securityOf, type DocumentInfo } from './openapi.ts';
import type { ResponseCache } from './response-cache.ts';

/** Remembered responses and how to read the database's version (the newest audit row). */
export interface RouterCache {
  responses: ResponseCache;
  version: () => Promise<string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a route declares about itself. The router turns it into a Hono route (@hono/zod-openapi's
 * `createRoute`) whose middleware enforces the permission before the handler runs, and tests enumerate
 * these declarations to check every route against every role.
 */
export interface RouteSpec {
  method: Method;
  path: string;
  permission: Permission;
  /** page: HTML; api: JSON under /api; file: a download (CSV) or static asset. */
  kind: 'page' | 'api' | 'file';
  summary: string;
  /** The form (pages) or JSON object (API) the route takes; every field is validated before the handler. */
  body?: z.ZodType;
  query?: z.ZodType;
  /** API routes: the JSON the route answers with (the OpenAPI document's response schema). */
  response?: z.ZodType;
  /** API routes: the status of a success (200 unless said: 201 when the route creates something). */
  status?: 200 | 201;
  /** API routes: the operation's name in the OpenAPI document (and so in a generated client). */
  operationId?: string;
  tag?: string;
  /**
   * The route takes a file, and so a larger body: `attachment` (a document, CAIRN_UPLOAD_MAX_MB) or `import`
   * (a data file, CAIRN_IMPORT_MAX_MB). Without it the body is a form or JSON (CAIRN_FORM_MAX_KB), and a
   * file in it is refused.
   */
  upload?: 'attachment' | 'import';
  /**
   * The response is a function of the database and the URL alone (no clock, no actor): for visitors who
   * are not signed in it is remembered until the next write anywhere (core/http/response-cache.ts).
   */
  cache?: 'until-next-write';
}

export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  /** Set on `/…/:partnership/…` routes: the partnership, already checked. */
  partnership: PartnershipRef;
  ctx: RequestContext;
}

export type Handler<B, Q> = (c: Context<AppEnv>, input: RouteInput<B, Q>) => Response | Promise<Response>;

/** Re-renders a form with its errors (pages only); without one, the shared error page is shown. */
export type InvalidHandler = (
  c: Context<AppEnv>,
  error: ValidationError,
  raw: Record<string, unknown>,
  partnership: PartnershipRef,
) => Response | Promise<Response>;

export type PartnershipResolver = (code: string) => Promise<PartnershipRef | null>;

/** The largest body each kind of route reads, in bytes (from configuration: docs/SECURITY.md). */
export interface BodyLimits {
  form: number;
  attachment: number;
  import: number;
}

/** Room for the form fields and multipart framing around a file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number, upload: RouteSpec['upload']) {
    super(
      413,
      'too_large',
      upload
        ? `The file is too large: this page takes files of up to ${megabytes(limit)}.`
        : `The request is too large: forms and API requests here take up to ${megabytes(limit)}.`,
    );
  }
}

/** Permissions a user who must change their password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<Permission>(['account:read', 'account:update', 'session:delete']);

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_body';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** A form as the schema sees it: fields trimmed, empty fields absent, the CSRF field left out. */
function normalizeForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed !== '') out[key] = trimmed;
    } else if (value !== undefined) out[key] = value;
  }
  return out;
}

function filesIn(form: Record<string, unknown>): FieldErrors {
  const fields: FieldErrors = {};
  for (const [key, value] of Object.entries(form)) {
    if (value instanceof File || (Array.isArray(value) && value.some((v) => v instanceof File)))
      fields[key] = ['This form does not take files.'];
  }
  return fields;
}

export function requestContext(c: Context<AppEnv>): RequestContext {
  return { actor: c.get('actor'), ip: c.get('ip'), requestId: c.get('requestId') };
}

/**
 * Routes are Hono routes made by @hono/zod-openapi: the path parameters, the query and the body are each
 * validated by a zod schema, and the OpenAPI document is generated from those same schemas. What every route
 * repeats is middleware, in this order, before anything reads the body or the database:
 *
 * 1. `refuseCsrfUnread`: an unsafe request that cannot carry a CSRF token is refused on its headers alone;
 * 2. the body limit of the route's kind (forms and JSON, attachments, data files);
 * 3. the path parameters, each of a kind in PATH_PARAMS (a value that does not fit answers 404);
 * 4. the CSRF check;
 * 5. `requirePermission`: the partnership of a `:partnership` path, resolved once and checked, then the
 *    route's permission (deny by default);
 * 6. the body: JSON (API routes) or a form (pages), validated by the route's schema.
 */
export class Router {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: OpenAPIHono<AppEnv>,
    private readonly resolvePartnership: PartnershipResolver,
    private readonly limits: BodyLimits,
    private readonly cache: RouterCache | null = null,
  ) {}

  /** The OpenAPI document of every JSON route, generated from their schemas. */
  openApiDocument(info: DocumentInfo) {
    return openApiDocument(this.app, info);
  }

  route<BS extends z.ZodType = z.ZodUndefined, QS extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec & { body?: BS; query?: QS; onInvalid?: InvalidHandler },
    handler: Handler<z.output<BS>, z.output<QS>>,
  ): void {
    checkRoutePath(spec.path);
    // The OpenAPI document names and describes every JSON operation (test/api-responses.test.ts checks each).
    if (spec.kind === 'api' && (!spec.operationId || !spec.response))
      throw new Error(`Route ${spec.method} ${spec.path}: an API route declares its operationId and response schema`);
    this.specs.push(spec);
    const params = paramsSchema(spec.path);
    const api = spec.kind === 'api';
    const invalid = (c: Context<AppEnv>, error: ValidationError) => {
      if (spec.onInvalid && spec.kind === 'page') {
        c.status(400);
        return spec.onInvalid(c, error, c.get('form') ?? {}, c.get('partnership') as PartnershipRef);
      }
      throw error;
    };
    const middleware: MiddlewareHandler<AppEnv>[] = [
      async (c, next) => {
        refuseCsrfUnread(c);
        await next();
      },
      this.limitBody(spec),
      async (c, next) => {
        const parsed = params.safeParse(c.req.param());
        if (!parsed.success) throw new NotFoundError();
        c.set('params', parsed.data as Record<string, number | string>);
        await checkCsrf(c);
        await next();
      },
      this.requirePermission(spec),
    ];
    if (spec.body && api) middleware.push(jsonObjectBody);
    if (spec.body && !api) middleware.push(formBody(spec.body, spec.upload !== undefined, invalid));

    const route = createRoute({
      method: spec.method.toLowerCase() as RouteConfig['method'],
      path: toOpenApiPath(spec.path),
      hide: !api,
      operationId: spec.operationId,
      summary: spec.summary,
      description: `Requires the permission \`${spec.permission}\`: ${PERMISSIONS[spec.permission]}.`,
      tags: [spec.tag ?? 'general'],
      security: securityOf(spec),
      middleware,
      request: {
        ...(Object.keys(params.shape).length ? { params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body && api
          ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } }
          : {}),
      },
      responses: {
        [spec.status ?? 200]: {
          description: spec.status === 201 ? 'Created' : 'OK',
          ...(api && spec.response ? { content: { 'application/json': { schema: spec.response } } } : {}),
        },
        ...errorResponses(spec, Object.keys(params.shape).length > 0),
      },
    } as unknown as RouteConfig);

    const run = async (c: Context<AppEnv>) => {
      const input = {
        body: (spec.body ? c.req.valid((api ? 'json' : 'form') as never) : undefined) as z.output<BS>,
        query: (spec.query ? c.req.valid('query' as never) : undefined) as z.output<QS>,
        partnership: c.get('partnership') as PartnershipRef,
        ctx: requestContext(c),
      };
      try {
        const respond = () => handler(c, input);
        if (!spec.cache || !this.cache || c.get('actor').kind !== 'anonymous' || c.get('flash')) return await respond();
        return await this.cached(c, respond);
      } catch (error) {
        if (error instanceof ValidationError) return invalid(c, error);
        throw error;
      }
    };
    // A schema that refuses the query (or the JSON body) answers as the handler's own ValidationError would.
    // (The path parameters were already parsed above, before the permission; one that does not fit is 404 here too.)
    const hook = (result: { success: boolean; error?: z.ZodError; target: string }, c: Context<AppEnv>) => {
      if (result.success) return;
      if (result.target === 'param') throw new NotFoundError();
      return invalid(c, new ValidationError(zodFieldErrors(result.error!)));
    };
    // The route's types are declared in RouteSpec and checked there; the library's generic inference over a
    // route built at run time would only repeat them.
    (this.app.openapi as (r: unknown, h: unknown, k: unknown) => void)(route, run, hook);
  }

  private limitBody(spec: RouteSpec): MiddlewareHandler<AppEnv> {
    const limit = spec.upload ? this.limits[spec.upload] : this.limits.form;
    // A Content-Length over the limit is refused unread; a body without one is counted as it arrives.
    return bodyLimit({
      maxSize: spec.upload ? limit + MULTIPART_OVERHEAD : limit,
      onError: () => {
        throw new PayloadTooLargeError(limit, spec.upload);
      },
    });
  }

  /**
   * Deny by default: the route's permission, in the partnership of a `:partnership` path (resolved once here,
   * for public and members' pages alike), or anywhere for other paths. Someone who may not do this in a
   * partnership they can see is told "forbidden"; a partnership they cannot see (or that does not exist) is
   * "not found" to them, or "sign in" to an anonymous visitor when the permission is not everyone's.
   */
  private requirePermission(spec: RouteSpec): MiddlewareHandler<AppEnv> {
    const scoped = spec.path.includes(':partnership');
    return async (c, next) => {
      const actor = c.get('actor');
      if (scoped) {
        const found = await this.resolvePartnership(String(c.get('params')['partnership']));
        if (!found || !can(actor, spec.permission, found.id)) {
          if (found && canSeePartnership(actor, found.id)) throw new ForbiddenError();
          if (actor.kind === 'anonymous' && !can(actor, spec.permission)) throw new UnauthenticatedError();
          throw new NotFoundError('partnership');
        }
        c.set('partnership', found);
      } else if (!canAnywhere(actor, spec.permission)) {
        if (actor.kind === 'anonymous') throw new UnauthenticatedError();
        throw new ForbiddenError();
      }
      if (actor.kind === 'user' && actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(spec.permission)) {
        if (spec.kind === 'page' && spec.method === 'GET') return c.redirect('/account?must-change=1', 303);
        if (!['asset:read', 'health:read'].includes(spec.permission)) {
          throw new ForbiddenError('Change your password before you continue.');
        }
      }
      await next();
    };
  }

  /** Serve a remembered response made at the database's current version, or make and remember one. */
  private async cached(c: Context<AppEnv>, run: () => Response | Promise<Response>): Promise<Response> {
    const { responses, version: readVersion } = this.cache!;
    const version = await readVersion();
    const key = c.req.url.slice(c.req.url.indexOf('/', c.req.url.indexOf('//') + 2));
    const token = c.get('csrfToken') ?? '';
    const hit = responses.get(key, version, token);
    // Through the context, so that headers set on it before (a new visitor's CSRF cookie) go out too.
    if (hit)
      return c.newResponse(hit.body as Uint8Array<ArrayBuffer>, hit.status as 200, Object.fromEntries(hit.headers));
    const res = await run();
    if (res.status !== 200) return res;
    const body = await res.text();
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => {
      if (name.toLowerCase() !== 'set-cookie') headers.push([name, value]);
    });
    responses.set(key, { version, status: res.status, headers, body }, token);
    return new Response(body, { status: res.status, headers: res.headers });
  }
}

/** A JSON body must be a JSON object; anything else is named as the body's fault before the schema runs. */
const jsonObjectBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if ((c.req.header('content-type') ?? '').includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch {
      throw new ValidationError({ _body: ['The request body is not valid JSON.'] });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ValidationError({ _body: ['The request body must be a JSON object.'] });
  }
  await next();
};

/**
 * A page's form, through Hono's validator: read (a key sent twice is a list), normalised, refused if it holds a
 * file the route does not take, then validated by the route's schema. What was typed is kept for the page that
 * shows the errors.
 */
function formBody(
  schema: z.ZodType,
  takesFiles: boolean,
  invalid: (c: Context<AppEnv>, error: ValidationError) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return validator('form', async (value, c) => {
    const form = normalizeForm(value as Record<string, unknown>);
    c.set('form', form);
    const files = takesFiles ? {} : filesIn(form);
    if (Object.keys(files).length) return invalid(c, new ValidationError(files));
    const result = schema.safeParse(form);
    if (!result.success) return invalid(c, new ValidationError(zodFieldErrors(result.error)));
    return result.data as Record<string, unknown>;
  }) as unknown as MiddlewareHandler<AppEnv>;
}
