import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { RouteSpec } from '../../src/core/http/router.ts';
import { roleHas } from '../../src/core/access/permissions.ts';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { readSource } from '../../src/modules/imports/index.ts';
import { sharedData } from '../helpers/shared-data.ts';
import { ADMIN, DEMO, expectAccessible, MANAGER, signIn, startE2E, submit, VIEWER } from './browser.ts';

/**
 * Every page Cairn serves, checked with axe against WCAG 2.2 AA, anonymously and as the role meant to
 * use it, and the error states people meet. The pages are enumerated from the app's own route list,
 * so a new page is checked the moment it is added (or this file fails, asking for a parameter value).
 */
const e2e = await startE2E();
afterAll(() => e2e.close());
// Real outcomes data, so that the national pages are checked with their maps, charts and tables.
{
  const imports = e2e.server.deps.imports;
  const setup = cliContext(systemActor('e2e setup'));
  await imports.importGeography(setup, readSource(sharedData('geography', 'DataZone2011lookup.csv')));
  await imports.importBoundaries(setup, readSource(sharedData('boundaries', 'npw_scotland_boundaries.geojson')));
  await imports.importBoundaries(setup, readSource(sharedData('boundaries', 'izboundaries_simplified.geojson')));
  await imports.importCpopPartnerships(setup, readSource(sharedData('cpop', 'CPPcleandata.csv')));
  await imports.importInequality(
    setup,
    ['2020', '2021'].map((y) => readSource(sharedData('cpop', 'inequality-inputs', `${y}_IGZ.csv`))),
  );
  await imports.importCpopCommunities(
    setup,
    readSource(sharedData('derived', 'cpop_intermediate_zone_timeseries.csv')),
  );
}

/** The demo community body's lead, and one of its requests that is in the public register. */
const COMMUNITY = 'community@glenlochy.example';
const db = e2e.server.deps.handle.db;
const demoRequest = await db
  .selectFrom('community_requests as r')
  .innerJoin('community_body_members as m', 'm.community_body_id', 'r.community_body_id')
  .innerJoin('users as u', 'u.id', 'm.user_id')
  .select(['r.id', 'r.reference', 'r.community_body_id'])
  .where('u.email', '=', COMMUNITY)
  .where('r.status', '=', 'validated')
  .orderBy('r.id')
  .executeTakeFirstOrThrow();

/** Values for path parameters of page routes. A page with a parameter missing here fails its test. */
const PARAMS: Record<string, string> = {
  partnership: DEMO.code,
  code: 'S12000036',
  bodyId: String(demoRequest.community_body_id),
  requestId: String(demoRequest.id),
  reference: demoRequest.reference,
  planId: String(
    (await db.selectFrom('plans').select('id').where('kind', '=', 'loip').orderBy('id').executeTakeFirstOrThrow()).id,
  ),
  year: String((await db.selectFrom('annual_reports').select('year').orderBy('id').executeTakeFirstOrThrow()).year),
  version: '1',
  izCode: 'S02001586', // an intermediate zone of the City of Edinburgh (S12000036)
  caseStudyId: String(
    (
      await db
        .selectFrom('case_studies')
        .select('id')
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id,
  ),
  evaluationId: String(
    (await db.selectFrom('self_evaluations').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
  ),
};

/** One of the manager's API tokens, for the pages that show or revoke it. */
const managerToken = await (async () => {
  const u = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('email', '=', MANAGER)
    .executeTakeFirstOrThrow();
  const actor = {
    kind: 'user' as const,
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    nationalRoles: [],
    partnershipRoles: new Map(),
    mustChangePassword: false,
  };
  const made = await e2e.server.deps.tokens.create(
    { ...cliContext(systemActor('e2e setup')), actor },
    { name: 'Accessibility check token', scope: 'read', expires_in_days: 30 },
  );
  return made.token.id;
})();

/** Values that differ by page: `:id` is a report, an offer or a request; a self-evaluation's year is not a report's. */
const PATH_PARAMS: Record<string, Record<string, string>> = {
  '/recommendations/reports/:id': {
    id: String((await db.selectFrom('recommendation_reports').select('id').orderBy('id').executeTakeFirstOrThrow()).id),
  },
  '/support/offers/:id': {
    id: String((await db.selectFrom('support_offers').select('id').orderBy('id').executeTakeFirstOrThrow()).id),
  },
  '/support/requests/:id': {
    id: String((await db.selectFrom('support_requests').select('id').orderBy('id').executeTakeFirstOrThrow()).id),
  },
  '/improvement/support/requests/:id': {
    id: String((await db.selectFrom('support_requests').select('id').orderBy('id').executeTakeFirstOrThrow()).id),
  },
  '/account/tokens/:id': { id: String(managerToken) },
  '/indicators/:code': { code: 'cpop-child-poverty' },
  '/localities/:localityCode': {
    partnership: DEMO.code,
    localityCode: (
      await db
        .selectFrom('areas as a')
        .innerJoin('partnerships as p', 'p.id', 'a.partnership_id')
        .select('a.code')
        .where('a.level', '=', 'locality')
        .where('p.code', '=', DEMO.code)
        .orderBy('a.code')
        .executeTakeFirstOrThrow()
    ).code,
  },
  '/self-evaluation/:year': {
    partnership: DEMO.code,
    year: String(
      (
        await db
          .selectFrom('self_evaluations')
          .select('year')
          .where('status', '=', 'published')
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).year,
    ),
  },
};

/** Query strings for pages that need one to show anything. */
const QUERIES: Record<string, string> = {
  '/registers/annual-report': `?partnership=${DEMO.code}&kind=participation&year=2026`,
  '/registers/land': `?partnership=${DEMO.code}`,
  '/deadlines': '?rule=atr-decision&start=2027-08-31',
};

/** The pages read on a real council's outcomes data (S12000036, loaded above) rather than the demo's. */
const REAL_COUNCIL_PAGES = /^\/partnerships\/:partnership\/(outcomes|inequality|locality-test|communities)/;

function fill(path: string): string {
  const own = Object.entries(PATH_PARAMS).find(([prefix]) => path.includes(prefix))?.[1] ?? {};
  return path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    // Plans are the demo partnership's; the outcomes profile is a real council's (its data is loaded above).
    const value =
      own[name] ?? (name === 'partnership' && REAL_COUNCIL_PAGES.test(path) ? PARAMS['code'] : PARAMS[name]);
    if (value === undefined)
      throw new Error(`No value for :${name} in ${path}: add one to PARAMS in test/e2e/accessibility.test.ts`);
    return value;
  });
}

