import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { can, canAnywhere, canSeePartnership } from '../access/actor.ts';
import type { Permission } from '../access/permissions.ts';
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
import { checkRoutePath, parseRouteParams } from './params.ts';
import type { ResponseCache } from './response-cache.ts';

/** Remembered responses and how to read the database's version (the newest audit row). */
export interface RouterCache {
  responses: ResponseCache;
  version: () => Promise<string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a route declares about itself. The router enforces the permission before the handler runs,
 * and tests enumerate these declarations to check every route against every role.
 */
export interface RouteSpec {
  method: Method;
  path: string;
  permission: Permission;
  /** page: HTML; api: JSON under /api; file: a download (CSV) or static asset. */
  kind: 'page' | 'api' | 'file';
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** JSON Schema source for the OpenAPI document. */
  response?: z.ZodType;
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

function formToObject(form: Record<string, unknown>): Record<string, unknown> {
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

async function readBody(c: Context<AppEnv>, takesFiles: boolean): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch {
      throw new ValidationError({ _body: ['The request body is not valid JSON.'] });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ValidationError({ _body: ['The request body must be a JSON object.'] });
    }
    return parsed as Record<string, unknown>;
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = formToObject(await c.req.parseBody({ all: true }));
    if (!takesFiles) {
      for (const [key, value] of Object.entries(form)) {
        if (value instanceof File || (Array.isArray(value) && value.some((v) => v instanceof File))) {
          throw new ValidationError({ [key]: ['This form does not take files.'] });
        }
      }
    }
    return form;
  }
  return {};
}

export function requestContext(c: Context<AppEnv>): RequestContext {
  return { actor: c.get('actor'), ip: c.get('ip'), requestId: c.get('requestId') };
}

export class Router {
  readonly specs: RouteSpec[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly resolvePartnership: PartnershipResolver,
    private readonly limits: BodyLimits,
    private readonly cache: RouterCache | null = null,
  ) {}

  private bodyLimitOf(spec: RouteSpec): number {
    return spec.upload ? this.limits[spec.upload] + MULTIPART_OVERHEAD : this.limits.form;
  }

  route<BS extends z.ZodType = z.ZodUndefined, QS extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec & { body?: BS; query?: QS; onInvalid?: InvalidHandler },
    handler: Handler<z.output<BS>, z.output<QS>>,
  ): void {
    checkRoutePath(spec.path);
    this.specs.push(spec);
    const scoped = spec.path.includes(':partnership');
    // Before anything reads the body: a Content-Length over the limit is refused unread, and a body without
    // one is counted as it arrives and refused at the limit.
    const limit = this.bodyLimitOf(spec);
    const limitBody = bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new PayloadTooLargeError(spec.upload ? this.limits[spec.upload] : limit, spec.upload);
      },
    });
    const refuseUnread = async (c: Context<AppEnv>, next: () => Promise<void>) => {
      refuseCsrfUnread(c);
      await next();
    };
    this.app.on(spec.method, spec.path, refuseUnread, limitBody, async (c) => {
      const params = parseRouteParams(spec.path, c.req.param() as Record<string, string>);
      c.set('params', params);
      await checkCsrf(c);
      const actor = c.get('actor');
      let partnership: PartnershipRef | null = null;
      if (scoped) {
        const found = await this.resolvePartnership(String(params['partnership']));
        if (!found || !canSeePartnership(actor, found.id)) {
          if (actor.kind === 'anonymous') throw new UnauthenticatedError();
          throw new NotFoundError('partnership');
        }
        if (!can(actor, spec.permission, found.id)) throw new ForbiddenError();
        partnership = found;
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
      c.set('partnership', partnership);
      const raw = spec.body ? await readBody(c, spec.upload !== undefined) : {};
      let body: unknown = undefined;
      let query: unknown = undefined;
      try {
        if (spec.query) {
          // A key given once is a string, a key repeated (checkboxes in a GET form) an array, as in form bodies.
          const params = Object.fromEntries(
            Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
          );
          const q = spec.query.safeParse(params);
          if (!q.success) throw new ValidationError(zodFieldErrors(q.error));
          query = q.data;
        }
        if (spec.body) {
          const b = spec.body.safeParse(raw);
          if (!b.success) throw new ValidationError(zodFieldErrors(b.error));
          body = b.data;
        }
        const run = () =>
          handler(c, {
            body: body as z.output<BS>,
            query: query as z.output<QS>,
            partnership: partnership as PartnershipRef,
            ctx: requestContext(c),
          });
        if (!spec.cache || !this.cache || actor.kind !== 'anonymous' || c.get('flash')) return await run();
        return await this.cached(c, run);
      } catch (error) {
        if (error instanceof ValidationError && spec.onInvalid && spec.kind === 'page') {
          c.status(400);
          return spec.onInvalid(c, error, raw, partnership as PartnershipRef);
        }
        throw error;
      }
    });
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
