import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRedirectTarget } from '../../src/core/http/redirects.ts';
import { Client, createWorld, type TestWorld } from '../helpers/app.ts';

/**
 * Issue 14, defect 5: an open redirect after sign-in. `/login?next=/%09/evil.example/` answered
 * `Location: /\t/evil.example/`, which browsers resolve to another host, and a CR or LF in `next` gave a
 * 500 after a successful sign-in. `next` is now resolved against CAIRN_BASE_URL as a browser would resolve
 * it and followed only on Cairn's own origin (core/http/redirects.ts).
 */

const BASE = 'http://localhost:3000';

const hasControlCharacter = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** What a browser does with a Location header: resolve it against the page's address. */
const browserResolves = (location: string) => new URL(location, BASE);

const HOSTILE = [
  '//evil.example/',
  '/\t/evil.example/',
  '/%09/evil.example/',
  '/\\evil.example/',
  '\\\\evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  '/\u0000/evil.example',
  '//localhost:3000@evil.example/',
  '/%2F/evil.example/',
];

describe('the target after sign-in', () => {
  it.each(HOSTILE)('never leaves Cairn’s origin for next=%j', (next) => {
    const target = localRedirectTarget(next, BASE);
    expect(browserResolves(target).origin).toBe(BASE);
    expect(hasControlCharacter(target)).toBe(false);
  });

  it('keeps a local path with its query and fragment', () => {
    expect(localRedirectTarget('/partnerships/glenlochy-demo/plans?x=1#y', BASE)).toBe(
      '/partnerships/glenlochy-demo/plans?x=1#y',
    );
    expect(localRedirectTarget(undefined, BASE)).toBe('/');
    expect(localRedirectTarget('', BASE)).toBe('/');
  });
});

describe('over the sign-in form', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.close());

  it.each(HOSTILE)(
    'signs in and stays on Cairn for next=%j (never 500, never a control character in Location)',
    async (next) => {
      const client = new Client(world, '10.14.6.1');
      const res = await client.post('/login', {
        email: 'viewer@glenlochy.example',
        password: 'cairn-demo-password',
        next,
      });
      expect(res.status).toBe(303);
      expect(res.location).not.toBeNull();
      expect(browserResolves(res.location!).origin).toBe(BASE);
      expect(hasControlCharacter(res.location!)).toBe(false);
      // Signed in already: GET /login?next=… goes on the same way.
      const again = await client.get(`/login?next=${encodeURIComponent(next)}`);
      expect(again.status).toBe(303);
      expect(browserResolves(again.location!).origin).toBe(BASE);
    },
  );
});
