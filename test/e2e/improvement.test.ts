import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  expectAccessible,
  MANAGER,
  openStep,
  pathOf,
  signIn,
  signOut,
  startE2E,
  submit,
  tick,
  type E2E,
} from './browser.ts';

/**
 * Accountability and improvement (issue 6) in a real browser on the demo: a national analyst adds an
 * audit report with a recommendation and rates its progress; the demo partnership's manager links an
 * improvement action to it; the impact table comes out as Word and CSV; the partnership requests support,
 * the analyst sees it through, and the partnership rates it; a case study written by the partnership is
 * published and found by full-text search. axe checks every page on the way.
 */
const ANALYST = 'analyst@cairn.example';
const REPORT = 'Community planning: a browser test report';
const RECOMMENDATION = 'publish every locality plan with the measures and targets that show whether it is working';

let e2e: E2E;
let page: Page;
let reportPath = '';

beforeAll(async () => {
  e2e = await startE2E();
  page = await (await e2e.newContext()).newPage();
});
afterAll(async () => {
  await e2e?.close();
});

/** Start afresh as this person (or nobody): whatever an earlier failed step left signed in is forgotten. */
async function as(email: string | null): Promise<void> {
  await page.context().clearCookies();
  if (email) await signIn(page, email);
}

async function download(path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await page.request.get(path);
  return { status: res.status(), type: res.headers()['content-type'] ?? '', body: await res.body() };
}

describe('audit recommendations', () => {
  it('a national analyst adds a report and a recommendation, and rates its progress', async () => {
    await as(ANALYST);
    await page.goto('/recommendations');
    await expectAccessible(page);
    await page.getByLabel('Title').fill(REPORT);
    await page.getByLabel('Publisher').fill('Audit Scotland (browser test)');
    await page.getByLabel('Published on').fill('2025-03-14');
    expect(await submit(page, page.getByRole('button', { name: 'Add the report' }))).toBe(303);
    reportPath = pathOf(page);
    expect(reportPath).toMatch(/^\/recommendations\/reports\/\d+$/);
    await expectAccessible(page);

    // A recommendation without its text is refused, naming the field, and nothing is added.
    await page.getByLabel('Reference').fill('1 a');
    await tick(page, 'All Community Planning Partnerships');
    expect(await submit(page, page.getByRole('button', { name: 'Add the recommendation' }))).toBe(400);
    expect(await page.locator('.ds_error-summary').innerText()).toContain('Recommendation');
    await expectAccessible(page);

    await page.getByLabel('Reference').fill('1 a');
    await page.locator('#rec-text').fill(RECOMMENDATION);
    await page.getByLabel('Group of related recommendations (optional)').fill('Locality planning');
    await tick(page, 'All Community Planning Partnerships');
    await tick(page, 'Governance and transparency');
    expect(await submit(page, page.getByRole('button', { name: 'Add the recommendation' }))).toBe(303);
    expect(await page.locator('main').innerText()).toContain(RECOMMENDATION);

    const option = page.locator('#rate-recommendation_id option', { hasText: '1 a: publish every locality plan' });
    await page.locator('#rate-recommendation_id').selectOption((await option.getAttribute('value'))!);
    await page.getByLabel('Rating').selectOption('amber');
    await page
      .getByLabel('Progress')
      .fill('Half of the partnerships have published locality plans with measures; the rest have dates.');
    await page.getByLabel('As at').fill('2026-06-30');
    expect(await submit(page, page.getByRole('button', { name: 'Add the rating' }))).toBe(303);
    expect(await page.locator('main').innerText()).toContain('Half of the partnerships');
    await expectAccessible(page);
    await signOut(page);
  });

  it('the partnership links an improvement action of its improvement plan to the recommendation', async () => {
    await as(MANAGER);
    await page.goto(`/partnerships/${DEMO.code}/improvement`);
    await expectAccessible(page);
    await page.goto(`/partnerships/${DEMO.code}/improvement/recommendations`);
    await expectAccessible(page);
    const step = await openStep(page, 'Link an improvement action to 1 a');
    await step.getByLabel('Improvement action').selectOption({ index: 1 });
    await step
      .getByLabel('How it answers the recommendation (optional)')
      .fill('The prevention mapping covers the localities first.');
    expect(await submit(page, step.getByRole('button', { name: 'Link the action' }))).toBe(303);
    expect(await page.locator('main').innerText()).toContain('The prevention mapping covers the localities first.');
    await expectAccessible(page);
    await signOut(page);
  });

  it('anyone reads the impact table at a date, and downloads it as Word and CSV', async () => {
    await as(null);
    await page.goto(`${reportPath}/impact?date=2026-07-01`);
    await expectAccessible(page);
    const text = await page.locator('main').innerText();
    expect(text).toContain(RECOMMENDATION);
    expect(text).toContain('Amber');

    const docx = await download(`${reportPath}/impact.docx?date=2026-07-01`);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('officedocument.wordprocessingml');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.body))['word/document.xml']!);
    expect(xml).toContain('publish every locality plan');
    expect(xml).toContain('Amber');

    const csv = await download(`${reportPath}/impact.csv?date=2026-07-01`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.body.toString('utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('amber');

    // Before the rating's date the table says there is none yet.
    await page.goto(`${reportPath}/impact?date=2026-01-01`);
    expect(await page.locator('main').innerText()).not.toContain('Half of the partnerships');
  });
});

