import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { DEMO, type TestWorld } from './app.ts';
import type { SampleMaker } from './samples.ts';

const setup = cliContext(systemActor('test setup'));
let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function demo(world: TestWorld) {
  const p = await world.deps.partnerships.resolve(DEMO.code);
  if (!p) throw new Error('demo partnership missing');
  return p;
}

/** The demo report (Audit Scotland, March 2016) and one of its recommendations. */
async function report(world: TestWorld) {
  return world.handle.db
    .selectFrom('recommendation_reports')
    .select('id')
    .where('title', '=', 'Community planning: an update')
    .executeTakeFirstOrThrow();
}
async function recommendation(world: TestWorld, ref: string) {
  const r = await report(world);
  return (
    await world.handle.db
      .selectFrom('recommendations')
      .select('id')
      .where('report_id', '=', r.id)
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow()
  ).id;
}

/** A fresh action in the demo partnership's improvement plan, so that each link is new. */
async function freshImprovementAction(world: TestWorld): Promise<number> {
  const p = await demo(world);
  const db = world.handle.db;
  const outcome = await db
    .selectFrom('plan_outcomes as o')
    .innerJoin('plan_priorities as pr', 'pr.id', 'o.priority_id')
    .innerJoin('plans as pl', 'pl.id', 'pr.plan_id')
    .select(['o.id', 'pl.id as plan_id'])
    .where('pl.partnership_id', '=', p.id)
    .where('pl.kind', '=', 'improvement')
    .orderBy('o.id')
    .executeTakeFirstOrThrow();
  const lead = await db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Glenlochy Council')
    .executeTakeFirstOrThrow();
  const action = await world.deps.plans.addAction(setup, p, outcome.plan_id, {
    outcome_id: outcome.id,
    title: `Sample improvement action ${next()}`,
    lead_organisation_id: lead.id,
    contributors: [],
    start_date: undefined,
    due_date: undefined,
    status: 'not_started',
    horizon: 'short',
  });
  return action.id;
}

/** Sample requests for the issue 6 routes of this area (merged into SAMPLES in samples.ts). */
export const RECOMMENDATION_SAMPLES: Record<string, SampleMaker> = {
  'POST /recommendations': async () => ({
    path: '/recommendations',
    form: { title: `A sample report ${next()}`, publisher: 'Sample publisher', published_on: '2024-04-01' },
    audit: ['recommendation_report.create'],
  }),
  'GET /recommendations/reports/:id': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}`,
  }),
  'GET /api/v1/recommendations/reports/:id': async (world) => ({
    path: `/api/v1/recommendations/reports/${(await report(world)).id}`,
  }),
  'POST /recommendations/reports/:id/recommendations': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}/recommendations`,
    form: {
      ref: `S ${next()}`,
      text: 'A sample recommendation to every partnership',
      group: 'Sample group',
      addressees: ['all_cpps'],
      dimensions: ['value-for-money'],
    },
    audit: ['recommendation.add'],
  }),
  'POST /recommendations/reports/:id/progress': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}/progress`,
    form: {
      recommendation_id: String(await recommendation(world, '5.3 c')),
      rating: 'amber',
      narrative: 'A sample rating',
      as_of: '2024-04-01',
    },
    audit: ['recommendation.rate'],
  }),
  'GET /recommendations/reports/:id/impact': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}/impact?date=2018-06-30`,
  }),
  'GET /recommendations/reports/:id/impact.docx': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}/impact.docx?date=2018-06-30`,
  }),
  'GET /recommendations/reports/:id/impact.csv': async (world) => ({
    path: `/recommendations/reports/${(await report(world)).id}/impact.csv?date=2018-06-30`,
  }),
  'GET /partnerships/:partnership/improvement/recommendations': async () => ({
    path: `/partnerships/${DEMO.code}/improvement/recommendations`,
  }),
  'POST /partnerships/:partnership/improvement/recommendations/link': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/recommendations/link`,
    form: {
      recommendation_id: String(await recommendation(world, '5.3 b')),
      action_id: String(await freshImprovementAction(world)),
      note: 'A sample link',
    },
    audit: ['recommendation.link'],
  }),
  'POST /partnerships/:partnership/improvement/recommendations/unlink': async (world) => {
    const p = await demo(world);
    const link = await world.deps.recommendations.link(setup, p, {
      recommendation_id: await recommendation(world, '5.3 b'),
      action_id: await freshImprovementAction(world),
      note: undefined,
    });
    return {
      path: `/partnerships/${DEMO.code}/improvement/recommendations/unlink`,
      form: { response_id: String(link.id) },
      audit: ['recommendation.unlink'],
    };
  },
};
