import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER, seedOtherPartnership } from '../helpers/app.ts';
import { ADMIN, DEMO, MANAGER, OFFICER, PASSWORD, signIn, startE2E, submit, type E2E } from './browser.ts';

/**
 * What people do in Cairn, done in a real browser against a real server: sign in through the form, find
 * the partnership, change something and see it recorded. No request is faked.
 */
// The README's screenshot is refreshed on request (CAIRN_UPDATE_SCREENSHOTS=1); other runs write to .tmp/.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(
  ROOT,
  process.env['CAIRN_UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : '.tmp/screenshots',
  'dashboard.png',
);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  // A second partnership with a manager of its own, through the same services the app uses.
  await seedOtherPartnership(e2e.server.deps);
});

afterAll(async () => {
  await e2e?.close();
});

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await e2e.newContext(options);
  return context.newPage();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('a partnership manager', () => {
  it('signs in, opens the dashboard, sees the partners, defines a locality and finds it in the audit trail', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.waitForURL((u) => u.pathname === '/login');

    await page.getByLabel('Email address').fill(MANAGER);
    await page.getByLabel('Password').fill(PASSWORD);
    expect(await submit(page, page.getByRole('button', { name: 'Sign in' }))).toBe(303);
    expect(pathOf(page)).toBe('/');
    expect(await page.locator('h1').textContent()).toBe('Welcome, Morag Henderson');

    await page.getByRole('link', { name: DEMO.name }).click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}`);
    expect(await page.locator('h1').textContent()).toBe(DEMO.name);
    expect(await page.locator('main').textContent()).toContain('You are a partnership manager in this partnership.');
    const partnerCount = Number(await page.locator('.cairn-stat__value').first().textContent());
    expect(partnerCount).toBeGreaterThanOrEqual(10);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The partners
    await page
      .getByRole('navigation', { name: 'Partnership sections' })
      .getByRole('link', { name: 'Partners' })
      .click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}/organisations`);
    const partners = page.getByRole('region', { name: 'Partner organisations' });
    for (const name of ['Glenlochy Council', 'NHS Glenlochy', 'Police Scotland']) {
      expect(await partners.getByRole('cell', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await partners.locator('tbody tr').count()).toBe(partnerCount);

    // A new locality, through the form
    await page
      .getByRole('navigation', { name: 'Partnership sections' })
      .getByRole('link', { name: 'Localities' })
      .click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}/localities`);
    await page.getByLabel('Name', { exact: true }).fill('Kilbrae Riverside');
    await page.getByLabel('Areas (optional)').fill('DEMO-IZ-01, DEMO-IZ-02');
    expect(await submit(page, page.getByRole('button', { name: 'Define locality' }))).toBe(303);
    expect(pathOf(page)).toBe(`/partnerships/${DEMO.code}/localities`);
    expect(await page.getByRole('status').textContent()).toContain('Kilbrae Riverside has been defined as a locality.');
    const row = page.getByRole('row').filter({ hasText: 'Kilbrae Riverside' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Kilbrae North, Kilbrae South');

    // …and it is in the audit trail, by whom it was done
    await page
      .getByRole('navigation', { name: 'Partnership sections' })
      .getByRole('link', { name: 'Audit trail' })
      .click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}/audit`);
    const newest = page.getByRole('region', { name: 'Audit events, newest first' }).locator('tbody tr').first();
    const text = await newest.textContent();
    expect(text).toContain('locality.create');
    expect(text).toContain(MANAGER);
    expect(text).toContain('Kilbrae Riverside');
  });

  it('signs out, and the partnership is then closed to them', async () => {
    const page = await newPage();
    await signIn(page, MANAGER);
    await page.goto(`/partnerships/${DEMO.code}`);
    expect(await submit(page, page.getByRole('button', { name: 'Sign out' }))).toBe(303);
    expect(pathOf(page)).toBe('/');
    expect(await page.getByRole('status').textContent()).toContain('You have signed out.');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.locator('.cairn-account').getByRole('link', { name: 'Sign in' }).count()).toBe(1);

    await page.goto(`/partnerships/${DEMO.code}`);
    expect(pathOf(page)).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/partnerships/${DEMO.code}`);
  });
});

describe('signing in with a wrong password', () => {
  it('shows the error summary, whose link leads to the email field', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByLabel('Email address').fill(OFFICER);
    await page.getByLabel('Password').fill('not-my-password');
    expect(await submit(page, page.getByRole('button', { name: 'Sign in' }))).toBe(400);
    expect(pathOf(page)).toBe('/login');

    const summary = page.locator('.ds_error-summary');
    expect(await summary.getByRole('heading').textContent()).toContain('There is a problem');
    const link = summary.getByRole('link');
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('#email');
    expect(await page.getByLabel('Email address').inputValue()).toBe(OFFICER);
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    // Still not signed in
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});

describe('without JavaScript', () => {
  it('a manager signs in and adds a partner organisation', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/login');
    await page.getByLabel('Email address').fill(MANAGER);
    await page.getByLabel('Password').fill(PASSWORD);
    expect(await submit(page, page.getByRole('button', { name: 'Sign in' }))).toBe(303);

    await page.getByRole('link', { name: DEMO.name }).click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}`);
    await page
      .getByRole('navigation', { name: 'Partnership sections' })
      .getByRole('link', { name: 'Partners' })
      .click();
    await page.waitForURL((u) => u.pathname === `/partnerships/${DEMO.code}/organisations`);

    await page.getByLabel('New organisation’s name').fill('Glenlochy Food Network');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Community body' });
    await page.getByLabel('Takes part as').selectOption({ label: 'Community representative' });
    expect(await submit(page, page.getByRole('button', { name: 'Add organisation' }))).toBe(303);
    expect(pathOf(page)).toBe(`/partnerships/${DEMO.code}/organisations`);

    expect(await page.getByRole('status').textContent()).toContain('The organisation has been added.');
    const row = page
      .getByRole('region', { name: 'Partner organisations' })
      .getByRole('row')
      .filter({ hasText: 'Glenlochy Food Network' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Community representative');
    // The page's own scripts really did not run: the design system's script would have defined window.DS.
    expect(await page.evaluate(() => typeof (window as unknown as { DS?: unknown }).DS)).toBe('undefined');
  });
});

