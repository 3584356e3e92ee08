import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, Client, createWorld, DEMO, lastAudit, OTHER, signedIn, type TestWorld } from './helpers/app.ts';

/**
 * The improvement-support portal (issue 6): offers, requests through the workflow kept as data, feedback
 * only on completed support, needs matched to offers by principle and by indicator, the gaps view, and
 * one partnership never seeing another's requests.
 */
let world: TestWorld;
let analyst: Client;
let manager: Client;
let fife: Client;

const ANALYST = 'analyst@cairn.example';
const MANAGER = 'manager@glenlochy.example';

async function criterionId(code: string): Promise<number> {
  const row = await world.handle.db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select(['c.id', 'c.framework_id'])
    .where('f.code', '=', 'principles-2016')
    .where('c.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function offerCount(): Promise<number> {
  const r = await world.handle.db
    .selectFrom('support_offers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const GOOD_OFFER = {
  provider_name: 'Test Provider',
  title: 'Help with prevention budgets',
  theme: 'Prevention',
  description: 'A workshop on shifting budgets to prevention.',
  format_code: 'workshop',
  eligibility: 'Any partnership',
  contact: 'test@example.org',
};

async function createOffer(fields: Record<string, string | string[]>): Promise<number> {
  const res = await analyst.post('/support/offers', { ...GOOD_OFFER, ...fields });
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  return Number(res.location!.split('/').pop());
}

async function requestAs(client: Client, partnership: string, offerId: number, need = 'We need help'): Promise<number> {
  const res = await client.post(`/partnerships/${partnership}/improvement/support/requests`, {
    offer_id: String(offerId),
    need,
  });
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  return Number(res.location!.split('/').pop());
}

async function statusOf(id: number) {
  return await world.handle.db
    .selectFrom('support_requests')
    .select(['status', 'usefulness'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  world = await createWorld();
  analyst = await signedIn(world, ANALYST);
  manager = await signedIn(world, MANAGER);
  fife = await signedIn(world, OTHER.email);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('offers', () => {
  it('shows the demo offers to the public, labelled fictional, and searches them', async () => {
    const anon = new Client(world);
    const all = await anon.get('/support');
    expect(all.status).toBe(200);
    expect(all.text).toContain('Making use of the Community Planning Outcomes Profile (demo)');
    expect(all.text).toContain('Demo – fictional');
    const byFormat = await anon.get('/support?format=coaching');
    expect(byFormat.text).toContain('Coaching on community engagement');
    expect(byFormat.text).not.toContain('Making use of the Community Planning Outcomes Profile');
    const byPrinciple = await anon.get('/support?principle=prevention');
    expect(byPrinciple.text).toContain('Prevention and early deaths');
    expect(byPrinciple.text).not.toContain('Coaching on community engagement');
    const byTheme = await anon.get('/support?theme=governance');
    expect(byTheme.text).toContain('Board development for shared leadership');
    expect(byTheme.text).not.toContain('Prevention and early deaths');
    const byWords = await anon.get('/api/v1/support/offers?q=board%20leadership');
    expect(byWords.json<{ data: { title: string }[] }>().data.map((o) => o.title)).toEqual([
      'Board development for shared leadership (demo)',
    ]);
  });

  it('refuses a bad offer naming each field, and writes nothing', async () => {
    const [offers, audits] = [await offerCount(), await auditCount(world)];
    const res = await analyst.post('/support/offers', {
      title: 'x',
      theme: 'Data',
      description: 'Something useful',
      format_code: 'carrier-pigeon',
      eligibility: 'All',
      contact: 'a@b.c',
      criteria: ['99999'],
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#provider_organisation_id"');
    expect(res.text).toContain('href="#title"');
    const second = await analyst.post('/support/offers', {
      ...GOOD_OFFER,
      format_code: 'carrier-pigeon',
      criteria: ['99999'],
    });
    expect(second.status).toBe(400);
    expect(second.text).toContain('Format: Choose a format from the list');
    expect(second.text).toContain('Principles addressed: Choose principles from the list');
    const none = await analyst.post('/support/offers', { ...GOOD_OFFER });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose at least one principle');
    expect(await offerCount()).toBe(offers);
    expect(await auditCount(world)).toBe(audits);
  });

  it('publishes and withdraws an offer; a withdrawn offer leaves the public list', async () => {
    const id = await createOffer({ title: 'A short-lived offer', criteria: [String(await criterionId('prevention'))] });
    expect((await lastAudit(world))[0]!.action).toBe('support_offer.create');
    const anon = new Client(world);
    expect((await anon.get(`/support/offers/${id}`)).status).toBe(200);
    expect((await manager.post(`/support/offers/${id}/withdraw`)).status).toBe(403);
    expect((await analyst.post(`/support/offers/${id}/withdraw`)).status).toBe(303);
    expect((await lastAudit(world))[0]!.action).toBe('support_offer.withdraw');
    expect((await anon.get(`/support/offers/${id}`)).status).toBe(404);
    expect((await anon.get('/support')).text).not.toContain('A short-lived offer');
    expect((await analyst.get(`/support/offers/${id}`)).text).toContain('Withdrawn');
    // No new request for a withdrawn offer.
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/support/requests`, {
      offer_id: String(id),
      need: 'Too late',
      _form: 'any',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose an offer that is open to requests');
  });
});

describe('requests and the workflow', () => {
  let offerId: number;
  beforeAll(async () => {
    offerId = await createOffer({
      title: 'Workflow offer',
      criteria: [String(await criterionId('shared-leadership'))],
    });
  });

  it('shows the demo requests: one completed with feedback, one in progress', async () => {
    const page = await manager.get(`/partnerships/${DEMO.code}/improvement/support`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Completed');
    expect(page.text).toContain('In progress');
    const gaps = await analyst.get('/support/gaps');
    expect(gaps.text).toContain('Our annual report now compares each outcome with our family group');
  });

  it('moves a request only along the transitions the workflow allows', async () => {
    const id = await requestAs(manager, DEMO.code, offerId);
    expect((await lastAudit(world))[0]!.action).toBe('support_request.create');
    const audits = await auditCount(world);
    // Not from "requested": complete, start.
    expect((await analyst.post(`/support/requests/${id}/transition`, { action: 'complete' })).status).toBe(409);
    expect((await analyst.post(`/support/requests/${id}/transition`, { action: 'start' })).status).toBe(409);
    expect((await analyst.post(`/support/requests/${id}/transition`, { action: 'teleport' })).status).toBe(409);
    // Declining needs a note.
    const noNote = await analyst.post(`/support/requests/${id}/transition`, { action: 'decline' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('href="#note"');
    expect(await auditCount(world)).toBe(audits);
    expect((await statusOf(id)).status).toBe('requested');
    // A partnership cannot move its own request along.
    expect((await manager.post(`/support/requests/${id}/transition`, { action: 'accept' })).status).toBe(403);

    for (const [action, status] of [
      ['accept', 'accepted'],
      ['start', 'in_progress'],
      ['complete', 'completed'],
    ] as const) {
      const res = await analyst.post(`/support/requests/${id}/transition`, { action, note: `Note on ${action}` });
      expect(res.status, res.text.slice(0, 300)).toBe(303);
      expect((await statusOf(id)).status).toBe(status);
      expect((await lastAudit(world))[0]!.action).toBe(`support_request.${action}`);
    }
    // Completed is final.
    expect(
      (await analyst.post(`/support/requests/${id}/transition`, { action: 'decline', note: 'Too late' })).status,
    ).toBe(409);
    const history = await manager.get(`/partnerships/${DEMO.code}/improvement/support/requests/${id}`);
    expect(history.text).toContain('Note on start');
    expect(history.text).toContain('In progress → Completed');
  });

  it('declines with a note', async () => {
    const id = await requestAs(manager, DEMO.code, offerId);
    expect(
      (await analyst.post(`/support/requests/${id}/transition`, { action: 'decline', note: 'Fully booked this year' }))
        .status,
    ).toBe(303);
    expect((await statusOf(id)).status).toBe('declined');
  });

  it('takes feedback only on completed support, with usefulness from 1 to 5', async () => {
    const id = await requestAs(manager, DEMO.code, offerId);
    const path = `/partnerships/${DEMO.code}/improvement/support/requests/${id}/feedback`;
    expect((await manager.post(path, { usefulness: '4', what_changed: 'Too early' })).status).toBe(409);
    await analyst.post(`/support/requests/${id}/transition`, { action: 'accept' });
    await analyst.post(`/support/requests/${id}/transition`, { action: 'start' });
    expect((await manager.post(path, { usefulness: '4', what_changed: 'Still too early' })).status).toBe(409);
    await analyst.post(`/support/requests/${id}/transition`, { action: 'complete' });
    expect((await manager.get(`/partnerships/${DEMO.code}/improvement/support/requests/${id}`)).text).toContain(
      'How useful was the support?',
    );
    const audits = await auditCount(world);
    for (const usefulness of ['6', '0', 'very']) {
      const res = await manager.post(path, { usefulness, what_changed: 'Our board works better' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#usefulness"');
    }
    const noText = await manager.post(path, { usefulness: '5' });
    expect(noText.status).toBe(400);
    expect(noText.text).toContain('href="#what_changed"');
    expect(await auditCount(world)).toBe(audits);
    expect((await statusOf(id)).usefulness).toBeNull();
    expect((await manager.post(path, { usefulness: '5', what_changed: 'Our board works better' })).status).toBe(303);
    expect((await statusOf(id)).usefulness).toBe(5);
    expect((await lastAudit(world))[0]!.action).toBe('support_request.feedback');
    expect((await manager.post(path, { usefulness: '1', what_changed: 'Changed my mind' })).status).toBe(409);
    expect((await statusOf(id)).usefulness).toBe(5);
  });

  it('never shows one partnership’s requests to another', async () => {
    const id = await requestAs(manager, DEMO.code, offerId, 'A Glenlochy need');
    await analyst.post(`/support/requests/${id}/transition`, { action: 'accept' });
    await analyst.post(`/support/requests/${id}/transition`, { action: 'start' });
    await analyst.post(`/support/requests/${id}/transition`, { action: 'complete' });
    expect((await fife.get(`/partnerships/${DEMO.code}/improvement/support/requests/${id}`)).status).toBe(404);
    expect((await fife.get(`/partnerships/${DEMO.code}/improvement/support`)).status).toBe(404);
    expect((await fife.get(`/partnerships/${OTHER.code}/improvement/support/requests/${id}`)).status).toBe(404);
    expect(
      (
        await fife.post(`/partnerships/${DEMO.code}/improvement/support/requests/${id}/feedback`, {
          usefulness: '1',
          what_changed: 'Sabotage',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await fife.post(`/partnerships/${OTHER.code}/improvement/support/requests/${id}/feedback`, {
          usefulness: '1',
          what_changed: 'Sabotage',
        })
      ).status,
    ).toBe(404);
    expect((await statusOf(id)).usefulness).toBeNull();
    const own = await fife.get(`/partnerships/${OTHER.code}/improvement/support`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('A Glenlochy need');
  });
});

describe('needs matched to offers, and the gaps view', () => {
  const MATCHED = 'test-support-matched';
  const UNMET = 'test-support-unmet';
  let criterionOffer: number;
  let indicatorOffer: number;

  beforeAll(async () => {
    const db = world.handle.db;
    const fifeRow = await db
      .selectFrom('partnerships')
      .select(['id', 'council_area_code'])
      .where('code', '=', OTHER.code)
      .executeTakeFirstOrThrow();
    // Two indicators of the outcomes profile, both worsening in Fife (lower is better and the value rose).
    for (const code of [MATCHED, UNMET]) {
      await db
        .insertInto('indicators')
        .values({ code, name: `Test indicator ${code}`, unit: 'rate', higher_is_better: false, source: 'test' })
        .execute();
      await db.insertInto('indicator_frameworks').values({ indicator_code: code, framework: 'CPOP' }).execute();
      await db
        .insertInto('observations')
        .values(
          [
            [2021, 100],
            [2022, 130],
          ].map(([year, value]) => ({
            indicator_code: code,
            area_code: fifeRow.council_area_code,
            period_label: String(year),
            period_kind: 'year',
            period_start: `${year}-01-01`,
            period_end: `${year}-12-31`,
            value_type: 'raw' as const,
            value: value!,
            import_run_id: null,
          })),
        )
        .execute();
    }
    // A draft self-evaluation scoring "Focus on key priorities" weak.
    const framework = await db
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('code', '=', 'principles-2016')
      .executeTakeFirstOrThrow();
    const evaluation = await db
      .insertInto('self_evaluations')
      .values({
        partnership_id: fifeRow.id,
        framework_id: framework.id,
        year: 2026,
        status: 'draft',
        published_at: null,
        published_by: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('self_evaluation_scores')
      .values({
        evaluation_id: evaluation.id,
        criterion_id: await criterionId('key-priorities'),
        framework_id: framework.id,
        score: 2,
        evidence: 'Too many priorities',
        scored_by: null,
      })
      .execute();
    criterionOffer = await createOffer({
      title: 'Choosing fewer priorities',
      criteria: [String(await criterionId('key-priorities'))],
    });
    indicatorOffer = await createOffer({ title: 'Turning round a worsening indicator', indicators: [MATCHED] });
  });

  it('matches a weak self-evaluation score to an offer by principle, and a worsening outcome by indicator', async () => {
    const page = await fife.get(`/partnerships/${OTHER.code}/improvement/support`);
    expect(page.status).toBe(200);
    const text = page.text;
    expect(text).toContain('Focus on key priorities: scored 2 (Weak) in the 2026 self-evaluation');
    expect(text).toContain(`/support/offers/${criterionOffer}`);
    expect(text).toContain(`Test indicator ${MATCHED}: worsening, from 100 in 2021 to 130 in 2022`);
    expect(text).toContain(`/support/offers/${indicatorOffer}`);
    expect(text).toContain(`Test indicator ${UNMET}: worsening`);
    expect(text).toContain('No published offer meets this need yet.');
    // Request straight from a matched need.
    const res = await fife.post(`/partnerships/${OTHER.code}/improvement/support/requests`, {
      offer_id: String(indicatorOffer),
      indicator_code: MATCHED,
      need: 'Our rate rose',
      _form: 'n1-o1',
    });
    expect(res.status).toBe(303);
    const row = await world.handle.db
      .selectFrom('support_requests')
      .select(['indicator_code', 'partnership_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.indicator_code).toBe(MATCHED);
  });

  it('lists an unmet need in the gaps view, and not a met one; the draft self-evaluation is counted, not named', async () => {
    const page = await analyst.get('/support/gaps');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Test indicator ${UNMET}`);
    expect(page.text).toContain(
      `Fife Community Planning Partnership: Test indicator ${UNMET}: worsening, from 100 in 2021 to 130 in 2022`,
    );
    expect(page.text).not.toContain(`Test indicator ${MATCHED}`);
    const csv = await analyst.get('/support/gaps.csv?table=needs');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain(`worsening:${UNMET}`);
    expect(csv.text).not.toContain(`worsening:${MATCHED}`);
    const offers = await analyst.get('/support/gaps.csv?table=offers');
    expect(offers.text.split('\r\n')[0]).toBe(
      'offer_id,offer,provider,status,fictional,requests,under_way,completed,feedback_count,mean_usefulness,what_changed',
    );
    // Withdraw the offers on the criterion: the weak score becomes a gap, counted but not named (unpublished).
    const demoOffer = await world.handle.db
      .selectFrom('support_offers')
      .select('id')
      .where('title', '=', 'Making use of the Community Planning Outcomes Profile (demo)')
      .executeTakeFirstOrThrow();
    for (const id of [criterionOffer, demoOffer.id])
      expect((await analyst.post(`/support/offers/${id}/withdraw`)).status).toBe(303);
    const after = await analyst.get('/support/gaps');
    expect(after.text).toContain('Focus on key priorities');
    expect(after.text).toContain('1 with an unpublished self-evaluation');
    expect(after.text).not.toContain('Fife Community Planning Partnership: Focus on key priorities');
  });

  it('keeps the gaps and request pages from partnerships and the public', async () => {
    expect((await manager.get('/support/gaps')).status).toBe(403);
    expect((await manager.get('/support/requests')).status).toBe(403);
    const anon = await new Client(world).get('/support/gaps');
    expect(anon.status).toBe(303);
    expect(anon.location).toContain('/login');
  });
});
