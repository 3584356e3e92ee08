import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { readSource } from '../../src/modules/imports/index.ts';
import { sharedData } from '../helpers/shared-data.ts';
import {
  expectAccessible,
  MANAGER as DEMO_MANAGER,
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
 * The statutory annual report in a real browser, on a real partnership and the real CPOP data: Fife's
 * manager writes a LOIP whose measure reads Fife's child poverty series as published by the Improvement
 * Service, a partner officer commits resources and records progress, the manager approves and publishes
 * the plan, opens the year's report, drafts a board paper from it, and publishes the report; a member of
 * the public reads it at its permanent address. Another partnership never sees the draft.
 */
const MANAGER = 'manager@fife.test';
const OFFICER = 'officer@fife.test';
const TITLE = 'Fife LOIP (browser test)';

let e2e: E2E;
let page: Page;
let planPath = '';
/** The last complete reporting year: the one whose report a partnership publishes now. */
let year = 0;

beforeAll(async () => {
  e2e = await startE2E();
  page = await (await e2e.newContext({ acceptDownloads: true })).newPage();
  const deps = e2e.server.deps;
  const ctx = cliContext(systemActor('e2e setup'));
  await deps.imports.importCpopPartnerships(ctx, readSource(sharedData('cpop', 'CPPcleandata.csv')));
  const fife = (await deps.partnerships.resolve('fife'))!;
  const council = await deps.partnerships.addOrganisation(ctx, fife, {
    name: 'Fife Council (test)',
    type_code: 'local_authority',
    kind: 'statutory_partner',
  });
  await deps.partnerships.addOrganisation(ctx, fife, {
    name: 'NHS Fife (test)',
    type_code: 'health_board',
    kind: 'statutory_partner',
  });
  const nhs = await deps.handle.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'NHS Fife (test)')
    .executeTakeFirstOrThrow();
  expect(council).toBeTruthy();
  await deps.accounts.createUser(ctx, { email: MANAGER, display_name: 'Fife Manager', password: PASSWORD });
  await deps.accounts.createUser(ctx, {
    email: OFFICER,
    display_name: 'Fife Health Officer',
    password: PASSWORD,
    organisation_id: nhs.id,
  });
  await deps.partnerships.addMember(ctx, fife, { email: MANAGER, role: 'partnership_manager' });
  await deps.partnerships.addMember(ctx, fife, { email: OFFICER, role: 'partner_officer' });
  year = (await deps.deadlines.yearOf('annual-progress-report', new Date().toISOString().slice(0, 10))) - 1;
});
afterAll(async () => {
  await e2e?.close();
});

