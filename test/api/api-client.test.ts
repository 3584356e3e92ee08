import { readFile } from 'node:fs/promises';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorld, DEMO, type TestWorld } from '../helpers/app.ts';
import type { paths } from './cairn-api.generated.ts';
import { CLIENT_TYPES, clientTypes } from './client-types.ts';
import { format, resolveConfig } from 'prettier';
import { fileURLToPath } from 'node:url';

const MANAGER = 'manager@glenlochy.example';

/**
 * A third party's script: a client generated from Cairn's OpenAPI document (openapi-typescript for the types,
 * openapi-fetch to call), authenticated with a personal API token made on the account page. The types are
 * committed (test/api/cairn-api.generated.ts, `npm run api:types`), so `npm run typecheck` checks this file's
 * calls against the document; the first test fails when the document has changed and the types were not made
 * anew.
 */
describe('a client generated from the OpenAPI document, with an API token', () => {
  let world: TestWorld;
  let readToken: string;
  let writeToken: string;
  const api = (token: string) =>
    createClient<paths>({
      baseUrl: 'http://localhost',
      headers: { Authorization: `Bearer ${token}` },
      fetch: (request: Request) => Promise.resolve(world.cairn.app.request(request)),
    });

  /** The account page's form, as the manager fills it in: the secret is shown once, on the page that answers. */
  async function makeToken(form: Record<string, string>): Promise<string> {
    const manager = new Client(world);
    await manager.login(MANAGER);
    const res = await manager.post('/account/tokens', form);
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    const secret = /value="(cairn_[^"]+)"/.exec(res.text)?.[1];
    expect(secret).toBeDefined();
    return secret!;
  }

  beforeAll(async () => {
    world = await createWorld();
    const partnership = await world.deps.partnerships.resolve(DEMO.code);
    readToken = await makeToken({ name: 'Analyst script', scope: 'read', expires_in_days: '30' });
    writeToken = await makeToken({
      name: 'Locality loader',
      scope: 'partnership-write',
      partnership_id: String(partnership!.id),
      expires_in_days: '30',
    });
  });
  afterAll(() => world.close());

  it('has types made from the document the app serves now', async () => {
    const file = fileURLToPath(CLIENT_TYPES);
    const expected = await format(await clientTypes(world.cairn), { ...(await resolveConfig(file)), filepath: file });
    expect(await readFile(file, 'utf8'), 'the document changed: run `npm run api:types`').toBe(expected);
  });

  it('reads who it is, the council areas, one area, the partnership and its localities', async () => {
    const client = api(readToken);

    const me = await client.GET('/api/v1/me');
    expect(me.response.status).toBe(200);
    expect(me.data?.email).toBe(MANAGER);

    const areas = await client.GET('/api/v1/areas');
    expect(areas.response.status).toBe(200);
    expect(areas.data?.data.map((a) => a.code)).toContain('S12000049');

    const glasgow = await client.GET('/api/v1/areas/{code}', { params: { path: { code: 'S12000049' } } });
    expect(glasgow.data?.name).toBe('Glasgow City');

    const partnership = await client.GET('/api/v1/partnerships/{partnership}', {
      params: { path: { partnership: DEMO.code } },
    });
    expect(partnership.response.status).toBe(200);
    expect(partnership.data?.code).toBe(DEMO.code);

    const localities = await client.GET('/api/v1/partnerships/{partnership}/localities', {
      params: { path: { partnership: DEMO.code } },
    });
    expect(localities.response.status).toBe(200);
    expect(localities.data?.data.length).toBeGreaterThan(0);
  });

  it('writes with a token that may write in the partnership, and not with a read-only one', async () => {
    const body = { name: 'Generated Client Locality', components: ['DEMO-IZ-02'] };
    const refused = await api(readToken).POST('/api/v1/partnerships/{partnership}/localities', {
      params: { path: { partnership: DEMO.code } },
      body,
    });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.error.code).toBe('forbidden');

    const created = await api(writeToken).POST('/api/v1/partnerships/{partnership}/localities', {
      params: { path: { partnership: DEMO.code } },
      body,
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.data.name).toBe(body.name);
  });

  it('is told 401, in the document’s error body, when the token is wrong', async () => {
    const res = await api('cairn_00000000_not-a-real-token').GET('/api/v1/me');
    expect(res.response.status).toBe(401);
    expect(res.response.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
