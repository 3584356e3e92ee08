import { readFileSync } from 'node:fs';
import { systemActor, type Actor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import type { RouteSpec } from '../../src/core/http/router.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { DEMO, type TestWorld } from './app.ts';
import { CASE_STUDY_SAMPLES } from './samples-case-studies.ts';
import { IMPROVEMENT_SAMPLES } from './samples-improvement.ts';
import { RECOMMENDATION_SAMPLES } from './samples-recommendations.ts';
import { SELF_EVALUATION_SAMPLES } from './samples-self-evaluation.ts';
import { SUPPORT_SAMPLES } from './samples-support.ts';
import { sharedData } from './shared-data.ts';

/**
 * What to send to each route so that, for someone allowed, it succeeds. Every route with a path
 * parameter or an unsafe method must be listed here: the permission-matrix test fails for any that is
 * not, so a new route cannot be left out.
 */
export interface Sample {
  path: string;
  form?: Record<string, string | string[]>;
  json?: unknown;
  multipart?: Record<string, string | File>;
  /** The audit action(s) a successful call records (writes only). */
  audit?: string[];
  /** Undo what the call changed that would break later calls (e.g. a persona's password). */
  after?: () => Promise<void>;
}

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function demoPartnership(world: TestWorld) {
  const p = await world.deps.partnerships.resolve(DEMO.code);
  if (!p) throw new Error('demo partnership missing');
  return p;
}

const setupCtx = cliContext(systemActor('test setup'));

async function throwawayUser(world: TestWorld): Promise<number> {
  const { user } = await world.deps.accounts.createUser(setupCtx, {
    email: `throwaway-${next()}@example.org`,
    display_name: 'Throwaway',
    password: DEMO_PASSWORD,
  });
  return user.id;
}

/** The demo community body's lead: performs the community body's writes in the audit test. */
export const COMMUNITY_EMAIL = 'community@glenlochy.example';

async function userActor(world: TestWorld, email: string): Promise<Actor> {
  const u = await world.handle.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    nationalRoles: [],
    partnershipRoles: new Map(),
    mustChangePassword: false,
  };
}

/** A fresh read-only API token of this persona (of the demo viewer for anonymous), for the routes that revoke one. */
async function tokenOf(world: TestWorld, email: string | null): Promise<number> {
  const actor = await userActor(world, email ?? 'viewer@glenlochy.example');
  const { token } = await world.deps.tokens.create(
    { ...setupCtx, actor },
    { name: `Sample token ${next()}`, scope: 'read', expires_in_days: 30 },
  );
  return token.id;
}

