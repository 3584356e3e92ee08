import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { DEMO, type TestWorld } from './app.ts';
import type { SampleMaker } from './samples.ts';

/** Sample requests for the issue 6 routes of this area (merged into SAMPLES in samples.ts). */

const setup = cliContext(systemActor('test setup'));
let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

const demoPartnership = async (world: TestWorld) => (await world.deps.partnerships.resolve(DEMO.code))!;

/** The demo partnership's self-evaluation in a status: this year's draft, or last year's published one. */
async function demoEvaluation(world: TestWorld, status: 'draft' | 'published') {
  const p = await demoPartnership(world);
  return world.handle.db
    .selectFrom('self_evaluations as e')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
    .select(['e.id', 'e.year'])
    .where('e.partnership_id', '=', p.id)
    .where('f.code', '=', 'principles-2016')
    .where('e.status', '=', status)
    .orderBy('e.year', 'desc')
    .executeTakeFirstOrThrow();
}

/** A framework of the demo partnership's own, fresh for each call (so a year can be started on it). */
async function freshFramework(world: TestWorld) {
  const p = await demoPartnership(world);
  return world.deps.selfEvaluation.addFramework(setup, p, {
    name: `Sample framework ${next()}`,
    source: 'Test sample',
    criteria: 'Forums are accessible\nPlans reflect what residents said',
    scale: 'national',
    levels: undefined,
  });
}

/** A draft with every criterion scored: ready to publish. */
async function readyToPublish(world: TestWorld) {
  const p = await demoPartnership(world);
  const f = await freshFramework(world);
  const e = await world.deps.selfEvaluation.start(setup, p, { framework_id: f.id, year: 2026 });
  await world.deps.selfEvaluation.score(setup, p, e.id, {
    'score_forums-are-accessible': '4',
    'score_plans-reflect-what-residents-said': '3',
  });
  return e.id;
}

/** A fresh community body of the demo partnership led by this persona (its pages need a member). */
async function bodyFor(world: TestWorld, email: string | null): Promise<number> {
  const db = world.handle.db;
  const p = await demoPartnership(world);
  if (!email)
    return (
      await db
        .selectFrom('community_bodies')
        .select('id')
        .where('partnership_id', '=', p.id)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const body = await db
    .insertInto('community_bodies')
    .values({
      partnership_id: p.id,
      name: `Self-evaluation Test Body ${next()}`,
      body_type: 'community_council',
      community: 'Test community',
      community_kind: 'place',
      fictional: true,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('community_body_members')
    .values({ community_body_id: body.id, user_id: user.id, role: 'lead', created_at: new Date() })
    .execute();
  return body.id;
}

/** Someone without a partner organisation in the demo partnership names the partner whose view they record. */
async function speakerFields(world: TestWorld, email: string | null): Promise<Record<string, string>> {
  const db = world.handle.db;
  const p = await demoPartnership(world);
  const own = email
    ? await db
        .selectFrom('users as u')
        .innerJoin('partnership_organisations as po', (j) =>
          j.onRef('po.organisation_id', '=', 'u.organisation_id').on('po.partnership_id', '=', p.id),
        )
        .select('po.organisation_id')
        .where('u.email', '=', email)
        .executeTakeFirst()
    : undefined;
  if (own) return {};
  const partner = await db
    .selectFrom('partnership_organisations')
    .select('organisation_id')
    .where('partnership_id', '=', p.id)
    .orderBy('organisation_id')
    .executeTakeFirstOrThrow();
  return { organisation_id: String(partner.organisation_id) };
}

const base = `/partnerships/${DEMO.code}/improvement/self-evaluation`;

export const SELF_EVALUATION_SAMPLES: Record<string, SampleMaker> = {
  'GET /partnerships/:partnership/improvement/self-evaluation': async () => ({ path: base }),
  'POST /partnerships/:partnership/improvement/self-evaluation': async (world) => ({
    path: base,
    form: { framework_id: String((await freshFramework(world)).id), year: '2026' },
    audit: ['self_evaluation.create'],
  }),
  'POST /partnerships/:partnership/improvement/self-evaluation/frameworks': async () => ({
    path: `${base}/frameworks`,
    form: {
      name: `Locality review ${next()}`,
      source: 'Board paper (test)',
      criteria: 'Forums are accessible\nPlans reflect what residents said',
      scale: 'own',
      levels: 'Not yet\nPartly\nFully',
    },
    audit: ['evaluation_framework.create'],
  }),
  'GET /partnerships/:partnership/improvement/self-evaluation/over-years': async () => ({
    path: `${base}/over-years?framework=principles-2016`,
  }),
  'GET /partnerships/:partnership/improvement/self-evaluation/over-years.csv': async () => ({
    path: `${base}/over-years.csv?framework=principles-2016`,
  }),
  'GET /partnerships/:partnership/improvement/self-evaluation/:evaluationId': async (world) => ({
    path: `${base}/${(await demoEvaluation(world, 'draft')).id}`,
  }),
  'POST /partnerships/:partnership/improvement/self-evaluation/:evaluationId/scores': async (world) => ({
    path: `${base}/${(await demoEvaluation(world, 'draft')).id}/scores`,
    form: { score_prevention: '3', evidence_prevention: 'A sample score (test).' },
    audit: ['self_evaluation.score'],
  }),
  'POST /partnerships/:partnership/improvement/self-evaluation/:evaluationId/views': async (world, email) => ({
    path: `${base}/${(await demoEvaluation(world, 'draft')).id}/views`,
    form: { view: 'A sample view (test).', ...(await speakerFields(world, email)) },
    audit: ['self_evaluation.add_view'],
  }),
  'POST /partnerships/:partnership/improvement/self-evaluation/:evaluationId/publish': async (world) => ({
    path: `${base}/${await readyToPublish(world)}/publish`,
    form: {},
    audit: ['self_evaluation.publish'],
  }),
  'GET /partnerships/:partnership/self-evaluation/:year': async (world) => ({
    path: `/partnerships/${DEMO.code}/self-evaluation/${(await demoEvaluation(world, 'published')).year}`,
  }),
  'GET /api/v1/partnerships/:partnership/self-evaluation/:year': async (world) => ({
    path: `/api/v1/partnerships/${DEMO.code}/self-evaluation/${(await demoEvaluation(world, 'published')).year}`,
  }),
  'GET /community/bodies/:bodyId/self-evaluation': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}/self-evaluation`,
  }),
  'POST /community/bodies/:bodyId/self-evaluation': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}/self-evaluation`,
    form: {
      evaluation_id: String((await demoEvaluation(world, 'draft')).id),
      view: 'A sample view from a community body (test).',
    },
    audit: ['self_evaluation.add_view'],
  }),
};
