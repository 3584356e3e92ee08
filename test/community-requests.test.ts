import { startFakeSmtp } from './helpers/smtp.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { computeDue } from '../src/modules/deadlines/index.ts';
import type { Client } from './helpers/app.ts';
import { auditCount, createWorld, DEMO, lastAudit, OTHER, signedIn, type TestWorld } from './helpers/app.ts';
import { COMMUNITY_EMAIL, PR_FIELDS } from './helpers/samples.ts';

/**
 * Participation and asset transfer requests end to end over HTTP, on the real database: the body's
 * side, the authority's side, the statutory clock, the public register, and who may see what.
 */
let world: TestWorld;
const TRUST_EMAIL = 'trust@glenlochy.example';
const OFFICER = 'officer@glenlochy.example';
const TODAY = '2026-11-23';

beforeAll(async () => {
  world = await createWorld({ env: { CAIRN_UPLOAD_MAX_MB: '0.01' } });
});
afterAll(() => world.close());

const as = (email: string | null) => signedIn(world, email);

async function bodyIdOf(email: string): Promise<number> {
  const row = await world.handle.db
    .selectFrom('community_body_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.community_body_id')
    .where('u.email', '=', email)
    .executeTakeFirstOrThrow();
  return row.community_body_id;
}

async function orgId(name: string): Promise<number> {
  return (
    await world.handle.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  ).id;
}

