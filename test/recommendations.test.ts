import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { parse } from 'csv-parse/sync';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { columnsOf, dataset } from '../src/modules/datasets/index.ts';
import { toCsv } from '../src/core/csv.ts';

const parseCsv = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true, relax_column_count: false });

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const ANALYST = 'analyst@cairn.example';
const MANAGER = 'manager@glenlochy.example';
const as = (email: string | null) => signedIn(world, email);
const db = () => world.handle.db;
const count = async (
  table:
    | 'recommendations'
    | 'recommendation_reports'
    | 'recommendation_progress'
    | 'recommendation_responses'
    | 'recommendation_groups'
    | 'recommendation_addressees'
    | 'recommendation_dimensions',
) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function readDocx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  return {
    text: [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    rows: xml.split('<w:tr>').length - 1 + (xml.split('<w:tr ').length - 1),
  };
}

async function demoReport() {
  return db()
    .selectFrom('recommendation_reports')
    .selectAll()
    .where('title', '=', 'Community planning: an update')
    .executeTakeFirstOrThrow();
}
async function recId(ref: string) {
  const r = await demoReport();
  return (
    await db()
      .selectFrom('recommendations')
      .select('id')
      .where('report_id', '=', r.id)
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow()
  ).id;
}

describe('the demo: Audit Scotland’s March 2016 recommendations', () => {
  it('holds the thirteen recommendations of seed 002 section 5, rated only where the impact report rates them', async () => {
    const r = await demoReport();
    expect(r.published_on).toBe('2016-03-03');
    const view = await world.deps.recommendations.report(cliContext(systemActor('t')), r.id);
    expect(view.recommendations.map((x) => x.ref).sort()).toEqual([
      '5.1 a',
      '5.1 b',
      '5.1 c',
      '5.1 d',
      '5.1 e',
      '5.1 f',
      '5.2 a',
      '5.2 b',
      '5.2 c',
      '5.2 d',
      '5.3 a',
      '5.3 b',
      '5.3 c',
    ]);
    const by = (ref: string) => view.recommendations.find((x) => x.ref === ref)!;
    expect(by('5.1 b').text).toBe(
      'work with the Improvement Service and others to establish a locally tailored national programme of improvement support for CPPs',
    );
    expect(by('5.1 a').addressees.map((a) => a.kind)).toEqual(['scottish_government', 'cosla']);
    expect(by('5.2 c').addressees.map((a) => a.kind)).toEqual(['scottish_government']);
    expect(by('5.3 a').addressees.map((a) => a.kind)).toEqual(['all_cpps']);
    // The appendix: Green, Amber, Red as it gives them; nothing for the three recommendations to CPPs.
    expect(by('5.1 b').latest?.rating).toBe('green');
    expect(by('5.1 e').latest?.rating).toBe('red');
    expect(by('5.2 b').latest?.rating).toBe('amber');
    expect(by('5.1 a').history.map((g) => g.rating)).toEqual(['green', 'amber']);
    for (const ref of ['5.3 a', '5.3 b', '5.3 c']) expect(by(ref).history).toEqual([]);
    expect(by('5.1 e').dimensions.map((d) => d.code)).toEqual(['governance-transparency', 'value-for-money']);
    expect(by('5.1 b').dimensions.map((d) => d.code)).toEqual(['value-for-money']);
  });

  it('links the demo partnership’s improvement action on prevention to 5.3 a', async () => {
    const p = (await world.deps.partnerships.resolve(DEMO.code))!;
    const links = await db()
      .selectFrom('recommendation_responses as s')
      .innerJoin('plan_actions as a', 'a.id', 's.action_id')
      .innerJoin('plan_outcomes as o', 'o.id', 'a.plan_outcome_id')
      .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
      .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
      .select(['s.recommendation_id', 'pl.kind', 'pl.partnership_id', 'a.title'])
      .execute();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      recommendation_id: await recId('5.3 a'),
      kind: 'improvement',
      partnership_id: p.id,
    });
    expect(links[0]!.title).toMatch(/prevent/);
  });
});

