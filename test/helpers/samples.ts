import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import type { RouteSpec } from '../../src/core/http/router.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { DEMO, type TestWorld } from './app.ts';

/**
 * What to send to each route so that, for someone allowed, it succeeds. Every route with a path
 * parameter or an unsafe method must be listed here: the permission-matrix test fails for any that is
 * not, so a new route cannot be left out.
 */
export interface Sample {
  path: string;
  form?: Record<string, string>;
  json?: unknown;
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
  const { user } = await world.deps.accounts.createUser(setupCtx, { email: `throwaway-${next()}@example.org`, display_name: 'Throwaway', password: DEMO_PASSWORD });
  return user.id;
}

export const SAMPLES: Record<string, (world: TestWorld, personaEmail: string | null) => Promise<Sample>> = {
  'GET /assets/sgds/*': async () => ({ path: '/assets/sgds/css/design-system.min.css' }),
  'GET /areas/:code': async () => ({ path: '/areas/S12000036' }),
  'GET /api/v1/areas/:code': async () => ({ path: '/api/v1/areas/S12000036' }),
  'GET /api/v1/areas/resolve': async () => ({ path: '/api/v1/areas/resolve?name=Edinburgh%2C%20City%20of' }),
  'POST /login': async (_w, email) => ({ path: '/login', form: { email: email ?? 'viewer@glenlochy.example', password: DEMO_PASSWORD }, audit: ['session.login'] }),
  'POST /logout': async () => ({ path: '/logout', form: {}, audit: ['session.logout'] }),
  'POST /account/password': async (world, email) => {
    const before = email ? await world.deps.accounts.findByEmail(world.handle.db, email) : undefined;
    const password = `a-new-password-${next()}`;
    return {
      path: '/account/password',
      form: { current_password: DEMO_PASSWORD, new_password: password, confirm_password: password },
      audit: ['user.change_password'],
      after: async () => {
        if (before) await world.handle.db.updateTable('users').set({ password_hash: before.password_hash }).where('id', '=', before.id).execute();
      },
    };
  },
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
  'GET /partnerships/:code/outcomes': async () => ({ path: '/partnerships/glasgow-city/outcomes' }),
  'GET /partnerships/:code/outcomes.csv': async () => ({ path: '/partnerships/glasgow-city/outcomes.csv' }),
  'GET /api/v1/partnerships/:code/outcomes': async () => ({ path: '/api/v1/partnerships/S12000049/outcomes' }),
  'GET /p/:partnership': async () => ({ path: `/p/${DEMO.code}` }),
  'GET /p/:partnership/organisations': async () => ({ path: `/p/${DEMO.code}/organisations` }),
  'POST /p/:partnership/organisations': async () => ({
    path: `/p/${DEMO.code}/organisations`,
    form: { name: `Test Organisation ${next()}`, type_code: 'business', kind: 'partner' },
    audit: ['organisation.create', 'partnership.add_organisation'],
  }),
  'POST /p/:partnership/organisations/:organisationId/remove': async (world) => {
    const p = await demoPartnership(world);
    const m = await world.deps.partnerships.addOrganisation(setupCtx, p, { name: `Removable ${next()}`, type_code: 'business', kind: 'partner' });
    return { path: `/p/${DEMO.code}/organisations/${m.organisation_id}/remove`, form: {}, audit: ['partnership.remove_organisation'] };
  },
  'GET /p/:partnership/localities': async () => ({ path: `/p/${DEMO.code}/localities` }),
  'POST /p/:partnership/localities': async () => ({
    path: `/p/${DEMO.code}/localities`,
    form: { name: `Locality ${next()}`, components: 'DEMO-IZ-01' },
    audit: ['locality.create'],
  }),
  'GET /p/:partnership/members': async () => ({ path: `/p/${DEMO.code}/members` }),
  'POST /p/:partnership/members': async () => ({
    path: `/p/${DEMO.code}/members`,
    form: { email: `member-${next()}@example.org`, display_name: 'A Member', role: 'viewer' },
    audit: ['user.create', 'member.add'],
  }),
  'POST /p/:partnership/members/:userId/remove': async (world) => {
    const p = await demoPartnership(world);
    const email = `leaver-${next()}@example.org`;
    const added = await world.deps.partnerships.addMember(setupCtx, p, { email, display_name: 'Leaver', role: 'viewer' });
    return { path: `/p/${DEMO.code}/members/${added.userId}/remove`, form: {}, audit: ['member.remove'] };
  },
  'GET /p/:partnership/settings': async () => ({ path: `/p/${DEMO.code}/settings` }),
  'POST /p/:partnership/settings': async () => ({
    path: `/p/${DEMO.code}/settings`,
    form: { name: 'Glenlochy Community Planning Partnership (demo)' },
    audit: ['partnership.update'],
  }),
  'GET /p/:partnership/audit': async () => ({ path: `/p/${DEMO.code}/audit` }),
  'GET /p/:partnership/audit.csv': async () => ({ path: `/p/${DEMO.code}/audit.csv` }),
  'GET /api/v1/partnerships/:partnership': async () => ({ path: `/api/v1/partnerships/${DEMO.code}` }),
  'GET /api/v1/partnerships/:partnership/organisations': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/organisations` }),
  'POST /api/v1/partnerships/:partnership/organisations': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/organisations`,
    json: { name: `API Organisation ${next()}`, type_code: 'business', kind: 'partner' },
    audit: ['organisation.create', 'partnership.add_organisation'],
  }),
  'GET /api/v1/partnerships/:partnership/localities': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/localities` }),
  'POST /api/v1/partnerships/:partnership/localities': async () => ({
    path: `/api/v1/partnerships/${DEMO.code}/localities`,
    json: { name: `API Locality ${next()}`, components: ['DEMO-IZ-02'] },
    audit: ['locality.create'],
  }),
  'GET /api/v1/partnerships/:partnership/members': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/members` }),
  'GET /api/v1/partnerships/:partnership/audit': async () => ({ path: `/api/v1/partnerships/${DEMO.code}/audit` }),
};

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

export const needsSample = (r: RouteSpec) => r.method !== 'GET' || r.path.includes(':') || r.path.includes('*');

export async function sampleFor(world: TestWorld, route: RouteSpec, personaEmail: string | null): Promise<Sample> {
  const make = SAMPLES[routeKey(route)];
  if (make) return make(world, personaEmail);
  if (needsSample(route)) throw new Error(`No sample for ${routeKey(route)}: add one to test/helpers/samples.ts`);
  return { path: route.path };
}
