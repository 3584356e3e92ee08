import { sql } from 'kysely';
import { roleHas, type Permission } from '../src/core/access/permissions.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, createWorld, DEMO, lastAudit, type TestWorld } from './helpers/app.ts';
import { COMMUNITY_EMAIL, routeKey, sampleFor } from './helpers/samples.ts';

let world: TestWorld;
let demoId: number;
beforeAll(async () => {
  world = await createWorld();
  demoId = (await world.deps.partnerships.resolve(DEMO.code))!.id;
});
afterAll(() => world.close());

/** Who performs each write in this test: the least powerful persona allowed to. */
function performer(path: string, permission: Permission): string {
  if (path.startsWith('/admin/')) return 'admin@cairn.example';
  // National work (imports, recommendations, support offers, publishing case studies) is the analyst's.
  if (!path.startsWith('/partnerships/') && roleHas('national_analyst', permission)) return 'analyst@cairn.example';
  if (path === '/account/password' || path === '/logout' || path === '/login') return 'officer@glenlochy.example';
  if (path.startsWith('/community/') || path.startsWith('/notifications')) return COMMUNITY_EMAIL;
  return 'manager@glenlochy.example';
}

describe('audit trail', () => {
  it('every write path records its audit row, with actor, partnership, resource and time', async () => {
    const writes = world.cairn.routes.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(10);
    for (const route of writes) {
      const email = performer(route.path, route.permission);
      const client = new Client(world);
      await client.login(email);
      const sample = await sampleFor(world, route, email);
      expect(sample.audit, `${routeKey(route)} declares the audit actions it records`).toBeDefined();
      const before = await auditCount(world);
      world.clock.advance(1000);
      const res = await client.request(route.method, sample.path, {
        form: sample.form,
        json: sample.json,
        multipart: sample.multipart,
      });
      expect(res.status, `${routeKey(route)}: ${res.text.slice(0, 200)}`).toBeLessThan(400);
      const rows = (await lastAudit(world, (await auditCount(world)) - before)).reverse();
      expect(
        rows.map((r) => r.action),
        routeKey(route),
      ).toEqual(sample.audit);
      for (const row of rows) {
        expect(new Date(row.at).toISOString(), routeKey(route)).toBe(world.clock.now().toISOString());
        expect(row.actor_label, routeKey(route)).toBe(email);
        expect(row.actor_user_id, routeKey(route)).not.toBeNull();
        expect(row.request_id, routeKey(route)).toMatch(/^[0-9a-f-]{36}$/);
        if (route.path.includes(':partnership')) expect(row.partnership_id, routeKey(route)).toBe(demoId);
        expect(
          JSON.stringify(row.after ?? '') + JSON.stringify(row.before ?? ''),
          'no password hash in the trail',
        ).not.toContain('$argon2');
      }
      if (sample.after) await sample.after();
    }
  });

  it('records before and after of a change', async () => {
    const client = new Client(world);
    await client.login('manager@glenlochy.example');
    await client.post(`/partnerships/${DEMO.code}/settings`, { name: 'Glenlochy Partnership (demo, renamed)' });
    const [row] = await lastAudit(world);
    expect(row?.action).toBe('partnership.update');
    expect(row?.before).toEqual({ name: 'Glenlochy Community Planning Partnership (demo)' });
    expect(row?.after).toEqual({ name: 'Glenlochy Partnership (demo, renamed)' });
    await client.post(`/partnerships/${DEMO.code}/settings`, {
      name: 'Glenlochy Community Planning Partnership (demo)',
    });
  });

  it('writes the change and its audit row in one transaction: if the audit row fails, the change is undone', async () => {
    // Make the audit insert fail for one action only, then try that action.
    await sql`ALTER TABLE audit_events ADD CONSTRAINT test_refuse_locality CHECK (action <> 'locality.create') NOT VALID`.execute(
      world.handle.db,
    );
    try {
      const client = new Client(world);
      await client.login('manager@glenlochy.example');
      const res = await client.post(`/partnerships/${DEMO.code}/localities`, { name: 'Never Written' });
      expect(res.status).toBe(500);
      const found = await world.handle.db
        .selectFrom('areas')
        .select('code')
        .where('name', '=', 'Never Written')
        .execute();
      expect(found).toEqual([]);
    } finally {
      await sql`ALTER TABLE audit_events DROP CONSTRAINT test_refuse_locality`.execute(world.handle.db);
    }
  });

  it('cannot be edited or deleted, even with direct SQL', async () => {
    await expect(sql`UPDATE audit_events SET action = 'tampered'`.execute(world.handle.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_events`.execute(world.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(world.handle.db)).rejects.toThrow(/append-only/);
  });

  it('offers no route that edits or deletes it', () => {
    const auditWrites = world.cairn.routes.filter((r) => r.method !== 'GET' && r.path.includes('audit'));
    expect(auditWrites).toEqual([]);
  });

  it('shows a manager their partnership’s trail only, and exports it as CSV', async () => {
    const client = new Client(world);
    await client.login('manager@glenlochy.example');
    const api = await client.get(`/api/v1/partnerships/${DEMO.code}/audit?limit=500`);
    const rows = api.json<{ data: { partnership: string | null }[] }>().data;
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.partnership))).toEqual(
      new Set(['Glenlochy Community Planning Partnership (demo)']),
    );
    const csv = await client.get(`/partnerships/${DEMO.code}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,partnership,action,resource_type,resource_id,before,after,ip,request_id');
    const total = await world.handle.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('partnership_id', '=', demoId)
      .executeTakeFirstOrThrow();
    expect(lines.length - 1).toBe(Number(total.n));
    expect((await client.get('/admin/audit.csv')).status).toBe(403);
  });

  it('shows an administrator every partnership’s and national events', async () => {
    const client = new Client(world);
    await client.login('admin@cairn.example');
    const all = await client.get('/api/v1/audit?limit=500');
    const actions = new Set(
      all
        .json<{ data: { action: string; partnership: string | null }[] }>()
        .data.map((r) => r.partnership ?? 'national'),
    );
    expect(actions.has('national')).toBe(true);
    expect(actions.has('Glenlochy Community Planning Partnership (demo)')).toBe(true);
    expect(actions.has('Fife Community Planning Partnership')).toBe(true);
    const csv = await client.get('/admin/audit.csv');
    expect(csv.text.split('\r\n').length - 2).toBe(await auditCount(world));
  });

  it('pages the trail with ?before= and rejects a bad limit naming the field', async () => {
    const client = new Client(world);
    await client.login('admin@cairn.example');
    const first = (await client.get('/api/v1/audit?limit=5')).json<{ data: { id: string }[] }>().data;
    expect(first).toHaveLength(5);
    const second = (await client.get(`/api/v1/audit?limit=5&before=${first[4]!.id}`)).json<{ data: { id: string }[] }>()
      .data;
    expect(Number(second[0]!.id)).toBeLessThan(Number(first[4]!.id));
    const bad = await client.get('/api/v1/audit?limit=9999');
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string[]> } }>().error.fields['limit']).toBeDefined();
  });
});
