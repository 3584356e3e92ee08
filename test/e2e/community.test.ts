import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  expectAccessible,
  OFFICER,
  openStep,
  pathOf,
  signIn,
  signOut,
  startE2E,
  submit,
  type E2E,
} from './browser.ts';

/**
 * A participation request (Community Empowerment (Scotland) Act 2015, Part 3) from start to decision, in a
 * real browser against a real server on the demo data: the community body makes it, the authority's
 * officer validates and decides it, and anyone finds its decision notice in the public register. Every
 * step is a click or keystroke in the pages themselves; nothing is posted behind the browser's back.
 */
// Screenshots for the docs are refreshed on request (CAIRN_UPDATE_SCREENSHOTS=1); other runs write to .tmp/.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = path.join(ROOT, process.env['CAIRN_UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : '.tmp/screenshots');

const BODY_LEAD = 'community@glenlochy.example';
const BODY_LEAD_NAME = 'Alasdair Munro';
const BODY = 'Kilbrae Community Council (demo)';
const AUTHORITY = 'Glenlochy Council';
const OFFICER_NAME = 'Ravi Sharma';
const DECISION_DEADLINE = 'Participation request: decision notice';

/** Unique to this run, so that the register search finds this request and nothing else. */
const TITLE = `Safe crossing at Kilbrae Hall ${Date.now()}`;

let e2e: E2E;
/** What the journey learns as it goes: the request's reference and its numbers on each side. */
let reference = '';
let bodyRequestPath = '';

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

async function newPage(): Promise<Page> {
  const context = await e2e.newContext();
  return context.newPage();
}

/** Today in Scotland, as the app dates things (YYYY-MM-DD). */
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
/** The same day as the pages show it, e.g. "3 March 2026". */
const todayShown = () =>
  new Date().toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** The value shown against a key in a summary list (the request's details). */
const summaryValue = (page: Page, key: string) =>
  page
    .locator('.ds_summary-list__item')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) })
    .locator('dd');

/** The texts of the error summary's links and where they point. */
async function errorLinks(page: Page): Promise<{ text: string; href: string | null }[]> {
  const links = await page.locator('.ds_error-summary').getByRole('link').all();
  return Promise.all(
    links.map(async (l) => ({ text: (await l.textContent())?.trim() ?? '', href: await l.getAttribute('href') })),
  );
}