/** A fresh community body in the demo partnership with this persona as its lead (the body's own pages need a member). */
async function bodyFor(world: TestWorld, email: string | null): Promise<number> {
  const db = world.handle.db;
  const p = await demoPartnership(world);
  if (!email)
    return (
      await db.selectFrom('community_bodies').select('id').where('partnership_id', '=', p.id).executeTakeFirstOrThrow()
    ).id;
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const body = await db
    .insertInto('community_bodies')
    .values({
      partnership_id: p.id,
      name: `Test Body ${next()}`,
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

async function authorityId(world: TestWorld, name = 'Glenlochy Council'): Promise<number> {
  return (
    await world.handle.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  ).id;
}

export const PR_FIELDS = {
  title: 'A test participation request',
  outcome: 'Cleaner streets',
  reasons: 'We walk them every day',
  knowledge: 'A survey of residents',
  improvement: 'Half as much litter',
};

/** A complete participation request in draft, made by a body this persona leads. */
async function draftFor(world: TestWorld, email: string | null): Promise<number> {
  const bodyId = await bodyFor(world, email);
  const actor = email ? await userActor(world, email) : await userActor(world, COMMUNITY_EMAIL);
  const ownerBody = email ? bodyId : await bodyFor(world, COMMUNITY_EMAIL);
  const row = await world.deps.requests.createDraft({ ...setupCtx, actor }, ownerBody, {
    kind: 'participation',
    authority_organisation_id: await authorityId(world),
    ...PR_FIELDS,
    asset_description: undefined,
    terms: undefined,
    benefits: undefined,
    intent: 'save',
  });
  return row.id;
}

/** A request submitted by the demo community body, waiting for the authority to validate it. */
export async function submittedRequest(world: TestWorld): Promise<number> {
  const id = await draftFor(world, COMMUNITY_EMAIL);
  await world.deps.requests.bodyTransition(
    { ...setupCtx, actor: await userActor(world, COMMUNITY_EMAIL) },
    id,
    'submit',
    {},
  );
  return id;
}

/** A demo request that is in the public register (validated). */
async function registeredRequest(world: TestWorld) {
  return world.handle.db
    .selectFrom('community_requests')
    .select(['id', 'reference'])
    .where('validation_date', 'is not', null)
    .where('fictional', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
}

const pdf = () => new File([Buffer.from('%PDF-1.4\n% a test document\n')], 'minutes.pdf', { type: 'application/pdf' });

/** The demo LOIP (published) and things in it. */
export async function demoPlan(world: TestWorld) {
  const db = world.handle.db;
  const plan = await db
    .selectFrom('plans')
    .select(['id'])
    .where('kind', '=', 'loip')
    .where('fictional', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const outcome = await db
    .selectFrom('plan_outcomes as o')
    .innerJoin('plan_priorities as p', 'p.id', 'o.priority_id')
    .select(['o.id', 'o.priority_id'])
    .where('p.plan_id', '=', plan.id)
    .orderBy('o.id')
    .executeTakeFirstOrThrow();
  const ownMeasure = await db
    .selectFrom('plan_measures as m')
    .innerJoin('plan_outcomes as o', 'o.id', 'm.plan_outcome_id')
    .innerJoin('plan_priorities as p', 'p.id', 'o.priority_id')
    .select('m.id')
    .where('p.plan_id', '=', plan.id)
    .where('m.indicator_code', 'is', null)
    .executeTakeFirstOrThrow();
  // An action the demo partner officer's organisation (NHS Glenlochy) leads.
  const nhsAction = await db
    .selectFrom('plan_actions as a')
    .innerJoin('organisations as org', 'org.id', 'a.lead_organisation_id')
    .innerJoin('plan_outcomes as o', 'o.id', 'a.plan_outcome_id')
    .innerJoin('plan_priorities as p', 'p.id', 'o.priority_id')
    .select('a.id')
    .where('p.plan_id', '=', plan.id)
    .where('org.name', '=', 'NHS Glenlochy')
    .executeTakeFirstOrThrow();
  return {
    planId: plan.id,
    outcomeId: outcome.id,
    priorityId: outcome.priority_id,
    ownMeasureId: ownMeasure.id,
    nhsActionId: nhsAction.id,
  };
}

/** A reporting year the demo LOIP covers, and the year of the demo's published annual report. */
async function reportYear(world: TestWorld): Promise<number> {
  const plan = await world.handle.db
    .selectFrom('plans')
    .select('start_year')
    .where('id', '=', (await demoPlan(world)).planId)
    .executeTakeFirstOrThrow();
  return plan.start_year + 2;
}
async function publishedYear(world: TestWorld): Promise<number> {
  return (await world.handle.db.selectFrom('annual_reports').select('year').orderBy('id').executeTakeFirstOrThrow())
    .year;
}

/** The code of the demo partnership's first locality. */
async function demoLocality(world: TestWorld): Promise<string> {
  const p = await demoPartnership(world);
  return (
    await world.handle.db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'locality')
      .where('partnership_id', '=', p.id)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
}

export type SampleMaker = (world: TestWorld, personaEmail: string | null) => Promise<Sample>;

export const SAMPLES: Record<string, SampleMaker> = {
  ...RECOMMENDATION_SAMPLES,
  ...SELF_EVALUATION_SAMPLES,
  ...SUPPORT_SAMPLES,
  ...CASE_STUDY_SAMPLES,
  ...IMPROVEMENT_SAMPLES,
  'GET /assets/sgds/*': async () => ({ path: '/assets/sgds/css/design-system.min.css' }),
  'GET /areas/:code': async () => ({ path: '/areas/S12000036' }),
  'GET /api/v1/areas/:code': async () => ({ path: '/api/v1/areas/S12000036' }),
  'GET /api/v1/areas/resolve': async () => ({ path: '/api/v1/areas/resolve?name=Edinburgh%2C%20City%20of' }),
  'POST /login': async (_w, email) => ({
    path: '/login',
    form: { email: email ?? 'viewer@glenlochy.example', password: DEMO_PASSWORD },
    audit: ['session.login'],
  }),
  'POST /logout': async () => ({ path: '/logout', form: {}, audit: ['session.logout'] }),
  'POST /account/password': async (world, email) => {
    const before = email ? await world.deps.accounts.findByEmail(world.handle.db, email) : undefined;
    const password = `a-new-password-${next()}`;
    return {
      path: '/account/password',
      form: { current_password: DEMO_PASSWORD, new_password: password, confirm_password: password },
      audit: ['user.change_password'],
      after: async () => {
        if (before)
          await world.handle.db
            .updateTable('users')
            .set({ password_hash: before.password_hash })
            .where('id', '=', before.id)
            .execute();
      },
    };
  },
  'POST /account/tokens': async () => ({
    path: '/account/tokens',
    form: { name: `Test script ${next()}`, scope: 'read', expires_in_days: '90' },
    audit: ['token.create'],
  }),
  'GET /account/tokens/:id/revoke': async (world, email) => ({
    path: `/account/tokens/${await tokenOf(world, email)}/revoke`,
  }),
  'POST /account/tokens/:id/revoke': async (world, email) => ({
    path: `/account/tokens/${await tokenOf(world, email)}/revoke`,
    form: {},
    audit: ['token.revoke'],
  }),
  'POST /admin/users': async () => ({
    path: '/admin/users',
    form: { email: `new-${next()}@example.org`, display_name: 'New Person' },
    audit: ['user.create'],
  }),
  'POST /admin/users/:userId/reset-password': async (world) => ({
    path: `/admin/users/${await throwawayUser(world)}/reset-password`,
    form: {},
    audit: ['user.reset_password'],
  }),
  'POST /admin/users/:userId/active': async (world) => ({
    path: `/admin/users/${await throwawayUser(world)}/active`,
    form: { active: 'false' },
    audit: ['user.deactivate'],
  }),
  'GET /partnerships/:partnership/outcomes': async () => ({ path: '/partnerships/glasgow-city/outcomes' }),
  'GET /partnerships/:partnership/outcomes.csv': async () => ({ path: '/partnerships/glasgow-city/outcomes.csv' }),
  'GET /partnerships/:partnership/inequality': async () => ({ path: '/partnerships/glasgow-city/inequality' }),
  'GET /partnerships/:partnership/inequality.csv': async () => ({ path: '/partnerships/glasgow-city/inequality.csv' }),
  'GET /api/v1/partnerships/:partnership/inequality': async () => ({
    path: '/api/v1/partnerships/glasgow-city/inequality',
  }),
  'GET /partnerships/:partnership/communities': async () => ({ path: '/partnerships/glasgow-city/communities' }),
  'GET /partnerships/:partnership/communities.csv': async () => ({
    path: '/partnerships/glasgow-city/communities.csv',
  }),
  'GET /api/v1/partnerships/:partnership/communities': async () => ({
    path: '/api/v1/partnerships/glasgow-city/communities',
  }),
  'GET /partnerships/:partnership/communities/:izCode': async () => ({
    path: '/partnerships/glenlochy-demo/communities/DEMO-IZ-01',
  }),
  'GET /partnerships/:partnership/communities/:izCode/data.csv': async () => ({
    path: '/partnerships/glenlochy-demo/communities/DEMO-IZ-01/data.csv',
  }),
  'GET /api/v1/partnerships/:partnership/communities/:izCode': async () => ({
    path: '/api/v1/partnerships/glenlochy-demo/communities/DEMO-IZ-01',
  }),
  'GET /partnerships/:partnership/locality-test': async () => ({ path: '/partnerships/glasgow-city/locality-test' }),
  'GET /partnerships/:partnership/locality-test.csv': async () => ({
    path: '/partnerships/glasgow-city/locality-test.csv',
  }),
  'GET /indicators/:code': async () => ({ path: '/indicators/cpop-child-poverty' }),
  'POST /indicators/:code/prevention': async () => ({
    path: '/indicators/cpop-child-poverty/prevention',
    form: { prevention: 'yes', note: 'Child poverty today predicts demand on services later (test).' },
    audit: ['indicator.prevention'],
  }),
  'GET /partnerships/:partnership/localities/:localityCode': async (world) => ({
    path: `/partnerships/${DEMO.code}/localities/${await demoLocality(world)}`,
  }),
  'GET /partnerships/:partnership/localities/:localityCode/data.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/localities/${await demoLocality(world)}/data.csv`,
  }),
  'GET /api/v1/partnerships/:partnership/locality-test': async () => ({
    path: '/api/v1/partnerships/glasgow-city/locality-test',
  }),
  'GET /api/v1/partnerships/:partnership/outcomes': async () => ({ path: '/api/v1/partnerships/S12000049/outcomes' }),
  'GET /partnerships/:partnership': async () => ({ path: `/partnerships/${DEMO.code}` }),
  'GET /partnerships/:partnership/organisations': async () => ({ path: `/partnerships/${DEMO.code}/organisations` }),
  'POST /partnerships/:partnership/organisations': async () => ({
    path: `/partnerships/${DEMO.code}/organisations`,
    form: { name: `Test Organisation ${next()}`, type_code: 'business', kind: 'partner' },
    audit: ['organisation.create', 'partnership.add_organisation'],
  }),
  'POST /partnerships/:partnership/organisations/:organisationId/remove': async (world) => {
    const p = await demoPartnership(world);
    const m = await world.deps.partnerships.addOrganisation(setupCtx, p, {
      name: `Removable ${next()}`,
      type_code: 'business',
      kind: 'partner',
    });
    return {
      path: `/partnerships/${DEMO.code}/organisations/${m.organisation_id}/remove`,
      form: {},
      audit: ['partnership.remove_organisation'],
    };
  },
  'GET /partnerships/:partnership/localities': async () => ({ path: `/partnerships/${DEMO.code}/localities` }),
  'POST /partnerships/:partnership/localities': async () => ({
    path: `/partnerships/${DEMO.code}/localities`,
    form: { name: `Locality ${next()}`, components: 'DEMO-IZ-01' },
    audit: ['locality.create'],
  }),
  'GET /partnerships/:partnership/members': async () => ({ path: `/partnerships/${DEMO.code}/members` }),
  'POST /partnerships/:partnership/members': async () => ({
    path: `/partnerships/${DEMO.code}/members`,
    form: { email: `member-${next()}@example.org`, display_name: 'A Member', role: 'viewer' },
    audit: ['user.create', 'member.add'],
  }),
  'POST /partnerships/:partnership/members/:userId/remove': async (world) => {
    const p = await demoPartnership(world);
    const email = `leaver-${next()}@example.org`;
    const added = await world.deps.partnerships.addMember(setupCtx, p, {
      email,
      display_name: 'Leaver',
      role: 'viewer',
    });
    return { path: `/partnerships/${DEMO.code}/members/${added.userId}/remove`, form: {}, audit: ['member.remove'] };
  },
  'GET /partnerships/:partnership/settings': async () => ({ path: `/partnerships/${DEMO.code}/settings` }),
  'POST /partnerships/:partnership/settings': async () => ({
    path: `/partnerships/${DEMO.code}/settings`,
    form: { name: 'Glenlochy Community Planning Partnership (demo)' },
    audit: ['partnership.update'],
  }),
  'GET /partnerships/:partnership/audit': async () => ({ path: `/partnerships/${DEMO.code}/audit` }),
  'GET /partnerships/:partnership/audit.csv': async () => ({ path: `/partnerships/${DEMO.code}/audit.csv` }),
  'GET /api/v1/partnerships/:partnership': async () => ({ path: `/api/v1/partnerships/${DEMO.code}` }),
  'GET /api/v1/partnerships/:partnership/organisations': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/organisations`,
  }),
  'POST /api/v1/partnerships/:partnership/organisations': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/organisations`,
    json: { name: `API Organisation ${next()}`, type_code: 'business', kind: 'partner' },
    audit: ['organisation.create', 'partnership.add_organisation'],
  }),
  'GET /api/v1/partnerships/:partnership/localities': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/localities`,
  }),
  'POST /api/v1/partnerships/:partnership/localities': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/localities`,
    json: { name: `API Locality ${next()}`, components: ['DEMO-IZ-02'] },
    audit: ['locality.create'],
  }),
  'GET /api/v1/partnerships/:partnership/members': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/members` }),
  'GET /api/v1/partnerships/:partnership/audit': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/audit` }),

  'GET /partnerships/:partnership/requests': async () => ({
    path: `/partnerships/${DEMO.code}/requests?kind=&status=`,
  }),
  'GET /partnerships/:partnership/requests.csv': async () => ({ path: `/partnerships/${DEMO.code}/requests.csv` }),
  'GET /api/v1/partnerships/:partnership/requests': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/requests?kind=participation`,
  }),
  'GET /api/v1/partnerships/:partnership/deadlines': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/deadlines`,
  }),
  'GET /partnerships/:partnership/community-bodies': async () => ({
    path: `/partnerships/${DEMO.code}/community-bodies`,
  }),
  'GET /partnerships/:partnership/land': async () => ({ path: `/partnerships/${DEMO.code}/land` }),
  // Statutory clock
  'GET /api/v1/deadlines': async () => ({ path: '/api/v1/deadlines?rule=pr-decision&start=2026-12-21' }),

  // Community bodies and their requests
  'POST /community/register': async (_w, email) => ({
    path: '/community/register',
    form: {
      partnership: DEMO.code,
      name: `Registered Body ${next()}`,
      body_type: 'community_controlled_body',
      community: 'Residents of a test street',
      community_kind: 'place',
      ...(email
        ? {}
        : {
            your_name: 'New Volunteer',
            your_email: `volunteer-${next()}@example.org`,
            password: DEMO_PASSWORD,
            confirm_password: DEMO_PASSWORD,
          }),
    },
    audit: email ? ['community_body.register'] : ['user.create', 'community_body.register', 'session.login'],
  }),
  'GET /community/bodies/:bodyId': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}`,
  }),
  'POST /community/bodies/:bodyId': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}`,
    form: {
      name: `Renamed Body ${next()}`,
      body_type: 'community_council',
      community: 'Test community',
      community_kind: 'place',
    },
    audit: ['community_body.update'],
  }),
  'POST /community/bodies/:bodyId/members': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}/members`,
    form: { email: `member-${next()}@example.org`, display_name: 'A Volunteer' },
    audit: ['user.create', 'community_body.add_member'],
  }),
  'GET /community/bodies/:bodyId/requests/new': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}/requests/new?kind=asset_transfer`,
  }),
  'POST /community/bodies/:bodyId/requests': async (world, email) => ({
    path: `/community/bodies/${await bodyFor(world, email)}/requests`,
    form: {
      kind: 'participation',
      authority_organisation_id: String(await authorityId(world)),
      ...PR_FIELDS,
      intent: 'save',
    },
    audit: ['request.create'],
  }),
  'GET /community/requests/:requestId': async (world, email) => ({
    path: `/community/requests/${await draftFor(world, email)}`,
  }),
  'GET /community/requests/:requestId/edit': async (world, email) => ({
    path: `/community/requests/${await draftFor(world, email)}/edit`,
  }),
  'POST /community/requests/:requestId': async (world, email) => ({
    path: `/community/requests/${await draftFor(world, email)}`,
    form: {
      kind: 'participation',
      authority_organisation_id: String(await authorityId(world)),
      ...PR_FIELDS,
      title: 'A changed title',
      intent: 'save',
    },
    audit: ['request.update'],
  }),
  'POST /community/requests/:requestId/transition': async (world, email) => ({
    path: `/community/requests/${await draftFor(world, email)}/transition`,
    form: { action: 'submit' },
    audit: ['request.submit'],
  }),
  'POST /community/requests/:requestId/documents': async (world, email) => ({
    path: `/community/requests/${await draftFor(world, email)}/documents`,
    multipart: { file: pdf() },
    audit: ['request.attach'],
  }),
  'GET /requests/:requestId/documents/:documentId': async (world) => {
    const r = await registeredRequest(world);
    const p = await demoPartnership(world);
    const doc = await world.deps.requests.attachForAuthority(setupCtx, p, r.id, 'process_update', {
      name: 'update.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array(Buffer.from('%PDF-1.4 update')),
    });
    return { path: `/requests/${r.id}/documents/${doc.id}` };
  },
  'POST /notifications/read': async () => ({ path: '/notifications/read', form: {}, audit: ['notification.read_all'] }),

  // The authority's side
  'GET /partnerships/:partnership/requests/:requestId': async (world) => ({
    path: `/partnerships/${DEMO.code}/requests/${(await registeredRequest(world)).id}`,
  }),
  'POST /partnerships/:partnership/requests/:requestId/transition': async (world) => ({
    path: `/partnerships/${DEMO.code}/requests/${await submittedRequest(world)}/transition`,
    form: { action: 'validate', validation_date: '2026-11-23' },
    audit: ['request.validate'],
  }),
  'POST /partnerships/:partnership/requests/:requestId/documents': async (world) => ({
    path: `/partnerships/${DEMO.code}/requests/${(await registeredRequest(world)).id}/documents`,
    multipart: { kind: 'process_update', file: pdf() },
    audit: ['request.attach'],
  }),
  'POST /api/v1/partnerships/:partnership/requests/:requestId/transitions': async (world) => ({
    path: `/api/v1/partnerships/${DEMO.code}/requests/${await submittedRequest(world)}/transitions`,
    json: { action: 'request_information', information_needed: 'A copy of the constitution' },
    audit: ['request.request_information'],
  }),
  'POST /partnerships/:partnership/community-bodies/:bodyId/involved': async (world) => ({
    path: `/partnerships/${DEMO.code}/community-bodies/${await bodyFor(world, null)}/involved`,
    form: { involved: 'true' },
    audit: ['community_body.involve'],
  }),
  'POST /partnerships/:partnership/land': async (world) => ({
    path: `/partnerships/${DEMO.code}/land`,
    form: {
      owner_organisation_id: String(await authorityId(world)),
      reference: `T-${next()}`,
      name: 'Test Field',
      asset_type: 'land',
    },
    audit: ['land_asset.create'],
  }),
  'POST /partnerships/:partnership/land/import': async (world) => ({
    path: `/partnerships/${DEMO.code}/land/import`,
    multipart: {
      owner_organisation_id: String(await authorityId(world)),
      file: new File([`reference,name,asset_type\r\nIMP-${next()},Imported Field,land\r\n`], 'land.csv', {
        type: 'text/csv',
      }),
    },
    audit: ['import.land-register'],
  }),

  // Plans
  'GET /partnerships/:partnership/plans': async () => ({ path: `/partnerships/${DEMO.code}/plans` }),
  'GET /partnerships/:partnership/plans/:planId': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}`,
  }),
  'GET /partnerships/:partnership/plans/:planId/measures.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/measures.csv`,
  }),
  'GET /partnerships/:partnership/plans/:planId/measure-values.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/measure-values.csv`,
  }),
  'GET /api/v1/partnerships/:partnership/plans/:planId': async (world) => ({
    path: `/api/v1/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}`,
  }),
  'POST /partnerships/:partnership/plans': async () => ({
    path: `/partnerships/${DEMO.code}/plans`,
    form: { kind: 'improvement', title: `Improvement plan ${next()}`, start_year: '2026', end_year: '2028' },
    audit: ['plan.create'],
  }),
  'GET /partnerships/:partnership/plans/:planId/board-paper.docx': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/board-paper.docx?report_to=The%20Board&meeting_date=2026-12-10&report_by=Morag%20Henderson`,
  }),
  'GET /partnerships/:partnership/plans/:planId/versions': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/versions`,
  }),
  'POST /partnerships/:partnership/plans/:planId/priorities': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/priorities`,
    form: { title: `A priority ${next()}` },
    audit: ['plan.add_priority'],
  }),
  'POST /partnerships/:partnership/plans/:planId/outcomes': async (world) => {
    const d = await demoPlan(world);
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/outcomes`,
      form: {
        priority_id: String(d.priorityId),
        title: `An outcome ${next()}`,
        national_outcomes: ['health', 'poverty'],
      },
      audit: ['plan.add_outcome'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/measures': async (world) => {
    const d = await demoPlan(world);
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/measures`,
      form: {
        outcome_id: String(d.outcomeId),
        title: `A measure ${next()}`,
        higher_is_better: 'false',
        targets: '2028: 10',
      },
      audit: ['plan.add_measure'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/actions': async (world) => {
    const d = await demoPlan(world);
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/actions`,
      form: {
        outcome_id: String(d.outcomeId),
        title: `An action ${next()}`,
        lead_organisation_id: String(await authorityId(world)),
        horizon: 'short',
      },
      audit: ['plan.add_action'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/parent': async (world) => {
    const p = await demoPartnership(world);
    const plan = await world.deps.plans.create(setupCtx, p, {
      kind: 'improvement',
      title: `Draft ${next()}`,
      summary: undefined,
      locality_code: undefined,
      start_year: 2026,
      end_year: 2027,
    });
    return {
      path: `/partnerships/${DEMO.code}/plans/${plan.id}/parent`,
      form: { parent_plan_id: String((await demoPlan(world)).planId) },
      audit: ['plan.set_parent'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/status': async (world) => {
    const p = await demoPartnership(world);
    const plan = await world.deps.plans.create(setupCtx, p, {
      kind: 'improvement',
      title: `Draft ${next()}`,
      summary: undefined,
      locality_code: undefined,
      start_year: 2026,
      end_year: 2027,
    });
    return {
      path: `/partnerships/${DEMO.code}/plans/${plan.id}/status`,
      form: { status: 'consultation' },
      audit: ['plan.set_status'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/updates': async (world) => {
    const d = await demoPlan(world);
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/updates`,
      form: {
        subject: `action:${d.nhsActionId}`,
        rag: 'amber',
        narrative: 'Recruitment is slower than planned.',
        update_date: '2026-11-20',
      },
      audit: ['progress.update'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/updates/:updateId/approve': async (world) => {
    const d = await demoPlan(world);
    const u = await world.handle.db
      .insertInto('progress_updates')
      .values({
        plan_id: d.planId,
        subject_kind: 'action',
        subject_id: d.nhsActionId,
        rag: 'green',
        narrative: 'Waiting for approval',
        update_date: '2026-11-20',
        author_user_id: null,
        author_label: 'test setup',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/updates/${u.id}/approve`,
      form: {},
      audit: ['progress.approve'],
    };
  },
  'POST /partnerships/:partnership/plans/:planId/measures/:measureId/values': async (world) => {
    const d = await demoPlan(world);
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/measures/${d.ownMeasureId}/values`,
      form: { year: '2025', value: '27' },
      audit: ['plan.measure_value'],
    };
  },

  'GET /partnerships/:partnership/plans/:planId/resources': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/resources`,
  }),
  'GET /partnerships/:partnership/plans/:planId/resources.xlsx': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/resources.xlsx`,
  }),
  'GET /partnerships/:partnership/plans/:planId/resources.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/plans/${(await demoPlan(world)).planId}/resources.csv`,
  }),
  'POST /partnerships/:partnership/plans/:planId/resources': async (world) => {
    const d = await demoPlan(world);
    const plan = await world.handle.db
      .selectFrom('plans')
      .select('start_year')
      .where('id', '=', d.planId)
      .executeTakeFirstOrThrow();
    const nhs = (
      await world.handle.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'NHS Glenlochy')
        .executeTakeFirstOrThrow()
    ).id;
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/resources`,
      form: {
        organisation_id: String(nhs),
        priority_id: String(d.priorityId),
        financial_year: String(plan.start_year),
        money: '1,000',
        arrangement: 'aligned',
        prevention: 'preventative',
      },
      audit: ['resource.commit'],
    };
  },
  'POST /imports': async () => ({
    path: '/imports',
    multipart: {
      kind: 'family-groups',
      files: new File([readFileSync(sharedData('lgbf', 'Family_Groups.csv'))], 'Family_Groups.csv'),
    },
    audit: ['import.family-groups'],
  }),
  'GET /partnerships/:partnership/data': async () => ({ path: `/partnerships/${DEMO.code}/data` }),
  'GET /partnerships/:partnership/data/values.csv': async () => ({
    path: `/partnerships/${DEMO.code}/data/values.csv`,
  }),
  'POST /partnerships/:partnership/data/import': async () => ({
    path: `/partnerships/${DEMO.code}/data/import`,
    multipart: {
      file: new File(
        [`area_code,indicator,period,value\r\nDEMO-GLENLOCHY,Sample survey ${next()},2025,41\r\n`],
        'survey.csv',
      ),
      format: 'tidy',
    },
    audit: ['import.local-tidy'],
  }),
  'POST /partnerships/:partnership/plans/:planId/resources/import': async (world) => {
    const d = await demoPlan(world);
    const plan = await world.handle.db
      .selectFrom('plans')
      .select('start_year')
      .where('id', '=', d.planId)
      .executeTakeFirstOrThrow();
    const priority = await world.handle.db
      .selectFrom('plan_priorities')
      .select('title')
      .where('id', '=', d.priorityId)
      .executeTakeFirstOrThrow();
    return {
      path: `/partnerships/${DEMO.code}/plans/${d.planId}/resources/import`,
      multipart: {
        file: new File(
          [
            `organisation,priority,financial_year,money,arrangement,prevention\r\nNHS Glenlochy,"${priority.title}",${plan.start_year},500,aligned,reactive\r\n`,
          ],
          'commitments.csv',
        ),
      },
      audit: ['import.resource-commitments'],
    };
  },

  'GET /partnerships/:partnership/reports/:year/board-paper.docx': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await reportYear(world)}/board-paper.docx?report_to=The%20Board&meeting_date=2026-12-10&report_by=Morag%20Henderson`,
  }),
  'GET /partnerships/:partnership/progress': async () => ({ path: `/partnerships/${DEMO.code}/progress` }),
  'GET /partnerships/:partnership/progress.csv': async () => ({
    path: `/partnerships/${DEMO.code}/progress.csv?table=updates&since=2026-01-01`,
  }),
  'GET /partnerships/:partnership/progress/board-paper.docx': async () => ({
    path: `/partnerships/${DEMO.code}/progress/board-paper.docx?since=2026-01-01&report_to=The%20Board&meeting_date=2026-12-10&report_by=Morag%20Henderson`,
  }),
  'GET /partnerships/:partnership/reports/:year/live': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await reportYear(world)}/live`,
  }),
  'GET /partnerships/:partnership/reports/:year/measures.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await reportYear(world)}/measures.csv`,
  }),
  'GET /partnerships/:partnership/reports/:year/report.docx': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await reportYear(world)}/report.docx`,
  }),
  'GET /partnerships/:partnership/reports/:year/v/:version/report.docx': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await publishedYear(world)}/v/1/report.docx`,
  }),
  'POST /partnerships/:partnership/reports/:year/publish': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await reportYear(world)}/publish`,
    form: {},
    audit: ['report.publish'],
  }),
  'GET /partnerships/:partnership/reports': async () => ({ path: `/partnerships/${DEMO.code}/reports` }),
  'GET /partnerships/:partnership/reports/:year': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await publishedYear(world)}`,
  }),
  'GET /partnerships/:partnership/reports/:year/v/:version': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await publishedYear(world)}/v/1`,
  }),
  'GET /partnerships/:partnership/reports/:year/v/:version/measures.csv': async (world) => ({
    path: `/partnerships/${DEMO.code}/reports/${await publishedYear(world)}/v/1/measures.csv`,
  }),

  // Public registers
  'GET /registers/requests/:reference': async (world) => ({
    path: `/registers/requests/${(await registeredRequest(world)).reference}`,
  }),
  'GET /registers/land.csv': async () => ({ path: `/registers/land.csv?partnership=${DEMO.code}` }),
  'GET /registers/annual-report': async () => ({
    path: `/registers/annual-report?partnership=${DEMO.code}&kind=participation&year=2026`,
  }),
  'GET /registers/annual-report.csv': async () => ({
    path: `/registers/annual-report.csv?partnership=${DEMO.code}&kind=asset_transfer&year=2026`,
  }),
};

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

export const needsSample = (r: RouteSpec) => r.method !== 'GET' || r.path.includes(':') || r.path.includes('*');

export async function sampleFor(world: TestWorld, route: RouteSpec, personaEmail: string | null): Promise<Sample> {
  const make = SAMPLES[routeKey(route)];
  if (make) return make(world, personaEmail);
  if (needsSample(route)) throw new Error(`No sample for ${routeKey(route)}: add one to test/helpers/samples.ts`);
  return { path: route.path };
}
