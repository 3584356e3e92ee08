import { OpenAPIHono } from '@hono/zod-openapi';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { can, systemActor, type Actor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { SESSION_COOKIE } from '../src/core/http/cookies.ts';
import type { AppEnv } from '../src/core/http/env.ts';
import { Router, type RouteSpec } from '../src/core/http/router.ts';
import { Client, createWorld, DEMO, type TestWorld } from './helpers/app.ts';
import { routeKey, sampleFor } from './helpers/samples.ts';
import { sharedData } from './helpers/shared-data.ts';

/**
 * The OpenAPI document says what each JSON operation answers with: its success status and the schema of its
 * body (each route's `status` and `response`, core/http/router.ts). Here every API route is called as someone
 * who may, on the demo and on real national data, and its answer is parsed with its own schema made strict:
 * a key the schema does not declare, a missing key, a null where none is declared or a wrong type fails.
 */

/**
 * The schema with every object strict (zod 4 strips unknown keys by default). A kind of schema this does not
 * know is refused, so that a new kind cannot quietly let an object through unchecked.
 */
function strict(schema: z.ZodType): z.ZodType {
  const def = (schema as z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => strict(def[key] as z.ZodType);
  switch (def.type) {
    case 'object':
      return z.strictObject(
        Object.fromEntries(Object.entries(def['shape'] as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)])),
      );
    case 'array':
      return z.array(inner('element'));
    case 'nullable':
      return inner('innerType').nullable();
    case 'optional':
      return inner('innerType').optional();
    case 'union':
      return z.union((def['options'] as z.ZodType[]).map(strict) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    case 'record':
      return z.record(def['keyType'] as z.ZodString, inner('valueType'));
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'literal':
    case 'enum':
    case 'unknown':
      return schema;
    default:
      throw new Error(`strict(): a ${def.type} schema; teach test/api-responses.test.ts to walk it`);
  }
}

const PERSONAS = ['manager@glenlochy.example', 'admin@cairn.example', 'analyst@cairn.example'];
const GLASGOW = { code: 'glasgow-city', area: 'S12000049' };
const ctx = cliContext(systemActor('test setup'));
const read = (...parts: string[]) => ({ name: parts.at(-1)!, content: readFileSync(sharedData(...parts)) });

let world: TestWorld;
let demoId: number;
const clients = new Map<string, { client: Client; actor: Actor }>();
/** Calls beyond each route's sample, for answers the sample does not show (a null turned into a value, …). */
const extra: Record<string, string[]> = {};

beforeAll(async () => {
  world = await createWorld();
  demoId = (await world.deps.partnerships.resolve(DEMO.code))!.id;
  // Real national data, so that the outcomes routes answer with series, scores and tests rather than empty
  // lists: CPOP's partnerships, Glasgow's communities, two years of inequality inputs, SIMD, family groups.
  await world.deps.imports.importGeography(ctx, read('geography', 'DataZone2011lookup.csv'));
  await world.deps.imports.importSimd(ctx, read('simd', 'simd2020_withinds.csv'));
  await world.deps.imports.importCpopPartnerships(ctx, read('cpop', 'CPPcleandata.csv'));
  const communities = read('derived', 'cpop_intermediate_zone_timeseries.csv');
  const [header, ...lines] = communities.content.toString('utf8').split(/\r?\n/);
  await world.deps.imports.importCpopCommunities(ctx, {
    name: communities.name,
    content: Buffer.from([header, ...lines.filter((l) => l.split(',')[1] === GLASGOW.area)].join('\n')),
  });
  const inequality = readdirSync(sharedData('cpop', 'inequality-inputs'))
    .filter((f) => /^\d{4}_IGZ\.csv$/.test(f))
    .sort()
    .slice(-2);
  await world.deps.imports.importInequality(
    ctx,
    inequality.map((f) => read('cpop', 'inequality-inputs', f)),
  );
  await world.deps.imports.importFamilyGroups(ctx, read('lgbf', 'Family_Groups.csv'));

  // A Glasgow locality of ten communities, for the locality test.
  const glasgow = (await world.deps.partnerships.resolve(GLASGOW.code))!;
  const zones = await world.handle.db
    .selectFrom('areas')
    .select('code')
    .where('level', '=', 'intermediate_zone')
    .where('parent_code', '=', GLASGOW.area)
    .orderBy('code')
    .limit(10)
    .execute();
  await world.deps.partnerships.createLocality(ctx, glasgow, {
    name: 'Test locality',
    components: zones.map((z) => z.code),
  });

  for (const email of PERSONAS) {
    const client = new Client(world);
    await client.login(email);
    const actor = await world.deps.accounts.actorForSession(client.cookie(SESSION_COOKIE));
    clients.set(email, { client, actor });
  }
  // A token of the manager's, so that the list of tokens is not empty.
  await world.deps.tokens.create(
    { ...ctx, actor: clients.get(PERSONAS[0]!)!.actor },
    { name: 'Listed token', scope: 'read', expires_in_days: 30 },
  );

  const childPlan = await world.handle.db
    .selectFrom('plans')
    .select('id')
    .where('partnership_id', '=', demoId)
    .where('parent_plan_id', 'is not', null)
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const evaluated = await world.handle.db
    .selectFrom('self_evaluations')
    .select('year')
    .where('status', '=', 'published')
    .orderBy('year', 'desc')
    .executeTakeFirstOrThrow();
  Object.assign(extra, {
    'GET /api/v1/areas/resolve': ['/api/v1/areas/resolve?name=Nowhere%20at%20all'],
    'GET /api/v1/partnerships/:partnership/plans/:planId': [`/api/v1/partnerships/${DEMO.code}/plans/${childPlan.id}`],
    'GET /api/v1/self-evaluation/spread': [`/api/v1/self-evaluation/spread?year=${evaluated.year}`],
    'GET /api/v1/good-practice': ['/api/v1/good-practice?q=school'],
    'GET /api/v1/partnerships/:partnership/requests': [`/api/v1/partnerships/${DEMO.code}/requests`],
    'GET /api/v1/partnerships/:partnership/communities/:izCode': [
      `/api/v1/partnerships/${GLASGOW.code}/communities/${zones[0]!.code}`,
    ],
    'GET /api/v1/partnerships/:partnership/locality-test': [`/api/v1/partnerships/${DEMO.code}/locality-test`],
    'GET /api/v1/partnerships/:partnership/outcomes': [`/api/v1/partnerships/${DEMO.code}/outcomes`],
  });
}, 600_000);
afterAll(() => world.close());

/** The first persona who may use the route (in the demo partnership for a partnership's own routes). */
function personaFor(route: RouteSpec): string {
  const scope = route.path.includes(':partnership') ? demoId : undefined;
  const email = PERSONAS.find((e) => can(clients.get(e)!.actor, route.permission, scope));
  if (!email) throw new Error(`No persona may use ${routeKey(route)}`);
  return email;
}

const apiRoutes = () => world.cairn.routes.filter((r) => r.kind === 'api');

describe('every API route answers with what its OpenAPI schema says', () => {
  it('has API routes to check', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(38);
  });

  it('each: the declared success status, and a body its response schema (made strict) accepts', async () => {
    const problems: string[] = [];
    for (const route of apiRoutes()) {
      const email = personaFor(route);
      const { client } = clients.get(email)!;
      const sample = await sampleFor(world, route, email);
      const schema = strict(route.response!);
      for (const call of [sample, ...(extra[routeKey(route)] ?? []).map((path) => ({ path }))]) {
        const res = await client.request(route.method, call.path, {
          json: 'json' in call ? call.json : undefined,
        });
        const where = `${routeKey(route)} (${call.path}, as ${email})`;
        if (res.status !== (route.status ?? 200)) {
          problems.push(`${where}: status ${res.status}, declared ${route.status ?? 200}: ${res.text.slice(0, 300)}`);
          continue;
        }
        if (!res.headers.get('content-type')?.startsWith('application/json')) {
          problems.push(`${where}: answered ${res.headers.get('content-type')}, not JSON`);
          continue;
        }
        const parsed = schema.safeParse(res.json());
        if (!parsed.success)
          problems.push(
            `${where}:\n${parsed.error.issues
              .slice(0, 8)
              .map((i) => `  ${i.path.join('.') || '(body)'}: ${i.message}`)
              .join('\n')}`,
          );
      }
      if ('after' in sample && sample.after) await sample.after();
    }
    expect(problems).toEqual([]);
  });

  it('a schema made strict refuses a key it does not declare, and a null it does not allow', () => {
    const schema = strict(z.object({ a: z.array(z.object({ b: z.number().nullable() })), c: z.string() }));
    expect(schema.safeParse({ a: [{ b: null }], c: 'x' }).success).toBe(true);
    expect(schema.safeParse({ a: [{ b: 1, extra: true }], c: 'x' }).success).toBe(false);
    expect(schema.safeParse({ a: [{ b: 1 }], c: null }).success).toBe(false);
    expect(schema.safeParse({ a: [{ b: 1 }] }).success).toBe(false);
  });
});