describe('adding reports and recommendations', () => {
  it('refuses bad input naming the field, and writes nothing', async () => {
    const analyst = await as(ANALYST);
    const before = { reports: await count('recommendation_reports'), audit: await auditCount(world) };
    const bad = await analyst.post('/recommendations', {
      title: 'A report',
      publisher: 'Audit Scotland',
      published_on: '3 March 2016',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Published on: Enter the date of publication as YYYY-MM-DD');
    expect(await count('recommendation_reports')).toBe(before.reports);

    const ok = await analyst.post('/recommendations', {
      title: 'Test report on partnerships',
      publisher: 'Test publisher',
      published_on: '2020-05-01',
      url: 'https://example.org/report',
    });
    expect(ok.status).toBe(303);
    const id = Number(ok.location!.split('/').pop());
    const counts = async () => [
      await count('recommendations'),
      await count('recommendation_groups'),
      await count('recommendation_addressees'),
      await count('recommendation_dimensions'),
      await auditCount(world),
    ];
    const start = await counts();

    const noText = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      group: 'A new group',
      addressees: 'all_cpps',
      dimensions: 'value-for-money',
    });
    expect(noText.status).toBe(400);
    expect(noText.text).toContain('Recommendation: Enter the text of the recommendation');
    const unknownDim = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      text: 'Do better',
      group: 'A new group',
      addressees: 'all_cpps',
      dimensions: ['value-for-money', 'happiness'],
    });
    expect(unknownDim.status).toBe(400);
    expect(unknownDim.text).toContain('Audit dimensions: Not an audit dimension: happiness');
    const noAddressee = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      text: 'Do better',
      group: 'A new group',
    });
    expect(noAddressee.status).toBe(400);
    expect(noAddressee.text).toContain('Addressed to: Choose at least one addressee');
    const unknownPartnership = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      text: 'Do better',
      partnership_code: 'atlantis',
    });
    expect(unknownPartnership.status).toBe(400);
    expect(unknownPartnership.text).toContain('A named partnership: Choose a partnership from the list');
    expect(await counts()).toEqual(start);

    const added = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      text: 'Partnerships should publish their plans',
      group: 'Plans',
      addressees: ['all_cpps'],
      partnership_code: OTHER.code,
      dimensions: ['governance-transparency'],
    });
    expect(added.status).toBe(303);
    const dup = await analyst.post(`/recommendations/reports/${id}/recommendations`, {
      ref: '1',
      text: 'Again',
      addressees: 'cosla',
    });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('This report already has a recommendation 1');
    const page = await analyst.get(`/recommendations/reports/${id}`);
    expect(page.text).toContain('Partnerships should publish their plans');
    expect(page.text).toContain('Community Planning Partnerships and Fife');
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('recommendation.add');
  });

  it('keeps every rating as history; a bad date is refused naming the field', async () => {
    const analyst = await as(ANALYST);
    const r = await demoReport();
    const id = await recId('5.3 b');
    const before = await count('recommendation_progress');
    const badDate = await analyst.post(`/recommendations/reports/${r.id}/progress`, {
      recommendation_id: String(id),
      rating: 'amber',
      narrative: 'Some progress',
      as_of: '2019-13-01',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('As at: Enter the date the rating applies from as YYYY-MM-DD');
    const tooEarly = await analyst.post(`/recommendations/reports/${r.id}/progress`, {
      recommendation_id: String(id),
      rating: 'amber',
      narrative: 'Some progress',
      as_of: '2015-01-01',
    });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.text).toContain('A rating cannot date from before the report was published');
    const badRating = await analyst.post(`/recommendations/reports/${r.id}/progress`, {
      recommendation_id: String(id),
      rating: 'purple',
      narrative: 'Some progress',
      as_of: '2019-01-01',
    });
    expect(badRating.status).toBe(400);
    expect(badRating.text).toContain('Rating: Choose Green, Amber or Red');
    expect(await count('recommendation_progress')).toBe(before);

    expect(
      (
        await analyst.post(`/recommendations/reports/${r.id}/progress`, {
          recommendation_id: String(id),
          rating: 'red',
          narrative: 'Communities are not yet heard (test)',
          evidence: 'Test evidence',
          as_of: '2019-01-01',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await analyst.post(`/recommendations/reports/${r.id}/progress`, {
          recommendation_id: String(id),
          rating: 'amber',
          narrative: 'Participation requests are rising (test)',
          as_of: '2021-06-01',
        })
      ).status,
    ).toBe(303);
    const view = await world.deps.recommendations.report(cliContext(systemActor('t')), r.id);
    const rec = view.recommendations.find((x) => x.id === id)!;
    expect(rec.history.map((g) => [g.asOf, g.rating])).toEqual([
      ['2019-01-01', 'red'],
      ['2021-06-01', 'amber'],
    ]);
    expect(rec.latest?.rating).toBe('amber');
    expect(rec.history[1]!.author).toBe('Callum Reid');
    const page = await (await as(null)).get(`/recommendations/reports/${r.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Communities are not yet heard (test)');
    expect(page.text).toContain('Participation requests are rising (test)');
  });

  it('is refused to a partnership manager and to the public', async () => {
    const r = await demoReport();
    expect(
      (
        await (
          await as(MANAGER)
        ).post(`/recommendations/reports/${r.id}/progress`, {
          recommendation_id: String(await recId('5.1 a')),
          rating: 'green',
          narrative: 'x',
          as_of: '2019-01-01',
        })
      ).status,
    ).toBe(403);
    expect(
      (await (await as(null)).post('/recommendations', { title: 'x', publisher: 'y', published_on: '2020-01-01' }))
        .status,
    ).toBe(401);
  });
});

describe('the impact view', () => {
  it('shows the ratings in force at the date', async () => {
    const r = await demoReport();
    const ctx = cliContext(systemActor('t'));
    const id = await recId('5.3 b');
    const before = await world.deps.recommendations.impact(ctx, r.id, '2018-01-01');
    expect(before.rows.flatMap((row) => row.progress)).toEqual([]);
    const at2018 = await world.deps.recommendations.impact(ctx, r.id, '2018-06-30');
    const rowOf = (t: typeof at2018, ref: string) =>
      t.rows.find((row) => row.recommendations.some((x) => x.ref === ref))!;
    expect(rowOf(at2018, '5.1 e').progress.map((g) => [g.rating, g.refs])).toEqual([['red', ['5.1 e', '5.1 f']]]);
    expect(rowOf(at2018, '5.1 a').progress.map((g) => g.rating)).toEqual(['green', 'amber']);
    expect(rowOf(at2018, '5.1 a').dimensions.map((d) => d.name)).toEqual(['Governance and transparency']);
    expect(rowOf(at2018, '5.3 b').progress).toEqual([]);
    const at2020 = await world.deps.recommendations.impact(ctx, r.id, '2020-01-01');
    expect(rowOf(at2020, '5.3 b').progress.map((g) => [g.rating, g.asOf])).toEqual([['red', '2019-01-01']]);
    const at2022 = await world.deps.recommendations.impact(ctx, r.id, '2022-01-01');
    expect(rowOf(at2022, '5.3 b').progress.map((g) => [g.rating, g.asOf])).toEqual([['amber', '2021-06-01']]);
    expect(id).toBeGreaterThan(0);
    // The order of the appendix: the group of 5.2 a and 5.1 a first, the CPPs' three last.
    expect(at2018.rows[0]!.recommendations.map((x) => x.ref)).toEqual(['5.2 a', '5.1 a']);
    expect(at2018.rows.at(-1)!.recommendations.map((x) => x.ref)).toEqual(['5.3 a', '5.3 b', '5.3 c']);

    const page = await (await as(null)).get(`/recommendations/reports/${r.id}/impact?date=2018-06-30`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Audit dimensions – governance and transparency and value for money');
    expect(page.text).toContain('The Scottish Government and COSLA should:');
    const bad = await (await as(null)).get(`/recommendations/reports/${r.id}/impact?date=yesterday`);
    expect(bad.status).toBe(400);
  });

  it('comes out as a Word document with the table rows and ratings', async () => {
    const r = await demoReport();
    const res = await (await as(null)).request('GET', `/recommendations/reports/${r.id}/impact.docx?date=2018-06-30`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const bytes = new Uint8Array(
      await (
        await world.cairn.app.request(`/recommendations/reports/${r.id}/impact.docx?date=2018-06-30`)
      ).arrayBuffer(),
    );
    const doc = readDocx(bytes);
    expect(doc.text).toContain('Community planning: an update: progress on implementing recommendations');
    expect(doc.text).toContain('5.1 e: put in place a ‘test of change’');
    expect(doc.text).toContain('(Red)');
    expect(doc.text).toContain('(Green)');
    expect(doc.text).toContain('(Amber)');
    expect(doc.text).toContain('Audit dimension – value for money');
    expect(doc.text).toContain('Not rated by 30 June 2018.');
    // A header row and one row per group of the appendix (nine).
    expect(doc.rows).toBe(10);
  });

  it('comes out as CSV, one row per recommendation', async () => {
    const r = await demoReport();
    const res = await (await as(null)).get(`/recommendations/reports/${r.id}/impact.csv?date=2018-06-30`);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text);
    expect(rows).toHaveLength(13);
    const row = rows.find((x) => x['ref'] === '5.1 b')!;
    expect(row).toMatchObject({
      group: 'Improvement support for CPPs',
      rating: 'green',
      as_of: '2018-06-30',
      audit_dimensions: 'Value for money',
      addressees: 'The Scottish Government and COSLA',
    });
    expect(rows.find((x) => x['ref'] === '5.1 a')!['rating']).toBe('green; amber');
    expect(rows.find((x) => x['ref'] === '5.3 a')!['rating']).toBe('');
  });

  it('is also `cairn export recommendations`', async () => {
    const d = dataset('recommendations')!;
    const rows = await world.deps.datasets.rows(d, cliContext(systemActor('t')));
    expect(rows.length).toBeGreaterThanOrEqual(14);
    const csv = parseCsv(toCsv(rows, columnsOf(rows)));
    expect(Object.keys(csv[0]!)).toEqual([
      'report',
      'publisher',
      'published_on',
      'group',
      'ref',
      'text',
      'addressees',
      'dimensions',
      'rating',
      'as_of',
      'narrative',
    ]);
    const b = csv.find((x) => x['ref'] === '5.3 b' && x['report'] === 'Community planning: an update')!;
    expect(b['rating']).toBe('amber');
    expect(b['as_of']).toBe('2021-06-01');
    expect(csv.some((x) => x['report'] === 'Test report on partnerships')).toBe(true);
  });
});

describe('a partnership’s answers', () => {
  async function fifeImprovementAction(kind: 'improvement' | 'loip') {
    const p = (await world.deps.partnerships.resolve(OTHER.code))!;
    const ctx = cliContext(systemActor('test setup'));
    const org = await db()
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', OTHER.organisation)
      .executeTakeFirstOrThrow();
    const plan = await world.deps.plans.create(ctx, p, {
      kind,
      title: `Fife ${kind} plan (test)`,
      summary: undefined,
      locality_code: undefined,
      start_year: 2025,
      end_year: 2027,
    });
    const pr = await world.deps.plans.addPriority(ctx, p, plan.id, { title: 'Prevention', description: undefined });
    const o = await world.deps.plans.addOutcome(ctx, p, plan.id, {
      priority_id: pr.id,
      title: 'More prevention',
      description: undefined,
      national_outcomes: [],
    });
    return world.deps.plans.addAction(ctx, p, plan.id, {
      outcome_id: o.id,
      title: `Shift spending to prevention (${kind}, Fife test)`,
      lead_organisation_id: org.id,
      contributors: [],
      start_date: undefined,
      due_date: undefined,
      status: 'in_progress',
      horizon: 'short',
    });
  }
  async function demoLoipAction() {
    const p = (await world.deps.partnerships.resolve(DEMO.code))!;
    return db()
      .selectFrom('plan_actions as a')
      .innerJoin('plan_outcomes as o', 'o.id', 'a.plan_outcome_id')
      .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
      .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
      .select(['a.id'])
      .where('pl.partnership_id', '=', p.id)
      .where('pl.kind', '=', 'loip')
      .executeTakeFirstOrThrow();
  }

  it('shows the recommendations to all partnerships with the linked action’s latest RAG', async () => {
    const page = await (
      await as('viewer@glenlochy.example')
    ).get(`/partnerships/${DEMO.code}/improvement/recommendations`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('target their resources on a larger scale towards their priorities');
    expect(page.text).toContain('Map how partners target resources at our priorities');
    expect(page.text).toContain('Three of five partners have mapped their spending');
    // Recommendations to the Scottish Government alone are not the partnership's to answer.
    expect(page.text).not.toContain('streamline national performance management frameworks');
    // A viewer may read but not link.
    expect(page.text).not.toContain('Link the action');
  });

  it('refuses another partnership’s action and a non-improvement plan’s action, by field, writing nothing', async () => {
    const manager = await as(MANAGER);
    const fifeAction = await fifeImprovementAction('improvement');
    const loipAction = await demoLoipAction();
    const rec = await recId('5.3 c');
    const before = [await count('recommendation_responses'), await auditCount(world)];
    const theirs = await manager.post(`/partnerships/${DEMO.code}/improvement/recommendations/link`, {
      recommendation_id: String(rec),
      action_id: String(fifeAction.id),
    });
    expect(theirs.status).toBe(400);
    expect(theirs.text).toContain('Improvement action: Choose an action of your partnership’s improvement plan');
    const loip = await manager.post(`/partnerships/${DEMO.code}/improvement/recommendations/link`, {
      recommendation_id: String(rec),
      action_id: String(loipAction.id),
    });
    expect(loip.status).toBe(400);
    expect(loip.text).toContain('That action is not in an improvement plan');
    const notAddressed = await manager.post(`/partnerships/${DEMO.code}/improvement/recommendations/link`, {
      recommendation_id: String(await recId('5.2 b')),
      action_id: String(loipAction.id),
    });
    expect(notAddressed.status).toBe(400);
    expect(notAddressed.text).toContain('Choose a recommendation addressed to all partnerships or to yours');
    expect([await count('recommendation_responses'), await auditCount(world)]).toEqual(before);
  });

  it('lets partnership B link its own action, and neither sees the other’s answers', async () => {
    const fife = await as(OTHER.email);
    const action = await fifeImprovementAction('improvement');
    const rec = await recId('5.3 a');
    const linked = await fife.post(`/partnerships/${OTHER.code}/improvement/recommendations/link`, {
      recommendation_id: String(rec),
      action_id: String(action.id),
      note: 'Fife test note',
    });
    expect(linked.status).toBe(303);
    const again = await fife.post(`/partnerships/${OTHER.code}/improvement/recommendations/link`, {
      recommendation_id: String(rec),
      action_id: String(action.id),
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('already linked');
    const fifePage = await fife.get(`/partnerships/${OTHER.code}/improvement/recommendations`);
    expect(fifePage.text).toContain('Fife test note');
    expect(fifePage.text).not.toContain('Map how partners target resources at our priorities');
    const demoPage = await (await as(MANAGER)).get(`/partnerships/${DEMO.code}/improvement/recommendations`);
    expect(demoPage.text).not.toContain('Fife test note');
    expect((await fife.get(`/partnerships/${DEMO.code}/improvement/recommendations`)).status).toBe(404);
    // Nor can Fife unlink Glenlochy's answer.
    const demoLink = await db()
      .selectFrom('recommendation_responses as s')
      .innerJoin('partnerships as p', 'p.id', 's.partnership_id')
      .select('s.id')
      .where('p.code', '=', DEMO.code)
      .executeTakeFirstOrThrow();
    expect(
      (
        await fife.post(`/partnerships/${OTHER.code}/improvement/recommendations/unlink`, {
          response_id: String(demoLink.id),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await fife.post(`/partnerships/${DEMO.code}/improvement/recommendations/unlink`, {
          response_id: String(demoLink.id),
        })
      ).status,
    ).toBe(404);
    const mine = await db()
      .selectFrom('recommendation_responses')
      .select('id')
      .where('note', '=', 'Fife test note')
      .executeTakeFirstOrThrow();
    expect(
      (
        await fife.post(`/partnerships/${OTHER.code}/improvement/recommendations/unlink`, {
          response_id: String(mine.id),
        })
      ).status,
    ).toBe(303);
    expect(
      await db().selectFrom('recommendation_responses').select('id').where('id', '=', mine.id).executeTakeFirst(),
    ).toBeUndefined();
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'partnership_id'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('recommendation.unlink');
  });
});