describe('the annual report of a real partnership, on the real outcomes data', () => {
  it('the manager writes a LOIP whose measure reads the imported CPOP series', async () => {
    await signIn(page, MANAGER);
    await page.goto('/partnerships/fife/plans');
    await page.getByLabel('Kind of plan').selectOption('loip');
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('First financial year (the year it begins)').fill('2021');
    await page.getByLabel('Last financial year (the year it begins)').fill('2030');
    expect(await submit(page, page.getByRole('button', { name: 'Start the plan' }))).toBe(303);
    planPath = pathOf(page);

    let step = await openStep(page, 'Add a priority');
    await step.getByLabel('Priority', { exact: true }).fill('Tackling poverty');
    expect(await submit(page, step.getByRole('button', { name: 'Add the priority' }))).toBe(303);
    step = await openStep(page, 'Add a local outcome');
    await step.getByLabel('Local outcome').fill('Fewer children in Fife live in poverty');
    await step.getByLabel('Poverty', { exact: true }).check({ force: true });
    expect(await submit(page, step.getByRole('button', { name: 'Add the outcome' }))).toBe(303);
    step = await openStep(page, 'Add a measure');
    await step.getByLabel('Measure', { exact: true }).fill('Child poverty (CPOP)');
    await step.getByLabel('Indicator from the outcomes data').selectOption('cpop-child-poverty');
    await step.getByLabel('Targets (optional)').fill('2026: 15');
    expect(await submit(page, step.getByRole('button', { name: 'Add the measure' }))).toBe(303);
    step = await openStep(page, 'Add an action');
    await step.getByLabel('Action', { exact: true }).fill('Money advice in every GP practice');
    await step.getByLabel('Lead partner').selectOption({ label: 'NHS Fife (test)' });
    await step.getByLabel('Step of the route map').selectOption('short');
    expect(await submit(page, step.getByRole('button', { name: 'Add the action' }))).toBe(303);

    // The measure shows Fife's published values: 21.5% in 2020/21 and 17.5% in 2021/22 (raw data, not the projections).
    const measures = await page
      .getByRole('table', { name: /Measures of “Fewer children in Fife live in poverty”/ })
      .textContent();
    expect(measures).toContain('17.5');
    await signOut(page);
  });

  it('another partnership cannot see the draft', async () => {
    const other = await (await e2e.newContext()).newPage();
    await signIn(other, DEMO_MANAGER);
    expect((await other.goto(planPath))?.status()).toBe(404);
    expect((await other.goto(`/partnerships/fife/reports/${year}/live`))?.status()).toBe(404);
    const anon = await (await e2e.newContext()).newPage();
    expect((await anon.goto(`/partnerships/fife/plans/${planPath.split('/').pop()}`))?.status()).toBe(404);
  });

  it('a partner officer commits resources and records progress on their action', async () => {
    await signIn(page, OFFICER);
    await page.goto(`${planPath}/resources`);
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'NHS Fife (test)' });
    await page
      .getByLabel('Financial year', { exact: true })
      .selectOption(`${year}/${String((year + 1) % 100).padStart(2, '0')}`);
    await page.getByLabel('Money (£, optional)').fill('£85,000');
    await page.getByLabel('Aligned or pooled').selectOption('aligned');
    await page.getByLabel('Kind of spending').selectOption('preventative');
    expect(await submit(page, page.getByRole('button', { name: 'Record the commitment' }))).toBe(303);
    await page.goto(planPath);
    const step = await openStep(page, 'Record progress');
    await step
      .getByLabel('About')
      .selectOption({ label: 'Action: Money advice in every GP practice (NHS Fife (test))' });
    await step.getByLabel('RAG status').selectOption('green');
    await step.getByLabel('The story behind the curve').fill('Advisers now sit in 40 of 52 practices.');
    await step.getByLabel('Date', { exact: true }).fill(`${year}-10-01`);
    expect(await submit(page, step.getByRole('button', { name: 'Record the update' }))).toBe(303);
    await signOut(page);
  });

  it('the manager approves, publishes the plan, drafts a board paper from the year’s report and publishes the report', async () => {
    await signIn(page, MANAGER);
    await page.goto(planPath);
    expect(await submit(page, page.getByRole('button', { name: /^Approve/ }).first())).toBe(303);
    for (const status of ['approved', 'published']) {
      await page.getByLabel('Move the plan to').selectOption(status);
      expect(await submit(page, page.getByRole('button', { name: 'Change the status' }))).toBe(303);
    }

    await page.getByRole('link', { name: 'Annual report', exact: true }).click();
    await page.waitForLoadState('load');
    expect(pathOf(page)).toBe('/partnerships/fife/reports');
    await expectAccessible(page, 'reporting years');
    const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    await page.getByRole('link', { name: label, exact: true }).click();
    await page.waitForLoadState('load');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('It has not been published yet.');
    expect(main).toContain('Child poverty (CPOP)');
    expect(main).toContain('Improved'); // 21.5% → 17.5%, lower is better
    expect(main).toContain('£85,000');
    expect(main).toContain('Advisers now sit in 40 of 52 practices.');
    await expectAccessible(page, 'annual report draft');

    const paper = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Draft a board paper' }) });
    await paper.locator('summary').click();
    await paper.getByLabel('Report to').fill('Fife Partnership Board');
    await paper.getByLabel('Date of the meeting').fill(`${year + 1}-06-12`);
    await paper.getByLabel('Report by').fill('Fife Manager, Community Planning Manager');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      paper.getByRole('button', { name: 'Download the board paper' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
    expect(text).toContain('Fife Partnership Board');
    expect(text).toContain(`approve the annual progress report for ${label} for publication`);
    expect(text).toContain('Child poverty (CPOP)');

    expect(await submit(page, page.getByRole('button', { name: 'Publish the report' }))).toBe(303);
    expect(pathOf(page)).toBe(`/partnerships/fife/reports/${year}`);
    await signOut(page);
  });

  it('a member of the public reads the published report, and its CSV', async () => {
    const anon = await (await e2e.newContext()).newPage();
    await anon.goto('/partnerships/fife/reports');
    await anon.getByRole('link', { name: `${year}/${String((year + 1) % 100).padStart(2, '0')}` }).click();
    await anon.waitForLoadState('load');
    expect(pathOf(anon)).toBe(`/partnerships/fife/reports/${year}/v/1`);
    const main = (await anon.locator('main').textContent()) ?? '';
    expect(main).toContain('Version 1, published');
    expect(main).toContain('Fewer children in Fife live in poverty');
    expect(main).toContain('Improved');
    await expectAccessible(anon, 'published annual report');
    const csv = await anon.request.get(`/partnerships/fife/reports/${year}/v/1/measures.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(/Child poverty \(CPOP\),[^,]*,2020,21\.4\d*,2021,17\.4\d*,improved/);
  });
});
