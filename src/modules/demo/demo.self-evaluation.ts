import type { Actor } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import type { DemoTime } from './demo.time.ts';
import { DEMO_COMMUNITY_USERS } from './demo.community.ts';
import { PRINCIPLES_FRAMEWORK } from '../improvement/index.ts';

/**
 * Glenlochy's self-evaluation against the nine principles: last year's, published, and this year's, a
 * draft — with a partner's view and a community body's view on each. Scores, evidence and views are
 * fictional. Seeded through the self-evaluation service, so that the audit trail shows every step.
 */
const SCORES: Record<string, [number, string, number, string]> = {
  // code: [last year's score, evidence, this year's score, evidence]
  'community-participation': [
    3,
    'Two locality forums met four times; attendance fell in Ardnamoine (fictional).',
    4,
    'Kilbrae’s walking-routes group shows a participation request changing a decision (fictional).',
  ],
  'tackling-inequalities': [
    2,
    'The LOIP names inequality as a priority but no measure tracks the gap (fictional).',
    3,
    'A gap measure for Kilbrae South now reports to the board each quarter (fictional).',
  ],
  'shared-leadership': [
    3,
    'The board chair rotates between the council and the health board (fictional).',
    3,
    'Partners lead two of the five priorities; the council still leads the rest (fictional).',
  ],
  'governance-accountability': [
    4,
    'Board papers and minutes are published within ten working days (fictional).',
    4,
    'The annual report was published on time with progress against every measure (fictional).',
  ],
  'understanding-communities': [
    3,
    'The locality profiles use SIMD 2020 and the 2022 census (fictional summary).',
    4,
    'Locality profiles now include what residents said at the spring forums (fictional).',
  ],
  'key-priorities': [
    4,
    'Five priorities, each with local outcomes and measures (fictional).',
    5,
    'Priorities were cut from seven to five after the mid-term review (fictional).',
  ],
  prevention: [
    2,
    'Most spending on the priorities is still on crisis services (fictional).',
    2,
    'A prevention fund was agreed but has not yet been spent (fictional).',
  ],
  'resourcing-improvement': [
    2,
    'Partners have not aligned budgets to the LOIP (fictional).',
    3,
    'Three partners recorded their commitments to the LOIP in Cairn (fictional).',
  ],
  'performance-management': [
    3,
    'Progress is reported twice a year; several measures have no recent data (fictional).',
    4,
    'Measures are checked against their targets every quarter; stale measures are flagged (fictional).',
  ],
};

function userActor(
  user: { id: number; email: string; display_name: string },
  partnershipId: number | null,
  role: 'partnership_manager' | 'partner_officer',
): Actor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    nationalRoles: [],
    partnershipRoles: new Map(partnershipId === null ? [] : [[partnershipId, role]]),
    mustChangePassword: false,
  };
}

export async function seedDemoSelfEvaluation(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  const thisYear = time.now().selfEvaluation.currentYear();
  const lastYear = thisYear - 1;
  const then = () => time.on(`${lastYear}-10-15`);

  const users = await repo.usersByEmail();
  const as = (actor: Actor): RequestContext => ({ ...ctx, actor });
  const manager = as(userActor(users.get('manager@glenlochy.example')!, p.id, 'partnership_manager'));
  const officer = as(userActor(users.get('officer@glenlochy.example')!, p.id, 'partner_officer'));
  const communityLead = as(userActor(users.get(DEMO_COMMUNITY_USERS[0].email)!, null, 'partner_officer'));
  const body = await repo.communityBody(p.id, DEMO_COMMUNITY_USERS[0].body);
  const framework = await repo.framework(PRINCIPLES_FRAMEWORK);
  const criteria = await repo.criteriaIds(PRINCIPLES_FRAMEWORK);

  const form = (i: 0 | 2) =>
    Object.fromEntries(
      Object.entries(SCORES).flatMap(([code, s]) => [
        [`score_${code}`, String(s[i])],
        [`evidence_${code}`, s[(i + 1) as 1 | 3]],
      ]),
    );

  // Last year: scored, views given while it was a draft, then published.
  const last = await then().selfEvaluation.start(manager, p, { framework_id: framework.id, year: lastYear });
  await then().selfEvaluation.score(manager, p, last.id, form(0));
  await then().selfEvaluation.addPartnerView(officer, p, last.id, {
    criterion_id: criteria.get('prevention')!,
    view: 'NHS Glenlochy agrees: our own spending on prevention has not grown either (fictional).',
    score: 2,
  });
  await then().selfEvaluation.addBodyView(communityLead, body.id, {
    evaluation_id: last.id,
    criterion_id: criteria.get('community-participation')!,
    view: 'Forums are held in the daytime, when most of our members are at work (fictional).',
    score: 2,
  });
  await time.on(`${lastYear}-11-20`).selfEvaluation.publish(manager, p, last.id);

  // This year: a draft, with views coming in.
  const current = await time.now().selfEvaluation.start(manager, p, { framework_id: framework.id, year: thisYear });
  await time.now().selfEvaluation.score(manager, p, current.id, form(2));
  await time.now().selfEvaluation.addPartnerView(officer, p, current.id, {
    criterion_id: criteria.get('resourcing-improvement')!,
    view: 'NHS Glenlochy has recorded its commitments; we would score this 3 too (fictional).',
    score: 3,
  });
  await time.now().selfEvaluation.addBodyView(communityLead, body.id, {
    evaluation_id: current.id,
    criterion_id: undefined,
    view: 'Evening forums this year made a difference; we want to see the walking-routes work copied in other localities (fictional).',
    score: undefined,
  });
}
