import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/core/time.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/index.ts';
import { Client, createWorld, DEMO, lastAudit, type TestWorld } from './helpers/app.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({
    env: { CAIRN_LOGIN_MAX_FAILURES: '3', CAIRN_LOGIN_LOCKOUT_MINUTES: '15', CAIRN_LOGIN_IP_MAX_FAILURES: '6' },
  });
});
afterAll(() => world.close());

describe('signing in and out', () => {
  it('stores passwords as argon2id, never in clear', async () => {
    const user = await world.deps.accounts.findByEmail(world.handle.db, 'viewer@glenlochy.example');
    expect(user?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user?.password_hash).not.toContain(DEMO_PASSWORD);
  });

  it('sets an HttpOnly SameSite session cookie, kept server-side as a hash', async () => {
    const client = new Client(world);
    const res = await client.login('viewer@glenlochy.example');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cairn_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on localhost
    const token = client.cookie('cairn_session')!;
    const stored = await world.handle.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
    expect(res.location).toBe('/');
  });

  it('marks cookies Secure behind TLS', async () => {
    const tls = await createWorld({ demo: false, env: { CAIRN_BASE_URL: 'https://cairn.example.org' } });
    try {
      const res = await new Client(tls).get('/login');
      expect(res.headers.getSetCookie().find((c) => c.startsWith('cairn_csrf='))).toMatch(/Secure/);
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      await tls.close();
    }
  });

  it('follows ?next= only to local paths', async () => {
    const client = new Client(world);
    await client.get('/login');
    const local = await client.post('/login', {
      email: 'viewer@glenlochy.example',
      password: DEMO_PASSWORD,
      next: `/partnerships/${DEMO.code}`,
    });
    expect(local.location).toBe(`/partnerships/${DEMO.code}`);
    const evil = await new Client(world).post('/login', {
      email: 'viewer@glenlochy.example',
      password: DEMO_PASSWORD,
      next: '//evil.example/',
    });
    expect(evil.location).toBe('/');
  });

  it('sends someone already signed in on from the sign-in form', async () => {
    const client = new Client(world);
    await client.login('viewer@glenlochy.example');
    const res = await client.get(`/login?next=/partnerships/${DEMO.code}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/partnerships/${DEMO.code}`);
  });

  it('sends someone not signed in to the sign-in page, and back afterwards', async () => {
    const client = new Client(world);
    const res = await client.get(`/partnerships/${DEMO.code}/members`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/login?next=${encodeURIComponent(`/partnerships/${DEMO.code}/members`)}`);
  });

  it('gives one message for a wrong password and an unknown account, and records both', async () => {
    const a = await new Client(world).post('/login', {
      email: 'viewer@glenlochy.example',
      password: 'not-the-password',
    });
    const b = await new Client(world).post('/login', {
      email: 'nobody@glenlochy.example',
      password: 'not-the-password',
    });
    expect(a.status).toBe(400);
    expect(b.status).toBe(400);
    expect(a.text).toContain('Enter a correct email address and password');
    expect(b.text).toContain('Enter a correct email address and password');
    const [row] = await lastAudit(world);
    expect(row?.action).toBe('session.login_failed');
    // Reset the viewer's failure count for the next tests.
    await world.handle.db
      .insertInto('login_attempts')
      .values({ at: world.clock.now(), email: 'viewer@glenlochy.example', ip: null, outcome: 'reset' })
      .execute();
  });

  it('locks an account after repeated failures, for known and unknown emails alike, until the lock-out ends', async () => {
    for (const email of ['officer@glenlochy.example', 'ghost@glenlochy.example']) {
      for (let i = 0; i < 3; i++) {
        world.clock.advance(1000);
        const res = await new Client(world, `10.0.1.${i}`).post('/login', { email, password: 'wrong-password' });
        expect(res.status).toBe(400);
      }
      const locked = await new Client(world, '10.0.2.1').post('/login', {
        email,
        password: email.startsWith('officer') ? DEMO_PASSWORD : 'x',
      });
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('locked after 3 failed sign-in attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    world.clock.advance(16 * MINUTE);
    const after = await new Client(world, '10.0.2.2').post('/login', {
      email: 'officer@glenlochy.example',
      password: DEMO_PASSWORD,
    });
    expect(after.status).toBe(303);
  });

  it('limits failures from one address across accounts', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 6; i++) {
      world.clock.advance(1000);
      await new Client(world, ip).post('/login', { email: `spray${i}@example.org`, password: 'wrong-password' });
    }
    const res = await new Client(world, ip).post('/login', {
      email: 'viewer@glenlochy.example',
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(429);
    expect(res.text).toContain('from this address');
    const elsewhere = await new Client(world, '10.9.9.10').post('/login', {
      email: 'viewer@glenlochy.example',
      password: DEMO_PASSWORD,
    });
    expect(elsewhere.status).toBe(303);
    world.clock.advance(16 * MINUTE);
  });

  it('does not let a successful sign-in from an address reset that address’s failures', async () => {
    const ip = '10.8.8.8';
    for (let i = 0; i < 5; i++) {
      world.clock.advance(1000);
      await new Client(world, ip).post('/login', { email: `probe${i}@example.org`, password: 'wrong-password' });
    }
    expect(
      (await new Client(world, ip).post('/login', { email: 'viewer@glenlochy.example', password: DEMO_PASSWORD }))
        .status,
    ).toBe(303);
    await new Client(world, ip).post('/login', { email: 'probe9@example.org', password: 'wrong-password' });
    expect(
      (await new Client(world, ip).post('/login', { email: 'viewer@glenlochy.example', password: DEMO_PASSWORD }))
        .status,
    ).toBe(429);
    world.clock.advance(16 * MINUTE);
  });

  it('clears a user’s expired sessions and old sign-in history when they sign in', async () => {
    const old = new Client(world);
    await old.login('analyst@cairn.example');
    world.clock.advance(40 * 24 * 60 * MINUTE);
    await new Client(world).login('analyst@cairn.example');
    const analyst = await world.deps.accounts.findByEmail(world.handle.db, 'analyst@cairn.example');
    const sessions = await world.handle.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', analyst!.id)
      .execute();
    expect(sessions).toHaveLength(1);
    const oldest = await world.handle.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.min('at').as('first'))
      .executeTakeFirstOrThrow();
    expect(new Date(oldest.first!).getTime()).toBeGreaterThan(world.clock.now().getTime() - 31 * 24 * 60 * MINUTE);
  });

  it('signs out: the session ends on the server', async () => {
    const client = new Client(world);
    await client.login('viewer@glenlochy.example');
    const token = client.cookie('cairn_session')!;
    expect((await client.get(`/partnerships/${DEMO.code}`)).status).toBe(200);
    const out = await client.post('/logout');
    expect(out.status).toBe(303);
    expect(client.cookie('cairn_session')).toBeUndefined();
    // The old cookie no longer works even if replayed.
    const replay = await world.cairn.app.request(`/api/v1/partnerships/${DEMO.code}`, {
      headers: { cookie: `cairn_session=${token}` },
    });
    expect(replay.status).toBe(401);
  });

  it('ends a session when it expires', async () => {
    const client = new Client(world);
    await client.login('viewer@glenlochy.example');
    world.clock.advance(13 * 60 * MINUTE);
    expect((await client.get(`/api/v1/partnerships/${DEMO.code}`)).status).toBe(401);
  });
});

describe('passwords', () => {
  it('changes one’s own password and ends one’s other sessions', async () => {
    const first = new Client(world);
    await first.login('viewer@glenlochy.example');
    const second = new Client(world);
    await second.login('viewer@glenlochy.example');
    const res = await first.post('/account/password', {
      current_password: DEMO_PASSWORD,
      new_password: 'three random words',
      confirm_password: 'three random words',
    });
    expect(res.status).toBe(303);
    expect((await first.get('/api/v1/me')).status).toBe(200);
    expect((await second.get('/api/v1/me')).status).toBe(401);
    await new Client(world).login('viewer@glenlochy.example', 'three random words');
    const again = await first.post('/account/password', {
      current_password: 'three random words',
      new_password: DEMO_PASSWORD,
      confirm_password: DEMO_PASSWORD,
    });
    expect(again.status).toBe(303);
  });

  it('lets an administrator reset a password: sessions end, the lock lifts, and the new one must be changed first', async () => {
    const victim = new Client(world);
    await victim.login('officer@glenlochy.example');
    for (let i = 0; i < 3; i++)
      await new Client(world, '10.3.0.1').post('/login', {
        email: 'officer@glenlochy.example',
        password: 'wrong-password',
      });
    const admin = new Client(world);
    await admin.login('admin@cairn.example');
    const officer = await world.deps.accounts.findByEmail(world.handle.db, 'officer@glenlochy.example');
    const reset = await admin.post(`/admin/users/${officer!.id}/reset-password`);
    expect(reset.status).toBe(200);
    const temporary = /class="cairn-secret">([a-z0-9-]+)</.exec(reset.text)?.[1];
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect((await victim.get('/api/v1/me')).status).toBe(401);

    const fresh = new Client(world);
    const login = await fresh.post('/login', { email: 'officer@glenlochy.example', password: temporary! });
    expect(login.location).toBe('/account?must-change=1');
    const blocked = await fresh.get(`/partnerships/${DEMO.code}`);
    expect(blocked.status).toBe(303);
    expect(blocked.location).toBe('/account?must-change=1');
    expect((await fresh.postJson(`/api/v1/partnerships/${DEMO.code}/localities`, { name: 'Sneaky' })).status).toBe(403);
    const changed = await fresh.post('/account/password', {
      current_password: temporary!,
      new_password: DEMO_PASSWORD,
      confirm_password: DEMO_PASSWORD,
    });
    expect(changed.status).toBe(303);
    expect((await fresh.get(`/partnerships/${DEMO.code}`)).status).toBe(200);
  });

  it('lets an administrator deactivate an account, which signs it out', async () => {
    const admin = new Client(world);
    await admin.login('admin@cairn.example');
    const victim = new Client(world);
    await victim.login('viewer@glenlochy.example');
    const viewer = await world.deps.accounts.findByEmail(world.handle.db, 'viewer@glenlochy.example');
    expect((await admin.post(`/admin/users/${viewer!.id}/active`, { active: 'false' })).status).toBe(303);
    expect((await victim.get('/api/v1/me')).status).toBe(401);
    expect(
      (await new Client(world).post('/login', { email: 'viewer@glenlochy.example', password: DEMO_PASSWORD })).status,
    ).toBe(400);
    expect((await admin.post(`/admin/users/${viewer!.id}/active`, { active: 'true' })).status).toBe(303);
    await new Client(world).login('viewer@glenlochy.example');
  });

  it('does not let an administrator deactivate themselves', async () => {
    const admin = new Client(world);
    await admin.login('admin@cairn.example');
    const me = await world.deps.accounts.findByEmail(world.handle.db, 'admin@cairn.example');
    expect((await admin.post(`/admin/users/${me!.id}/active`, { active: 'false' })).status).toBe(400);
  });
});
