import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DEMO_PARTNERSHIP, DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { startServer, type Running } from '../../src/server.ts';

/**
 * The browser suite's world: a real Cairn server (embedded PGlite in a fresh temporary directory, demo
 * seeded, listening on a free port) and a real Chromium driven by playwright-core. Nothing is mocked.
 */
export const DEMO = DEMO_PARTNERSHIP;
export const PASSWORD = DEMO_PASSWORD;
export const MANAGER = 'manager@glenlochy.example';
export const OFFICER = 'officer@glenlochy.example';
export const VIEWER = 'viewer@glenlochy.example';
export const ADMIN = 'admin@cairn.example';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. The browser tests drive a locally installed Chromium: ` +
        'install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to its executable.',
    );
  }
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new Error(`Chromium at ${executablePath} did not start: ${(error as Error).message}`);
  }
}

export interface E2E {
  server: Running;
  browser: Browser;
  /** Base URL of the server, e.g. http://localhost:41234 */
  url: string;
  /** A fresh browser context (its own cookies), whose relative `goto`s resolve against the server. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
  let server: Running | null = null;
  let browser: Browser | null = null;
  try {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CAIRN_DATA_DIR: dataDir, CAIRN_LOG: 'silent' });
    server = await startServer(config, { demo: true, log: () => {} });
    browser = await launchChromium();
  } catch (error) {
    await server?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const chrome = browser;
  const url = running.url;
  const contexts: BrowserContext[] = [];
  return {
    server: running,
    browser: chrome,
    url,
    async newContext(options = {}) {
      const context = await chrome.newContext({
        baseURL: url,
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        ...options,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await chrome.close().catch(() => undefined);
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Press a form's submit button and wait until the page it leads to has loaded, even when that page has
 * the same address as the form (a form re-shown with its errors). Returns the status of the POST itself
 * (303 for post/redirect/get, 400 for a form with errors).
 */
export async function submit(page: Page, button: Locator): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().frame() === page.mainFrame()),
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    button.click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

/** The path of the page's address. */
export const pathOf = (page: Page) => new URL(page.url()).pathname;

/** A disclosure (<details>) found by its summary, opened; there must be exactly one. */
/**
 * Tick a design-system checkbox or radio button as a person does, by clicking its label: the design
 * system draws its own box over the input, so the input itself cannot be clicked without force, and a
 * forced click lands wherever the input was when the click was planned (on a busy machine, not always
 * where it is). The label click waits for the page to be still; the box must end up ticked. A box already
 * ticked (a form shown again with what was sent) is left as it is.
 */
export async function tick(page: Page, label: string): Promise<void> {
  const input = page.getByLabel(label);
  const id = await input.getAttribute('id');
  if (!id) throw new Error(`the input labelled “${label}” has no id for its label to point at`);
  if (await input.isChecked()) return;
  await page.locator(`label[for="${id}"]`).click();
  if (!(await input.isChecked())) throw new Error(`“${label}” is not ticked after clicking its label`);
}

export async function openStep(page: Page, label: string): Promise<Locator> {
  const details = page.locator('details').filter({ has: page.locator('summary', { hasText: label }) });
  expect(await details.count(), `the “${label}” step`).toBe(1);
  await details.locator('summary').click();
  await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  return details;
}

/** Sign out with the header's button, landing on the start page with its message. */
export async function signOut(page: Page): Promise<void> {
  expect(await submit(page, page.locator('.cairn-account').getByRole('button', { name: 'Sign out' }))).toBe(303);
  expect(pathOf(page)).toBe('/');
  expect(await page.getByRole('status').textContent()).toContain('You have signed out.');
}

/** Sign in through the real form, as a person would. Lands wherever the app sends them (the start page). */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const status = await submit(page, page.getByRole('button', { name: 'Sign in' }));
  if (status !== 303) {
    const problem = await page.locator('.ds_error-summary, main').first().innerText();
    throw new Error(`Signing in as ${email} failed (HTTP ${status}): ${problem.slice(0, 300)}`);
  }
}

// Accessibility

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Run axe-core in the page against WCAG 2.2 AA and return its violations. axe's source is evaluated
 * through the DevTools protocol (page.evaluate), which the app's strict Content-Security-Policy does not
 * block, so the pages are checked exactly as served: no bypassCSP.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const results = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** A readable account of axe's findings: rule, why it matters, and every failing element with its selector. */
export function formatViolations(violations: AxeViolation[], where: string): string {
  const lines = [`axe found ${violations.length} WCAG violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push('', `• ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}`, `  ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`  - target: ${JSON.stringify(n.target)}`, `    html:   ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (n.failureSummary) lines.push(`    ${n.failureSummary.replace(/\n\s*/g, '\n    ')}`);
    }
  }
  return lines.join('\n');
}

/** Throw (with the whole report) unless axe finds nothing on the page. */
export async function expectAccessible(page: Page, where = page.url()): Promise<void> {
  const violations = await runAxe(page);
  if (violations.length) throw new Error(formatViolations(violations, where));
}
