import type { Actor } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import type { DemoServices } from './demo.time.ts';
import type { DemoTime } from './demo.time.ts';

/** Marks every demo offer: the providers are real national bodies, the offers are invented. */
const FICTIONAL = 'Fictional demo offer: the provider is real, this offer is invented.';

/**
 * Demo content for the improvement-support portal, seeded through the support service: offers from real
 * national bodies (by name only; every offer is invented and flagged fictional), a request from Glenlochy
 * completed with feedback, and another in progress.
 */
export async function seedDemoSupport(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  const at = (daysAgo: number) => time.at(daysAgo).support;
  const users = await repo.usersByEmail(['analyst@cairn.example', 'manager@glenlochy.example']);
  const actor = (
    email: string,
    actorOf: (u: { id: number; email: string; display_name: string }) => Actor,
  ): RequestContext => {
    const u = users.get(email);
    return u ? { ...ctx, actor: actorOf(u) } : ctx;
  };
  const analyst = actor('analyst@cairn.example', (u) => ({
    kind: 'user',
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    nationalRoles: ['national_analyst'],
    partnershipRoles: new Map(),
    mustChangePassword: false,
  }));
  const manager = actor('manager@glenlochy.example', (u) => ({
    kind: 'user',
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    nationalRoles: [],
    partnershipRoles: new Map([[p.id, 'partnership_manager']]),
    mustChangePassword: false,
  }));

  const orgs = await repo.organisationIds({ nationalOnly: true });
  const criteria = new Map([...(await repo.criteriaIds('principles-2016'))].map(([code, id]) => [code, String(id)]));
  const principles = (...codes: string[]) =>
    codes.map((c) => criteria.get(c)).filter((id): id is string => id !== undefined);
  const indicators = await repo.existingIndicators(['cpop-early-mortality', 'cpop-child-poverty']);
  const only = (...codes: string[]) => codes.filter((c) => indicators.has(c));

  const offer = (daysAgo: number, input: Parameters<DemoServices['support']['createOffer']>[1]) =>
    at(daysAgo).createOffer(analyst, input, { fictional: true });

  const data = await offer(300, {
    provider_organisation_id: orgs.get('Improvement Service'),
    provider_name: undefined,
    title: 'Making use of the Community Planning Outcomes Profile (demo)',
    theme: 'Using data',
    description: `Two half-day sessions for partnership analysts and officers on reading the outcomes profile, comparing with similar areas and setting measures and targets from it. ${FICTIONAL}`,
    format_code: 'data-analysis',
    eligibility: 'Any community planning partnership; up to six people from its partners.',
    contact: 'demo-support@example.org (fictional)',
    criteria: principles('performance-management', 'understanding-communities', 'key-priorities'),
    indicators: only('cpop-child-poverty', 'cpop-early-mortality'),
  });
  const engagement = await offer(280, {
    provider_organisation_id: undefined,
    provider_name: 'Scottish Community Development Centre',
    title: 'Coaching on community engagement with the National Standards (demo)',
    theme: 'Community engagement',
    description: `A coach works with the partnership board and a locality team over three months to plan engagement with communities, including the hardest to reach. ${FICTIONAL}`,
    format_code: 'coaching',
    eligibility: 'Community planning partnerships and their locality teams.',
    contact: 'demo-engagement@example.org (fictional)',
    criteria: principles('community-participation', 'tackling-inequalities', 'understanding-communities'),
    indicators: [],
  });
  await offer(260, {
    provider_organisation_id: orgs.get('Public Health Scotland'),
    provider_name: undefined,
    title: 'Prevention and early deaths: a peer learning network (demo)',
    theme: 'Prevention',
    description: `Quarterly meetings where partnerships share how they shift spending towards prevention and what has reduced early deaths. ${FICTIONAL}`,
    format_code: 'peer-learning',
    eligibility: 'Partnership officers leading on health and prevention.',
    contact: 'demo-prevention@example.org (fictional)',
    criteria: principles('prevention', 'resourcing-improvement'),
    indicators: only('cpop-early-mortality'),
  });
  await offer(240, {
    provider_organisation_id: orgs.get('Improvement Service'),
    provider_name: undefined,
    title: 'Board development for shared leadership (demo)',
    theme: 'Governance',
    description: `A facilitated workshop for partnership boards on shared leadership, scrutiny and holding partners to account for their contribution. ${FICTIONAL}`,
    format_code: 'workshop',
    eligibility: 'Partnership boards and their chairs.',
    contact: 'demo-boards@example.org (fictional)',
    criteria: principles('shared-leadership', 'governance-accountability'),
    indicators: [],
  });

  // Glenlochy asked for the data sessions: done, with feedback.
  const done = await at(200).request(manager, p, {
    offer_id: data.id,
    need: 'Our performance reports do not say whether outcomes are improving against similar areas. (Fictional.)',
    criterion_id: Number(criteria.get('performance-management')),
    indicator_code: undefined,
  });
  await at(195).transition(analyst, done.id, {
    action: 'accept',
    note: 'Sessions booked for next month. (Fictional.)',
  });
  await at(170).transition(analyst, done.id, { action: 'start', note: undefined });
  await at(150).transition(analyst, done.id, {
    action: 'complete',
    note: 'Both sessions held; eight people took part. (Fictional.)',
  });
  await at(140).feedback(manager, p, done.id, {
    usefulness: 4,
    what_changed:
      'Our annual report now compares each outcome with our family group, and the board chose two new measures from the profile. (Fictional.)',
  });

  // And for the engagement coaching: under way.
  const open = await at(60).request(manager, p, {
    offer_id: engagement.id,
    need: 'Few people from our most deprived communities take part in locality planning. (Fictional.)',
    criterion_id: Number(criteria.get('community-participation')),
    indicator_code: undefined,
  });
  await at(55).transition(analyst, open.id, { action: 'accept', note: undefined });
  await at(30).transition(analyst, open.id, {
    action: 'start',
    note: 'First coaching session held with the Kilbrae locality team. (Fictional.)',
  });
}