describe('the OpenAPI document', () => {
  type Operation = {
    operationId?: string;
    responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  };
  let operations: { key: string; op: Operation }[];
  beforeAll(async () => {
    const res = await new Client(world).get('/api/openapi.json');
    const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
  });

  it('has an operation for every API route and no other', () => {
    expect(operations).toHaveLength(apiRoutes().length);
  });

  it('names every operation, each name once', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(operations.filter((o) => !o.op.operationId).map((o) => o.key)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
  });

  it('gives every operation a success response with a JSON schema, 201 where the route creates', () => {
    const byId = new Map(apiRoutes().map((r) => [r.operationId, r]));
    for (const { key, op } of operations) {
      const route = byId.get(op.operationId)!;
      const status = String(route.status ?? 200);
      const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      expect(success, key).toEqual([status]);
      const schema = op.responses[status]?.content?.['application/json']?.schema;
      expect(schema && Object.keys(schema).length > 0, `${key}: a response schema`).toBe(true);
    }
  });
});

describe('the router', () => {
  it('refuses an API route without an operationId or a response schema', () => {
    const router = new Router(new OpenAPIHono<AppEnv>(), async () => null, { form: 1, attachment: 1, import: 1 });
    const spec: RouteSpec = {
      method: 'GET',
      path: '/api/v1/example',
      permission: 'area:read',
      kind: 'api',
      summary: 'An example',
    };
    const ok = () => new Response('{}');
    const message = 'Route GET /api/v1/example: an API route declares its operationId and response schema';
    expect(() => router.route(spec, ok)).toThrow(message);
    expect(() => router.route({ ...spec, operationId: 'getExample' }, ok)).toThrow(message);
    expect(() => router.route({ ...spec, response: z.object({}) }, ok)).toThrow(message);
    expect(() => router.route({ ...spec, operationId: 'getExample', response: z.object({}) }, ok)).not.toThrow();
    // Pages and files say nothing of the kind.
    expect(() => router.route({ ...spec, path: '/example', kind: 'page' }, ok)).not.toThrow();
  });
});
