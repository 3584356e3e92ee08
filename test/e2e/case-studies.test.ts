import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, expectAccessible, MANAGER, openStep, pathOf, signIn, startE2E, submit } from './browser.ts';

/**
 * The good-practice library in a real browser, without JavaScript shortcuts: a partnership manager
 * writes a case study with a measure read from the outcomes data and submits it; a national analyst
 * publishes it; anyone finds it by full-text search with a stemmed word. axe checks each page on the way.
 */
const ANALYST = 'analyst@cairn.example';
const e2e = await startE2E();
afterAll(() => e2e.close());

async function pageAs(email: string | null): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  if (email) await signIn(page, email);
  return page;
}

describe('the good-practice library', () => {
  it('a manager writes and submits a case study, an analyst publishes it, and anyone finds it by full-text search', async () => {
    const manager = await pageAs(MANAGER);
    await manager.goto(`/partnerships/${DEMO.code}/improvement/case-studies`);
    await expectAccessible(manager, 'the partnership’s case studies');
    await manager.getByLabel('Title').fill('Volunteer drivers for hospital appointments');
    await manager.getByLabel('Summary').fill('Volunteers drive people without a car to their appointments.');
    await manager
      .getByLabel('The case study')
      .fill(
        'The third sector interface recruited volunteer drivers.\n\nMissed appointments fell across the glens communities.',
      );
    await manager.getByLabel('Theme: the national outcome it mainly serves').selectOption({ label: 'Health' });
    await manager.locator('label', { hasText: 'Focus on prevention' }).click();
    expect(await manager.getByLabel('Focus on prevention').isChecked()).toBe(true);
    await manager.getByLabel('Contact').fill('Community transport officer (fictional)');
    expect(await submit(manager, manager.getByRole('button', { name: 'Save as a draft' }))).toBe(303);
    expect(pathOf(manager)).toMatch(new RegExp(`^/partnerships/${DEMO.code}/improvement/case-studies/\\d+$`));
    const id = Number(pathOf(manager).split('/').at(-1));

    // A measure from the outcomes data: a period the data does not hold is refused, naming the field.
    const measure = await openStep(manager, 'Add a measure it moved');
    await measure.getByLabel('Measure', { exact: true }).fill('Early deaths');
    await measure.getByLabel('Indicator of the outcomes data (optional)').selectOption('cpop-early-mortality');
    await measure.getByLabel('Area code (with an indicator)').fill('DEMO-GLENLOCHY');
    await measure.getByLabel('Period before').fill('1990');
    await measure.getByLabel('Period after').fill('2022');
    expect(await submit(manager, measure.getByRole('button', { name: 'Add the measure' }))).toBe(400);
    expect(await manager.locator('.ds_error-summary').innerText()).toContain('Period before');
    await expectAccessible(manager, 'a measure with errors');
    await manager.locator('#measure-before_period').fill('2018');
    expect(await submit(manager, manager.getByRole('button', { name: 'Add the measure' }))).toBe(303);
    expect(await manager.locator('main').innerText()).toMatch(/405 \(2018\)\s+404 \(2022\)/);

    expect(await submit(manager, manager.getByRole('button', { name: 'Submit for publication' }))).toBe(303);
    expect(await manager.locator('main').innerText()).toContain('Submitted, awaiting review');

    const analyst = await pageAs(ANALYST);
    await analyst.goto('/good-practice/review');
    await expectAccessible(analyst, 'the review queue');
    await analyst.getByRole('link', { name: 'Volunteer drivers for hospital appointments' }).click();
    await analyst.waitForURL((u) => u.pathname === `/good-practice/review/${id}`);
    await expectAccessible(analyst, 'a case study to review');
    expect(await submit(analyst, analyst.getByRole('button', { name: 'Publish in the good-practice library' }))).toBe(
      303,
    );
    expect(pathOf(analyst)).toBe(`/good-practice/${id}`);

    const visitor = await pageAs(null);
    await visitor.goto('/good-practice');
    await visitor.getByLabel('Words').fill('community appointment');
    await visitor.getByRole('button', { name: 'Search' }).click();
    await visitor.waitForURL(
      (u) => u.pathname === '/good-practice' && u.searchParams.get('q') === 'community appointment',
    );
    await expectAccessible(visitor, 'search results');
    const result = visitor.getByRole('link', { name: 'Volunteer drivers for hospital appointments' });
    expect(await result.count()).toBe(1);
    expect(await visitor.locator('.cairn-snippet mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['communities', 'appointments']),
    );
    await result.click();
    await visitor.waitForURL((u) => u.pathname === `/good-practice/${id}`);
    await expectAccessible(visitor, 'the published case study');
    expect(await visitor.locator('main').innerText()).toContain('Focus on prevention');
    expect(await visitor.locator('figure svg').count()).toBe(1);
  });
});