/** Follow an error-summary link and check that it puts the keyboard focus on its field. */
async function followErrorLink(page: Page, link: Locator, field: string): Promise<void> {
  await link.click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(field);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Type into the register's search box and press Search (a GET form); the status of the answer. */
async function search(page: Page, words: string): Promise<number | undefined> {
  await page.getByLabel('Search', { exact: true }).fill(words);
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().method() === 'GET' &&
        r.request().isNavigationRequest() &&
        new URL(r.url()).searchParams.get('q') === words,
    ),
    page.getByRole('button', { name: 'Search' }).click(),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

// One shared tab: the body's lead signs out, the officer signs in and out again, and the visitor who is
// left looks at the register, as would happen on a library computer.
let page: Page;

describe('a participation request, from the community body to the public register', () => {
  beforeAll(async () => {
    page = await newPage();
  });

  it('the community body’s lead contact makes the request, after correcting what the form says is missing', async () => {
    await signIn(page, BODY_LEAD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community bodies' }).click();
    await page.waitForURL((u) => u.pathname === '/community');
    expect(await page.locator('h1').textContent()).toBe('Your community bodies');

    const body = page.getByRole('region', { name: BODY });
    await body.getByRole('link', { name: 'Make a participation request' }).click();
    await page.waitForURL(
      (u) =>
        /^\/community\/bodies\/\d+\/requests\/new$/.test(u.pathname) && u.searchParams.get('kind') === 'participation',
    );
    expect(await page.locator('h1').textContent()).toBe('New participation request');

    const authority = page.getByLabel('The public service authority the request is made to');
    const title = page.getByLabel('A short title');
    const outcome = page.getByLabel('The outcome the body wants to help improve');
    const reasons = page.getByLabel('Why the body should take part in an outcome improvement process');
    const knowledge = page.getByLabel('The body’s knowledge, expertise and experience of the outcome');
    const improvement = page.getByLabel('The improvement in the outcome the body expects');
    const submitButton = page.getByRole('button', { name: 'Submit the request' });

    // 1. Nothing filled in: the form comes back saying what is missing first (the authority and a title).
    expect(await submit(page, submitButton)).toBe(400);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.ds_error-summary').getByRole('heading').textContent()).toContain('There is a problem');
    let links = await errorLinks(page);
    expect(links.map((l) => l.href).sort()).toEqual(['#authority_organisation_id', '#title']);
    expect(links.find((l) => l.href === '#title')?.text).toBe('Title: Give the request a short title');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await followErrorLink(
      page,
      page.locator('.ds_error-summary').getByRole('link', { name: /^Authority:/ }),
      'authority_organisation_id',
    );

    // 2. Authority, title and outcome given, the other statutory content left out: the Act's checks name
    // each missing part, and nothing typed is lost.
    await authority.selectOption({ label: AUTHORITY });
    await title.fill(TITLE);
    await outcome.fill('Children and older people cross the main road at Kilbrae Hall safely.');
    expect(await submit(page, submitButton)).toBe(400);
    links = await errorLinks(page);
    expect(links.map((l) => l.href).sort()).toEqual(['#improvement', '#knowledge', '#reasons']);
    expect(links.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        'Why the body should take part: Explain why the body should take part in the process',
        'Knowledge and experience: Describe the body’s knowledge, expertise and experience of the outcome',
        'Improvement expected: Describe the improvement in the outcome the body expects',
      ]),
    );
    for (const field of [reasons, knowledge, improvement])
      expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await outcome.getAttribute('aria-invalid')).toBeNull();
    expect(await authority.locator('option:checked').textContent()).toBe(AUTHORITY);
    expect(await title.inputValue()).toBe(TITLE);
    expect(await outcome.inputValue()).toBe('Children and older people cross the main road at Kilbrae Hall safely.');
    await followErrorLink(
      page,
      page.locator('.ds_error-summary').getByRole('link', { name: /^Knowledge and experience:/ }),
      'knowledge',
    );

    await screenshot(page, 'community-request-form.png');
    await expectAccessible(page, 'the participation request form with errors');

    // 3. Complete, and submitted.
    await reasons.fill('Members run the hall and see every evening how people cross to it in the dark.');
    await knowledge.fill('A count of crossings over two winter weeks, and the hall users’ survey (fictional).');
    await improvement.fill('A lit crossing in place, and no near misses reported at the hall within a year.');
    expect(await submit(page, submitButton)).toBe(303);
    expect(pathOf(page)).toMatch(/^\/community\/requests\/\d+$/);
    bodyRequestPath = pathOf(page);

    reference = ((await summaryValue(page, 'Reference').textContent()) ?? '').trim();
    expect(reference).toMatch(new RegExp(`^PR-${new Date().getUTCFullYear()}-\\d{4}$`));
    expect(await page.locator('h1').textContent()).toBe(`${reference}: ${TITLE}`);
    expect(await page.getByRole('status').textContent()).toContain(`${reference} is submitted to the authority.`);
    expect((await summaryValue(page, 'Status').textContent())?.trim()).toBe('Submitted, awaiting validation');
    expect((await summaryValue(page, 'Made to').textContent())?.trim()).toBe(AUTHORITY);
    expect((await summaryValue(page, 'Validation date').textContent())?.trim()).toBe('Not yet validated');

    // The refused submissions left no draft behind: the body's list has this request once, submitted.
    await page.goto('/community');
    const rows = page
      .getByRole('region', { name: `Requests of ${BODY}` })
      .getByRole('row')
      .filter({ hasText: TITLE });
    expect(await rows.count()).toBe(1);
    expect(await rows.textContent()).toContain(reference);
    expect(await rows.textContent()).toContain('Submitted, awaiting validation');
  });

  it('an officer of the partnership validates it, starting the statutory clock, and agrees it', async () => {
    expect(reference, 'the request was made').not.toBe('');
    await signOut(page);
    await signIn(page, OFFICER);

    await page.goto(`/partnerships/${DEMO.code}/requests`);
    const row = page
      .getByRole('region', { name: 'Requests', exact: true })
      .getByRole('row')
      .filter({ hasText: reference });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.textContent()).toContain(BODY);
    expect(await row.textContent()).toContain('Submitted, awaiting validation');
    await row.getByRole('link', { name: reference, exact: true }).click();
    await page.waitForURL((u) => /^\/partnerships\/[^/]+\/requests\/\d+$/.test(u.pathname));
    expect(await page.locator('h1').textContent()).toBe(`${reference}: ${TITLE}`);
    expect((await summaryValue(page, 'Status').textContent())?.trim()).toBe('Submitted, awaiting validation');
    expect(await page.locator('main').textContent()).toContain('No statutory clock is running yet');
    await expectAccessible(page, 'the authority’s page of a submitted request');

    // Acknowledge and validate: the validation date is today unless the officer says otherwise.
    const validate = await openStep(page, 'Acknowledge and validate');
    expect(await validate.getByLabel('Validation date').inputValue()).toBe(today());
    expect(await submit(page, validate.locator('form').getByRole('button', { name: 'Acknowledge and validate' }))).toBe(
      303,
    );
    expect(await page.getByRole('status').textContent()).toContain(`${reference}: Validated, awaiting decision.`);
    expect((await summaryValue(page, 'Status').textContent())?.trim()).toBe('Validated, awaiting decision');
    expect(await page.locator('main').textContent()).toContain(`Responsible officer: ${OFFICER_NAME}.`);
    const deadlines = page.getByRole('region', { name: 'Statutory deadlines' });
    const decisionDeadline = deadlines.getByRole('row').filter({ hasText: DECISION_DEADLINE });
    expect(await decisionDeadline.count()).toBe(1);
    expect(await decisionDeadline.textContent()).toContain(todayShown()); // the clock begins with validation
    expect(await decisionDeadline.textContent()).toContain('Open');

    // Decide and publish the decision notice.
    const decide = await openStep(page, 'Decide and publish the decision notice');
    await decide.getByLabel('Decision', { exact: true }).selectOption({ label: 'Agreed' });
    expect(await decide.getByLabel('Date of the decision').inputValue()).toBe(today());
    await decide
      .getByLabel('Public health', { exact: true })
      .fill('A safe crossing lets older people reach the lunch club and the surgery on foot.');
    await decide
      .getByLabel('Social wellbeing', { exact: true })
      .fill('The hall is where the village meets; getting to it safely matters to everyone.');
    await screenshot(page, 'community-officer-decide.png');
    await expectAccessible(page, 'the authority’s page of a validated request, deciding');
    expect(
      await submit(
        page,
        decide.locator('form').getByRole('button', { name: 'Decide and publish the decision notice' }),
      ),
    ).toBe(303);

    expect(await page.getByRole('status').textContent()).toContain(`${reference}: Agreed.`);
    expect((await summaryValue(page, 'Status').textContent())?.trim()).toBe('Agreed');
    expect(await page.getByRole('heading', { name: 'Decision notice' }).count()).toBe(1);
    const met = page
      .getByRole('region', { name: 'Statutory deadlines' })
      .getByRole('row')
      .filter({ hasText: DECISION_DEADLINE });
    expect(await met.textContent()).toContain(`Met on ${todayShown()}`);
    await expectAccessible(page, 'the authority’s page of an agreed request');
  });

  it('the body sees the decision on its own page', async () => {
    expect(bodyRequestPath, 'the request was made').not.toBe('');
    const body = await newPage();
    await signIn(body, BODY_LEAD);
    await body.goto(bodyRequestPath);
    expect((await summaryValue(body, 'Status').textContent())?.trim()).toBe('Agreed');
    expect(await body.getByRole('heading', { name: 'Decision notice' }).count()).toBe(1);
  });

  it('anyone finds the decision notice in the public register, without the officer’s name or the body’s contact details', async () => {
    expect(reference, 'the request was made').not.toBe('');
    await signOut(page);
    expect(await page.locator('.cairn-account').getByRole('link', { name: 'Sign in' }).count()).toBe(1);

    // From the public registers' front page to the register of participation requests, then the search box.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registers' }).click();
    await page.waitForURL((u) => u.pathname === '/registers');
    await page.getByRole('link', { name: 'Participation requests' }).click();
    await page.waitForURL(
      (u) => u.pathname === '/registers/requests' && u.searchParams.get('kind') === 'participation',
    );
    expect(await search(page, TITLE)).toBe(200);
    expect(await page.getByRole('status').textContent()).toContain('1 request.');
    const row = page
      .getByRole('region', { name: 'Requests in the register' })
      .getByRole('row')
      .filter({ hasText: reference });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(TITLE);
    expect(await row.textContent()).toContain('Agreed');
    await expectAccessible(page, 'the register of requests, searched');

    await row.getByRole('link', { name: reference, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/registers/requests/${reference}`);
    expect(await page.locator('h1').textContent()).toBe(`${reference}: ${TITLE}`);
    const notice = page.getByRole('region', { name: 'Decision notice' });
    expect(await notice.count()).toBe(1);
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText).toContain('Agreed');
    expect(noticeText).toContain(`Decision notice: ${reference}, ${TITLE}`);
    expect(noticeText).toContain(`The participation request was agreed on ${todayShown()}.`);
    expect(noticeText).toContain('A safe crossing lets older people reach the lunch club');
    expect((await summaryValue(page, 'Status').textContent())?.trim()).toBe('Agreed');
    expect((await summaryValue(page, 'Community body').textContent())?.trim()).toContain(BODY);

    // What the register must not show: who handled it inside the authority, and how to reach the body's people.
    const html = await page.content();
    for (const secret of [OFFICER_NAME, OFFICER, BODY_LEAD, BODY_LEAD_NAME])
      expect(html, `the public page shows ${secret}`).not.toContain(secret);

    await screenshot(page, 'register-decision-notice.png');
    await expectAccessible(page, 'the decision notice in the public register');
  });

  it('the register of requests can be searched straight away, without choosing a kind first', async () => {
    expect(reference, 'the request was made').not.toBe('');
    const visitor = await newPage();
    await visitor.goto('/registers/requests');
    expect(await visitor.getByLabel('Kind', { exact: true }).locator('option:checked').textContent()).toBe(
      'Both kinds',
    );
    expect(
      await search(visitor, TITLE),
      'searching with “Both kinds”, “All partnerships” and “Any status” left as they are',
    ).toBe(200);
    expect(pathOf(visitor)).toBe('/registers/requests');
    expect(await visitor.getByRole('status').textContent()).toContain('1 request.');
    const row = visitor
      .getByRole('region', { name: 'Requests in the register' })
      .getByRole('row')
      .filter({ hasText: reference });
    expect(await row.count()).toBe(1);
  });
});