async function request(id: number) {
  return world.handle.db.selectFrom('community_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function deadlines(id: number) {
  return world.handle.db
    .selectFrom('request_deadlines')
    .selectAll()
    .where('request_id', '=', id)
    .orderBy('id')
    .execute();
}

/** The body submits a complete participation request; returns its id. */
async function submitParticipation(body: Client, extra: Record<string, string> = {}): Promise<number> {
  const res = await body.post(`/community/bodies/${await bodyIdOf(COMMUNITY_EMAIL)}/requests`, {
    kind: 'participation',
    authority_organisation_id: String(await orgId('Glenlochy Council')),
    ...PR_FIELDS,
    title: `Request ${Math.random().toString(36).slice(2)}`,
    intent: 'submit',
    ...extra,
  });
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  return Number(/\/community\/requests\/(\d+)/.exec(res.location ?? '')![1]);
}

const transition = (c: Client, id: number, form: Record<string, string>) =>
  c.post(`/partnerships/${DEMO.code}/requests/${id}/transition`, form);

describe('a participation request from submission to the public register', () => {
  it('is validated, starting the clock from the rule table, decided with the s.24 factors, and published without personal data', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const officer = await as(OFFICER);
    const id = await submitParticipation(body);
    expect((await request(id)).status).toBe('submitted');
    // Not yet in the public register: it is not validated.
    const reference = (await request(id)).reference;
    expect((await as(null).then((c) => c.get(`/registers/requests/${reference}`))).status).toBe(404);

    const validated = await transition(officer, id, { action: 'validate', validation_date: TODAY });
    expect(validated.status, validated.text.slice(0, 300)).toBe(303);
    const [clock] = await deadlines(id);
    const book = await world.deps.deadlines.ruleBook();
    expect(clock).toMatchObject({
      rule_code: 'pr-decision',
      begins_on: TODAY,
      due: computeDue(book, 'pr-decision', TODAY).due,
      met_on: null,
    });
    // 30 working days beginning Monday 23 November 2026, none of them a holiday: Friday 1 January 2027 is the 29th... so counted by hand:
    // 23–27 Nov (5), 30 Nov–4 Dec (10), 7–11 (15), 14–18 (20), 21–24 Dec (24), 28–31 Dec (28), 4–5 Jan (30).
    expect(clock!.due).toBe('2027-01-05');

    const noFactors = await transition(officer, id, { action: 'decide', decision: 'agreed', decision_date: TODAY });
    expect(noFactors.status).toBe(400);
    expect(noFactors.text).toContain('Record how the decision weighed the factors in section 24');
    expect(noFactors.text).toContain('id="s24_economic_development"');
    expect((await request(id)).status).toBe('validated');

    const decided = await transition(officer, id, {
      action: 'decide',
      decision: 'agreed',
      decision_date: TODAY,
      s24_public_health: 'Walking improves health.',
    });
    expect(decided.status, decided.text.slice(0, 300)).toBe(303);
    const row = await request(id);
    expect(row.status).toBe('agreed');
    expect(row.decision_notice).toContain('was agreed on 23 November 2026');
    const after = await deadlines(id);
    expect(after.find((d) => d.rule_code === 'pr-decision')?.met_on).toBe(TODAY);
    // 90 days beginning 23 November 2026 end on 20 February 2027.
    expect(after.find((d) => d.rule_code === 'pr-outcome-process')).toMatchObject({
      begins_on: TODAY,
      due: '2027-02-20',
      met_on: null,
    });

    const publicPage = await (await as(null)).get(`/registers/requests/${reference}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toContain('Decision notice');
    expect(publicPage.text).toContain('Walking improves health.');
    for (const personal of ['Ravi Sharma', OFFICER, COMMUNITY_EMAIL, 'Alasdair Munro'])
      expect(publicPage.text).not.toContain(personal);
    const search = await (await as(null)).get(`/api/v1/registers/requests?q=${encodeURIComponent(row.title)}&kind=`);
    expect(search.json<{ data: { reference: string; status: string }[] }>().data).toEqual([
      expect.objectContaining({ reference, status: 'agreed' }),
    ]);
    const feed = await (await as(null)).get('/registers/feed.atom');
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.text).toContain(`<title>${reference} ${row.title}: Agreed</title>`);

    // The body is told, in the app.
    const notes = await (await as(COMMUNITY_EMAIL)).get('/notifications');
    expect(notes.text).toContain(`${reference} “${row.title}”: Agreed`);
  });

  it('counts a joint request against 45 working days and the other authority against 15', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const id = await submitParticipation(body, {
      additional_authority_organisation_id: String(await orgId('NHS Glenlochy')),
    });
    await transition(await as(OFFICER), id, { action: 'validate', validation_date: TODAY });
    const rules = Object.fromEntries((await deadlines(id)).map((d) => [d.rule_code, d.due]));
    // 15 working days from 23 November: 23–27 (5), 30 Nov–4 Dec (10), 7–11 Dec (15).
    expect(rules['pr-additional-authority']).toBe('2026-12-11');
    // 45: the 30th is 5 January (above), then 6–8 Jan (33), 11–15 (38), 18–22 (43), 25–26 (45).
    expect(rules['pr-decision-joint']).toBe('2027-01-26');
    expect(rules['pr-decision']).toBeUndefined();
  });
});

describe('the state machine refuses what the Act does not allow', () => {
  it('refuses a decision before validation, a step taken by the wrong side, and an unknown step, changing nothing', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const officer = await as(OFFICER);
    const id = await submitParticipation(body);
    const before = await auditCount(world);

    const early = await transition(officer, id, {
      action: 'decide',
      decision: 'agreed',
      decision_date: TODAY,
      s24_public_health: 'x',
    });
    expect(early.status).toBe(409);
    expect(early.text).toContain('is not possible while the request is “Submitted, awaiting validation”');

    // The body cannot validate its own request, through its own route or the authority's (where it is an outsider).
    const forgedBody = await body.post(`/community/requests/${id}/transition`, { action: 'validate' });
    expect(forgedBody.status).toBe(409);
    const forgedRoute = await transition(body, id, { action: 'validate', validation_date: TODAY });
    expect(forgedRoute.status).toBe(404);

    const unknown = await officer.postJson(`/api/v1/partnerships/${DEMO.code}/requests/${id}/transitions`, {
      action: 'approve_everything',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ error: { fields: Record<string, string[]> } }>().error.fields).toHaveProperty('action');

    const future = await officer.postJson(`/api/v1/partnerships/${DEMO.code}/requests/${id}/transitions`, {
      action: 'validate',
      validation_date: '2026-12-01',
    });
    expect(future.status).toBe(400);
    expect(future.json<{ error: { fields: Record<string, string[]> } }>().error.fields['validation_date']).toEqual([
      'The date cannot be in the future',
    ]);

    expect((await request(id)).status).toBe('submitted');
    expect(await auditCount(world)).toBe(before);
    expect(await deadlines(id)).toEqual([]);
  });

  it('asks for missing information, then takes the completed request back', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const officer = await as(OFFICER);
    const id = await submitParticipation(body);
    const asked = await officer.postJson(`/api/v1/partnerships/${DEMO.code}/requests/${id}/transitions`, {
      action: 'request_information',
      information_needed: 'Your constitution, please.',
    });
    expect(asked.json()).toMatchObject({ status: 'information_requested' });
    const page = await body.get(`/community/requests/${id}`);
    expect(page.text).toContain('Your constitution, please.');
    const resubmitted = await body.post(`/community/requests/${id}`, {
      kind: 'participation',
      authority_organisation_id: String(await orgId('Glenlochy Council')),
      ...PR_FIELDS,
      title: 'With the constitution',
      intent: 'submit',
    });
    expect(resubmitted.status).toBe(303);
    expect((await request(id)).status).toBe('submitted');
  });

  it('will not submit a request missing what the Act asks for, and names each missing part', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const res = await body.post(`/community/bodies/${await bodyIdOf(COMMUNITY_EMAIL)}/requests`, {
      kind: 'participation',
      authority_organisation_id: String(await orgId('Glenlochy Council')),
      title: 'Only a title',
      intent: 'submit',
    });
    expect(res.status).toBe(400);
    for (const field of ['outcome', 'reasons', 'knowledge', 'improvement'])
      expect(res.text).toContain(`href="#${field}"`);
    // Nothing half written: the draft that could not be submitted is not kept either.
    expect(
      await world.handle.db.selectFrom('community_requests').select('id').where('title', '=', 'Only a title').execute(),
    ).toEqual([]);
  });

  it('extends a deadline only by agreement, and only to a later date', async () => {
    const officer = await as(OFFICER);
    const id = await submitParticipation(await as(COMMUNITY_EMAIL));
    await transition(officer, id, { action: 'validate', validation_date: TODAY });
    const earlier = await transition(officer, id, {
      action: 'extend',
      rule_code: 'pr-decision',
      extended_to: '2026-12-01',
      note: 'Agreed by phone',
    });
    expect(earlier.status).toBe(400);
    expect(earlier.text).toContain('An extension must be later than the current deadline, 2027-01-05');
    const notExtendable = await transition(officer, id, {
      action: 'extend',
      rule_code: 'atr-review',
      extended_to: '2027-03-01',
      note: 'x',
    });
    expect(notExtendable.status).toBe(400);
    const ok = await transition(officer, id, {
      action: 'extend',
      rule_code: 'pr-decision',
      extended_to: '2027-02-15',
      note: 'Agreed with the body on 23 November',
    });
    expect(ok.status).toBe(303);
    expect((await deadlines(id))[0]).toMatchObject({
      statutory_due: '2027-01-05',
      extended_to: '2027-02-15',
      due: '2027-02-15',
    });
  });
});

describe('who sees what', () => {
  it('shows a community body only its own requests', async () => {
    const id = await submitParticipation(await as(COMMUNITY_EMAIL));
    const other = await as(TRUST_EMAIL);
    expect((await other.get(`/community/requests/${id}`)).status).toBe(404);
    expect((await other.post(`/community/requests/${id}/transition`, { action: 'withdraw' })).status).toBe(404);
    expect((await other.get('/community')).text).not.toContain(`/community/requests/${id}"`);
    expect((await request(id)).status).toBe('submitted');
  });

  it('shows another partnership’s officers nothing unpublished, through either partnership’s address', async () => {
    const id = await submitParticipation(await as(COMMUNITY_EMAIL));
    const fife = await as(OTHER.email);
    expect((await fife.get(`/partnerships/${DEMO.code}/requests/${id}`)).status).toBe(404);
    expect((await fife.get(`/partnerships/${OTHER.code}/requests/${id}`)).status).toBe(404);
    expect((await transition(fife, id, { action: 'validate', validation_date: TODAY })).status).toBe(404);
    expect(
      (
        await fife.post(`/partnerships/${OTHER.code}/requests/${id}/transition`, {
          action: 'validate',
          validation_date: TODAY,
        })
      ).status,
    ).toBe(404);
    const theirs = await fife.get(`/api/v1/partnerships/${OTHER.code}/requests`);
    expect(theirs.json<{ data: unknown[] }>().data).toEqual([]);
    expect((await fife.get(`/registers/requests/${(await request(id)).reference}`)).status).toBe(404);
    expect((await request(id)).status).toBe('submitted');
  });

  it('accepts attachments of the allowed types and size only, and shows them only to the body and the partnership until published', async () => {
    const body = await as(COMMUNITY_EMAIL);
    const id = await submitParticipation(body);
    const upload = (file: File) => body.request('POST', `/community/requests/${id}/documents`, { multipart: { file } });
    const tooBig = await upload(
      new File([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 32)])], 'big.pdf'),
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.text).toContain('The file big.pdf is 20 KB; files may be at most 11 KB');
    const exe = await upload(new File([Buffer.from('MZ\x90\x00')], 'setup.exe'));
    expect(exe.status).toBe(400);
    expect(exe.text).toContain('not a type Cairn accepts');
    const fake = await upload(new File([Buffer.from('<html>not a pdf</html>')], 'report.pdf'));
    expect(fake.status).toBe(400);
    expect(fake.text).toContain('is not really a .pdf file');
    const good = await upload(new File([Buffer.from('%PDF-1.4\n% minutes\n')], 'minutes.pdf'));
    expect(good.status).toBe(303);
    const doc = await world.handle.db
      .selectFrom('request_documents')
      .select(['id', 'public'])
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(doc.public).toBe(false);
    const path = `/requests/${id}/documents/${doc.id}`;
    expect((await body.get(path)).text).toBe('%PDF-1.4\n% minutes\n');
    expect((await (await as(OFFICER)).get(path)).status).toBe(200);
    expect((await (await as(null)).get(path)).status).toBe(404);
    expect((await (await as(OTHER.email)).get(path)).status).toBe(404);
    expect((await (await as(TRUST_EMAIL)).get(path)).status).toBe(404);
  });
});