const pageRoutes: RouteSpec[] = createApp(e2e.server.deps).routes.filter(
  (r) => r.kind === 'page' && r.method === 'GET',
);

type Persona = 'anonymous' | 'manager' | 'admin' | 'viewer' | 'community' | 'analyst';
const EMAILS: Record<Persona, string | null> = {
  anonymous: null,
  manager: MANAGER,
  admin: ADMIN,
  viewer: VIEWER,
  community: COMMUNITY,
  analyst: 'analyst@cairn.example',
};

/** 320 CSS pixels: a 1280-pixel screen zoomed to 400%, the width WCAG 1.4.10 (reflow) asks pages to work at. */
const NARROW = 320;

const pages = new Map<string, Page>();

/** One signed-in tab per persona and width, kept for the whole file. */
async function pageFor(who: Persona, width = 1280): Promise<Page> {
  const key = `${who}@${width}`;
  const existing = pages.get(key);
  if (existing) return existing;
  const context: BrowserContext = await e2e.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const email = EMAILS[who];
  if (email) await signIn(page, email);
  pages.set(key, page);
  return page;
}

/** How far the page itself scrolls sideways (wide tables scroll inside their own wrapper instead). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The role a page is meant for: visitors for the sign-in form (signed-in users are sent on from it),
 * administrators for /admin, national analysts for national work no manager may do (reviewing case
 * studies, support requests, the spread of self-evaluations), the partnership's manager for the rest.
 */
const roleFor = (route: RouteSpec): Persona =>
  route.path === '/login'
    ? 'anonymous'
    : route.path.startsWith('/admin')
      ? 'admin'
      : route.path.startsWith('/community/')
        ? 'community'
        : !roleHas('partnership_manager', route.permission) &&
            !roleHas('anonymous', route.permission) &&
            roleHas('national_analyst', route.permission)
          ? 'analyst'
          : 'manager';

/** Submit the (first) form posting to `action` and wait for the page that answers. */
const submitForm = (page: Page, action: string) =>
  submit(page, page.locator(`form[action="${action}"] button[type="submit"]`).first());

describe('every page passes axe (WCAG 2.2 AA)', () => {
  it('finds the page routes', () => {
    expect(pageRoutes.length).toBeGreaterThan(8);
    expect(pageRoutes.map((r) => r.path)).toContain('/partnerships/:partnership');
  });

  for (const route of pageRoutes) {
    const role = roleFor(route);
    it(`${route.path} as ${role}`, async () => {
      const page = await pageFor(role);
      const path = fill(route.path);
      const response = await page.goto(path + (QUERIES[route.path] ?? ''));
      expect(response?.status(), `GET ${path} as ${role}`).toBe(200);
      expect(new URL(page.url()).pathname, `GET ${path} as ${role} was redirected`).toBe(path);
      await expectAccessible(page, `${path} as ${role}`);
    });

    it(`${route.path} as ${role}, ${NARROW} pixels wide`, async () => {
      const page = await pageFor(role, NARROW);
      const path = fill(route.path);
      expect((await page.goto(path + (QUERIES[route.path] ?? '')))?.status()).toBe(200);
      expect(await sidewaysOverflow(page), `${path} scrolls sideways at ${NARROW} pixels (WCAG 1.4.10 reflow)`).toBe(0);
      await expectAccessible(page, `${path} as ${role} at ${NARROW} pixels`);
    });

    it(`${route.path} as anonymous`, async () => {
      const page = await pageFor('anonymous');
      const path = fill(route.path);
      const response = await page.goto(path + (QUERIES[route.path] ?? ''));
      // Pages that need an account send anonymous visitors to the sign-in form: that page is checked then.
      const landed = new URL(page.url()).pathname;
      expect([path, '/login'], `GET ${path} anonymously landed on ${landed}`).toContain(landed);
      expect(response?.status()).toBe(200);
      await expectAccessible(page, `${path} as anonymous (landed on ${landed})`);
    });
  }

  it('the start page as an administrator', async () => {
    const page = await pageFor('admin');
    await page.goto('/');
    await expectAccessible(page, '/ as admin');
  });

  it('the dashboard as a viewer', async () => {
    const page = await pageFor('viewer');
    await page.goto(`/partnerships/${DEMO.code}`);
    await expectAccessible(page, `/partnerships/${DEMO.code} as viewer`);
  });
});

