import { systemActor } from '../../core/access/actor.ts';
import type { PartnershipRole } from '../../core/access/permissions.ts';
import { recordAudit } from '../../core/audit.ts';
import { cliContext } from '../../core/context.ts';
import { settableClock } from '../../core/time.ts';
import { buildDeps, type Deps } from '../../deps.ts';
import { partnershipRowToRef } from '../partnerships/index.ts';
import { DEMO_COMMUNITY_USERS, seedDemoCommunity } from './demo.community.ts';
import { seedDemoCaseStudies } from './demo.case-studies.ts';
import { seedDemoPlans } from './demo.plans.ts';
import { seedDemoRecommendations } from './demo.recommendations.ts';
import { seedDemoSelfEvaluation } from './demo.self-evaluation.ts';
import { seedDemoSupport } from './demo.support.ts';
import { DemoTime } from './demo.time.ts';
import {
  DEMO_AREA,
  DEMO_LOCALITIES,
  DEMO_NATIONAL_PARTNERS,
  DEMO_ORGANISATIONS,
  DEMO_PARTNERSHIP,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_ZONES,
} from './demo.data.ts';

export type DemoOutcome =
  { seeded: true; logins: { email: string; role: string }[]; password: string } | { seeded: false; reason: string };

/** Is the database free of real use: no partnership has people or partners recorded? */
async function realPartnershipsInUse(deps: Deps): Promise<string[]> {
  const rows = await deps.handle.db
    .selectFrom('partnerships as p')
    .select('p.name')
    .where('p.fictional', '=', false)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('partnership_roles as r').select('r.user_id').whereRef('r.partnership_id', '=', 'p.id'),
        ),
        eb.exists(
          eb
            .selectFrom('partnership_organisations as o')
            .select('o.organisation_id')
            .whereRef('o.partnership_id', '=', 'p.id'),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.name);
}

/**
 * Seed the fictional Glenlochy partnership, through the same services a user would go through (so the
 * audit trail shows how it was built), in one transaction.
 */
export async function seedDemo(deps: Deps): Promise<DemoOutcome> {
  const db = deps.handle.db;
  if (await db.selectFrom('partnerships').select('id').where('code', '=', DEMO_PARTNERSHIP.code).executeTakeFirst()) {
    return { seeded: false, reason: 'The demo partnership is already there.' };
  }
  const inUse = await realPartnershipsInUse(deps);
  if (inUse.length) {
    return {
      seeded: false,
      reason: `Demo content is never added to a database in real use (${inUse.slice(0, 3).join(', ')} hold records).`,
    };
  }
  const clashes = await db
    .selectFrom('users')
    .select('email')
    .where(
      'email',
      'in',
      DEMO_USERS.map((u) => u.email),
    )
    .execute();
  if (clashes.length)
    return { seeded: false, reason: `Accounts already exist for ${clashes.map((c) => c.email).join(', ')}.` };

  const ctx = cliContext(systemActor('demo seed'));
  await db.transaction().execute(async (trx) => {
    // Cairn's services over this transaction, built once; the demo moves their clock (demo.time.ts).
    const clock = settableClock(deps.clock);
    const time = new DemoTime(buildDeps({ ...deps.handle, db: trx }, deps.config, clock), clock, deps.clock);
    const now = deps.clock.now();
    await trx
      .insertInto('areas')
      .values({
        code: DEMO_AREA.code,
        name: DEMO_AREA.name,
        level: 'council_area',
        parent_code: 'S92000003',
        partnership_id: null,
        fictional: true,
        source: 'Cairn demo (fictional)',
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('areas')
      .values(
        DEMO_ZONES.map((z) => ({
          ...z,
          level: 'intermediate_zone' as const,
          parent_code: DEMO_AREA.code,
          partnership_id: null,
          fictional: true,
          source: 'Cairn demo (fictional)',
          created_at: now,
        })),
      )
      .execute();
    const row = await trx
      .insertInto('partnerships')
      .values({
        code: DEMO_PARTNERSHIP.code,
        name: DEMO_PARTNERSHIP.name,
        council_area_code: DEMO_AREA.code,
        fictional: true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, deps.clock, {
      partnershipId: row.id,
      action: 'partnership.create',
      resourceType: 'partnership',
      resourceId: row.id,
      after: row,
    });
    const p = partnershipRowToRef(row);

    for (const o of DEMO_ORGANISATIONS) {
      await time.now().partnerships.addOrganisation(ctx, p, {
        name: o.name,
        type_code: o.type_code,
        kind: o.kind,
        joined_on: '2017-04-01',
      });
    }
    const national = await trx
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('name', 'in', DEMO_NATIONAL_PARTNERS)
      .execute();
    for (const o of national) {
      await time.now().partnerships.addOrganisation(ctx, p, {
        organisation_id: o.id,
        kind: 'statutory_partner',
        joined_on: '2017-04-01',
      });
    }
    for (const l of DEMO_LOCALITIES) await time.now().partnerships.createLocality(ctx, p, l);

    const orgIds = new Map(
      (await trx.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]),
    );
    for (const u of DEMO_USERS) {
      const { user } = await time.now().accounts.createUserIn(
        trx,
        ctx,
        {
          email: u.email,
          display_name: u.display_name,
          password: DEMO_PASSWORD,
          organisation_id: u.organisation ? (orgIds.get(u.organisation) ?? null) : null,
          fictional: true,
          national_role: 'national' in u ? u.national : undefined,
        },
        'role' in u ? p.id : null,
      );
      if ('role' in u)
        await time.now().partnerships.addMember(ctx, p, { email: user.email, role: u.role as PartnershipRole });
    }
    await seedDemoCommunity(trx, time, ctx, p);
    await seedDemoPlans(trx, time, ctx, p);
    await seedDemoRecommendations(trx, time, ctx, p);
    await seedDemoSelfEvaluation(trx, time, ctx, p);
    await seedDemoSupport(trx, time, ctx, p);
    await seedDemoCaseStudies(trx, time, ctx, p);
  });
  return {
    seeded: true,
    password: DEMO_PASSWORD,
    logins: [
      ...DEMO_USERS.map((u) => ({ email: u.email, role: 'role' in u ? u.role : u.national })),
      ...DEMO_COMMUNITY_USERS.map((u) => ({ email: u.email, role: `lead of ${u.body}` })),
    ],
  };
}

export function describeDemoLogins(outcome: Extract<DemoOutcome, { seeded: true }>, baseUrl: string): string {
  const width = Math.max(...outcome.logins.map((l) => l.email.length));
  return [
    '',
    'Demo content added: the fictional Glenlochy Community Planning Partnership.',
    `Sign in at ${baseUrl}/login with any of these (password: ${outcome.password}):`,
    ...outcome.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role.replace(/_/g, ' ')}`),
    'These accounts are fictional and for trying Cairn out. Do not use them on a public server.',
    '',
  ].join('\n');
}
