import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { DeadlinesService } from '../src/modules/deadlines/index.ts';
import { demoPlan } from './helpers/samples.ts';

/** The annual progress report (s.8): built from the data, published as frozen versions at permanent addresses. */
let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const as = (email: string | null) => signedIn(world, email);

/** Read a .docx back with an independent zip reader: its text, how many tables, and its images. */
function readDocx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  return {
    text: [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '),
    tables: xml.split('<w:tbl>').length - 1,
    media: Object.keys(files).filter((n) => n.startsWith('word/media/')),
    files,
  };
}

describe('the annual progress report', () => {
  it('says whether each outcome improved, from the data, with resources and participation, and freezes what it publishes', async () => {
    const plan = await world.handle.db
      .selectFrom('plans')
      .select('start_year')
      .where('id', '=', (await demoPlan(world)).planId)
      .executeTakeFirstOrThrow();
    const year = plan.start_year + 1; // the demo publishes the year after; this one is not published yet
    const manager = await as('manager@glenlochy.example');
    const preview = await manager.get(`/partnerships/${DEMO.code}/reports/${year}/live`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('It has not been published yet.');
    expect(preview.text).toContain('Did our outcomes improve?');
    expect(preview.text).toContain('Residents who feel they can influence local decisions');
    expect(preview.text).toContain('Improved');
    expect(preview.text).toContain('Partners committed £');
    expect(preview.text).toContain('Participation requests');
    expect(preview.text).toContain('role="img"');
    const csv = await manager.get(`/partnerships/${DEMO.code}/reports/${year}/measures.csv`);
    expect(csv.text).toContain(
      `Residents who feel they can influence local decisions,% of residents (household survey),${year - 1},21,${year},23,improved`,
    );

    // Not public until published.
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/reports/${year}`)).status).toBe(404);
    expect((await (await as(OTHER.email)).get(`/partnerships/${DEMO.code}/reports/${year}/live`)).status).toBe(404);
    expect(
      (await (await as('viewer@glenlochy.example')).post(`/partnerships/${DEMO.code}/reports/${year}/publish`)).status,
    ).toBe(403);

    const published = await manager.post(`/partnerships/${DEMO.code}/reports/${year}/publish`);
    expect(published.status).toBe(303);
    expect(published.location).toBe(`/partnerships/${DEMO.code}/reports/${year}`);
    const v1 = await (await as(null)).get(`/partnerships/${DEMO.code}/reports/${year}`);
    expect(v1.status).toBe(200);
    expect(v1.text).toContain('Version 1, published');
    expect(v1.text).toContain('23 (');

    // New data changes the live report, never the published version.
    const d = await demoPlan(world);
    await manager.post(`/partnerships/${DEMO.code}/plans/${d.planId}/measures/${d.ownMeasureId}/values`, {
      year: String(year),
      value: '19',
    });
    const live = await manager.get(`/partnerships/${DEMO.code}/reports/${year}/measures.csv`);
    expect(live.text).toContain(`${year - 1},21,${year},19,worsened`);
    const frozen = await (await as(null)).get(`/partnerships/${DEMO.code}/reports/${year}/v/1/measures.csv`);
    expect(frozen.text).toContain(`${year - 1},21,${year},23,improved`);
    await manager.post(`/partnerships/${DEMO.code}/reports/${year}/publish`);
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/reports/${year}`)).text).toContain(
      'Version 2, published',
    );
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/reports/${year}/v/1`)).text).toContain(
      'Version 1, published',
    );
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/reports`)).text).toContain(`/reports/${year}/v/2`);
  });

  it('comes out as a Word document with the outcomes, tables and the chart (SVG with a PNG fallback)', async () => {
    const year = (
      await world.handle.db.selectFrom('annual_reports').select('year').orderBy('id').executeTakeFirstOrThrow()
    ).year;
    const res = await (await as(null)).request('GET', `/partnerships/${DEMO.code}/reports/${year}/v/1/report.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const bytes = new Uint8Array(
      await (await world.cairn.app.request(`/partnerships/${DEMO.code}/reports/${year}/v/1/report.docx`)).arrayBuffer(),
    );
    const doc = readDocx(bytes);
    expect(doc.text).toContain('Did our outcomes improve?');
    expect(doc.text).toContain('Fewer children live in low-income families');
    expect(doc.text).toContain('Residents who feel they can influence local decisions');
    expect(doc.text).toContain('Community participation');
    expect(doc.tables).toBeGreaterThanOrEqual(6);
    expect(doc.media.sort()).toEqual(['word/media/image1.png', 'word/media/image1.svg']);
    expect([...doc.files['word/media/image1.png']!.slice(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    expect(strFromU8(doc.files['word/media/image1.svg']!)).toContain('role="img"');
  });

  it('drafts a board paper from a plan in the shape boards use, ready to edit', async () => {
    const { planId } = await demoPlan(world);
    const manager = await as('manager@glenlochy.example');
    const url = `/partnerships/${DEMO.code}/plans/${planId}/board-paper.docx`;
    const missing = await manager.get(`${url}?meeting_date=2026-12-10`);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Say which board or committee the paper goes to');
    const bytes = new Uint8Array(
      await (
        await world.cairn.app.request(
          `${url}?report_to=Glenlochy%20CPP%20Board&meeting_date=2026-12-10&report_by=Morag%20Henderson%2C%20Partnership%20Manager`,
          {
            headers: { cookie: `cairn_session=${manager.cookie('cairn_session')}` },
          },
        )
      ).arrayBuffer(),
    );
    const doc = readDocx(bytes);
    for (const part of [
      'Report to',
      'Glenlochy CPP Board',
      '10 December 2026',
      'Report by',
      '1. Purpose',
      '2. Summary',
      '3. Recommendations',
      '4. Background',
      '5. Implications',
      'Financial:',
      'Human resources:',
      'Legal:',
      'Equalities:',
      '6. Consultations',
      '7. Conclusions',
      '8. Background papers',
    ]) {
      expect(doc.text, part).toContain(part);
    }
    expect(doc.text).toContain('Income maximisation advice in every school'); // the overdue action, named in the summary
    expect(doc.text).toContain('section 6 of the Community Empowerment (Scotland) Act 2015');
    expect(doc.tables).toBeGreaterThanOrEqual(4);
    expect((await (await as(OTHER.email)).get(`${url}?report_to=x&meeting_date=2026-12-10&report_by=y`)).status).toBe(
      404,
    );
  });

  it('refuses to publish a year no published plan covers, writing nothing', async () => {
    const manager = await as('manager@glenlochy.example');
    const before = await auditCount(world);
    const res = await manager.post(`/partnerships/${DEMO.code}/reports/2017/publish`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('No published plan covers 2017/18');
    expect(await auditCount(world)).toBe(before);
  });
});

describe('board papers from a report and from a progress summary', () => {
  const paperQuery = 'report_to=Glenlochy%20CPP%20Board&meeting_date=2026-12-10&report_by=Morag%20Henderson';
  const docxAs = async (email: string, url: string) => {
    const client = await as(email);
    const res = await world.cairn.app.request(url, {
      headers: { cookie: `cairn_session=${client.cookie('cairn_session')}` },
    });
    expect(res.status, url).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    return readDocx(new Uint8Array(await res.arrayBuffer()));
  };

  it('drafts a paper presenting the annual report for approval, with the year’s dates from the reporting-year rule', async () => {
    const year = (
      await world.handle.db.selectFrom('annual_reports').select('year').orderBy('id').executeTakeFirstOrThrow()
    ).year;
    const url = `/partnerships/${DEMO.code}/reports/${year}/board-paper.docx`;
    const doc = await docxAs('manager@glenlochy.example', `${url}?${paperQuery}`);
    for (const part of [
      'Glenlochy CPP Board',
      '10 December 2026',
      '1. Purpose',
      '2. Summary',
      '3. Recommendations',
      '5. Implications',
      '8. Background papers',
      'Appendix: whether each measure improved',
    ])
      expect(doc.text, part).toContain(part);
    expect(doc.text).toContain(`1 April ${year} to 31 March ${year + 1}`);
    expect(doc.text).toContain(
      `approve the annual progress report for ${year}/${String((year + 1) % 100).padStart(2, '0')} for publication`,
    );
    expect(doc.text).toContain('Partners committed £');
    expect(doc.text).toContain('Kilbrae Locality Plan (demo)');
    expect(doc.tables).toBeGreaterThanOrEqual(3);
    const manager = await as('manager@glenlochy.example');
    const bad = await manager.get(`${url}?report_to=Board&meeting_date=10/12/2026&report_by=Morag`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the date of the meeting as YYYY-MM-DD');
    expect((await (await as(OTHER.email)).get(`${url}?${paperQuery}`)).status).toBe(404);
  });

  it('summarises progress across the plans since a date: overdue actions, ratings that differ from the data, and updates, each as CSV', async () => {
    const officer = await as('officer@glenlochy.example');
    const page = await officer.get(`/partnerships/${DEMO.code}/progress?since=2020-01-01`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Income maximisation advice in every school'); // overdue in the demo
    expect(page.text).toContain('Where the officer’s RAG differs from the data');
    expect(page.text).toContain('Children in low-income families');
    expect(page.text).toContain('Strathmorrow and Lochside Locality Plan (demo)'); // drafts too, for the partnership's own people
    const plans = await officer.get(`/partnerships/${DEMO.code}/progress.csv?since=2020-01-01&table=plans`);
    expect(plans.text.split('\r\n')[0]).toBe(
      'plan,kind,status,measures,on_track,acceleration_needed,limited_progress,deterioration,no_data,stale,actions,complete,overdue,updates_since,awaiting_approval',
    );
    expect(plans.text).toContain('Glenlochy Local Outcomes Improvement Plan (demo),loip,published,');
    const overdue = await officer.get(`/partnerships/${DEMO.code}/progress.csv?since=2020-01-01&table=overdue`);
    expect(overdue.text).toContain('Income maximisation advice in every school');
    const differs = await officer.get(`/partnerships/${DEMO.code}/progress.csv?since=2020-01-01&table=differs`);
    expect(differs.text).toContain('Children in low-income families,green,');
    const later = await officer.get(`/partnerships/${DEMO.code}/progress.csv?since=2099-01-01&table=updates`);
    expect(later.text).toBe('date,plan,about,rag,narrative,author,approved\r\n');
    const badDate = await officer.get(`/partnerships/${DEMO.code}/progress?since=2026-13-45`);
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('since');
    expect(badDate.text).toContain('Enter the date as YYYY-MM-DD');
    const badTable = await officer.get(`/partnerships/${DEMO.code}/progress.csv?table=secrets`);
    expect(badTable.status).toBe(400);
    expect(badTable.text).toContain('Choose plans, overdue, updates or differs');
    expect((await (await as(OTHER.email)).get(`/partnerships/${DEMO.code}/progress`)).status).toBe(404);
    expect((await (await as(null)).get(`/partnerships/${DEMO.code}/progress`)).status).toBe(303);
  });

  it('drafts a paper on that progress', async () => {
    const doc = await docxAs(
      'manager@glenlochy.example',
      `/partnerships/${DEMO.code}/progress/board-paper.docx?since=2020-01-01&${paperQuery}`,
    );
    expect(doc.text).toContain('Progress report since 1 January 2020');
    expect(doc.text).toContain('Income maximisation advice in every school');
    expect(doc.text).toContain('differs from what the data says');
    expect(doc.text).toContain('ask the lead officers to explain where their rating differs from the data');
    expect(doc.text).toContain('Appendix: plans, overdue actions and updates');
    expect(doc.tables).toBeGreaterThanOrEqual(4);
  });
});

describe('reporting years', () => {
  it('lists each year the partnership reports on, with its dates and whether it was published', async () => {
    const year = (
      await world.handle.db.selectFrom('annual_reports').select('year').orderBy('id').executeTakeFirstOrThrow()
    ).year;
    const page = await (await as('viewer@glenlochy.example')).get(`/partnerships/${DEMO.code}/reports`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`1 April ${year} to 31 March ${year + 1}`);
    expect(page.text).toMatch(/Version \d+<\/a>/);
  });

  it('begin when the reporting_years table says, not when the code assumes', async () => {
    const db = world.handle.db;
    const fresh = () => new DeadlinesService(db); // the service reads the rules once per process
    expect(await fresh().yearSpan('annual-progress-report', 2026)).toEqual({
      label: '2026/27',
      start: '2026-04-01',
      end: '2027-03-31',
      words: '1 April 2026 to 31 March 2027',
    });
    await db
      .updateTable('reporting_years')
      .set({ start_month: 1, start_day: 1 })
      .where('code', '=', 'annual-progress-report')
      .execute();
    try {
      expect(await fresh().yearSpan('annual-progress-report', 2026)).toEqual({
        label: '2026',
        start: '2026-01-01',
        end: '2026-12-31',
        words: '1 January 2026 to 31 December 2026',
      });
      expect(await fresh().yearOf('annual-progress-report', '2026-02-01')).toBe(2026);
    } finally {
      await db
        .updateTable('reporting_years')
        .set({ start_month: 4, start_day: 1 })
        .where('code', '=', 'annual-progress-report')
        .execute();
    }
    expect(await fresh().yearOf('annual-progress-report', '2026-02-01')).toBe(2025);
    const page = await (await as(null)).get('/deadlines');
    expect(page.text).toContain('annual-progress-report');
    expect(page.text).toContain('1 April to 31 March');
  });
});
