import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ResponseCache } from '../src/core/http/response-cache.ts';
import { Client, createWorld, DEMO, type TestWorld } from './helpers/app.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const PAGE = `/partnerships/${DEMO.code}/outcomes`;
const csrfMeta = (html: string) => /<meta name="csrf-token" content="([^"]*)"/.exec(html)?.[1];

describe('remembered responses of the outcomes pages', () => {
  it('serve visitors who are not signed in until the next audited write, and never signed-in users', async () => {
    const visitor = new Client(world);
    const first = await visitor.get(PAGE);
    expect(first.status).toBe(200);
    const name = (await world.deps.partnerships.resolve(DEMO.code))!.name;
    expect(first.text).toContain(name);

    // A change that bypasses the services (and so the audit trail) is not seen: the page is remembered.
    await sql`UPDATE partnerships SET name = 'Renamed Behind Cairn’s Back' WHERE code = ${DEMO.code}`.execute(
      world.handle.db,
    );
    const second = await visitor.get(PAGE);
    expect(second.text).toBe(first.text);

    // A signed-in user never gets a remembered page.
    const manager = new Client(world);
    await manager.login('manager@glenlochy.example');
    expect((await manager.get(PAGE)).text).toContain('Renamed Behind Cairn’s Back');

    // Any audited write makes every remembered page stale.
    const p = (await world.deps.partnerships.resolve(DEMO.code))!;
    await world.deps.partnerships.rename(cliContext(systemActor('test')), p, 'Renamed Through Cairn');
    const third = await visitor.get(PAGE);
    expect(third.text).toContain('Renamed Through Cairn');
    expect(third.text).not.toContain('Renamed Behind');
  });

  it('give each visitor their own CSRF token, and keep the content type of CSV and JSON', async () => {
    const a = new Client(world);
    const b = new Client(world);
    const pageA = await a.get(PAGE);
    const pageB = await b.get(PAGE);
    expect(csrfMeta(pageA.text)).toBe(a.cookie('cairn_csrf'));
    expect(csrfMeta(pageB.text)).toBe(b.cookie('cairn_csrf'));
    expect(csrfMeta(pageA.text)).not.toBe(csrfMeta(pageB.text));
    for (const path of [`${PAGE}.csv`, `/api/v1/partnerships/${DEMO.code}/outcomes`]) {
      const one = await a.get(path);
      const two = await b.get(path);
      expect(two.text).toBe(one.text);
      expect(two.headers.get('content-type')).toBe(one.headers.get('content-type'));
    }
  });
});

describe('ResponseCache', () => {
  const entry = (version: string, body: string) => ({
    version,
    status: 200,
    headers: [['content-type', 'text/plain']] as [string, string][],
    body,
  });

  it('drops an entry made at another version', () => {
    const cache = new ResponseCache();
    cache.set('/a', entry('1', 'one'), '');
    expect(cache.get('/a', '1', '')?.body.toString()).toBe('one');
    expect(cache.get('/a', '2', '')).toBeNull();
    expect(cache.get('/a', '1', '')).toBeNull();
  });

  it('forgets the least recently used entries beyond its limits', () => {
    const cache = new ResponseCache(2, 1000);
    cache.set('/a', entry('1', 'a'), '');
    cache.set('/b', entry('1', 'b'), '');
    cache.get('/a', '1', '');
    cache.set('/c', entry('1', 'c'), '');
    expect(cache.get('/b', '1', '')).toBeNull();
    expect(cache.get('/a', '1', '')?.body.toString()).toBe('a');
    expect(cache.size).toBe(2);
    const bytes = new ResponseCache(10, 8);
    for (const k of ['v', 'w', 'x', 'y', 'z']) bytes.set(`/${k}`, entry('1', k + k), '');
    expect(bytes.get('/v', '1', '')).toBeNull();
    expect(bytes.get('/w', '1', '')?.body.toString()).toBe('ww');
    expect(bytes.get('/z', '1', '')?.body.toString()).toBe('zz');
    bytes.set('/big', entry('1', 'too big to keep'), '');
    expect(bytes.get('/big', '1', '')).toBeNull();
  });

  it('stores the token as a marker and puts the next visitor’s back', () => {
    const cache = new ResponseCache();
    cache.set('/p', entry('1', '<meta content="tok-A"><input value="tok-A">'), 'tok-A');
    expect(cache.get('/p', '1', 'tok-B')?.body.toString()).toBe('<meta content="tok-B"><input value="tok-B">');
  });
});