describe('improvement support', () => {
  let requestPath = '';

  it('the partnership requests support for a need', async () => {
    await as(MANAGER);
    await page.goto(`/partnerships/${DEMO.code}/improvement/support`);
    await expectAccessible(page);
    await page.getByLabel('Offer', { exact: true }).selectOption({ index: 1 });
    await page
      .getByLabel('The need it would meet')
      .fill('Board members new since the election want to lead jointly, not in turn.');
    expect(
      await submit(
        page,
        page
          .locator('form', { has: page.getByLabel('The need it would meet') })
          .getByRole('button', { name: 'Request this support' }),
      ),
    ).toBe(303);
    expect(await page.locator('main').innerText()).toContain('Board members new since the election');
    await signOut(page);
  });

  it('a national analyst sees the request through to completion', async () => {
    await as(ANALYST);
    await page.goto('/support/requests');
    await expectAccessible(page);
    // The request just made, found in the table by its need.
    await page.locator('tr', { hasText: 'Board members new since the election' }).getByRole('link').first().click();
    await page.waitForLoadState('load');
    requestPath = pathOf(page);
    expect(requestPath).toMatch(/^\/support\/requests\/\d+$/);
    await expectAccessible(page);
    for (const action of ['accept', 'start', 'complete']) {
      await page.getByLabel('Action').selectOption(action);
      await page.getByLabel('Note').fill(`Moved on: ${action}`);
      expect(await submit(page, page.getByRole('button', { name: 'Save' }))).toBe(303);
    }
    expect(await page.locator('main').innerText()).toContain('Moved on: complete');
    await page.goto('/support/gaps');
    await expectAccessible(page);
    await signOut(page);
  });

  it('the partnership rates how useful it was and what changed', async () => {
    await as(MANAGER);
    const id = requestPath.split('/').at(-1);
    await page.goto(`/partnerships/${DEMO.code}/improvement/support/requests/${id}`);
    await expectAccessible(page);
    await tick(page, '4 –');
    await page
      .getByLabel('What changed because of it')
      .fill('The board now agrees its agenda jointly and rotates the chair.');
    expect(await submit(page, page.getByRole('button', { name: 'Send the feedback' }))).toBe(303);
    expect(await page.locator('main').innerText()).toContain('rotates the chair');
    await signOut(page);
  });
});

describe('self-evaluation pages', () => {
  it('pass axe inside the partnership, publicly and for national analysts', async () => {
    await as(MANAGER);
    await page.goto(`/partnerships/${DEMO.code}/improvement/self-evaluation`);
    await expectAccessible(page);
    await page.goto(`/partnerships/${DEMO.code}/improvement/self-evaluation/over-years`);
    await expectAccessible(page);
    const year = page
      .locator('main a[href*="/improvement/self-evaluation/"]')
      .filter({ hasNotText: /over|framework/i })
      .first();
    await year.click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await signOut(page);
    await as(ANALYST);
    await page.goto('/self-evaluation');
    await expectAccessible(page);
    await signOut(page);
  });
});
