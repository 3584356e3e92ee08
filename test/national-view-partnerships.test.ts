import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import type { PartnershipRef } from '../src/core/http/env.ts';
import { endOfMonthsAfter, timeliness } from '../src/modules/improvement/national-view.service.ts';
import { createWorld, DEMO, OTHER, signedIn, type TestWorld } from './helpers/app.ts';

const setup = cliContext(systemActor('test setup'));
const anon = cliContext(ANONYMOUS);
const FIFE_DRAFT = 'Fife Draft LOIP for the national view test';

let world: TestWorld;
let demo: PartnershipRef;
let fife: PartnershipRef;

beforeAll(async () => {
  world = await createWorld();
  demo = (await world.deps.partnerships.resolve(DEMO.code))!;
  fife = (await world.deps.partnerships.resolve(OTHER.code))!;
  await world.deps.plans.create(setup, fife, {
    kind: 'loip',
    title: FIFE_DRAFT,
    summary: undefined,
    start_year: 2026,
    end_year: 2035,
    locality_code: undefined,
  });
});
afterAll(() => world.close());

const demoLoip = async () =>
  world.handle.db
    .selectFrom('plans')
    .select(['id', 'title'])
    .where('partnership_id', '=', demo.id)
    .where('kind', '=', 'loip')
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();

