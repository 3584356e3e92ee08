import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSAFE_METHODS } from '../../src/core/http/csrf.ts';
import { paramNames, PATH_PARAMS } from '../../src/core/http/params.ts';
import type { RouteSpec } from '../../src/core/http/router.ts';
import { Client, createWorld, DEMO, type TestWorld } from '../helpers/app.ts';

/**
 * Issue 14, defect 4: no request body limit. An anonymous 1 GB multipart POST to /login was read whole
 * before the CSRF refusal. Every route now has a body limit applied before anything reads the body
 * (core/http/router.ts): CAIRN_FORM_MAX_KB (default 1024) for forms and JSON, CAIRN_UPLOAD_MAX_MB (default
 * 10) for routes that take an attachment, CAIRN_IMPORT_MAX_MB (default 64) for routes that take a data
 * file; over it, 413 with a message. The CSRF check refuses a request without its cookie before reading
 * the body (core/http/csrf.ts).
 */

/** A path for a route, its parameters filled with values of the right kind (what they are does not matter here). */
function pathFor(route: RouteSpec): string {
  let path = route.path.replace('/*', '/x');
  for (const name of paramNames(route.path)) {
    const kind = PATH_PARAMS[name];
    path = path.replace(
      `:${name}`,
      name === 'partnership' ? DEMO.code : kind === 'code' ? 'x' : kind === 'year' ? '2026' : '1',
    );
  }
  return path;
}

describe('every route refuses a body over its limit before reading it (small limits set in the test)', () => {
  // 2 KB for forms, 20 KB for attachments, 40 KB for data files: small, so that the walk is cheap.
  let world: TestWorld;
  beforeAll(async () => {
    world = await createWorld({
      env: { CAIRN_FORM_MAX_KB: '2', CAIRN_UPLOAD_MAX_MB: String(20 / 1024), CAIRN_IMPORT_MAX_MB: String(40 / 1024) },
    });
  });
  afterAll(() => world.close());

  it('answers 413 on every unsafe route, whoever asks, for a body one byte over the route’s limit', async () => {
    const client = new Client(world);
    await client.get('/health');
    const unsafe = world.cairn.routes.filter((r) => UNSAFE_METHODS.has(r.method));
    expect(unsafe.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const route of unsafe) {
      const limit = route.upload === 'import' ? 40 * 1024 : route.upload === 'attachment' ? 20 * 1024 : 2 * 1024;
      const overhead = route.upload ? 64 * 1024 : 0;
      const body = `_csrf=${client.csrf}&x=${'a'.repeat(limit + overhead)}`;
      for (const declared of [true, false]) {
        const headers: Record<string, string> = {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `cairn_csrf=${client.csrf}`,
        };
        if (declared) headers['content-length'] = String(Buffer.byteLength(body));
        const res = await world.cairn.app.request(
          pathFor(route),
          { method: route.method, headers, body },
          { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
        );
        const text = await res.text();
        if (res.status !== 413 || !/too large/.test(text))
          wrong.push(`${route.method} ${route.path} (${declared ? 'Content-Length' : 'no length'}): ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says the limit in the answer, as a page and as JSON', async () => {
    const client = new Client(world);
    const page = await client.post('/login', { email: 'viewer@glenlochy.example', password: 'x'.repeat(3000) });
    expect(page.status).toBe(413);
    expect(page.text).toContain('forms and API requests here take up to 2 KB');
    const api = await client.request('POST', `/api/v1/partnerships/${DEMO.code}/localities`, {
      json: { name: 'x'.repeat(3000) },
    });
    expect(api.status).toBe(413);
    expect(api.json()).toMatchObject({ error: { code: 'too_large' } });
  });

  it('refuses a file sent to a route that does not take one', async () => {
    const client = new Client(world);
    await client.get('/health');
    const res = await client.request('POST', '/login', {
      multipart: {
        email: 'viewer@glenlochy.example',
        password: 'cairn-demo-password',
        photo: new File(['x'], 'x.txt'),
      },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('This form does not take files');
  });
});

describe('over HTTP, with the default limits', () => {
  let world: TestWorld;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    world = await createWorld({ demo: false });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: world.cairn.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await world.close();
  });

  /**
   * Send up to `total` bytes (in 64 KB chunks, with or without a Content-Length), stopping as soon as the
   * server answers; the answer's status and how much was sent by then.
   */
  function send(
    path: string,
    total: number,
    options: { declareLength: boolean; cookie?: string; contentType?: string },
  ): Promise<{ status: number; sent: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        'content-type': options.contentType ?? 'multipart/form-data; boundary=----cairn',
      };
      if (options.declareLength) headers['content-length'] = String(total);
      if (options.cookie) headers['cookie'] = options.cookie;
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('utf8')));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, sent, body });
          req.destroy();
        });
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it('refuses 1 GB declared to /login (CAIRN_FORM_MAX_KB) after reading none of it, with or without the CSRF cookie, and memory stays where it was', async () => {
    const client = new Client(world);
    await client.get('/health');
    const before = process.memoryUsage().rss;
    const anonymous = await send('/login', 1024 ** 3, { declareLength: true });
    expect(anonymous.status).toBe(403); // no CSRF cookie: refused on its headers alone
    const withCookie = await send('/login', 1024 ** 3, { declareLength: true, cookie: `cairn_csrf=${client.csrf}` });
    expect(withCookie.status).toBe(413);
    expect(withCookie.body).toContain('forms and API requests here take up to 1 MB');
    for (const r of [anonymous, withCookie]) expect(r.sent).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses 300 MB sent without a length (chunked) to /login at the limit, and memory stays where it was', async () => {
    const client = new Client(world);
    await client.get('/health');
    const before = process.memoryUsage().rss;
    const res = await send('/login', 300 * 1024 * 1024, { declareLength: false, cookie: `cairn_csrf=${client.csrf}` });
    expect(res.status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a form without the CSRF cookie before reading its body (the body never ends, the answer comes)', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/login',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (r) => {
        resolve(r.statusCode ?? 0);
        r.resume();
        req.destroy();
      });
      req.on('error', reject);
      req.write('email=viewer%40glenlochy.example&password=');
    });
    expect(res).toBe(403);
  });
});
