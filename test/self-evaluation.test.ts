import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, systemActor, type Actor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import type { PartnershipRef } from '../src/core/http/env.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/index.ts';
import { quantile, spreadOf } from '../src/modules/improvement/self-evaluation-stats.ts';
import { auditCount, Client, createWorld, DEMO, OTHER, type TestWorld } from './helpers/app.ts';

let world: TestWorld;
let demo: PartnershipRef;
let fife: PartnershipRef;
let draftId: number;
let publishedId: number;
const setup = cliContext(systemActor('test setup'));

const db = () => world.handle.db;
const scoreOf = async (evaluationId: number, code: string) =>
  (await db()
    .selectFrom('self_evaluation_scores as s')
    .innerJoin('evaluation_criteria as c', 'c.id', 's.criterion_id')
    .select(['s.score', 's.evidence'])
    .where('s.evaluation_id', '=', evaluationId)
    .where('c.code', '=', code)
    .executeTakeFirst()) ?? null;
const viewCount = async () =>
  Number(
    (
      await db()
        .selectFrom('self_evaluation_views')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function signedIn(email: string) {
  const client = new Client(world);
  await client.login(email);
  return client;
}

/** A user who leads a new community body in the given partnership. */
async function bodyLead(p: PartnershipRef, email: string) {
  const { user } = await world.deps.accounts.createUser(setup, {
    email,
    display_name: 'Body Lead',
    password: DEMO_PASSWORD,
  });
  const body = await db()
    .insertInto('community_bodies')
    .values({
      partnership_id: p.id,
      name: `Body of ${email}`,
      body_type: 'community_council',
      community: 'Test community',
      community_kind: 'place',
      fictional: true,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('community_body_members')
    .values({ community_body_id: body.id, user_id: user.id, role: 'lead', created_at: new Date() })
    .execute();
  return body.id;
}

beforeAll(async () => {
  world = await createWorld();
  demo = (await world.deps.partnerships.resolve(DEMO.code))!;
  fife = (await world.deps.partnerships.resolve(OTHER.code))!;
  const rows = await db()
    .selectFrom('self_evaluations')
    .select(['id', 'year', 'status'])
    .where('partnership_id', '=', demo.id)
    .orderBy('year')
    .execute();
  expect(rows.map((r) => [r.year, r.status])).toEqual([
    [2025, 'published'],
    [2026, 'draft'],
  ]);
  publishedId = rows[0]!.id;
  draftId = rows[1]!.id;
});
afterAll(() => world.close());

describe('the spread statistics', () => {
  it('interpolates quartiles between scores (type 7, as QUARTILE.INC)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNull();
    expect(spreadOf([5, 1, 3])).toEqual({ count: 3, min: 1, lowerQuartile: 2, median: 3, upperQuartile: 4, max: 5 });
  });
});

describe('scoring', () => {
  it('shows the year with its scores, evidence and views inside the partnership', async () => {
    const manager = await signedIn('manager@glenlochy.example');
    const res = await manager.get(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('A prevention fund was agreed');
    expect(res.text).toContain('NHS Glenlochy (partner)');
    expect(res.text).toContain('Kilbrae Community Council (demo) (community body)');
    expect(res.text).toContain('fictional');
  });

  it('refuses a score outside the framework’s scale, naming the criterion’s field, and writes nothing', async () => {
    const manager = await signedIn('manager@glenlochy.example');
    const before = await scoreOf(draftId, 'prevention');
    const audits = await auditCount(world);
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}/scores`, {
      'score_community-participation': '5',
      score_prevention: '7',
      evidence_prevention: 'Far better than ever',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#score_prevention"');
    expect(res.text).toContain(
      'Choose a score for “Focus on prevention” from the scale, 1 (Unsatisfactory) to 6 (Excellent)',
    );
    expect(await scoreOf(draftId, 'prevention')).toEqual(before);
    expect((await scoreOf(draftId, 'community-participation'))!.score).toBe(4); // the valid score in the same form is not written either
    expect(await auditCount(world)).toBe(audits);
  });

  it('saves valid scores with evidence, audited', async () => {
    const manager = await signedIn('manager@glenlochy.example');
    const audits = await auditCount(world);
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}/scores`, {
      score_prevention: '3',
      evidence_prevention: 'The prevention fund paid for two projects (test).',
    });
    expect(res.status).toBe(303);
    expect(await scoreOf(draftId, 'prevention')).toEqual({
      score: 3,
      evidence: 'The prevention fund paid for two projects (test).',
    });
    expect(await auditCount(world)).toBe(audits + 1);
  });

  it('does not let a partner officer score, but lets them add a view for their own organisation', async () => {
    const officer = await signedIn('officer@glenlochy.example');
    expect(
      (
        await officer.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}/scores`, {
          score_prevention: '6',
        })
      ).status,
    ).toBe(403);
    const res = await officer.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}/views`, {
      view: 'We agree with the evidence (test).',
    });
    expect(res.status).toBe(303);
    const view = await db()
      .selectFrom('self_evaluation_views as v')
      .innerJoin('organisations as o', 'o.id', 'v.organisation_id')
      .select(['o.name', 'v.criterion_id'])
      .where('v.view', '=', 'We agree with the evidence (test).')
      .executeTakeFirstOrThrow();
    expect(view).toEqual({ name: 'NHS Glenlochy', criterion_id: null });
  });

  it('publishing freezes the self-evaluation: no more scores, no more views', async () => {
    const manager = await signedIn('manager@glenlochy.example');
    const national = await db()
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('code', '=', 'principles-2016')
      .executeTakeFirstOrThrow();
    const start = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation`, {
      framework_id: String(national.id),
      year: '2024',
    });
    expect(start.status).toBe(303);
    const id = Number(start.location!.split('/').at(-1));
    const codes = (
      await db().selectFrom('evaluation_criteria').select('code').where('framework_id', '=', national.id).execute()
    ).map((c) => c.code);
    // Not every criterion scored: publishing is refused, naming the first missing one.
    await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/scores`, {
      score_prevention: '2',
    });
    const early = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/publish`, {});
    expect(early.status).toBe(400);
    expect(early.text).toContain('Score “Community participation” before publishing');
    await manager.post(
      `/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/scores`,
      Object.fromEntries(codes.map((c) => [`score_${c}`, '4'])),
    );
    expect(
      (await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/publish`, {})).status,
    ).toBe(303);
    expect(
      (await db().selectFrom('self_evaluations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status,
    ).toBe('published');

    const rescore = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/scores`, {
      score_prevention: '6',
    });
    expect(rescore.status).toBe(409);
    expect((await scoreOf(id, 'prevention'))!.score).toBe(4);
    const views = await viewCount();
    expect(
      (
        await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/views`, {
          view: 'Too late (test).',
        })
      ).status,
    ).toBe(409);
    expect(await viewCount()).toBe(views);
    expect(
      (await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/publish`, {})).status,
    ).toBe(409);
    // The year page offers no forms once published.
    const page = await manager.get(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}`);
    expect(page.text).not.toContain('Save the scores');
    expect(page.text).toContain(`/partnerships/${DEMO.code}/self-evaluation/2024`);
  });

  it('adds a framework of the partnership’s own with its own levels, and refuses a score beyond them', async () => {
    const manager = await signedIn('manager@glenlochy.example');
    const bad = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/frameworks`, {
      name: 'Locality review',
      source: 'Board paper (test)',
      criteria: '',
      scale: 'own',
      levels: 'Only one',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#criteria"');
    expect(bad.text).toContain('href="#levels"');
    const res = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/frameworks`, {
      name: 'Locality review',
      source: 'Board paper (test)',
      criteria: 'Forums are accessible\nPlans reflect what residents said',
      scale: 'own',
      levels: 'Not yet\nPartly\nFully',
    });
    expect(res.status).toBe(303);
    const f = await db()
      .selectFrom('evaluation_frameworks')
      .select(['id', 'partnership_id'])
      .where('code', '=', `${DEMO.code}-locality-review`)
      .executeTakeFirstOrThrow();
    expect(f.partnership_id).toBe(demo.id);
    const start = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation`, {
      framework_id: String(f.id),
      year: '2026',
    });
    const id = Number(start.location!.split('/').at(-1));
    const over = await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/scores`, {
      'score_forums-are-accessible': '4',
    });
    expect(over.status).toBe(400);
    expect(over.text).toContain('from the scale, 1 (Not yet) to 3 (Fully)');
    expect(
      (
        await manager.post(`/partnerships/${DEMO.code}/improvement/self-evaluation/${id}/scores`, {
          'score_forums-are-accessible': '3',
        })
      ).status,
    ).toBe(303);
    // Another partnership cannot start an evaluation against Glenlochy's own framework.
    const other = await signedIn(OTHER.email);
    const refused = await other.post(`/partnerships/${OTHER.code}/improvement/self-evaluation`, {
      framework_id: String(f.id),
      year: '2026',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#framework_id"');
  });
});