describe('the national view: /national', () => {
  it('shows every partnership, the demo labelled fictional with its published LOIP and annual report', async () => {
    const page = await (await signedIn(world, null)).get('/national');
    expect(page.status).toBe(200);
    const loip = await demoLoip();
    expect(page.text).toContain(loip.title);
    expect(page.text).toContain('Demo – fictional');
    const count = Number(
      (
        await world.handle.db
          .selectFrom('partnerships')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const v = await world.deps.nationalView.overview(anon);
    expect(v.rows).toHaveLength(count);
    expect(v.rows.filter((r) => !r.fictional)).toHaveLength(32);
    const row = v.rows.find((r) => r.code === DEMO.code)!;
    expect(row).toMatchObject({ fictional: true, loip: { id: loip.id } });
    // The demo publishes last year's report in the summer: within the months Cairn expects.
    expect(v.year).toBe(2025);
    expect(v.dueBy).toBe('2026-09-30');
    expect(row.report.timeliness).toBe('on_time');
    expect(v.rows.find((r) => r.code === OTHER.code)!.report.timeliness).toBe('overdue');
    expect(page.text).toContain('not a statutory date');
  });

  it('shows a draft plan of Fife to Fife’s manager only, never to anonymous visitors or other partnerships', async () => {
    const anonymous = await (await signedIn(world, null)).get('/national');
    expect(anonymous.text).not.toContain(FIFE_DRAFT);
    expect((await (await signedIn(world, null)).get('/national.csv')).text).not.toContain(FIFE_DRAFT);
    expect(JSON.stringify((await (await signedIn(world, null)).get('/api/v1/national')).json())).not.toContain(
      FIFE_DRAFT,
    );
    const other = await (await signedIn(world, 'manager@glenlochy.example')).get('/national');
    expect(other.text).not.toContain(FIFE_DRAFT);
    const manager = await signedIn(world, OTHER.email);
    const own = await manager.get('/national');
    expect(own.text).toContain(FIFE_DRAFT);
    expect(own.text).toContain('Not published');
    expect((await manager.get('/national.csv')).text).toContain(FIFE_DRAFT);
    // Not in the stocktake of published plans, for anyone.
    expect((await manager.get('/national/stocktake')).text).not.toContain(FIFE_DRAFT);
  });

  it('offers CSV with one row per partnership and named columns, sortable like the page', async () => {
    const res = await (await signedIn(world, null)).get('/national.csv?sort=report&dir=asc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'partnership_code,partnership,fictional,loip_title,loip_first_year,loip_last_year,loip_published_on,unpublished_loip_title,unpublished_loip_status,report_year,report_published_on,report_due_by,report_timeliness,recommendations_addressed,recommendations_answered,self_evaluation_year,self_evaluation_mean,outcomes_green,outcomes_amber,outcomes_red,participation_validated,participation_decided,participation_decided_on_time,participation_overdue_undecided,asset_transfer_validated,asset_transfer_decided,asset_transfer_decided_on_time,asset_transfer_overdue_undecided',
    );
    expect(lines).toHaveLength(1 + (await world.deps.nationalView.overview(anon)).rows.length);
    // Sorted by the report's timeliness: the demo's on-time report comes first.
    expect(lines[1]!.startsWith(`${DEMO.code},`)).toBe(true);
    expect(lines[1]).toContain(',2025,');
    expect(lines[1]).toContain(',on_time,');
    const bad = await (await signedIn(world, null)).get('/national?sort=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('sort');
  });

  it('counts requests and their timeliness as the annual report on requests does', async () => {
    const v = await world.deps.nationalView.overview(anon, 2026);
    const row = v.rows.find((r) => r.code === DEMO.code)!;
    for (const [kind, counts] of [
      ['participation', row.participation],
      ['asset_transfer', row.assetTransfer],
    ] as const) {
      const report = await world.deps.registers.annualReport(anon, DEMO.code, kind, 2026);
      const line = (label: string) => report.lines.find((l) => l.group === 'Totals' && l.label === label)!.count;
      expect(counts.validated, kind).toBe(line('Requests validated'));
      expect(counts.decided, kind).toBe(line('Decisions made'));
      expect(counts.onTime, kind).toBe(line('Decided within the statutory period (or as extended)'));
    }
    expect(row.participation.validated + row.assetTransfer.validated).toBeGreaterThan(0);
  });

  it('summarises only published self-evaluations, and counts answers in unpublished plans only for the partnership’s own people', async () => {
    const db = world.handle.db;
    const evaluations = await db
      .selectFrom('self_evaluations')
      .select(['id', 'year', 'status'])
      .where('partnership_id', '=', demo.id)
      .orderBy('year', 'desc')
      .execute();
    const published = evaluations.find((e) => e.status === 'published')!;
    // The demo has a later draft: it must not count.
    expect(evaluations[0]!.status).toBe('draft');
    const scores = await db
      .selectFrom('self_evaluation_scores')
      .select('score')
      .where('evaluation_id', '=', published.id)
      .execute();
    const responses = await db
      .selectFrom('recommendation_responses as r')
      .innerJoin('plan_actions as a', 'a.id', 'r.action_id')
      .innerJoin('plan_outcomes as o', 'o.id', 'a.plan_outcome_id')
      .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
      .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
      .select(['r.recommendation_id', 'pl.status'])
      .where('r.partnership_id', '=', demo.id)
      .execute();
    expect(responses.some((r) => r.status !== 'published')).toBe(true);
    type Api = {
      rows: {
        code: string;
        selfEvaluation: { year: number; mean: number } | null;
        recommendations: { answered: number };
      }[];
    };
    for (const [email, answered] of [
      [null, new Set(responses.filter((r) => r.status === 'published').map((r) => r.recommendation_id)).size],
      ['manager@glenlochy.example', new Set(responses.map((r) => r.recommendation_id)).size],
    ] as const) {
      const row = (await (await signedIn(world, email)).get('/api/v1/national'))
        .json<Api>()
        .rows.find((r) => r.code === DEMO.code)!;
      expect(row.selfEvaluation!.year, email ?? 'anonymous').toBe(published.year);
      expect(row.selfEvaluation!.mean).toBeCloseTo(scores.reduce((a, x) => a + x.score, 0) / scores.length, 10);
      expect(row.recommendations.answered, email ?? 'anonymous').toBe(answered);
    }
  });

  it('computes on-time as data says: the end of the Nth month after the year ends', () => {
    expect(endOfMonthsAfter('2026-03-31', 6)).toBe('2026-09-30');
    expect(endOfMonthsAfter('2026-03-31', 10)).toBe('2027-01-31');
    expect(timeliness('2026-09-30', '2026-09-30', '2026-11-23')).toBe('on_time');
    expect(timeliness('2026-10-01', '2026-09-30', '2026-11-23')).toBe('late');
    expect(timeliness(null, '2026-09-30', '2026-11-23')).toBe('overdue');
    expect(timeliness(null, '2027-09-30', '2026-11-23')).toBe('not_yet_due');
  });
});

describe('the plan stocktake: /national/stocktake', () => {
  it('counts the demo LOIP as its plan tree has it, and its locality plans', async () => {
    const row = (await world.deps.nationalView.stocktake(anon)).find((r) => r.code === DEMO.code)!;
    const loip = await demoLoip();
    const tree = await world.deps.plans.tree(anon, loip.id, demo.id);
    const outcomes = tree.priorities.flatMap((p) => p.outcomes);
    const measures = outcomes.flatMap((o) => o.measures);
    expect(row).toMatchObject({
      plan: { id: loip.id },
      priorities: tree.priorities.length,
      outcomes: outcomes.length,
      outcomesWithMeasures: outcomes.filter((o) => o.measures.length > 0).length,
      measures: measures.length,
      measuresWithTargets: measures.filter((m) => m.targets.length > 0).length,
    });
    const localities = await world.deps.plans.list(anon, demo.id);
    expect(row.localityPlans).toBe(localities.filter((x) => x.kind === 'locality' && x.status === 'published').length);
    expect(row.localityPlans).toBeGreaterThan(0);
  });

  it('gives the demo’s preventative share exactly as its resources view does', async () => {
    const row = (await world.deps.nationalView.stocktake(anon)).find((r) => r.code === DEMO.code)!;
    const loip = await demoLoip();
    const summary = await world.deps.resources.summary(setup, demo, loip.id);
    const latest = summary.byYear.filter((y) => y.money > 0).at(-1)!;
    expect(row.prevention).not.toBeNull();
    expect(row.prevention!.year).toBe(latest.year);
    expect(row.prevention!.share).toBeCloseTo(latest.preventative!, 10);
    const page = await (await signedIn(world, null)).get('/national/stocktake');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    const csv = await (await signedIn(world, null)).get('/national/stocktake.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'partnership_code,partnership,fictional,loip_title,loip_first_year,loip_last_year,priorities,local_outcomes,outcomes_with_measures,measures,measures_with_targets,published_locality_plans,prevention_financial_year,preventative_share',
    );
    const demoLine = lines.find((l) => l.startsWith(`${DEMO.code},`))!;
    expect(demoLine.endsWith(`,${latest.year},${Math.round(latest.preventative! * 10000) / 10000}`)).toBe(true);
    // Fife has no published plan: no figures.
    expect(lines.find((l) => l.startsWith(`${OTHER.code},`))).toMatch(/^fife,Fife[^,]*,false,,,,,,,,,,,$/);
  });
});
