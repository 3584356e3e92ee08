import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import type { PartnershipRef } from '../src/core/http/env.ts';
import { CASE_STUDY_TRANSITIONS } from '../src/modules/improvement/case-studies-workflow.ts';
import { auditCount, createWorld, DEMO, lastAudit, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { CASE_STUDY_FORM } from './helpers/samples-case-studies.ts';

const setup = cliContext(systemActor('test setup'));
const MANAGER = 'manager@glenlochy.example';
const ANALYST = 'analyst@cairn.example';

let world: TestWorld;
let demo: PartnershipRef;

beforeAll(async () => {
  world = await createWorld();
  demo = (await world.deps.partnerships.resolve(DEMO.code))!;
});
afterAll(() => world.close());

async function publish(
  fields: { title: string; summary: string; body: string },
  criteria: string[] = [],
): Promise<number> {
  const svc = world.deps.caseStudies;
  const { id } = await svc.create(setup, demo, { ...CASE_STUDY_FORM, ...fields, criteria });
  await svc.submit(setup, demo, id);
  await svc.decide(setup, id, 'publish');
  return id;
}

const search = async (q: string) =>
  (await world.deps.caseStudies.search(cliContext({ kind: 'anonymous' }), { q })).map((h) => h.id);
/** The fields the error summary links to. */
const errorLinks = (html: string) =>
  [...(html.split('ds_error-summary__list')[1] ?? '').split('</ul>')[0]!.matchAll(/href="(#[^"]+)"/g)].map((m) => m[1]);
const ids = (text: string) => [...text.matchAll(/href="\/good-practice\/(\d+)"/g)].map((m) => Number(m[1]));

describe('full-text search of the good-practice library', () => {
  it('finds a case study by a stemmed word: "communities" finds "community"', async () => {
    const id = await publish({
      title: 'A shared garden on the estate',
      summary: 'Tenants grew food together.',
      body: 'The community association ran it with the housing team.',
    });
    expect(await search('communities')).toContain(id);
    const page = await (await signedIn(world, null)).get('/good-practice?q=communities');
    expect(page.status).toBe(200);
    expect(ids(page.text)).toContain(id);
    expect(page.text).toMatch(/<mark>community<\/mark>/i);
  });

  it('ranks a match in the title above matches only in the body', async () => {
    const inBody = await publish({
      title: 'Warm homes for older people',
      summary: 'Insulation for pensioners.',
      body: 'Volunteers from the allotment society helped; the allotment group and allotment holders gave produce.',
    });
    const inTitle = await publish({
      title: 'Allotments for every locality',
      summary: 'New growing spaces.',
      body: 'Plots were given to families on the waiting list.',
    });
    const found = await search('allotment');
    expect(found.indexOf(inTitle)).toBeGreaterThanOrEqual(0);
    expect(found.indexOf(inTitle)).toBeLessThan(found.indexOf(inBody));
  });

  it('shows matched words marked but never lets the text through as HTML', async () => {
    const id = await publish({
      title: 'Safer streets by design',
      summary: 'Lighting and paths.',
      body: 'Residents mapped dark paths <script>alert("x")</script> and <b>lighting</b> was fixed by the lighting team.',
    });
    const page = await (await signedIn(world, null)).get('/good-practice?q=lighting');
    expect(ids(page.text)).toContain(id);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<b>lighting');
    expect(page.text).toContain('<mark>lighting</mark>');
    const json = await (await signedIn(world, null)).get('/api/v1/good-practice?q=lighting');
    expect(json.json<{ data: { id: number }[] }>().data.map((h) => h.id)).toContain(id);
  });

  it('filters by theme, principle and partnership', async () => {
    const principles = await world.deps.caseStudies.principles();
    const prevention = principles.find((x) => x.code === 'prevention')!;
    const id = await publish(
      { title: 'Falls prevention classes', summary: 'Strength and balance.', body: 'Classes in every village hall.' },
      [String(prevention.id)],
    );
    const anon = cliContext({ kind: 'anonymous' });
    const svc = world.deps.caseStudies;
    expect((await svc.search(anon, { principle: 'prevention' })).map((h) => h.id)).toContain(id);
    expect((await svc.search(anon, { principle: 'shared-leadership' })).map((h) => h.id)).not.toContain(id);
    expect((await svc.search(anon, { theme: 'communities', partnership: DEMO.code })).map((h) => h.id)).toContain(id);
    expect((await svc.search(anon, { theme: 'health' })).map((h) => h.id)).not.toContain(id);
    expect((await svc.search(anon, { partnership: OTHER.code })).map((h) => h.id)).not.toContain(id);
  });
});

describe('who sees what', () => {
  it('never shows a draft or a submitted case study in public search or at its address', async () => {
    const svc = world.deps.caseStudies;
    const { id: draft } = await svc.create(setup, demo, {
      ...CASE_STUDY_FORM,
      title: 'Zebra crossings for the school run',
      criteria: [],
    });
    const { id: submitted } = await svc.create(setup, demo, {
      ...CASE_STUDY_FORM,
      title: 'Zebra patrols at the harbour',
      criteria: [],
    });
    await svc.submit(setup, demo, submitted);
    expect(await search('zebra')).toEqual([]);
    for (const email of [null, MANAGER, ANALYST]) {
      const client = await signedIn(world, email);
      expect(ids((await client.get('/good-practice?q=zebra')).text)).toEqual([]);
      expect((await client.get(`/good-practice/${draft}`)).status).toBe(404);
      expect((await client.get(`/good-practice/${submitted}`)).status).toBe(404);
      expect((await client.get(`/api/v1/good-practice/${draft}`)).status).toBe(404);
    }
    // The partnership's own people see both; a reviewer sees the submitted one only.
    const manager = await signedIn(world, MANAGER);
    expect((await manager.get(`/partnerships/${DEMO.code}/improvement/case-studies/${draft}`)).status).toBe(200);
    const analyst = await signedIn(world, ANALYST);
    expect((await analyst.get(`/good-practice/review/${submitted}`)).status).toBe(200);
    expect((await analyst.get(`/good-practice/review/${draft}`)).status).toBe(404);
  });

  it('answers 404 to another partnership, by either address', async () => {
    const { id } = await world.deps.caseStudies.create(setup, demo, {
      ...CASE_STUDY_FORM,
      title: 'A draft Fife must not see',
      criteria: [],
    });
    const fife = await signedIn(world, OTHER.email);
    const own = await fife.get(`/partnerships/${DEMO.code}/improvement/case-studies/${id}`);
    expect(own.status).toBe(404);
    expect(own.text).not.toContain('A draft Fife must not see');
    const viaFife = await fife.get(`/partnerships/${OTHER.code}/improvement/case-studies/${id}`);
    expect(viaFife.status).toBe(404);
    expect(viaFife.text).not.toContain('A draft Fife must not see');
    const before = await auditCount(world);
    expect((await fife.post(`/partnerships/${OTHER.code}/improvement/case-studies/${id}/submit`)).status).toBe(404);
    expect(
      (await fife.post(`/partnerships/${OTHER.code}/improvement/case-studies/${id}`, { ...CASE_STUDY_FORM })).status,
    ).toBe(404);
    expect(await auditCount(world)).toBe(before);
    const list = await fife.get(`/partnerships/${OTHER.code}/improvement/case-studies`);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('Glenlochy');
  });
});

describe('bad input', () => {
  it('names each wrong field and writes nothing', async () => {
    const manager = await signedIn(world, MANAGER);
    const before = await auditCount(world);
    const count = async () =>
      Number(
        (
          await world.handle.db
            .selectFrom('case_studies')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = await count();
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies`, {
      title: '',
      summary: 'ok summary',
      body: 'b',
      theme_code: 'no-such-theme',
      contact: 'Someone',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#title"');
    expect(res.text).toContain('href="#body"');
    const second = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies`, {
      ...CASE_STUDY_FORM,
      theme_code: 'no-such-theme',
      criteria: ['999999'],
    });
    expect(second.status).toBe(400);
    expect(errorLinks(second.text)).toEqual(['#theme_code', '#criteria']);
    expect(await count()).toBe(rows);
    expect(await auditCount(world)).toBe(before);
  });

  it('refuses a measure whose periods the outcomes data does not hold, naming the period', async () => {
    const { id } = await world.deps.caseStudies.create(setup, demo, { ...CASE_STUDY_FORM, criteria: [] });
    const manager = await signedIn(world, MANAGER);
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies/${id}/measures`, {
      title: 'Child poverty',
      indicator_code: 'cpop-child-poverty',
      area_code: 'DEMO-GLENLOCHY',
      before_period: '1999',
      after_period: '2022',
    });
    expect(res.status).toBe(400);
    expect(errorLinks(res.text)).toEqual(['#measure-before_period']);
    expect(res.text).toContain('Cairn has no value of this indicator for this area in 1999');
    const own = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies/${id}/measures`, {
      title: 'Own',
      before_period: '2020',
      after_period: '2022',
    });
    expect(own.status).toBe(400);
    expect(errorLinks(own.text).sort()).toEqual([
      '#measure-after_value',
      '#measure-before_value',
      '#measure-higher_is_better',
      '#measure-source',
    ]);
    const notNumber = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies/${id}/measures`, {
      title: 'Own',
      before_period: '2020',
      after_period: '2022',
      before_value: 'lots',
      after_value: '3',
      higher_is_better: 'true',
      source: 'Our count',
    });
    expect(errorLinks(notNumber.text)).toEqual(['#measure-before_value']);
    expect(
      (await world.handle.db.selectFrom('case_study_measures').select('id').where('case_study_id', '=', id).execute())
        .length,
    ).toBe(0);
  });
});

describe('the publication workflow', () => {
  it('is a table: submit from draft or returned; publish or return only what is submitted', () => {
    expect(CASE_STUDY_TRANSITIONS.map((t) => `${t.action}: ${t.from.join('|')} → ${t.to}`)).toEqual([
      'submit: draft|returned → submitted',
      'publish: submitted → published',
      'return: submitted → returned',
    ]);
  });

  it('runs draft → submitted → returned → edited → submitted → published, and refuses every other step', async () => {
    const manager = await signedIn(world, MANAGER);
    const analyst = await signedIn(world, ANALYST);
    const created = await manager.post(`/partnerships/${DEMO.code}/improvement/case-studies`, {
      ...CASE_STUDY_FORM,
      title: 'Community transport to the hospital',
    });
    expect(created.status).toBe(303);
    const id = Number(created.location!.split('/').at(-1));
    const own = `/partnerships/${DEMO.code}/improvement/case-studies/${id}`;

    // Not submitted yet: the reviewer cannot publish it.
    expect((await analyst.post(`/good-practice/review/${id}/publish`)).status).toBe(404);
    expect((await manager.post(`${own}/submit`)).status).toBe(303);
    expect((await lastAudit(world))[0]).toMatchObject({ action: 'case-study.submit' });
    // Submitted: locked for the partnership, and not submitted twice.
    expect((await manager.post(own, { ...CASE_STUDY_FORM, title: 'Changed' })).status).toBe(409);
    expect((await manager.post(`${own}/submit`)).status).toBe(409);
    expect((await manager.post(`${own}/documents`, { title: 'Minutes', url: 'https://example.org/x' })).status).toBe(
      409,
    );
    // The partnership cannot publish its own.
    expect((await manager.post(`/good-practice/review/${id}/publish`)).status).toBe(403);
    // Returned without a reason: refused, naming the field.
    const noReason = await analyst.post(`/good-practice/review/${id}/return`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#reason"');
    expect((await analyst.get('/good-practice/review')).text).toContain('Community transport to the hospital');
    expect(
      (await analyst.post(`/good-practice/review/${id}/return`, { reason: 'Add the figures after the first year.' }))
        .status,
    ).toBe(303);
    expect((await analyst.post(`/good-practice/review/${id}/publish`)).status).toBe(409);
    const page = await manager.get(own);
    expect(page.text).toContain('Add the figures after the first year.');
    // Edited and submitted again; then published and public.
    expect(
      (await manager.post(own, { ...CASE_STUDY_FORM, title: 'Community transport to the hospital, a year on' })).status,
    ).toBe(303);
    expect((await manager.post(`${own}/submit`)).status).toBe(303);
    expect((await analyst.post(`/good-practice/review/${id}/publish`)).status).toBe(303);
    expect((await lastAudit(world))[0]).toMatchObject({ action: 'case-study.publish' });
    const twice = await analyst.post(`/good-practice/review/${id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('A case study that is published cannot be published.');
    expect((await analyst.post(`/good-practice/review/${id}/return`, { reason: 'Too late' })).status).toBe(409);
    expect((await manager.post(own, { ...CASE_STUDY_FORM })).status).toBe(409);
    const pub = await (await signedIn(world, null)).get(`/good-practice/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain('Community transport to the hospital, a year on');
  });
});

describe('before and after', () => {
  it('reads an indicator’s figures from observations, with its polarity, and follows the data', async () => {
    const published = await world.handle.db
      .selectFrom('case_studies')
      .select('id')
      .where('status', '=', 'published')
      .where('fictional', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const anon = cliContext({ kind: 'anonymous' });
    const d = await world.deps.caseStudies.published(anon, published.id);
    const child = d.measures.find((m) => m.indicatorCode === 'cpop-child-poverty')!;
    expect(child).toMatchObject({
      before: 23.9,
      after: 21.9,
      higherIsBetter: false,
      direction: 'improved',
      fromCairn: true,
    });
    expect(child.change).toBeCloseTo(-2, 6);
    const own = d.measures.find((m) => !m.fromCairn)!;
    expect(own).toMatchObject({ before: 35, after: 152, direction: 'improved' });

    const csv = await (await signedIn(world, null)).get(`/good-practice/${published.id}/measures.csv`);
    expect(csv.text.split('\r\n')[0]).toBe(
      'measure,indicator_code,indicator,area_code,area,unit,higher_is_better,before_period,before_value,after_period,after_value,change,direction,figures_from,source',
    );
    expect(csv.text).toContain('cpop-child-poverty');
    expect(csv.text).toMatch(/,2018,23\.9,2022,21\.9,/);

    // The figures are read, not copied: a corrected value shows at once; a worse one says so.
    await world.handle.db
      .updateTable('observations')
      .set({ value: 25 })
      .where('indicator_code', '=', 'cpop-child-poverty')
      .where('area_code', '=', 'DEMO-GLENLOCHY')
      .where('period_label', '=', '2022')
      .execute();
    try {
      const again = (await world.deps.caseStudies.published(anon, published.id)).measures.find(
        (m) => m.indicatorCode === 'cpop-child-poverty',
      )!;
      expect(again).toMatchObject({ after: 25, direction: 'worsened' });
      const page = await (await signedIn(world, null)).get(`/good-practice/${published.id}`);
      expect(page.text).toContain('Worsened');
      expect(page.text).toContain('<svg');
    } finally {
      await world.handle.db
        .updateTable('observations')
        .set({ value: 21.9 })
        .where('indicator_code', '=', 'cpop-child-poverty')
        .where('area_code', '=', 'DEMO-GLENLOCHY')
        .where('period_label', '=', '2022')
        .execute();
    }
  });
});
