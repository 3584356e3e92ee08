import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesInOrder } from '../src/modules/backup/index.ts';
import { Client, createWorld, DEMO, type TestWorld } from './helpers/app.ts';

let world: TestWorld;
let manager: Client;
let admin: Client;

beforeAll(async () => {
  world = await createWorld();
  manager = new Client(world);
  await manager.login('manager@glenlochy.example');
  admin = new Client(world);
  await admin.login('admin@cairn.example');
});
afterAll(() => world.close());

/** Row counts of every table: "nothing written" means none of them moved. */
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tablesInOrder(world.handle.db)) {
    if (t.name === 'sessions' || t.name === 'login_attempts') continue;
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(world.handle.db);
    out[t.name] = Number(r.rows[0]?.n);
  }
  return out;
}

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

describe('bad input gets 400 naming each field, and nothing is written', () => {
  const cases: {
    name: string;
    client: () => Client;
    path: string;
    form?: Record<string, string>;
    json?: unknown;
    raw?: string;
    fields: string[];
  }[] = [
    {
      name: 'empty organisation form',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: {},
      fields: ['kind'],
    },
    {
      name: 'organisation form with neither an existing nor a new organisation',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: { kind: 'partner' },
      fields: ['organisation_id'],
    },
    {
      name: 'organisation form with both an existing and a new organisation',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: { kind: 'partner', organisation_id: '1', name: 'Both', type_code: 'business' },
      fields: ['name'],
    },
    {
      name: 'new organisation without a type',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: { name: 'Nameless Type', kind: 'partner' },
      fields: ['type_code'],
    },
    {
      name: 'organisation with a bad website and date',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: {
        name: 'Bad Site',
        type_code: 'business',
        kind: 'partner',
        website: 'javascript:alert(1)',
        joined_on: '31/02/2024',
      },
      fields: ['website', 'joined_on'],
    },
    {
      name: 'organisation with an unknown type',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/organisations`,
      form: { name: 'Odd Type', type_code: 'no-such-type', kind: 'partner' },
      fields: ['type_code'],
    },
    {
      name: 'locality without a name',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/localities`,
      form: { name: '' },
      fields: ['name'],
    },
    {
      name: 'locality made of areas outside the council area',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/localities`,
      form: { name: 'Far Away', components: 'S02001236 DEMO-IZ-01' },
      fields: ['components'],
    },
    {
      name: 'member with a bad email and role',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/members`,
      form: { email: 'not-an-email', role: 'emperor' },
      fields: ['email', 'role'],
    },
    {
      name: 'new member without a name',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/members`,
      form: { email: 'nobody-yet@example.org', role: 'viewer' },
      fields: ['display_name'],
    },
    {
      name: 'partnership renamed to nothing',
      client: () => manager,
      path: `/partnerships/${DEMO.code}/settings`,
      form: { name: ' ' },
      fields: ['name'],
    },
    {
      name: 'account without email or name',
      client: () => admin,
      path: '/admin/users',
      form: { national_role: 'king' },
      fields: ['email', 'display_name', 'national_role'],
    },
    {
      name: 'password change that does not match',
      client: () => admin,
      path: '/account/password',
      form: { current_password: 'x', new_password: 'short', confirm_password: 'other' },
      fields: ['new_password', 'confirm_password'],
    },
    {
      name: 'password change with a wrong current password',
      client: () => admin,
      path: '/account/password',
      form: {
        current_password: 'wrong-password-here',
        new_password: 'a-long-enough-password',
        confirm_password: 'a-long-enough-password',
      },
      fields: ['current_password'],
    },
    {
      name: 'JSON organisation with wrong types',
      client: () => manager,
      path: `/api/v1/partnerships/${DEMO.code}/organisations`,
      json: { organisation_id: 'abc', kind: 7 },
      fields: ['organisation_id', 'kind'],
    },
    {
      name: 'JSON that is not JSON',
      client: () => manager,
      path: `/api/v1/partnerships/${DEMO.code}/localities`,
      raw: '{"name": "unterminated',
      fields: ['_body'],
    },
    {
      name: 'JSON that is an array',
      client: () => manager,
      path: `/api/v1/partnerships/${DEMO.code}/localities`,
      json: ['Kilbrae'],
      fields: ['_body'],
    },
    {
      name: 'JSON locality with a name too long',
      client: () => manager,
      path: `/api/v1/partnerships/${DEMO.code}/localities`,
      json: { name: 'x'.repeat(500) },
      fields: ['name'],
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = await counts();
      const res = await c.client().request('POST', c.path, { form: c.form, json: c.json, raw: c.raw });
      expect(res.status).toBe(400);
      if (c.path.startsWith('/api/')) {
        const body = res.json<ErrorBody>();
        expect(body.error.code).toBe('invalid');
        expect(Object.keys(body.error.fields ?? {}).sort()).toEqual([...c.fields].sort());
        for (const messages of Object.values(body.error.fields ?? {}))
          expect(messages.join(' ').length).toBeGreaterThan(5);
      } else {
        expect(res.text).toContain('There is a problem');
        for (const field of c.fields) {
          if (field === '_body') continue;
          expect(res.text.includes(`href="#${field}"`), `error summary links to #${field}`).toBe(true);
          expect(res.text.includes(`id="${field}-error"`), `message shown at #${field}`).toBe(true);
        }
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('keeps what was typed when a form is re-shown with errors', async () => {
    const res = await manager.post(`/partnerships/${DEMO.code}/members`, {
      email: 'someone@example.org',
      role: 'emperor',
      display_name: 'Someone Typed This',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Someone Typed This"');
  });

  it('answers a duplicate with 409 naming the field, and writes nothing', async () => {
    const before = await counts();
    const res = await manager.postJson(`/api/v1/partnerships/${DEMO.code}/localities`, { name: 'Kilbrae' });
    expect(res.status).toBe(409);
    expect(res.json<ErrorBody>().error.fields).toHaveProperty('name');
    const page = await manager.post(`/partnerships/${DEMO.code}/organisations`, {
      name: 'Glenlochy Council',
      type_code: 'local_authority',
      kind: 'partner',
    });
    expect(page.status).toBe(409);
    expect(page.text).toContain('href="#name"');
    expect(await counts()).toEqual(before);
  });

  it('refuses a form without its CSRF token, and writes nothing', async () => {
    const before = await counts();
    const res = await manager.post(`/partnerships/${DEMO.code}/localities`, {
      name: 'Forged Locality',
      _csrf: 'forged-token-that-does-not-match',
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
    const json = await manager.request('POST', `/api/v1/partnerships/${DEMO.code}/localities`, {
      json: { name: 'Forged' },
      headers: { 'x-csrf-token': 'nope' },
    });
    expect(json.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('a multi-step write that fails half way leaves nothing behind', async () => {
    // Adding a member creates an account, then a role; a role the database refuses must undo the account.
    await sql`ALTER TABLE partnership_roles ADD CONSTRAINT test_no_viewers CHECK (role <> 'viewer') NOT VALID`.execute(
      world.handle.db,
    );
    try {
      const before = await counts();
      const res = await manager.post(`/partnerships/${DEMO.code}/members`, {
        email: 'half-way@example.org',
        display_name: 'Half Way',
        role: 'viewer',
      });
      expect(res.status).toBe(500);
      expect(await counts()).toEqual(before);
      expect(await world.deps.accounts.findByEmail(world.handle.db, 'half-way@example.org')).toBeUndefined();
    } finally {
      await sql`ALTER TABLE partnership_roles DROP CONSTRAINT test_no_viewers`.execute(world.handle.db);
    }
  });
});
