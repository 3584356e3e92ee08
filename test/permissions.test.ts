import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, can, canSeePartnership, type Actor } from '../src/core/access/actor.ts';
import { SESSION_COOKIE } from '../src/core/http/cookies.ts';
import type { RouteSpec } from '../src/core/http/router.ts';
import { auditCount, Client, createWorld, DEMO, OTHER, type TestWorld } from './helpers/app.ts';
import { needsSample, routeKey, sampleFor, SAMPLES } from './helpers/samples.ts';

const PERSONAS: Record<string, string | null> = {
  anonymous: null,
  viewer: 'viewer@glenlochy.example',
  'partner officer': 'officer@glenlochy.example',
  manager: 'manager@glenlochy.example',
  'national analyst': 'analyst@cairn.example',
  administrator: 'admin@cairn.example',
  'another partnership’s manager': OTHER.email,
};

/** Routes after which the client's session is not what it was (signed out, signed in, password changed). */
const SESSION_CHANGING = new Set(['POST /login', 'POST /logout', 'POST /account/password', 'POST /community/register']);

/** Words that would give away the demo partnership's data to someone who may not see it. */
const SECRETS = ['Glenlochy', 'glenlochy.example', 'Kilbrae', 'Morag Henderson'];

let world: TestWorld;
let demoId: number;

beforeAll(async () => {
  world = await createWorld();
  demoId = (await world.deps.partnerships.resolve(DEMO.code))!.id;
});
afterAll(() => world.close());

type Outcome = 'ok' | 'sign-in' | 'forbidden' | 'not-found';

/** What the permission table says should happen: the route must do exactly this. */
function expected(route: RouteSpec, actor: Actor): Outcome {
  if (route.path.includes(':partnership')) {
    if (can(actor, route.permission, demoId)) return 'ok';
    if (actor.kind === 'anonymous') return 'sign-in';
    if (!canSeePartnership(actor, demoId)) return 'not-found';
    return 'forbidden';
  }
  if (can(actor, route.permission)) return 'ok';
  return actor.kind === 'anonymous' ? 'sign-in' : 'forbidden';
}

function observed(route: RouteSpec, status: number, location: string | null): Outcome | `unexpected ${number}` {
  if (status === 200 || status === 201) return 'ok';
  if (status === 303) return location?.startsWith('/login') ? 'sign-in' : 'ok';
  if (status === 401) return 'sign-in';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return `unexpected ${status}`;
}

async function actorOf(client: Client): Promise<Actor> {
  return world.deps.accounts.actorForSession(client.cookie(SESSION_COOKIE));
}

describe('route registry', () => {
  it('declares every route the app serves, each with a named permission', () => {
    const declared = new Set(world.cairn.routes.map(routeKey));
    const served = world.cairn.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => !declared.has(r))).toEqual([]);
    for (const r of world.cairn.routes) expect(r.permission, routeKey(r)).toMatch(/^[a-z-]+:[a-z-]+$/);
  });

  it('has a sample request for every route with parameters or an unsafe method', () => {
    const missing = world.cairn.routes.filter((r) => needsSample(r) && !SAMPLES[routeKey(r)]).map(routeKey);
    expect(missing).toEqual([]);
    const stale = Object.keys(SAMPLES).filter((k) => !world.cairn.routes.some((r) => routeKey(r) === k));
    expect(stale).toEqual([]);
  });
});

describe('permission matrix: every route × every role', () => {
  for (const [persona, email] of Object.entries(PERSONAS)) {
    it(`${persona}: each route does what the permission table says, and refusals reveal nothing`, async () => {
      const problems: string[] = [];
      // One signed-in client per persona (argon2 makes signing in slow on purpose), replaced after any
      // route that changes the session.
      let client: Client | null = null;
      let actor: Actor = ANONYMOUS;
      for (const route of world.cairn.routes) {
        if (!client) {
          client = new Client(world);
          if (email) await client.login(email);
          actor = email ? await actorOf(client) : ANONYMOUS;
        }
        const sample = await sampleFor(world, route, email);
        const want = expected(route, actor);
        const auditBefore = await auditCount(world);
        const res = await client.request(route.method, sample.path, {
          form: sample.form,
          json: sample.json,
          multipart: sample.multipart,
        });
        const got = observed(route, res.status, res.location);
        if (got !== want)
          problems.push(`${routeKey(route)} (${sample.path}): expected ${want}, got ${got} [${res.status}]`);
        if (want !== 'ok') {
          // Someone who may not see the demo partnership must learn nothing of it from a refusal.
          const outsider = !canSeePartnership(actor, demoId);
          const leaked = outsider ? SECRETS.filter((s) => res.text.includes(s)) : [];
          if (leaked.length) problems.push(`${routeKey(route)}: refusal body mentions ${leaked.join(', ')}`);
          if ((await auditCount(world)) !== auditBefore)
            problems.push(`${routeKey(route)}: a refused request wrote to the audit trail`);
        }
        if (got === 'ok' && sample.after) await sample.after();
        if (SESSION_CHANGING.has(routeKey(route))) client = null;
      }
      expect(problems).toEqual([]);
    });
  }

  it('lets the other partnership’s manager work in their own partnership', async () => {
    const client = new Client(world);
    await client.login(OTHER.email);
    const res = await client.get(`/partnerships/${OTHER.code}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Fife');
    expect(res.text).not.toContain('Glenlochy');
    const orgs = await client.get(`/api/v1/partnerships/${OTHER.code}/organisations`);
    expect(orgs.json<{ data: { name: string }[] }>().data.map((o) => o.name)).toEqual([OTHER.organisation]);
  });

  it('answers the same 404 for a partnership that does not exist and one the user may not see', async () => {
    const client = new Client(world);
    await client.login(OTHER.email);
    const hidden = await client.get(`/api/v1/partnerships/${DEMO.code}`);
    const missing = await client.get('/api/v1/partnerships/no-such-partnership');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
  });

  it('does not let a manager link another partnership’s own organisation', async () => {
    const client = new Client(world);
    await client.login('manager@glenlochy.example');
    const fifeOrg = await world.handle.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', OTHER.organisation)
      .executeTakeFirstOrThrow();
    const res = await client.postJson(`/api/v1/partnerships/${DEMO.code}/organisations`, {
      organisation_id: fifeOrg.id,
      kind: 'partner',
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { fields: Record<string, string[]> } }>().error.fields).toHaveProperty('organisation_id');
  });

  it('does not let a manager remove a member or organisation of another partnership through their own URL', async () => {
    const client = new Client(world);
    await client.login('manager@glenlochy.example');
    const fifeManager = await world.deps.accounts.findByEmail(world.handle.db, OTHER.email);
    const before = await auditCount(world);
    const res = await client.post(`/partnerships/${DEMO.code}/members/${fifeManager!.id}/remove`);
    expect(res.status).toBe(404);
    expect(await auditCount(world)).toBe(before);
    const role = await world.handle.db
      .selectFrom('partnership_roles')
      .selectAll()
      .where('user_id', '=', fifeManager!.id)
      .execute();
    expect(role).toHaveLength(1);
  });
});
