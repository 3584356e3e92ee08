import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { parseFinancialYear, parsePounds } from '../src/modules/plans/resources.schemas.ts';
import { auditCount, createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { demoPlan } from './helpers/samples.ts';

/** Resources committed to a plan: recording, importing, the views Audit Scotland asks for, and bad input. */
let world: TestWorld;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const as = (email: string | null) => signedIn(world, email);
const orgId = async (name: string) =>
  (await world.handle.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow())
    .id;

describe('reading money and years as people write them', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['£1,200.50', 1200.5],
    ['£ 12500', 12500],
    ['', 0],
  ])('%s is £%d', (text, value) => expect(parsePounds(text)).toBe(value));
  it.each(['1.200,50', '12k', '-5', '1,20', '£1,2000', 'twelve'])('%s is refused', (text) =>
    expect(parsePounds(text)).toBeNull(),
  );
  it('reads financial years', () => {
    expect(parseFinancialYear('2026/27')).toBe(2026);
    expect(parseFinancialYear('2026-27')).toBe(2026);
    expect(parseFinancialYear('2026')).toBe(2026);
    expect(parseFinancialYear('1999/2000')).toBe(1999);
    expect(parseFinancialYear('2026/28')).toBeNull();
    expect(parseFinancialYear('FY26')).toBeNull();
  });
});

