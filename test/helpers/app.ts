import { createApp, type CairnApp } from '../../src/app.tsx';
import { loadConfig, type Config } from '../../src/config.ts';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { fixedClock } from '../../src/core/time.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { DEMO_PASSWORD, DEMO_PARTNERSHIP } from '../../src/modules/demo/index.ts';
import { createTestDatabase } from './db.ts';

export interface TestWorld {
  handle: DatabaseHandle;
  deps: Deps;
  cairn: CairnApp;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  close(): Promise<void>;
}

export async function createWorld(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestWorld> {
  const handle = await createTestDatabase();
  const config = loadConfig({ CAIRN_LOG: 'silent', CAIRN_DATA_DIR: '/nonexistent', ...options.env });
  const clock = fixedClock('2026-11-23T10:00:00Z');
  const deps = buildDeps(handle, config, clock);
  if (options.demo ?? true) {
    const outcome = await deps.demo.seed();
    if (!outcome.seeded) throw new Error(outcome.reason);
    await seedOtherPartnership(deps);
  }
  return { handle, deps, cairn: createApp(deps), clock, config, close: () => handle.close() };
}

/** A second, real partnership with its own manager and partner: what "another partnership" means in tests. */
export const OTHER = {
  code: 'fife',
  email: 'manager@fife.example',
  name: 'Fife Test Manager',
  organisation: 'Fife Test Organisation',
};

export async function seedOtherPartnership(deps: Deps): Promise<void> {
  const ctx = cliContext(systemActor('test setup'));
  const p = await deps.partnerships.resolve(OTHER.code);
  if (!p) throw new Error('fife partnership missing');
  await deps.handle.db.transaction().execute(async (trx) => {
    const d = buildDeps({ ...deps.handle, db: trx }, deps.config, deps.clock);
    await d.accounts.createUserIn(
      trx,
      ctx,
      { email: OTHER.email, display_name: OTHER.name, password: DEMO_PASSWORD },
      p.id,
    );
    await d.partnerships.addMember(ctx, p, { email: OTHER.email, role: 'partnership_manager' });
    await d.partnerships.addOrganisation(ctx, p, {
      name: OTHER.organisation,
      type_code: 'third_sector_organisation',
      kind: 'partner',
    });
  });
}

export const DEMO = DEMO_PARTNERSHIP;

type Body = Record<string, string | string[]>;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
  location: string | null;
}

/** A browser-like client over app.request: keeps cookies, sends the CSRF token with every form. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(
    private readonly world: TestWorld,
    private readonly ip = '127.0.0.1',
  ) {}

  get csrf(): string {
    return this.cookies.get('cairn_csrf') ?? '';
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private store(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (!name) continue;
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  async request(
    method: string,
    path: string,
    init: {
      form?: Body;
      json?: unknown;
      multipart?: Record<string, string | File>;
      raw?: string;
      contentType?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply> {
    if (!this.cookies.has('cairn_csrf') && method !== 'GET') await this.request('GET', '/health');
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: BodyInit | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      if (!('_csrf' in init.form)) params.append('_csrf', this.csrf);
      for (const [k, v] of Object.entries(init.form))
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      body = params.toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    } else if (init.multipart) {
      const data = new FormData();
      if (!('_csrf' in init.multipart)) data.append('_csrf', this.csrf);
      for (const [k, v] of Object.entries(init.multipart)) data.append(k, v);
      body = data;
    } else if (init.json !== undefined || init.raw !== undefined) {
      body = init.raw ?? JSON.stringify(init.json);
      headers.set('content-type', init.contentType ?? 'application/json');
      if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', this.csrf);
    }
    const res = await this.world.cairn.app.request(
      path,
      { method, headers, body },
      { incoming: { socket: { remoteAddress: this.ip } } },
    );
    this.store(res.headers);
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: <T>() => JSON.parse(text) as T,
      location: res.headers.get('location'),
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, form: Body = {}) {
    return this.request('POST', path, { form });
  }

  postJson(path: string, json: unknown) {
    return this.request('POST', path, { json });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<Reply> {
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`login as ${email} failed: ${res.status} ${res.text.slice(0, 300)}`);
    return res;
  }
}

export async function signedIn(world: TestWorld, email: string | null): Promise<Client> {
  const client = new Client(world);
  if (email) await client.login(email);
  return client;
}

export async function auditCount(world: TestWorld): Promise<number> {
  const row = await world.handle.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lastAudit(world: TestWorld, n = 1) {
  return world.handle.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(n).execute();
}