describe('asset transfer requests', () => {
  it('lets a council’s decision be reviewed and another authority’s be appealed, each within its own limit', async () => {
    const trust = await as(TRUST_EMAIL);
    const officer = await as(OFFICER);
    const body = await bodyIdOf(TRUST_EMAIL);
    const make = async (authority: string) => {
      const res = await trust.post(`/community/bodies/${body}/requests`, {
        kind: 'asset_transfer',
        authority_organisation_id: String(await orgId(authority)),
        title: `Transfer ${Math.random().toString(36).slice(2)}`,
        asset_description: 'The old depot yard',
        transfer_type: 'lease',
        terms: 'Ten years at £100 a year',
        benefits: 'A community garden',
        intent: 'submit',
      });
      expect(res.status, res.text.slice(0, 400)).toBe(303);
      const id = Number(/\/community\/requests\/(\d+)/.exec(res.location ?? '')![1]);
      await transition(officer, id, { action: 'validate', validation_date: TODAY });
      return id;
    };
    const council = await make('Glenlochy Council');
    // Six months beginning 23 November 2026 end the day before 23 May 2027.
    expect((await deadlines(council))[0]).toMatchObject({ rule_code: 'atr-decision', due: '2027-05-22' });
    const refused = await transition(officer, council, { action: 'decide', decision: 'refused', decision_date: TODAY });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Give the reasons for the decision');
    await transition(officer, council, {
      action: 'decide',
      decision: 'refused',
      decision_date: TODAY,
      decision_reasons: 'Needed for the new depot',
    });
    // 20 working days from 23 November 2026: 23–27 (5), 30 Nov–4 Dec (10), 7–11 (15), 14–18 Dec (20).
    expect((await deadlines(council)).find((d) => d.rule_code === 'atr-review')?.due).toBe('2026-12-18');
    expect((await trust.post(`/community/requests/${council}/transition`, { action: 'lodge_appeal' })).status).toBe(
      409,
    );
    expect((await trust.post(`/community/requests/${council}/transition`, { action: 'request_review' })).status).toBe(
      303,
    );
    expect((await request(council)).status).toBe('under_review');

    const nhs = await make('NHS Glenlochy');
    await transition(officer, nhs, {
      action: 'decide',
      decision: 'refused',
      decision_date: TODAY,
      decision_reasons: 'Needed for an extension',
    });
    expect((await deadlines(nhs)).find((d) => d.rule_code === 'atr-appeal')?.due).toBe('2026-12-18');
    const review = await trust.post(`/community/requests/${nhs}/transition`, { action: 'request_review' });
    expect(review.status).toBe(409);
    expect(review.text).toContain('Only a council’s decision can be reviewed');
    expect((await trust.post(`/community/requests/${nhs}/transition`, { action: 'lodge_appeal' })).status).toBe(303);
    expect((await request(nhs)).status).toBe('under_appeal');
  });

  it('imports a register of land all or nothing, naming the row and column of a bad value, and again without change', async () => {
    const manager = await as('manager@glenlochy.example');
    const owner = String(await orgId('Glenlochy Council'));
    const file = (text: string) => new File([text], 'register.csv', { type: 'text/csv' });
    const bad = await manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
      multipart: {
        owner_organisation_id: owner,
        file: file('reference,name,asset_type\r\nR-1,Yard,land\r\nR-2,Depot,castle\r\n'),
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(
      'register.csv, row 3, column asset_type: “castle” is not land, building, or land and building',
    );
    expect(
      await world.handle.db.selectFrom('land_assets').select('id').where('reference', '=', 'R-1').execute(),
    ).toEqual([]);
    const csv =
      'reference,name,asset_type,postcode,area_hectares\r\nR-1,Yard,land,gl1 1aa,0.5\r\nR-2,Depot,building,,\r\n';
    const first = await manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
      multipart: { owner_organisation_id: owner, file: file(csv) },
    });
    expect(first.status).toBe(303);
    const again = await manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
      multipart: { owner_organisation_id: owner, file: file(csv), dry_run: 'false' },
    });
    expect(again.status).toBe(303);
    const rows = await world.handle.db
      .selectFrom('land_assets')
      .select(['reference', 'postcode', 'area_hectares'])
      .where('reference', 'in', ['R-1', 'R-2'])
      .orderBy('reference')
      .execute();
    expect(rows).toEqual([
      { reference: 'R-1', postcode: 'GL1 1AA', area_hectares: '0.5' },
      { reference: 'R-2', postcode: null, area_hectares: null },
    ]);
    // An Excel workbook as authorities keep them: a title row, a blank row, then the header.
    const workbook = await writeExcelFile([
      ['Register of land and buildings (test)'],
      [],
      ['Reference', 'Name', 'Asset type', 'Area hectares', 'UPRN'],
      ['X-1', 'Playing field', 'Land', 2.25, 906700123456],
      ['X-2', 'Pavilion', 'tower', null, null],
    ]).toBuffer();
    const xlsx = (bytes: Buffer) => new File([new Uint8Array(bytes)], 'register.xlsx');
    const badXlsx = await manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
      multipart: { owner_organisation_id: owner, file: xlsx(workbook) },
    });
    expect(badXlsx.status).toBe(400);
    expect(badXlsx.text).toContain(
      'register.xlsx (worksheet “Sheet1”), row 5, column asset_type: “tower” is not land, building, or land and building',
    );
    const goodXlsx = await writeExcelFile([
      ['Reference', 'Name', 'Asset type', 'Area hectares', 'UPRN'],
      ['X-1', 'Playing field', 'Land', 2.25, 906700123456],
    ]).toBuffer();
    expect(
      (
        await manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
          multipart: { owner_organisation_id: owner, file: xlsx(goodXlsx) },
        })
      ).status,
    ).toBe(303);
    expect(
      await world.handle.db
        .selectFrom('land_assets')
        .select(['name', 'area_hectares', 'uprn'])
        .where('reference', '=', 'X-1')
        .execute(),
    ).toEqual([{ name: 'Playing field', area_hectares: '2.25', uprn: '906700123456' }]);
    const publicCsv = await (await as(null)).get(`/registers/land.csv?partnership=${DEMO.code}`);
    expect(publicCsv.text).toContain('Glenlochy Council,R-1,Yard,land,,GL1 1AA,,0.5,');
  });
});

