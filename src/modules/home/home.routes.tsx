import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.ts';
import { can } from '../../core/access/actor.ts';
import {
  NATIONAL_ROLES,
  PARTNERSHIP_ROLES,
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  type Permission,
  type Role,
} from '../../core/access/permissions.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { Table } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { Health } from './home.api-schemas.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PUBLIC_DIR = path.resolve(here, '../../public');
const SGDS_DIR = path.resolve(here, '../../../node_modules/@scottish-government/design-system/dist');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

async function sendFile(root: string, relative: string): Promise<Response> {
  const full = path.resolve(root, relative);
  const type = TYPES[path.extname(full)];
  if (!type || !full.startsWith(root + path.sep)) throw new NotFoundError('file');
  let body: Buffer;
  try {
    body = await fs.readFile(full);
  } catch {
    throw new NotFoundError('file');
  }
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' },
  });
}

const VERSION = '0.1.0';

/** What the home routes use. */
export interface HomeRoutesDeps {
  /** The site's address, for the OpenAPI document's server. */
  config: Pick<Config, 'baseUrl'>;
  /** Which database engine serves Cairn (reported by /health). */
  engine: 'pglite' | 'postgres';
  /** Resolves once the database has answered a query on a migrated table; rejects (a 500) when it cannot. */
  checkDatabase: () => Promise<void>;
  /** The start page lists the signed-in person's partnerships. */
  partnerships: PartnershipsService;
}