describe('an administrator', () => {
  it('creates an account and is shown its temporary password, which then works once', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');

    await page.getByLabel('Name', { exact: true }).fill('Fiona Macleod');
    await page.getByLabel('Email address').fill('fiona.macleod@example.org');
    expect(await submit(page, page.getByRole('button', { name: 'Create account' }))).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Account created');
    expect(await page.locator('main').textContent()).toContain('fiona.macleod@example.org');
    const temporary = (await page.locator('.cairn-secret').textContent())?.trim() ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(12);

    await page.goto('/admin/users');
    expect(await page.getByRole('row').filter({ hasText: 'fiona.macleod@example.org' }).textContent()).toContain(
      'Must change password',
    );

    const newcomer = await newPage();
    await signIn(newcomer, 'fiona.macleod@example.org', temporary);
    expect(pathOf(newcomer)).toBe('/account');
    expect(await newcomer.getByRole('alert').textContent()).toContain('temporary password');
  });
});

describe('someone from another partnership', () => {
  it('gets “Page not found” when typing the address of a partnership that is not theirs', async () => {
    const glenlochy = await newPage();
    await signIn(glenlochy, MANAGER);
    for (const address of [`/partnerships/${OTHER.code}`, `/partnerships/${OTHER.code}/organisations`]) {
      const response = await glenlochy.goto(address);
      expect(response?.status(), address).toBe(404);
      expect(pathOf(glenlochy)).toBe(address);
      expect(await glenlochy.locator('h1').textContent()).toBe('Page not found');
      expect(await glenlochy.locator('main').textContent()).not.toContain(OTHER.organisation);
    }

    const fife = await newPage();
    await signIn(fife, OTHER.email);
    const response = await fife.goto(`/partnerships/${DEMO.code}`);
    expect(response?.status()).toBe(404);
    expect(await fife.locator('h1').textContent()).toBe('Page not found');
    expect(await fife.locator('main').textContent()).not.toContain('Glenlochy Council');
    // Their own partnership opens as usual.
    expect((await fife.goto(`/partnerships/${OTHER.code}`))?.status()).toBe(200);
  });
});