describe('deadlines, reminders and reports', () => {
  it('shows the demo’s overdue deadline on the dashboard and reminds the responsible officer once, in the app and by e-mail', async () => {
    const manager = await as('manager@glenlochy.example');
    const page = await manager.get(`/partnerships/${DEMO.code}/requests`);
    const overdue = page.text.slice(page.text.indexOf('id="overdue"'), page.text.indexOf('id="this-week"'));
    expect(overdue).toContain('Winter gritting of Kilbrae back roads');
    const api = await manager.get(`/api/v1/partnerships/${DEMO.code}/deadlines`);
    expect(api.json<{ overdue: { title: string; responsible: string }[] }>().overdue).toContainEqual(
      expect.objectContaining({ title: 'Winter gritting of Kilbrae back roads', responsible: 'Ravi Sharma' }),
    );

    const ctx = cliContext(systemActor('reminders'));
    await world.deps.reminders.run(ctx);
    expect((await lastAudit(world)).map((a) => a.action)).toEqual(['reminders.send']);
    const again = await world.deps.reminders.run(ctx);
    expect(again.notifications).toBe(0);
    const officerNotes = await (await as(OFFICER)).get('/notifications');
    expect(officerNotes.text).toMatch(
      /Overdue since \d{4}-\d{2}-\d{2}: Participation request: decision notice for PR-\d{4}-\d{4} “Winter gritting of Kilbrae back roads”/,
    );
    const mail = await world.handle.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', OFFICER)
      .where('subject', 'like', '%Winter gritting%')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain(`/partnerships/${DEMO.code}/requests/`);
  });

  it('sends the outbox through SMTP when it is configured', async () => {
    const smtp = await startFakeSmtp();
    try {
      const mailWorld = await createWorld({
        env: { CAIRN_SMTP_URL: smtp.url, CAIRN_MAIL_FROM: 'Cairn <cairn@example.org>' },
      });
      try {
        await mailWorld.deps.reminders.run(cliContext(systemActor('reminders')));
        const sent = await mailWorld.deps.reminders.sendOutbox();
        expect(sent.configured).toBe(true);
        expect(sent.failed).toBe(0);
        expect(sent.sent).toBeGreaterThan(0);
        expect(smtp.lines.join('\n')).toContain('Winter gritting of Kilbrae back roads');
        const left = await mailWorld.handle.db.selectFrom('outbox').select('id').where('sent_at', 'is', null).execute();
        expect(left).toEqual([]);
      } finally {
        await mailWorld.close();
      }
    } finally {
      await smtp.close();
    }
  });

  it('writes the annual report from the requests, as a page with a chart and table and as CSV', async () => {
    const anyone = await as(null);
    const page = await anyone.get(`/registers/annual-report?partnership=${DEMO.code}&kind=asset_transfer&year=2026`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('role="img"');
    expect(page.text).toContain('<table');
    const csv = await anyone.get(`/registers/annual-report.csv?partnership=${DEMO.code}&kind=asset_transfer&year=2026`);
    const rows = csv.text
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const count = (item: string) => Number(rows.find((r) => r[4] === item)?.[5]);
    const expected = await world.handle.db
      .selectFrom('community_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', 'asset_transfer')
      .where('fictional', '=', true)
      .where('decision_date', '>=', '2026-04-01')
      .where('decision_date', '<=', '2027-03-31')
      .executeTakeFirstOrThrow();
    expect(count('Decisions made')).toBe(Number(expected.n));
    const bad = await anyone.get(`/registers/annual-report?partnership=${DEMO.code}&kind=both&year=2026`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose participation or asset transfer requests');
  });
});

describe('the public register’s search', () => {
  it('finds requests by the name of the authority they were made to, and no others', async () => {
    type Row = { reference: string; authority: string; title: string };
    const client = await as(null);
    const all = (await client.get('/api/v1/registers/requests')).json<{ data: Row[] }>().data;
    const toNhs = all.filter((r) => r.authority === 'NHS Glenlochy').map((r) => r.reference);
    expect(toNhs.length).toBeGreaterThan(0);
    const found = (await client.get('/api/v1/registers/requests?q=nhs%20glenlochy')).json<{ data: Row[] }>().data;
    expect(found.map((r) => r.reference).sort()).toEqual([...toNhs].sort());
  });
});
