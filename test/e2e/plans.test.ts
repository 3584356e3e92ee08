import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { reportPdf } from '../../src/modules/plans/index.ts';
import {
  DEMO,
  expectAccessible,
  MANAGER,
  OFFICER,
  PASSWORD,
  signIn,
  startE2E,
  submit,
  openStep,
  pathOf,
  signOut,
  type E2E,
} from './browser.ts';

/**
 * A plan in a real browser on the demo data: an officer starts a LOIP and builds it (a priority, an
 * outcome linked to national outcomes, a measure on the outcomes data with targets, an action), a partner
 * commits resources, the officer records progress, the manager approves it and publishes the plan, and a
 * member of the public reads it; another partnership never sees the draft.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = path.join(ROOT, process.env['CAIRN_UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : '.tmp/screenshots');
const TITLE = `Glenlochy LOIP test ${Date.now()}`;
const OTHER_MANAGER = 'manager@fife.example';

let e2e: E2E;
let page: Page;
let planPath = '';

beforeAll(async () => {
  e2e = await startE2E();
  page = await (await e2e.newContext()).newPage();
  // Another partnership's manager, who must never see Glenlochy's drafts.
  const deps = e2e.server.deps;
  const ctx = cliContext(systemActor('e2e setup'));
  await deps.accounts.createUser(ctx, { email: OTHER_MANAGER, display_name: 'Fife Manager', password: PASSWORD });
  await deps.partnerships.addMember(ctx, (await deps.partnerships.resolve('fife'))!, {
    email: OTHER_MANAGER,
    role: 'partnership_manager',
  });
});
afterAll(async () => {
  await e2e?.close();
});

describe('a LOIP from draft to the public', () => {
  it('an officer starts the plan and builds its tree', async () => {
    await signIn(page, OFFICER);
    await page.goto(`/partnerships/${DEMO.code}/plans`);
    await page.getByLabel('Kind of plan').selectOption('loip');
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('First financial year (the year it begins)').fill('2026');
    await page.getByLabel('Last financial year (the year it begins)').fill('2035');
    expect(await submit(page, page.getByRole('button', { name: 'Start the plan' }))).toBe(303);
    planPath = pathOf(page);
    expect(planPath).toMatch(/^\/partnerships\/glenlochy-demo\/plans\/\d+$/);
    expect(await page.getByRole('status').first().textContent()).toContain('is started as a draft');

    let step = await openStep(page, 'Add a priority');
    await step.getByLabel('Priority', { exact: true }).fill('Tackling child poverty');
    expect(await submit(page, step.getByRole('button', { name: 'Add the priority' }))).toBe(303);

    step = await openStep(page, 'Add a local outcome');
    await step.getByLabel('Local outcome').fill('Fewer children live in low-income families');
    await step.getByLabel('Children', { exact: true }).check({ force: true }); // the design system draws its own box over the input
    await step.getByLabel('Poverty', { exact: true }).check({ force: true });
    expect(await submit(page, step.getByRole('button', { name: 'Add the outcome' }))).toBe(303);

    // A target outside the plan is refused, naming the field and keeping what was typed.
    step = await openStep(page, 'Add a measure');
    await step.getByLabel('Measure', { exact: true }).fill('Children in low-income families');
    await step.getByLabel('Indicator from the outcomes data').selectOption('cpop-child-poverty');
    await step.getByLabel('Baseline year (optional)').fill('2018');
    await step.getByLabel('Baseline value (optional)').fill('23.9');
    await step.getByLabel('Targets (optional)').fill('2040: 15');
    expect(await submit(page, step.getByRole('button', { name: 'Add the measure' }))).toBe(400);
    expect(await page.locator('.ds_error-summary').textContent()).toContain('The target for 2040 is outside the plan');
    await expectAccessible(page, 'plan editor with an error');
    step = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Add a measure' }) });
    expect(await step.getByLabel('Measure', { exact: true }).inputValue()).toBe('Children in low-income families');
    await step.getByLabel('Targets (optional)').fill('2028: 17\n2035: 14');
    expect(await submit(page, step.getByRole('button', { name: 'Add the measure' }))).toBe(303);

    step = await openStep(page, 'Add an action');
    await step.getByLabel('Action', { exact: true }).fill('Income advice in every school');
    await step.getByLabel('Lead partner').selectOption({ label: 'NHS Glenlochy' });
    await step.getByLabel('Glenlochy Council', { exact: true }).check({ force: true });
    await step.getByLabel('Step of the route map').selectOption('short');
    expect(await submit(page, step.getByRole('button', { name: 'Add the action' }))).toBe(303);

    const measures = page.getByRole('table', { name: /Measures of “Fewer children live in low-income families”/ });
    expect(await measures.textContent()).toContain('Acceleration needed');
    await expectAccessible(page, 'plan editor');
  });

  it('another partnership cannot see the draft, nor can the public', async () => {
    const other = await (await e2e.newContext()).newPage();
    await signIn(other, OTHER_MANAGER);
    const id = planPath.split('/').pop();
    expect((await other.goto(planPath))?.status()).toBe(404);
    expect((await other.goto(`/partnerships/${DEMO.code}/plans/${id}`))?.status()).toBe(404);
    const anon = await (await e2e.newContext()).newPage();
    expect((await anon.goto(`/partnerships/${DEMO.code}/plans/${id}`))?.status()).toBe(404);
  });

  it('a partner commits resources and the officer records progress on their action', async () => {
    await page.goto(`${planPath}/resources`);
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'NHS Glenlochy' });
    await page.getByLabel('Money (£, optional)').fill('£120,000');
    await page.getByLabel('Aligned or pooled').selectOption('pooled');
    await page.getByLabel('Kind of spending').selectOption('preventative');
    expect(await submit(page, page.getByRole('button', { name: 'Record the commitment' }))).toBe(303);
    expect(await page.getByRole('table', { name: /by financial year, with the share/ }).textContent()).toContain(
      '£120,000',
    );
    await expectAccessible(page, 'resources');

    await page.goto(planPath);
    const step = await openStep(page, 'Record progress');
    await step.getByLabel('About').selectOption({ label: 'Action: Income advice in every school (NHS Glenlochy)' });
    await step.getByLabel('RAG status').selectOption('amber');
    await step
      .getByLabel('The story behind the curve')
      .fill('Advice runs in 6 of 14 schools; the rest start in January.');
    expect(await submit(page, step.getByRole('button', { name: 'Record the update' }))).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toContain('a partnership manager approves it');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-editor.png'), fullPage: true });
    await signOut(page);
  });

  it('the manager approves the update and publishes the plan; anyone reads it', async () => {
    await signIn(page, MANAGER);
    await page.goto(planPath);
    expect(await submit(page, page.getByRole('button', { name: /^Approve/ }).first())).toBe(303);
    for (const status of ['approved', 'published']) {
      await page.getByLabel('Move the plan to').selectOption(status);
      expect(await submit(page, page.getByRole('button', { name: 'Change the status' }))).toBe(303);
    }
    expect(await page.getByRole('status').first().textContent()).toContain('The plan is now published (version 2)');
    await signOut(page);

    const id = planPath.split('/').pop();
    await page.goto(`/partnerships/${DEMO.code}/plans`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForLoadState('load');
    expect(pathOf(page)).toBe(`/partnerships/${DEMO.code}/plans/${id}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Fewer children live in low-income families');
    expect(text).toContain('Advice runs in 6 of 14 schools');
    expect(text).toContain('Published');
    await expectAccessible(page, 'published plan');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'plan-public.png'), fullPage: true });
  });

  it('prints the annual report to PDF with the local Chromium', async () => {
    const deps = e2e.server.deps;
    const p = (await deps.partnerships.resolve(DEMO.code))!;
    const report = await deps.reports.build(cliContext(systemActor('e2e')), p, new Date().getUTCFullYear() - 1);
    const pdf = await reportPdf(report, '/report.csv');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
    expect(pdf.toString('latin1')).toContain('annual progress report');
  });
});
