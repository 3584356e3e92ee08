import type { Child } from 'hono/jsx';
import {
  PERMISSIONS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  type NationalRole,
  type PartnershipRole,
  type Permission,
  type Role,
} from '../../core/access/permissions.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { Table } from '../../core/ui/components.tsx';

/** Views of the start page, the API reference and the permissions table: props in, JSX out (routes in home.routes.tsx). */

/** One operation of the OpenAPI document, as the readable reference lists it. */
export interface ApiOperation {
  path: string;
  method: string;
  op: {
    summary: string;
    tags: string[];
    description: string;
    parameters?: { name: string; in: string; required: boolean; schema?: { type?: string; enum?: string[] } }[];
    requestBody?: unknown;
  };
}

/** Every operation of an OpenAPI document's paths, in the document's order. */
export function apiOperations(paths: Record<string, object>): ApiOperation[] {
  return Object.entries(paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path: p,
      method: method.toUpperCase(),
      op: op as ApiOperation['op'],
    })),
  );
}

const tagOf = (o: ApiOperation) => o.op.tags[0] ?? 'general';

/** An operation's parameters other than headers, with where each goes, whether it is required and its values. */
function parametersText(o: ApiOperation): string {
  const parameters = (o.op.parameters ?? []).filter((x) => x.in !== 'header');
  return parameters.length
    ? parameters
        .map(
          (x) =>
            `${x.name} (${x.in}${x.required ? ', required' : ''}${x.schema?.enum ? `: ${x.schema.enum.join(' | ')}` : ''})`,
        )
        .join('; ')
    : '—';
}

/** The JSON API reference, readable in the browser: how to authenticate, then the operations by tag. */
export function ApiReferencePage({ ops }: { ops: readonly ApiOperation[] }) {
  const tags = [...new Set(ops.map(tagOf))].sort();
  return (
    <>
      <p>
        Everything Cairn shows is also JSON under <code>/api/v1</code>, described by OpenAPI 3.1 at{' '}
        <a href="/api/openapi.json">/api/openapi.json</a> for code generators and tools such as Swagger UI or Postman.
        Public data needs no account. A script authenticates with a personal API token, made on your{' '}
        <a href="/account">account page</a> and sent as <code>Authorization: Bearer …</code>; a browser signs in through{' '}
        <code>/login</code> (a session cookie) and repeats the <code>cairn_csrf</code> cookie in an{' '}
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
            rows={ops.filter((o) => tagOf(o) === t)}
            empty=""
            columns={[
              { header: 'Request', cell: (o) => <code>{`${o.method} ${o.path}`}</code> },
              { header: 'What it does', cell: (o) => o.op.summary },
              { header: 'Parameters', cell: parametersText },
              {
                header: 'Permission',
                cell: (o) => o.op.description.replace(/^Requires the permission `([^`]+)`.*$/s, '$1'),
              },
            ]}
          />
        </section>
      ))}
    </>
  );
}

/** The start page for someone not signed in: what Cairn is, and what is open to everyone. */
function PublicStart() {
  return (
    <>
      <p class="ds_lead">
        Cairn is where Scotland’s community planning partnerships keep their Local Outcomes Improvement Plan, the data
        behind it, the resources partners put in, the community’s voice and their statutory duties — public by default.
      </p>
      <p>
        Councils, health boards, Police Scotland, the fire service, colleges, the third sector and community bodies plan
        together in a partnership for each of Scotland’s 32 council areas.
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
            Accountability and improvement: audit recommendations and their progress, all 32 partnerships side by side,
            improvement support and good practice
          </a>
        </li>
        <li>
          <a href="/about/permissions">Who can do what in Cairn</a>
        </li>
      </ul>
      <h2>For community bodies</h2>
      <p>
        A community council, development trust or other community body can ask to take part in improving a public
        service (a participation request) or to take on land or buildings (an asset transfer request).{' '}
        <a href="/community/register">Register your community body</a>.
      </p>
    </>
  );
}

/** One of the signed-in person's partnerships, with their role there. */
export interface YourPartnership {
  code: string;
  name: string;
  fictional: boolean;
  yourRole: PartnershipRole;
}

/** The start page for someone signed in: their partnerships, and the links their national roles open. */
function SignedInStart({
  partnerships,
  nationalRoles,
  canReadUsers,
}: {
  partnerships: readonly YourPartnership[];
  nationalRoles: readonly NationalRole[];
  /** Whether they may read the user accounts (and so see the administration links). */
  canReadUsers: boolean;
}) {
  return (
    <>
      <h2>Your partnerships</h2>
      {partnerships.length === 0 ? (
        <p>
          You have no role in a partnership yet. Ask your partnership manager to add you. Working for a community body?
          Go to <a href="/community">your community bodies</a>.
        </p>
      ) : (
        <ul>
          {partnerships.map((p) => (
            <li>
              <a href={partnershipHref(p.code)}>{p.name}</a>
              {p.fictional ? ' (demo, fictional)' : ''} — {ROLE_LABELS[p.yourRole].toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      {nationalRoles.length > 0 ? (
        <p>
          As a {nationalRoles.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ')} you can open{' '}
          <a href="/partnerships">every partnership</a>.
        </p>
      ) : null}
      {canReadUsers ? (
        <p>
          <a href="/admin/users">Manage user accounts</a> · <a href="/admin/audit">Read the whole audit trail</a>
        </p>
      ) : null}
    </>
  );
}

/** The start page: the signed-in person's (`signedIn`), or the public one when nobody is signed in. */
export function StartPage({
  signedIn,
}: {
  signedIn: {
    partnerships: readonly YourPartnership[];
    nationalRoles: readonly NationalRole[];
    canReadUsers: boolean;
  } | null;
}): Child {
  return signedIn ? <SignedInStart {...signedIn} /> : <PublicStart />;
}

/** Which role holds which permission: every permission against every role. */
export function PermissionsPage({ roles }: { roles: readonly Role[] }) {
  const rows = Object.entries(PERMISSIONS) as [Permission, string][];
  return (
    <>
      <p>
        Everything in Cairn is refused unless a role below grants it. Partnership roles count only in the partnership
        where a person holds them; national roles count everywhere.
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
  );
}
