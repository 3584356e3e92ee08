import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.ts';
import { can } from '../../core/access/actor.ts';
import { NATIONAL_ROLES, PARTNERSHIP_ROLES, type Role } from '../../core/access/permissions.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { render } from '../../core/ui/layout.tsx';
import type { PartnershipsService } from '../partnerships/index.ts';
import { Health } from './home.api-schemas.ts';
import { apiOperations, ApiReferencePage, PermissionsPage, StartPage } from './home.views.tsx';

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
      const ops = apiOperations(doc.paths ?? {});
      return render(c, { title: 'JSON API reference', wide: true, children: <ApiReferencePage ops={ops} /> });
    },
  );

  router.route(
    { method: 'GET', path: '/', permission: 'partnership:list', kind: 'page', summary: 'Start page' },
    async (c, { ctx }) => {
      const actor = ctx.actor;
      const signedIn =
        actor.kind === 'user'
          ? {
              partnerships: (await deps.partnerships.list(ctx)).flatMap((p) =>
                p.yourRole ? [{ code: p.code, name: p.name, fictional: p.fictional, yourRole: p.yourRole }] : [],
              ),
              nationalRoles: actor.nationalRoles,
              canReadUsers: can(actor, 'user:read'),
            }
          : null;
      return render(c, {
        title: actor.kind === 'user' ? `Welcome, ${actor.displayName}` : 'Community planning, in the open',
        children: <StartPage signedIn={signedIn} />,
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
      return render(c, { title: 'Roles and permissions', wide: true, children: <PermissionsPage roles={roles} /> });
    },
  );
}