describe('who sees what', () => {
  it('another partnership’s manager gets 404 on the draft, its pages and its CSV', async () => {
    const other = await signedIn(OTHER.email);
    for (const path of [
      `/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}`,
      `/partnerships/${DEMO.code}/improvement/self-evaluation`,
      `/partnerships/${DEMO.code}/improvement/self-evaluation/over-years.csv`,
    ]) {
      const res = await other.get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('prevention fund');
    }
    // Through their own partnership's path too.
    expect((await other.get(`/partnerships/${OTHER.code}/improvement/self-evaluation/${draftId}`)).status).toBe(404);
    expect(
      (
        await other.post(`/partnerships/${OTHER.code}/improvement/self-evaluation/${draftId}/scores`, {
          score_prevention: '1',
        })
      ).status,
    ).toBe(404);
  });

  it('national analysts cannot open a partnership’s self-evaluations', async () => {
    const analyst = await signedIn('analyst@cairn.example');
    expect((await analyst.get(`/partnerships/${DEMO.code}/improvement/self-evaluation/${draftId}`)).status).toBe(403);
  });

  it('the public page shows published years and 404s for drafts', async () => {
    const anyone = new Client(world);
    const published = await anyone.get(`/partnerships/${DEMO.code}/self-evaluation/2025`);
    expect(published.status).toBe(200);
    expect(published.text).toContain('Most spending on the priorities is still on crisis services');
    expect(published.text).toContain('Kilbrae Community Council (demo) (community body)');
    expect(published.text).not.toContain('Ravi Sharma'); // authors are not named publicly
    const draft = await anyone.get(`/partnerships/${DEMO.code}/self-evaluation/2026`);
    expect(draft.status).toBe(404);
    expect(draft.text).not.toContain('prevention fund');
    // Not even the partnership's own manager sees a draft on the public page.
    const manager = await signedIn('manager@glenlochy.example');
    expect((await manager.get(`/partnerships/${DEMO.code}/self-evaluation/2026`)).status).toBe(404);
    const json = await anyone.get(`/api/v1/partnerships/${DEMO.code}/self-evaluation/2025`);
    expect(json.status).toBe(200);
    expect(
      json
        .json<{ data: { year: number; status: string; scores: { criterion: string; score: number }[] }[] }>()
        .data[0]!.scores.find((s) => s.criterion === 'prevention')!.score,
    ).toBe(2);
    expect((await anyone.get(`/api/v1/partnerships/${DEMO.code}/self-evaluation/2026`)).status).toBe(404);
  });
});

