import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.ts';
import { isReadPermission } from '../../src/core/access/permissions.ts';
import { cliContext } from '../../src/core/context.ts';
import { dataVersion } from '../../src/db/data-version.ts';
import { UNSAFE_METHODS } from '../../src/core/http/csrf.ts';
import type { PartnershipRef } from '../../src/core/http/env.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_USES_KEEP_DAYS,
  API_TOKEN_USE_PATH_MAX_LENGTH,
} from '../../src/modules/accounts/tokens.rules.ts';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type Client, type TestWorld } from '../helpers/app.ts';
import { engine } from '../helpers/db.ts';

/**
 * Issue 15, item 2: personal API tokens for scripts (src/modules/accounts/tokens.*.ts, migration 0026,
 * docs/API.md). What is attacked here: a token doing more than its scope (core/access/actor.ts `can`) or
 * more than its user may do now; a revoked, expired, mistyped or misplaced token being taken at all, or as
 * anonymous; one user reaching another's tokens; the secret being kept; a use going unrecorded; creation and
 * revocation not audited with their change. The rules are in tokens.rules.ts (API_TOKEN_MAX_DAYS,
 * API_TOKEN_USES_KEEP_DAYS, API_TOKEN_USE_PATH_MAX_LENGTH).
 */

const MANAGER = 'manager@glenlochy.example';
const VIEWER = 'viewer@glenlochy.example';
const TOKEN = /cairn_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/;

let world: TestWorld;
let demo: PartnershipRef;
let fife: PartnershipRef;
let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;
const db = () => world.handle.db;
const setup = cliContext(systemActor('test setup'));

beforeAll(async () => {
  world = await createWorld();
  demo = (await world.deps.partnerships.resolve(DEMO.code))!;
  fife = (await world.deps.partnerships.resolve(OTHER.code))!;
});
afterAll(() => world.close());

interface Made {
  secret: string;
  id: number;
}