describe('resource commitments', () => {
  it('shows the demo’s commitments by year, partner and priority, with the preventative share and who committed nothing', async () => {
    const { planId } = await demoPlan(world);
    const page = await (
      await as('viewer@glenlochy.example')
    ).get(`/partnerships/${DEMO.code}/plans/${planId}/resources`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Preventative share of the money, by year');
    expect(page.text).toContain('Partners who have committed nothing');
    expect(page.text.slice(page.text.indexOf('Partners who have committed nothing'))).toContain(
      'Scottish Fire and Rescue Service',
    );
    const csv = await (
      await as('viewer@glenlochy.example')
    ).get(`/partnerships/${DEMO.code}/plans/${planId}/resources.csv`);
    expect(csv.text.split('\r\n')[0]).toBe(
      'organisation,priority,outcome,financial_year,money,fte,in_kind,arrangement,prevention,note',
    );
    expect(csv.text.split('\r\n').length).toBeGreaterThan(10);
    // The workbook reads back (with an independent reader) to the same rows as the CSV, in the import format.
    const viewer = await as('viewer@glenlochy.example');
    const xlsx = await world.cairn.app.request(`/partnerships/${DEMO.code}/plans/${planId}/resources.xlsx`, {
      headers: { cookie: `cairn_session=${viewer.cookie('cairn_session')}` },
    });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.sheet).toBe('Commitments');
    expect(sheet!.data[0]).toEqual([
      'organisation',
      'priority',
      'outcome',
      'financial_year',
      'money',
      'fte',
      'in_kind',
      'arrangement',
      'prevention',
      'note',
    ]);
    expect(sheet!.data.length).toBe(csv.text.trimEnd().split('\r\n').length);
    expect((await (await as(OTHER.email)).get(`/partnerships/${DEMO.code}/plans/${planId}/resources`)).status).toBe(
      404,
    );
    const anonymous = await (await as(null)).get(`/partnerships/${DEMO.code}/plans/${planId}/resources.csv`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toMatch(/^\/login/);
  });

  it('lets a partner officer commit only their own organisation’s resources, and refuses bad input by field', async () => {
    const { planId, priorityId } = await demoPlan(world);
    const url = `/partnerships/${DEMO.code}/plans/${planId}/resources`;
    const officer = await as('officer@glenlochy.example');
    const plan = await world.handle.db
      .selectFrom('plans')
      .select(['start_year', 'end_year'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const fy = `${plan.start_year + 1}/${String((plan.start_year + 2) % 100).padStart(2, '0')}`;
    const form = {
      priority_id: String(priorityId),
      financial_year: fy,
      money: '£25,000',
      arrangement: 'aligned',
      prevention: 'preventative',
    };
    const before = await auditCount(world);
    expect(
      (await officer.post(url, { ...form, organisation_id: String(await orgId('Glenlochy Council')) })).status,
    ).toBe(403);
    const wrongMoney = await officer.post(url, {
      ...form,
      organisation_id: String(await orgId('NHS Glenlochy')),
      money: '25.000,00',
    });
    expect(wrongMoney.status).toBe(400);
    expect(wrongMoney.text).toContain('“25.000,00” is not an amount in pounds: write it like 12500 or £12,500.00');
    const outside = await officer.post(url, {
      ...form,
      organisation_id: String(await orgId('NHS Glenlochy')),
      financial_year: `${plan.end_year + 3}/${String((plan.end_year + 4) % 100).padStart(2, '0')}`,
    });
    expect(outside.text).toContain(`The plan runs from ${plan.start_year}/`);
    const nothing = await officer.post(url, {
      ...form,
      organisation_id: String(await orgId('NHS Glenlochy')),
      money: '',
    });
    expect(nothing.text).toContain('Commit money, staff time or something in kind');
    expect(await auditCount(world)).toBe(before);
    const ok = await officer.post(url, { ...form, organisation_id: String(await orgId('NHS Glenlochy')) });
    expect(ok.status).toBe(303);
    expect(await auditCount(world)).toBe(before + 1);
  });

  it('imports a spreadsheet all or nothing, naming the row and column of a bad value', async () => {
    const { planId } = await demoPlan(world);
    const manager = await as('manager@glenlochy.example');
    const url = `/partnerships/${DEMO.code}/plans/${planId}/resources/import`;
    const plan = await world.handle.db
      .selectFrom('plans')
      .select(['start_year'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const y = `${plan.start_year + 2}/${String((plan.start_year + 3) % 100).padStart(2, '0')}`;
    const count = async () =>
      (await world.handle.db.selectFrom('resource_commitments').select('id').where('plan_id', '=', planId).execute())
        .length;
    const start = await count();
    const missing = await manager.request('POST', url, {
      multipart: {
        file: new File(
          ['organisation,priority,money\r\nNHS Glenlochy,Tackling child poverty,100\r\n'],
          'commitments.csv',
        ),
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('commitments.csv, row 1: missing columns financial_year, arrangement, prevention');
    const bad = await writeExcelFile([
      ['organisation', 'priority', 'financial_year', 'money', 'fte', 'in_kind', 'arrangement', 'prevention'],
      ['NHS Glenlochy', 'Tackling child poverty', y, '£10,000', 0.5, null, 'aligned', 'early intervention'],
      ['Police Scotland', 'Healthier, longer lives', y, '12k', null, null, 'pooled', 'reactive'],
    ]).toBuffer();
    const badRes = await manager.request('POST', url, {
      multipart: { file: new File([new Uint8Array(bad)], 'commitments.xlsx') },
    });
    expect(badRes.status).toBe(400);
    expect(badRes.text).toContain(
      'commitments.xlsx (worksheet “Sheet1”), row 3, column money: “12k” is not an amount in pounds',
    );
    expect(await count()).toBe(start);
    const good = `organisation,priority,financial_year,money,fte,in_kind,arrangement,prevention\r\nNHS Glenlochy,Tackling child poverty,${y},"£10,000",0.5,,aligned,early intervention\r\nPolice Scotland,Healthier\\, longer lives,${y},,1,,pooled,reactive\r\n`;
    const file = () =>
      new File([good.replace('Healthier\\, longer lives', '"Healthier, longer lives"')], 'commitments.csv');
    expect((await manager.request('POST', url, { multipart: { file: file() } })).status).toBe(303);
    expect(await count()).toBe(start + 2);
    expect((await manager.request('POST', url, { multipart: { file: file() } })).status).toBe(303);
    expect(await count()).toBe(start + 2);
  });
});