describe('error states pass axe', () => {
  let anonymous: Page;
  beforeAll(async () => {
    anonymous = await (await e2e.newContext()).newPage();
  });

  it('the sign-in form with a wrong password', async () => {
    await anonymous.goto('/login');
    await anonymous.getByLabel('Email address').fill('analyst@cairn.example');
    await anonymous.getByLabel('Password').fill('not-the-password');
    expect(await submitForm(anonymous, '/login')).toBe(400);
    await expect.poll(() => anonymous.locator('.ds_error-summary').count()).toBe(1);
    await expectAccessible(anonymous, 'login with a wrong password');
  });

  it('the sign-in form submitted empty', async () => {
    await anonymous.goto('/login');
    expect(await submitForm(anonymous, '/login')).toBe(400);
    expect(await anonymous.locator('.ds_error-summary li').count()).toBe(2);
    await expectAccessible(anonymous, 'login submitted empty');
  });

  it('a page that does not exist, anonymously and signed in', async () => {
    const response = await anonymous.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expectAccessible(anonymous, '404 as anonymous');
    const manager = await pageFor('manager');
    expect((await manager.goto('/areas/S99999999'))?.status()).toBe(404);
    await expectAccessible(manager, '404 (unknown area) as manager');
  });

  it('another partnership’s page (404)', async () => {
    const manager = await pageFor('manager');
    expect((await manager.goto('/partnerships/fife'))?.status()).toBe(404);
    await expectAccessible(manager, '/partnerships/fife as the Glenlochy manager');
  });

  it('a page the role may not open (403)', async () => {
    const viewer = await pageFor('viewer');
    expect((await viewer.goto(`/partnerships/${DEMO.code}/settings`))?.status()).toBe(403);
    await expectAccessible(viewer, 'settings as a viewer');
  });

  const partnershipForms = ['localities', 'organisations', 'members', 'settings'];
  for (const form of partnershipForms) {
    it(`the ${form} form submitted empty`, async () => {
      const manager = await pageFor('manager');
      const action = `/partnerships/${DEMO.code}/${form}`;
      await manager.goto(action);
      for (const input of await manager.locator(`form[action="${action}"] input:not([type="hidden"])`).all())
        await input.fill('');
      expect(await submitForm(manager, action)).toBe(400);
      expect(await manager.locator('.ds_error-summary').count()).toBe(1);
      await expectAccessible(manager, `${action} submitted empty`);
    });
  }

  it('the create-account form submitted empty', async () => {
    const admin = await pageFor('admin');
    await admin.goto('/admin/users');
    expect(await submitForm(admin, '/admin/users')).toBe(400);
    expect(await admin.locator('.ds_error-summary').count()).toBe(1);
    await expectAccessible(admin, '/admin/users submitted empty');
  });

  it('the change-password form submitted empty', async () => {
    const manager = await pageFor('manager');
    await manager.goto('/account');
    expect(await submitForm(manager, '/account/password')).toBe(400);
    expect(await manager.locator('.ds_error-summary').count()).toBe(1);
    await expectAccessible(manager, '/account/password submitted empty');
  });

  it('a success message after a change', async () => {
    const manager = await pageFor('manager');
    await manager.goto(`/partnerships/${DEMO.code}/localities`);
    await manager.getByLabel('Name', { exact: true }).fill('Axe Test Locality');
    expect(await submitForm(manager, `/partnerships/${DEMO.code}/localities`)).toBe(303);
    await expect.poll(() => manager.locator('.cairn-flash').textContent()).toContain('Axe Test Locality');
    await expectAccessible(manager, 'localities with a success message');
  });

  it('a temporary password, and the first sign-in that must change it', async () => {
    const admin = await pageFor('admin');
    await admin.goto('/admin/users');
    await admin.getByLabel('Name', { exact: true }).fill('Axe Tester');
    await admin.getByLabel('Email address').fill('axe.tester@example.org');
    expect(await submitForm(admin, '/admin/users')).toBe(200);
    const password = (await admin.locator('.cairn-secret').textContent())?.trim() ?? '';
    expect(password.length).toBeGreaterThan(8);
    await expectAccessible(admin, 'the temporary password page');

    const newcomer = await (await e2e.newContext()).newPage();
    await signIn(newcomer, 'axe.tester@example.org', password);
    expect(new URL(newcomer.url()).pathname).toBe('/account');
    await expectAccessible(newcomer, '/account?must-change=1');
  });
});