export function homeRoutes(router: Router, deps: HomeRoutesDeps): void {
  router.route(
    { method: 'GET', path: '/assets/sgds/*', permission: 'asset:read', kind: 'file', summary: 'Design system assets' },
    (c) => sendFile(SGDS_DIR, c.req.path.slice('/assets/sgds/'.length)),
  );
  router.route(
    { method: 'GET', path: '/assets/cairn.css', permission: 'asset:read', kind: 'file', summary: 'Cairn stylesheet' },
    () => sendFile(PUBLIC_DIR, 'cairn.css'),
  );
  router.route(
    { method: 'GET', path: '/assets/cairn-icon.svg', permission: 'asset:read', kind: 'file', summary: 'Cairn icon' },
    () => sendFile(PUBLIC_DIR, 'cairn-icon.svg'),
  );
  router.route(
    { method: 'GET', path: '/assets/cairn.js', permission: 'asset:read', kind: 'file', summary: 'Cairn script' },
    () => sendFile(PUBLIC_DIR, 'cairn.js'),
  );

  router.route(
    {
      method: 'GET',
      path: '/health',
      permission: 'health:read',
      kind: 'api',
      summary: 'Liveness and database check',
      operationId: 'getHealth',
      response: Health,
    },
    async (c) => {
      await deps.checkDatabase();
      return c.json({ status: 'ok', engine: deps.engine, version: VERSION });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/openapi.json',
      permission: 'api-doc:read',
      kind: 'file',
      summary: 'OpenAPI 3.1 description',
    },
    (c) => c.json(router.openApiDocument({ baseUrl: deps.config.baseUrl, version: VERSION })),
  );
  router.route(
    {
      method: 'GET',
      path: '/api/openapi.json',
      permission: 'api-doc:read',
      kind: 'file',
      summary: 'OpenAPI 3.1 description (the same document)',
    },
    (c) => c.json(router.openApiDocument({ baseUrl: deps.config.baseUrl, version: VERSION })),
  );

  router.route(
    {
      method: 'GET',
      path: '/api',
      permission: 'api-doc:read',
      kind: 'page',
      summary: 'The JSON API reference, readable in the browser',
    },
    (c) => {
      const doc = router.openApiDocument({ baseUrl: deps.config.baseUrl, version: VERSION });
      type Op = {
        summary: string;
        tags: string[];
        description: string;
        parameters?: { name: string; in: string; required: boolean; schema?: { type?: string; enum?: string[] } }[];
        requestBody?: unknown;
      };
      const ops = Object.entries(doc.paths ?? {}).flatMap(([p, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path: p, method: method.toUpperCase(), op: op as Op })),
      );
      const tags = [...new Set(ops.map((o) => o.op.tags[0] ?? 'general'))].sort();
      return render(c, {
        title: 'JSON API reference',
        wide: true,
        children: (
          <>
            <p>
              Everything Cairn shows is also JSON under <code>/api/v1</code>, described by OpenAPI 3.1 at{' '}
              <a href="/api/openapi.json">/api/openapi.json</a> for code generators and tools such as Swagger UI or
              Postman. Public data needs no account. A script authenticates with a personal API token, made on your{' '}
              <a href="/account">account page</a> and sent as <code>Authorization: Bearer …</code>; a browser signs in
              through <code>/login</code> (a session cookie) and repeats the <code>cairn_csrf</code> cookie in an{' '}
              <code>X-CSRF-Token</code> header to write. Errors come back as{' '}
              <code>{'{ "error": { "code", "message", "fields" } }'}</code>, naming each field.
            </p>
            <ul>
              {tags.map((t) => (
                <li>
                  <a href={`#api-${t}`}>{t}</a>
                </li>
              ))}
            </ul>
            {tags.map((t) => (
              <section aria-labelledby={`api-${t}`}>
                <h2 id={`api-${t}`}>{t}</h2>
                <Table
                  caption={`API operations: ${t}`}
                  rows={ops.filter((o) => (o.op.tags[0] ?? 'general') === t)}
                  empty=""
                  columns={[
                    { header: 'Request', cell: (o) => <code>{`${o.method} ${o.path}`}</code> },
                    { header: 'What it does', cell: (o) => o.op.summary },
                    {
                      header: 'Parameters',
                      cell: (o) =>
                        (o.op.parameters ?? []).filter((x) => x.in !== 'header').length
                          ? (o.op.parameters ?? [])
                              .filter((x) => x.in !== 'header')
                              .map(
                                (x) =>
                                  `${x.name} (${x.in}${x.required ? ', required' : ''}${x.schema?.enum ? `: ${x.schema.enum.join(' | ')}` : ''})`,
                              )
                              .join('; ')
                          : '—',
                    },
                    {
                      header: 'Permission',
                      cell: (o) => o.op.description.replace(/^Requires the permission `([^`]+)`.*$/s, '$1'),
                    },
                  ]}
                />
              </section>
            ))}
          </>
        ),
      });
    },
  );

  router.route(
    { method: 'GET', path: '/', permission: 'partnership:list', kind: 'page', summary: 'Start page' },
    async (c, { ctx }) => {
      const actor = ctx.actor;
      const partnerships = actor.kind === 'user' ? (await deps.partnerships.list(ctx)).filter((p) => p.yourRole) : [];
      const national = actor.kind === 'user' && actor.nationalRoles.length > 0;
      return render(c, {
        title: actor.kind === 'user' ? `Welcome, ${actor.displayName}` : 'Community planning, in the open',
        children: (
          <>
            {actor.kind !== 'user' ? (
              <>
                <p class="ds_lead">
                  Cairn is where Scotland’s community planning partnerships keep their Local Outcomes Improvement Plan,
                  the data behind it, the resources partners put in, the community’s voice and their statutory duties —
                  public by default.
                </p>
                <p>
                  Councils, health boards, Police Scotland, the fire service, colleges, the third sector and community
                  bodies plan together in a partnership for each of Scotland’s 32 council areas.
                </p>
                <p>
                  <a class="ds_button" href="/login">
                    Sign in
                  </a>
                </p>
                <h2>Open to everyone</h2>
                <ul>
                  <li>
                    <a href="/partnerships">The 32 community planning partnerships</a>
                  </li>
                  <li>
                    <a href="/areas">Scotland’s council areas, their codes and the names sources use for them</a>
                  </li>
                  <li>
                    <a href="/registers">
                      Public registers of participation and asset transfer requests, decision notices and land
                    </a>
                  </li>
                  <li>
                    <a href="/deadlines">The statutory deadline calculator</a>
                  </li>
                  <li>
                    <a href="/improvement">
                      Accountability and improvement: audit recommendations and their progress, all 32 partnerships side
                      by side, improvement support and good practice
                    </a>
                  </li>
                  <li>
                    <a href="/about/permissions">Who can do what in Cairn</a>
                  </li>
                </ul>
                <h2>For community bodies</h2>
                <p>
                  A community council, development trust or other community body can ask to take part in improving a
                  public service (a participation request) or to take on land or buildings (an asset transfer request).{' '}
                  <a href="/community/register">Register your community body</a>.
                </p>
              </>
            ) : (
              <>
                <h2>Your partnerships</h2>
                {partnerships.length === 0 ? (
                  <p>
                    You have no role in a partnership yet. Ask your partnership manager to add you. Working for a
                    community body? Go to <a href="/community">your community bodies</a>.
                  </p>
                ) : (
                  <ul>
                    {partnerships.map((p) => (
                      <li>
                        <a href={`/p/${p.code}`}>{p.name}</a>
                        {p.fictional ? ' (demo, fictional)' : ''} — {ROLE_LABELS[p.yourRole as Role].toLowerCase()}
                      </li>
                    ))}
                  </ul>
                )}
                {national ? (
                  <p>
                    As a {actor.nationalRoles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ')} you can open{' '}
                    <a href="/partnerships">every partnership</a>.
                  </p>
                ) : null}
                {can(actor, 'user:read') ? (
                  <p>
                    <a href="/admin/users">Manage user accounts</a> ·{' '}
                    <a href="/admin/audit">Read the whole audit trail</a>
                  </p>
                ) : null}
              </>
            )}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/about/permissions',
      permission: 'permission:read',
      kind: 'page',
      summary: 'The roles and permissions table',
    },
    (c) => {
      const roles: Role[] = ['anonymous', 'signed_in', ...PARTNERSHIP_ROLES, ...NATIONAL_ROLES];
      const rows = Object.entries(PERMISSIONS) as [Permission, string][];
      return render(c, {
        title: 'Roles and permissions',
        wide: true,
        children: (
          <>
            <p>
              Everything in Cairn is refused unless a role below grants it. Partnership roles count only in the
              partnership where a person holds them; national roles count everywhere.
            </p>
            <Table
              caption="Which role holds which permission"
              rows={rows}
              empty=""
              columns={[
                {
                  header: 'Permission',
                  cell: ([name, description]) => (
                    <>
                      <code>{name}</code>
                      <br />
                      {description}
                    </>
                  ),
                },
                ...roles.map((role) => ({
                  header: ROLE_LABELS[role],
                  cell: ([name]: [Permission, string]) => (ROLE_PERMISSIONS[role].includes(name) ? 'Yes' : 'No'),
                })),
              ]}
            />
          </>
        ),
      });
    },
  );
}