/** Create a token through the account page's form, as its user would, and read the secret off the page. */
async function makeToken(client: Client, form: Record<string, string>): Promise<Made> {
  const res = await client.post('/account/tokens', { expires_in_days: '90', scope: 'read', ...form });
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  const secret = TOKEN.exec(res.text)?.[0];
  expect(secret).toBeDefined();
  const row = await db()
    .selectFrom('api_tokens')
    .select('id')
    .where('token_hash', '=', sha256(secret!))
    .executeTakeFirstOrThrow();
  return { secret: secret!, id: row.id };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A request as curl sends it: the Authorization header, no cookies, no CSRF token. */
async function api(method: string, path: string, token: string | null, json?: unknown) {
  const headers: Record<string, string> = {};
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await world.cairn.app.request(
    path,
    { method, headers, body: json === undefined ? undefined : JSON.stringify(json) },
    { incoming: { socket: { remoteAddress: '10.15.2.1' } } },
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T = unknown>() => JSON.parse(text) as T };
}

async function usesOf(tokenId: number) {
  return db().selectFrom('api_token_uses').selectAll().where('token_id', '=', tokenId).orderBy('id').execute();
}

/** A new account (not a demo persona) with a password, and optionally roles in partnerships. */
async function newUser(roles: { p: PartnershipRef; role: 'viewer' | 'partner_officer' | 'partnership_manager' }[]) {
  const email = `token-user-${++counter}@example.org`;
  await world.deps.accounts.createUser(setup, { email, display_name: 'Token User', password: DEMO_PASSWORD });
  for (const { p, role } of roles) await world.deps.partnerships.addMember(setup, p, { email, role });
  return { email, client: await signedIn(world, email) };
}

const newOrganisation = () => ({
  name: unique('Token Test Organisation'),
  type_code: 'third_sector_organisation',
  kind: 'partner',
});

describe(`personal API tokens (${engine()})`, () => {
  it('shows the secret once, keeps only its SHA-256, and audits the creation with its change', async () => {
    const client = await signedIn(world, MANAGER);
    const before = await auditCount(world);
    const made = await makeToken(client, { name: unique('Dashboard script') });
    const row = await db().selectFrom('api_tokens').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(made.secret));
    expect(`cairn_${row.prefix}_`).toBe(made.secret.slice(0, 15));
    // The secret (and its random part) is nowhere in the row, nor in the audit trail.
    const random = made.secret.slice(15);
    expect(JSON.stringify(row)).not.toContain(random);
    expect(await auditCount(world)).toBe(before + 1);
    const [audit] = await db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(audit).toMatchObject({ action: 'token.create', resource_type: 'api_token', actor_label: MANAGER });
    expect(audit!.resource_id).toBe(String(made.id));
    expect(JSON.stringify(audit)).not.toContain(random);
    expect(JSON.stringify(audit)).not.toContain(row.token_hash);
    // Never shown again: the account page and the API list it by its prefix only.
    const page = await client.get('/account');
    expect(page.text).toContain(`cairn_${row.prefix}`);
    expect(page.text).not.toContain(random);
    const list = await api('GET', '/api/v1/account/tokens', made.secret);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(random);
    expect(list.text).not.toContain(row.token_hash);
    expect(list.json<{ data: { id: number; prefix: string; scope: string }[] }>().data).toContainEqual(
      expect.objectContaining({ id: made.id, prefix: `cairn_${row.prefix}`, scope: 'read' }),
    );
  });

  it('writes a token and its audit row in one transaction: if the audit row fails, there is no token; likewise revoking', async () => {
    const client = await signedIn(world, MANAGER);
    const name = unique('Refused by the audit');
    await sql`ALTER TABLE audit_events ADD CONSTRAINT test_refuse_token CHECK (action NOT IN ('token.create', 'token.revoke')) NOT VALID`.execute(
      db(),
    );
    let made: Made | null = null;
    try {
      const res = await client.post('/account/tokens', { name, scope: 'read', expires_in_days: '90' });
      expect(res.status).toBe(500);
      expect(await db().selectFrom('api_tokens').select('id').where('name', '=', name).execute()).toEqual([]);
      await sql`ALTER TABLE audit_events DROP CONSTRAINT test_refuse_token`.execute(db());
      made = await makeToken(client, { name });
      await sql`ALTER TABLE audit_events ADD CONSTRAINT test_refuse_token CHECK (action NOT IN ('token.revoke')) NOT VALID`.execute(
        db(),
      );
      expect((await client.post(`/account/tokens/${made.id}/revoke`)).status).toBe(500);
      const row = await db().selectFrom('api_tokens').select('revoked_at').where('id', '=', made.id).executeTakeFirst();
      expect(row?.revoked_at).toBeNull();
      expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(200);
    } finally {
      await sql`ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS test_refuse_token`.execute(db());
    }
  });

  it('answers a script as its user with curl-like requests: no cookie, no CSRF cookie issued, not cached', async () => {
    const client = await signedIn(world, MANAGER);
    const { secret } = await makeToken(client, { name: unique('Reader') });
    const me = await api('GET', '/api/v1/me', secret);
    expect(me.status).toBe(200);
    expect(me.json<{ email: string }>().email).toBe(MANAGER);
    expect(me.headers.getSetCookie()).toEqual([]);
    expect(me.headers.get('cache-control')).toBe('private, no-store');
    const partnership = await api('GET', `/api/v1/partnerships/${DEMO.code}`, secret);
    expect(partnership.status).toBe(200);
  });

  it('records every use in api_token_uses with its status, and writes no audit row nor moves the data version', async () => {
    const client = await signedIn(world, MANAGER);
    const { secret, id } = await makeToken(client, { name: unique('Recorded') });
    const audits = await auditCount(world);
    const version = await dataVersion(db(), 'audit');
    expect((await api('GET', '/api/v1/me?secret=not-kept', secret)).status).toBe(200);
    expect((await api('POST', `/api/v1/partnerships/${DEMO.code}/localities`, secret, { name: 'x' })).status).toBe(403);
    const uses = await usesOf(id);
    expect(uses.map((u) => [u.method, u.path, u.status, u.ip])).toEqual([
      ['GET', '/api/v1/me', 200, '10.15.2.1'],
      ['POST', `/api/v1/partnerships/${DEMO.code}/localities`, 403, '10.15.2.1'],
    ]);
    expect(new Date(uses[0]!.used_at).toISOString()).toBe(world.clock.now().toISOString());
    const token = await db()
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(new Date(token.last_used_at!).toISOString()).toBe(world.clock.now().toISOString());
    expect(await auditCount(world)).toBe(audits);
    expect(await dataVersion(db(), 'audit')).toBe(version);
  });

  it(`keeps uses for API_TOKEN_USES_KEEP_DAYS (${API_TOKEN_USES_KEEP_DAYS}) and a path of at most ${API_TOKEN_USE_PATH_MAX_LENGTH} characters`, async () => {
    const client = await signedIn(world, MANAGER);
    const { secret, id } = await makeToken(client, { name: unique('Bounded') });
    const now = world.clock.now().getTime();
    const day = 24 * 3600 * 1000;
    await db()
      .insertInto('api_token_uses')
      .values([
        {
          token_id: id,
          used_at: new Date(now - (API_TOKEN_USES_KEEP_DAYS + 1) * day),
          method: 'GET',
          path: '/old',
          status: 200,
          ip: null,
        },
        {
          token_id: id,
          used_at: new Date(now - (API_TOKEN_USES_KEEP_DAYS - 1) * day),
          method: 'GET',
          path: '/recent',
          status: 200,
          ip: null,
        },
      ])
      .execute();
    const long = `/api/v1/areas/${'x'.repeat(2 * API_TOKEN_USE_PATH_MAX_LENGTH)}`;
    expect((await api('GET', long, secret)).status).toBe(404);
    const paths = (await usesOf(id)).map((u) => u.path);
    expect(paths).toEqual(['/recent', long.slice(0, API_TOKEN_USE_PATH_MAX_LENGTH)]);
  });

  it('refuses a read-only token on a write (403) and writes nothing', async () => {
    const client = await signedIn(world, MANAGER);
    const { secret } = await makeToken(client, { name: unique('Read only') });
    const audits = await auditCount(world);
    const org = newOrganisation();
    const res = await api('POST', `/api/v1/partnerships/${DEMO.code}/organisations`, secret, org);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await auditCount(world)).toBe(audits);
    expect(await db().selectFrom('organisations').select('id').where('name', '=', org.name).execute()).toEqual([]);
  });

  it('lets a partnership-write token write in its partnership only, even for a user with a role in another', async () => {
    // A manager of both partnerships, with a token that writes in the demo one.
    const { client } = await newUser([
      { p: demo, role: 'partnership_manager' },
      { p: fife, role: 'partnership_manager' },
    ]);
    const { secret } = await makeToken(client, {
      name: unique('Writer'),
      scope: 'partnership-write',
      partnership_id: String(demo.id),
    });
    const mine = await api('POST', `/api/v1/partnerships/${DEMO.code}/organisations`, secret, newOrganisation());
    expect(mine.status, mine.text).toBe(201);
    const [audit] = await db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(audit).toMatchObject({ action: 'partnership.add_organisation', partnership_id: demo.id });
    // Reads as the user everywhere; writes nowhere else.
    expect((await api('GET', `/api/v1/partnerships/${OTHER.code}/organisations`, secret)).status).toBe(200);
    const other = await api('POST', `/api/v1/partnerships/${OTHER.code}/organisations`, secret, newOrganisation());
    expect(other.status).toBe(403);
    // The same user through the session may write in both: the scope is what refused.
    const session = await client.postJson(`/api/v1/partnerships/${OTHER.code}/organisations`, newOrganisation());
    expect(session.status).toBe(201);
  });

  it('answers an outsider’s partnership as not found to a partnership-write token', async () => {
    const client = await signedIn(world, MANAGER);
    const { secret } = await makeToken(client, {
      name: unique('Outsider'),
      scope: 'partnership-write',
      partnership_id: String(demo.id),
    });
    const res = await api('POST', `/api/v1/partnerships/${OTHER.code}/localities`, secret, { name: 'Nowhere' });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Fife');
  });

  it('never gives a token more than its user has now: a role taken away is taken from the token at once', async () => {
    const { email, client } = await newUser([{ p: demo, role: 'partnership_manager' }]);
    const writer = await makeToken(client, {
      name: unique('Loses its role'),
      scope: 'partnership-write',
      partnership_id: String(demo.id),
    });
    const reader = await makeToken(client, { name: unique('Loses its reads') });
    expect(
      (await api('POST', `/api/v1/partnerships/${DEMO.code}/organisations`, writer.secret, newOrganisation())).status,
    ).toBe(201);
    expect((await api('GET', `/api/v1/partnerships/${DEMO.code}/members`, reader.secret)).status).toBe(200);
    const user = await world.deps.accounts.findByEmail(db(), email);
    await world.deps.partnerships.removeMember(setup, demo, user!.id);
    expect(
      (await api('POST', `/api/v1/partnerships/${DEMO.code}/organisations`, writer.secret, newOrganisation())).status,
    ).toBe(404);
    expect((await api('GET', `/api/v1/partnerships/${DEMO.code}/members`, reader.secret)).status).toBe(404);
    // A viewer's role again: reads come back, writes do not (the token's scope allows them, the role does not).
    await world.deps.partnerships.addMember(setup, demo, { email, role: 'viewer' });
    expect((await api('GET', `/api/v1/partnerships/${DEMO.code}/members`, reader.secret)).status).toBe(200);
    expect(
      (await api('POST', `/api/v1/partnerships/${DEMO.code}/organisations`, writer.secret, newOrganisation())).status,
    ).toBe(403);
  });

  it('refuses a revoked token with 401 invalid_token, records that use, and audits the revocation', async () => {
    const client = await signedIn(world, MANAGER);
    const made = await makeToken(client, { name: unique('To revoke') });
    expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(200);
    expect((await client.get('/account')).text).toContain(made.secret.slice(0, 14));
    const confirm = await client.get(`/account/tokens/${made.id}/revoke`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Revoke the token');
    const audits = await auditCount(world);
    const res = await client.post(`/account/tokens/${made.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/account');
    expect(await auditCount(world)).toBe(audits + 1);
    const [audit] = await db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(audit).toMatchObject({ action: 'token.revoke', actor_label: MANAGER, resource_id: String(made.id) });
    const refused = await api('GET', '/api/v1/me', made.secret);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(refused.json()).toMatchObject({ error: { code: 'invalid_token' } });
    expect((await usesOf(made.id)).map((u) => u.status)).toEqual([200, 401]);
    // Revoking again changes nothing and records nothing.
    expect((await client.post(`/account/tokens/${made.id}/revoke`)).status).toBe(303);
    expect(await auditCount(world)).toBe(audits + 1);
    // A revoked token leaves the lists.
    expect((await client.get('/account')).text).not.toContain(made.secret.slice(0, 14));
  });

  it('refuses an expired token with 401 (the test clock moved past its expiry)', async () => {
    const client = await signedIn(world, MANAGER);
    const made = await makeToken(client, { name: unique('Short-lived'), expires_in_days: '1' });
    const start = world.clock.now();
    try {
      world.clock.advance(24 * 3600 * 1000 - 1);
      expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(200);
      world.clock.advance(1);
      const res = await api('GET', '/api/v1/me', made.secret);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    } finally {
      world.clock.set(start);
    }
  });

  it('refuses a wrong, mistyped or empty token with 401, never as anonymous, and records no use', async () => {
    const client = await signedIn(world, MANAGER);
    const made = await makeToken(client, { name: unique('Mistyped') });
    const last = made.secret.at(-1) === 'A' ? 'B' : 'A';
    const wrong = made.secret.slice(0, -1) + last;
    for (const bad of [wrong, made.secret.slice(0, -1), 'not-a-token', '', `${made.secret} extra`]) {
      // /api/v1/areas is public: a refused token must not be answered as an anonymous visitor would be.
      const res = await api('GET', '/api/v1/areas', bad);
      expect(res.status, JSON.stringify(bad)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    expect(await usesOf(made.id)).toEqual([]);
    // Another scheme is not a token: the request is anonymous as before.
    const basic = await world.cairn.app.request('/api/v1/areas', { headers: { authorization: 'Basic eDp5' } });
    expect(basic.status).toBe(200);
  });

  it('refuses a token on a page or form (401), even a valid one, and records no use', async () => {
    const client = await signedIn(world, MANAGER);
    const made = await makeToken(client, { name: unique('Not for pages') });
    for (const [method, path] of [
      ['GET', '/account'],
      ['GET', `/partnerships/${DEMO.code}`],
      ['POST', '/account/tokens'],
    ] as const) {
      const res = await api(method, path, made.secret, method === 'POST' ? { name: 'x', scope: 'read' } : undefined);
      expect(res.status, path).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'token_not_accepted' } });
      expect(res.headers.get('www-authenticate')).toContain('Bearer error="invalid_token"');
    }
    expect(await usesOf(made.id)).toEqual([]);
  });

  it('refuses a token of a deactivated account', async () => {
    const { email, client } = await newUser([]);
    const made = await makeToken(client, { name: unique('Deactivated') });
    const user = await world.deps.accounts.findByEmail(db(), email);
    await world.deps.accounts.setActive(setup, user!.id, false);
    expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(401);
  });

  it('does not let one user list or revoke another’s token; an administrator may revoke anyone’s', async () => {
    const manager = await signedIn(world, MANAGER);
    const made = await makeToken(manager, { name: unique('Someone else’s') });
    expect((await manager.get('/account')).text).toContain(made.secret.slice(0, 14));
    const viewer = await signedIn(world, VIEWER);
    const theirs = await viewer.get('/api/v1/account/tokens');
    expect(theirs.json<{ data: { id: number }[] }>().data.map((t) => t.id)).not.toContain(made.id);
    expect((await viewer.get('/account')).text).not.toContain(made.secret.slice(0, 14));
    expect((await viewer.get(`/account/tokens/${made.id}/revoke`)).status).toBe(404);
    const audits = await auditCount(world);
    expect((await viewer.post(`/account/tokens/${made.id}/revoke`)).status).toBe(404);
    expect(await auditCount(world)).toBe(audits);
    expect((await viewer.get('/admin/tokens')).status).toBe(403);
    expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(200);
    // An administrator sees it among everyone's, and revokes it.
    const admin = await signedIn(world, 'admin@cairn.example');
    const all = await admin.get('/admin/tokens');
    expect(all.status).toBe(200);
    expect(all.text).toContain(made.secret.slice(0, 14));
    expect((await admin.get(`/account/tokens/${made.id}/revoke`)).text).toContain(MANAGER);
    const res = await admin.post(`/account/tokens/${made.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/admin/tokens');
    const [audit] = await db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).execute();
    expect(audit).toMatchObject({ action: 'token.revoke', actor_label: 'admin@cairn.example' });
    expect((await api('GET', '/api/v1/me', made.secret)).status).toBe(401);
  });

  it('checks the CSRF token of a request that carries the session cookie, token or not', async () => {
    const client = await signedIn(world, MANAGER);
    const { secret } = await makeToken(client, {
      name: unique('With a cookie'),
      scope: 'partnership-write',
      partnership_id: String(demo.id),
    });
    const path = `/api/v1/partnerships/${DEMO.code}/organisations`;
    const forged = await client.request('POST', path, {
      json: newOrganisation(),
      headers: { authorization: `Bearer ${secret}`, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(forged.status).toBe(403);
    expect(forged.json()).toMatchObject({ error: { code: 'csrf' } });
    const sent = await client.request('POST', path, {
      json: newOrganisation(),
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(sent.status).toBe(201);
  });

  it('validates the form, naming each field, keeping what was typed', async () => {
    const client = await signedIn(world, MANAGER);
    const name = unique('Kept name');
    const tooLong = await client.post('/account/tokens', {
      name,
      scope: 'read',
      expires_in_days: String(API_TOKEN_MAX_DAYS + 1),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain(`at most ${API_TOKEN_MAX_DAYS} days`);
    expect(tooLong.text).toContain('href="#token-expires_in_days"');
    expect(tooLong.text).toContain(`value="${name}"`);
    const noPartnership = await client.post('/account/tokens', {
      name,
      scope: 'partnership-write',
      expires_in_days: '30',
    });
    expect(noPartnership.status).toBe(400);
    expect(noPartnership.text).toContain('href="#token-partnership_id"');
    // A partnership where the user has no role is refused, whatever the form says.
    const notMine = await client.post('/account/tokens', {
      name,
      scope: 'partnership-write',
      partnership_id: String(fife.id),
      expires_in_days: '30',
    });
    expect(notMine.status).toBe(400);
    expect(notMine.text).toContain('href="#token-partnership_id"');
    const longName = await client.post('/account/tokens', {
      name: 'n'.repeat(101),
      scope: 'read',
      expires_in_days: '30',
    });
    expect(longName.status).toBe(400);
    expect(longName.text).toContain('href="#token-name"');
    // A name is unique among one's live tokens, whatever its case; revoked or expired ones free it.
    const first = await makeToken(client, { name });
    const again = await client.post('/account/tokens', {
      name: name.toUpperCase(),
      scope: 'read',
      expires_in_days: '30',
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain('href="#token-name"');
    await client.post(`/account/tokens/${first.id}/revoke`);
    await makeToken(client, { name });
    // Another user may use the same name.
    await makeToken(await signedIn(world, VIEWER), { name });
  });

  it('makes one token of ten with one name sent at once (the name is checked under the user’s lock)', async () => {
    const client = await signedIn(world, MANAGER);
    const name = unique('Sent at once');
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => client.post('/account/tokens', { name, scope: 'read', expires_in_days: '30' })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    const rows = await db().selectFrom('api_tokens').select('id').where('name', '=', name).execute();
    expect(rows).toHaveLength(1);
  });

  it('lists a partnership for a token only where the user has a role', async () => {
    const page = await (await signedIn(world, MANAGER)).get('/account');
    expect(page.text).toContain(`<option value="${demo.id}"`);
    expect(page.text).not.toContain(`<option value="${fife.id}"`);
    const analyst = await (await signedIn(world, 'analyst@cairn.example')).get('/account');
    expect(analyst.text).not.toContain('value="partnership-write"');
  });

  it('classifies every permission a read-only token keeps as one that guards no unsafe route', () => {
    const unsafe = world.cairn.routes.filter((r) => UNSAFE_METHODS.has(r.method) && isReadPermission(r.permission));
    expect(unsafe.map((r) => `${r.method} ${r.path} (${r.permission})`)).toEqual([]);
  });
});