describe('community bodies’ views', () => {
  it('a member of one of the partnership’s bodies adds a view to this year’s draft', async () => {
    const lead = await signedIn('community@glenlochy.example');
    const body = await db()
      .selectFrom('community_bodies')
      .select('id')
      .where('name', '=', 'Kilbrae Community Council (demo)')
      .executeTakeFirstOrThrow();
    const page = await lead.get(`/community/bodies/${body.id}/self-evaluation`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Evening forums this year');
    expect(page.text).not.toContain('prevention fund'); // the partnership's draft scores stay inside the partnership
    const bad = await lead.post(`/community/bodies/${body.id}/self-evaluation`, {
      evaluation_id: String(draftId),
      view: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`href="#e${draftId}-view"`);
    const res = await lead.post(`/community/bodies/${body.id}/self-evaluation`, {
      evaluation_id: String(draftId),
      view: 'The forums should move around the localities (test).',
    });
    expect(res.status).toBe(303);
    const row = await db()
      .selectFrom('self_evaluation_views')
      .select(['community_body_id', 'organisation_id'])
      .where('view', '=', 'The forums should move around the localities (test).')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ community_body_id: body.id, organisation_id: null });
    // Last year's, published, takes no views.
    expect(
      (
        await lead.post(`/community/bodies/${body.id}/self-evaluation`, {
          evaluation_id: String(publishedId),
          view: 'Late view (test).',
        })
      ).status,
    ).toBe(409);
  });

  it('a community body of another partnership cannot add a view', async () => {
    const fifeBody = await bodyLead(fife, 'fife-body@example.org');
    const client = await signedIn('fife-body@example.org');
    const views = await viewCount();
    const audits = await auditCount(world);
    const res = await client.post(`/community/bodies/${fifeBody}/self-evaluation`, {
      evaluation_id: String(draftId),
      view: 'A view from Fife (test).',
    });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Glenlochy');
    // Nor through a Glenlochy body they do not belong to.
    const glenBody = await db()
      .selectFrom('community_bodies')
      .select('id')
      .where('partnership_id', '=', demo.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(
      (
        await client.post(`/community/bodies/${glenBody.id}/self-evaluation`, {
          evaluation_id: String(draftId),
          view: 'A view from Fife (test).',
        })
      ).status,
    ).toBe(404);
    expect((await client.get(`/community/bodies/${glenBody.id}/self-evaluation`)).status).toBe(404);
    expect(await viewCount()).toBe(views);
    expect(await auditCount(world)).toBe(audits);
    // Their own page lists nothing of Glenlochy's.
    const own = await client.get(`/community/bodies/${fifeBody}/self-evaluation`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('Glenlochy');
  });
});

describe('national spread', () => {
  it('counts every partnership that scored but names only those that published', async () => {
    const fifeManager: Actor = (await world.deps.accounts.actorForSession(
      (await signedIn(OTHER.email)).cookie('cairn_session'),
    )) as Actor;
    const ctx = { ...setup, actor: fifeManager };
    const national = await db()
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('code', '=', 'principles-2016')
      .executeTakeFirstOrThrow();
    const e = await world.deps.selfEvaluation.start(ctx, fife, { framework_id: national.id, year: 2026 });
    await world.deps.selfEvaluation.score(ctx, fife, e.id, {
      'score_community-participation': '2',
      score_prevention: '5',
    });

    const analyst = await signedIn('analyst@cairn.example');
    const draftYear = await analyst.get('/self-evaluation?year=2026');
    expect(draftYear.status).toBe(200);
    expect(draftYear.text).not.toContain('Glenlochy');
    expect(draftYear.text).not.toContain('Fife');
    expect(draftYear.text).toContain('2 partnerships scored in 2026: 0 published, 2 still in draft');
    expect(draftYear.text).toContain('<svg');
    const csv = await analyst.get('/self-evaluation.csv?year=2026&table=spread');
    expect(csv.status).toBe(200);
    // Community participation: Glenlochy 4 (draft), Fife 2 (draft) → median 3.
    expect(csv.text).toContain(
      'principles-2016,2026,community-participation,Community participation,2,0,2,2,2.5,3,3.5,4,0,1,0,1,0,0',
    );
    expect((await analyst.get('/self-evaluation.csv?year=2026&table=published')).text.trim().split('\n')).toHaveLength(
      1,
    );

    const json = (await analyst.get('/api/v1/self-evaluation/spread?year=2026')).json<{
      partnerships: number;
      drafts: number;
      data: { criterion: string; median: number }[];
      published: unknown[];
    }>();
    expect(json.partnerships).toBe(2);
    expect(json.published).toEqual([]);
    expect(json.data.find((r) => r.criterion === 'community-participation')!.median).toBe(3);
    const doc = (await new Client(world).get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).filter((k) => k.includes('self-evaluation'))).toHaveLength(2);

    const published = await analyst.get('/self-evaluation?year=2025');
    expect(published.text).toContain('Glenlochy');
    expect(published.text).not.toContain('Fife');
    // The other partnership's manager may not compare.
    expect((await (await signedIn(OTHER.email)).get('/self-evaluation')).status).toBe(403);
  });

  it('weakCriteria reads the threshold from method_parameters and respects what the caller may see', async () => {
    const threshold = await db()
      .selectFrom('method_parameters')
      .select(['value', 'source'])
      .where('method', '=', 'support_needs')
      .where('name', '=', 'weak_score')
      .executeTakeFirstOrThrow();
    expect(Number(threshold.value)).toBe(2);
    expect(threshold.source).toMatch(/How good is our school/);
    const inside = await world.deps.selfEvaluation.weakCriteria(setup, demo.id);
    expect(inside.evaluation!.year).toBe(2026);
    expect(inside.criteria.map((c) => c.code)).toEqual([]); // prevention was re-scored 3 above; nothing at 2 or below in the draft
    const outside = await world.deps.selfEvaluation.weakCriteria({ ...setup, actor: ANONYMOUS }, demo.id);
    expect(outside.evaluation!.year).toBe(2025);
    expect(outside.criteria.map((c) => c.code)).toEqual([
      'tackling-inequalities',
      'prevention',
      'resourcing-improvement',
    ]);
  });

  it('summaryForAll gives each partnership’s latest published year and mean score', async () => {
    const all = await world.deps.selfEvaluation.summaryForAll();
    const glen = all.find((s) => s.partnershipId === demo.id)!;
    expect(glen.year).toBe(2025);
    expect(glen.meanScore).toBeCloseTo((3 + 2 + 3 + 4 + 3 + 4 + 2 + 2 + 3) / 9, 6);
    expect(all.some((s) => s.partnershipId === fife.id)).toBe(false);
  });
});

describe('scores over the years', () => {
  it('draws a chart per criterion with a table, and gives the scores as CSV', async () => {
    const viewer = await signedIn('viewer@glenlochy.example');
    const page = await viewer.get(`/partnerships/${DEMO.code}/improvement/self-evaluation/over-years`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('2026 (draft)');
    const csv = await viewer.get(
      `/partnerships/${DEMO.code}/improvement/self-evaluation/over-years.csv?framework=principles-2016`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('framework,criterion_code,criterion,year,status,score,level');
    expect(lines).toContain('principles-2016,tackling-inequalities,Tackling inequalities,2025,published,2,Weak');
    expect(lines).toContain('principles-2016,tackling-inequalities,Tackling inequalities,2026,draft,3,Satisfactory');
  });
});
