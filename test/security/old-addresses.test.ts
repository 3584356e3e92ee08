import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorld, DEMO, signedIn, type TestWorld } from '../helpers/app.ts';

/**
 * Issue 15, item 6 (ADR 0016): a partnership has one address, /partnerships/<code>, and the members' pages that
 * were under /p/<code> moved there. Every old address answers a permanent redirect to the new one, keeping the
 * rest of the path and the query: 301 for GET and HEAD, 308 (method and body kept) for the rest, so a bookmark,
 * an e-mailed link or a form opened before the move still works. The redirect never leaves Cairn's origin.
 */

const BASE = 'http://localhost:3000';

describe('the old /p/ addresses', () => {
  let world: TestWorld;
  let manager: Client;
  beforeAll(async () => {
    world = await createWorld();
    manager = await signedIn(world, 'manager@glenlochy.example');
  });
  afterAll(() => world.close());

  /** Every members' route that moved: its path under /partnerships/:partnership, with the demo's values. */
  const moved = () =>
    world.cairn.routes
      .filter((r) => r.path.startsWith('/partnerships/:partnership'))
      .map((r) => ({
        method: r.method,
        path: r.path
          .replace(':partnership', DEMO.code)
          .replace(/:year/g, '2025')
          .replace(/:[A-Za-z]+/g, '1'),
      }));

  it('answers 301 to the same page under /partnerships/ for every GET address, query kept', async () => {
    // A year's annual report from live data was at /p/<code>/reports/<year>: that address is the published
    // report's now, so the live one moved to …/live (below).
    const gets = moved().filter((r) => r.method === 'GET' && !/\/reports\/2025(\/live)?$/.test(r.path));
    expect(gets.length).toBeGreaterThan(40);
    for (const r of gets) {
      const old = `/p/${r.path.slice('/partnerships/'.length)}?from=bookmark&x=%2F1`;
      const res = await manager.get(old);
      expect(res.status, old).toBe(301);
      expect(res.location, old).toBe(`${r.path}?from=bookmark&x=%2F1`);
    }
  });

  it('answers 308 for a form posted to an old address, and the form then works at the new one', async () => {
    const res = await manager.post(`/p/${DEMO.code}/localities`, { name: 'Redirected locality (demo)' });
    expect(res.status).toBe(308);
    expect(res.location).toBe(`/partnerships/${DEMO.code}/localities`);
    const followed = await manager.post(res.location!, { name: 'Redirected locality (demo)' });
    expect([200, 303]).toContain(followed.status);
    const page = await manager.get(`/partnerships/${DEMO.code}/localities`);
    expect(page.text).toContain('Redirected locality (demo)');
  });

  it('sends the old address of a year’s live annual report to …/live, not to the published report', async () => {
    const res = await manager.get(`/p/${DEMO.code}/reports/2025?x=1`);
    expect(res.status).toBe(301);
    expect(res.location).toBe(`/partnerships/${DEMO.code}/reports/2025/live?x=1`);
    expect((await manager.get(res.location!)).status).toBe(200);
    const file = await manager.get(`/p/${DEMO.code}/reports/2025/measures.csv`);
    expect(file.location).toBe(`/partnerships/${DEMO.code}/reports/2025/measures.csv`);
  });

  it('answers HEAD with 301 too', async () => {
    const res = await manager.request('HEAD', `/p/${DEMO.code}/plans`);
    expect(res.status).toBe(301);
    expect(res.location).toBe(`/partnerships/${DEMO.code}/plans`);
  });

  it('keeps the redirect on Cairn’s origin whatever follows /p/', async () => {
    const anyone = new Client(world);
    for (const hostile of [
      '/p//evil.example/',
      '/p/%2F%2Fevil.example',
      '/p/%5Cevil.example',
      '/p/x/%09/evil.example',
    ]) {
      const res = await anyone.get(hostile);
      expect(res.status, hostile).toBe(301);
      const target = new URL(res.location!, BASE);
      expect(target.origin, hostile).toBe(BASE);
      expect(target.pathname.startsWith('/partnerships/'), hostile).toBe(true);
    }
  });

  it('leaves no route at the old addresses: the app has none under /p/', () => {
    expect(world.cairn.routes.filter((r) => r.path === '/p' || r.path.startsWith('/p/'))).toEqual([]);
  });
});
