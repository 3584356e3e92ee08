import { systemActor } from '../../core/access/actor.ts';
import type { PartnershipRole } from '../../core/access/permissions.ts';
import { recordAudit } from '../../db/audit.ts';
import { cliContext } from '../../core/context.ts';
import { settableClock, type Clock } from '../../core/time.ts';
import { partnershipRowToRef } from '../partnerships/index.ts';
import { DEMO_COMMUNITY_USERS, seedDemoCommunity } from './demo.community.ts';
import { seedDemoCaseStudies } from './demo.case-studies.ts';
import { seedDemoPlans } from './demo.plans.ts';
import { seedDemoRecommendations } from './demo.recommendations.ts';
import { seedDemoSelfEvaluation } from './demo.self-evaluation.ts';
import { seedDemoSupport } from './demo.support.ts';
import { DemoChecks, type DemoDb, type DemoTransaction } from './demo.repository.ts';
import { DemoTime, type DemoServices } from './demo.time.ts';
import { DEMO_LOCALITIES, DEMO_NATIONAL_PARTNERS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo.data.ts';

export type DemoOutcome =
  { seeded: true; logins: { email: string; role: string }[]; password: string } | { seeded: false; reason: string };

/** What the demo seeder needs: the database, the real clock, and Cairn's services built over a transaction. */
export interface DemoModuleDeps {
  db: DemoDb;
  clock: Clock;
  /**
   * Cairn's services over the seed's one transaction and the demo's settable clock: the composition root's
   * own builder, so the demo acts through exactly the services a user's requests go through.
   */
  servicesOver(trx: DemoTransaction, clock: Clock): DemoServices;
}

/**
 * Seed the fictional Glenlochy partnership, through the same services a user would go through (so the
 * audit trail shows how it was built), in one transaction.
 */
export async function seedDemo(deps: DemoModuleDeps): Promise<DemoOutcome> {
  const checks = new DemoChecks(deps.db);
  if (await checks.hasDemoPartnership()) return { seeded: false, reason: 'The demo partnership is already there.' };
  const inUse = await checks.realPartnershipsInUse();
  if (inUse.length) {
    return {
      seeded: false,
      reason: `Demo content is never added to a database in real use (${inUse.slice(0, 3).join(', ')} hold records).`,
    };
  }
  const clashes = await checks.existingEmails(DEMO_USERS.map((u) => u.email));
  if (clashes.length) return { seeded: false, reason: `Accounts already exist for ${clashes.join(', ')}.` };

  const ctx = cliContext(systemActor('demo seed'));
  await checks.inTransaction(async (repo) => {
    const trx = repo.trx;
    // Cairn's services over this transaction, built once; the demo moves their clock (demo.time.ts).
    const clock = settableClock(deps.clock);
    const time = new DemoTime(deps.servicesOver(trx, clock), clock, deps.clock);
    const now = deps.clock.now();
    await repo.insertDemoArea(now);
    const row = await repo.insertDemoPartnership(now);
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
    const national = await repo.organisationIds({ names: DEMO_NATIONAL_PARTNERS });
    for (const id of national.values()) {
      await time.now().partnerships.addOrganisation(ctx, p, {
        organisation_id: id,
        kind: 'statutory_partner',
        joined_on: '2017-04-01',
      });
    }
    for (const l of DEMO_LOCALITIES) await time.now().partnerships.createLocality(ctx, p, l);

    const orgIds = await repo.organisationIds();
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
    await seedDemoCommunity(repo, time, ctx, p);
    await seedDemoPlans(repo, time, ctx, p);
    await seedDemoRecommendations(repo, time, ctx, p);
    await seedDemoSelfEvaluation(repo, time, ctx, p);
    await seedDemoSupport(repo, time, ctx, p);
    await seedDemoCaseStudies(repo, time, ctx, p);
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
