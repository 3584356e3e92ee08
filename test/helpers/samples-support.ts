import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { DEMO, type TestWorld } from './app.ts';
import type { SampleMaker } from './samples.ts';

const setup = cliContext(systemActor('test setup'));

async function demo(world: TestWorld) {
  const p = await world.deps.partnerships.resolve(DEMO.code);
  if (!p) throw new Error('demo partnership missing');
  return p;
}

async function principle(world: TestWorld, code: string): Promise<string> {
  const c = await world.handle.db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select('c.id')
    .where('f.code', '=', 'principles-2016')
    .where('c.code', '=', code)
    .executeTakeFirstOrThrow();
  return String(c.id);
}

/** A published offer made for the sample, so that withdrawing one leaves the demo's alone. */
async function freshOffer(world: TestWorld): Promise<number> {
  const offer = await world.deps.support.createOffer(setup, {
    provider_organisation_id: undefined,
    provider_name: 'Sample Provider',
    title: 'A sample offer',
    theme: 'Samples',
    description: 'Made by the test samples.',
    format_code: 'guidance',
    eligibility: 'Anyone',
    contact: 'sample@example.org',
    criteria: [await principle(world, 'prevention')],
    indicators: [],
  });
  return offer.id;
}

async function publishedOffer(world: TestWorld): Promise<number> {
  const row = await world.handle.db
    .selectFrom('support_offers')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new request from the demo partnership, moved along the workflow to `upTo`. */
async function freshRequest(world: TestWorld, upTo: 'requested' | 'completed'): Promise<number> {
  const p = await demo(world);
  const r = await world.deps.support.request(setup, p, {
    offer_id: await publishedOffer(world),
    need: 'A sample need',
    criterion_id: undefined,
    indicator_code: undefined,
  });
  if (upTo === 'completed')
    for (const action of ['accept', 'start', 'complete'])
      await world.deps.support.transition(setup, r.id, { action, note: undefined });
  return r.id;
}

/** Sample requests for the issue 6 routes of this area (merged into SAMPLES in samples.ts). */
export const SUPPORT_SAMPLES: Record<string, SampleMaker> = {
  'POST /support/offers': async (world) => ({
    path: '/support/offers',
    form: {
      provider_name: 'Sample Provider',
      title: 'An offer from the samples',
      theme: 'Samples',
      description: 'Posted by the permission matrix.',
      format_code: 'workshop',
      eligibility: 'Anyone',
      contact: 'sample@example.org',
      criteria: [await principle(world, 'shared-leadership')],
    },
    audit: ['support_offer.create'],
  }),
  'GET /support/offers/:id': async (world) => ({ path: `/support/offers/${await publishedOffer(world)}` }),
  'POST /support/offers/:id/withdraw': async (world) => ({
    path: `/support/offers/${await freshOffer(world)}/withdraw`,
    form: {},
    audit: ['support_offer.withdraw'],
  }),
  'GET /support/requests/:id': async (world) => ({
    path: `/support/requests/${await freshRequest(world, 'requested')}`,
  }),
  'POST /support/requests/:id/transition': async (world) => ({
    path: `/support/requests/${await freshRequest(world, 'requested')}/transition`,
    form: { action: 'accept', note: 'Booked' },
    audit: ['support_request.accept'],
  }),
  'GET /partnerships/:partnership/improvement/support': async () => ({
    path: `/partnerships/${DEMO.code}/improvement/support`,
  }),
  'POST /partnerships/:partnership/improvement/support/requests': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/support/requests`,
    form: { offer_id: String(await publishedOffer(world)), need: 'A need from the samples' },
    audit: ['support_request.create'],
  }),
  'GET /partnerships/:partnership/improvement/support/requests/:id': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/support/requests/${await freshRequest(world, 'completed')}`,
  }),
  'POST /partnerships/:partnership/improvement/support/requests/:id/feedback': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/support/requests/${await freshRequest(world, 'completed')}/feedback`,
    form: { usefulness: '4', what_changed: 'The board changed how it reports' },
    audit: ['support_request.feedback'],
  }),
};
