import type { Actor } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import type { DemoTime } from './demo.time.ts';

/**
 * The demo partnership's plans: a published LOIP with three priorities, measures on the outcomes data
 * (fictional series for the fictional council area, labelled as such) and of its own, actions with
 * lead and contributing partners, and a history of progress; two locality plans. All fictional.
 */

/** Fictional yearly values for the demo area: child poverty falling slowly, early mortality flat. */
const SERIES: Record<string, [number, number][]> = {
  'cpop-child-poverty': [
    [2016, 24.1],
    [2017, 23.8],
    [2018, 23.9],
    [2019, 23.0],
    [2020, 22.4],
    [2021, 22.6],
    [2022, 21.9],
  ],
  'cpop-early-mortality': [
    [2016, 402],
    [2017, 398],
    [2018, 405],
    [2019, 401],
    [2020, 412],
    [2021, 409],
    [2022, 404],
  ],
};

export async function seedDemoPlans(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  for (const [indicator, points] of Object.entries(SERIES)) {
    await repo.insertSeries(indicator, points);
  }

  const iso = (daysAgo: number) => time.iso(daysAgo);
  const at = (daysAgo: number) => time.at(daysAgo).plans;
  const users = await repo.usersByEmail();
  const orgs = await repo.organisationIds();
  const org = (name: string) => orgs.get(name)!;
  const person = (email: string, role: 'partnership_manager' | 'partner_officer'): RequestContext => {
    const u = users.get(email)!;
    const actor: Actor = {
      kind: 'user',
      userId: u.id,
      email: u.email,
      displayName: u.display_name,
      nationalRoles: [],
      partnershipRoles: new Map([[p.id, role]]),
      mustChangePassword: false,
    };
    return { ...ctx, actor };
  };
  const manager = person('manager@glenlochy.example', 'partnership_manager');
  const officer = person('officer@glenlochy.example', 'partner_officer');
  const thisYear = time.noon.getUTCFullYear();

  // The LOIP
  const loip = await at(400).create(manager, p, {
    kind: 'loip',
    title: 'Glenlochy Local Outcomes Improvement Plan (demo)',
    summary:
      'Our shared plan to tackle child poverty, help people live longer, healthier lives and make every community safe and heard. Fictional.',
    start_year: thisYear - 3,
    end_year: thisYear + 6,
    locality_code: undefined,
  });
  const priorities = [
    {
      title: 'Tackling child poverty',
      description: 'Fewer children grow up in poverty, and those who do are supported.',
    },
    {
      title: 'Healthier, longer lives',
      description: 'People live longer, healthier lives, and the gap between communities narrows.',
    },
    {
      title: 'Safe, empowered communities',
      description: 'Communities feel safe and shape the decisions that affect them.',
    },
  ];
  const pr: number[] = [];
  for (const x of priorities) pr.push((await at(400).addPriority(manager, p, loip.id, x)).id);
  const o1 = await at(399).addOutcome(manager, p, loip.id, {
    priority_id: pr[0]!,
    title: 'Fewer children live in low-income families',
    description: undefined,
    national_outcomes: ['children', 'poverty'],
  });
  const o2 = await at(399).addOutcome(manager, p, loip.id, {
    priority_id: pr[1]!,
    title: 'Fewer people die before 75',
    description: undefined,
    national_outcomes: ['health'],
  });
  const o3 = await at(399).addOutcome(manager, p, loip.id, {
    priority_id: pr[2]!,
    title: 'People feel they can influence local decisions',
    description: undefined,
    national_outcomes: ['communities', 'human_rights'],
  });
  const m1 = await at(398).addMeasure(manager, p, loip.id, {
    outcome_id: o1.id,
    title: 'Children in low-income families',
    indicator_code: 'cpop-child-poverty',
    unit: undefined,
    higher_is_better: undefined,
    baseline_year: 2018,
    baseline_value: 23.9,
    targets: [
      { year: thisYear + 1, value: 19 },
      { year: thisYear + 6, value: 15 },
    ],
  });
  const m2 = await at(398).addMeasure(manager, p, loip.id, {
    outcome_id: o2.id,
    title: 'Early deaths (under 75)',
    indicator_code: 'cpop-early-mortality',
    unit: undefined,
    higher_is_better: undefined,
    baseline_year: 2018,
    baseline_value: 405,
    targets: [{ year: thisYear + 4, value: 360 }],
  });
  const m3 = await at(398).addMeasure(manager, p, loip.id, {
    outcome_id: o3.id,
    title: 'Residents who feel they can influence local decisions',
    indicator_code: undefined,
    unit: '% of residents (household survey)',
    higher_is_better: 'true',
    baseline_year: undefined,
    baseline_value: undefined,
    targets: [{ year: thisYear + 2, value: 35 }],
  });
  for (const [year, value] of [
    [thisYear - 3, 21],
    [thisYear - 2, 23],
    [thisYear - 1, 26],
  ] as const) {
    await at(200).addMeasureValue(manager, p, loip.id, m3.id, {
      year,
      value,
      source: 'Glenlochy household survey (fictional)',
    });
  }
  const a1 = await at(397).addAction(manager, p, loip.id, {
    outcome_id: o1.id,
    title: 'Income maximisation advice in every school',
    lead_organisation_id: org('Glenlochy Council'),
    contributors: [String(org('NHS Glenlochy')), String(org('Glenlochy Third Sector Interface'))],
    start_date: iso(380),
    due_date: iso(30),
    status: 'in_progress',
    horizon: 'short',
  });
  await at(397).addAction(manager, p, loip.id, {
    outcome_id: o1.id,
    title: 'Affordable childcare places in Kilbrae',
    lead_organisation_id: org('Glenlochy Council'),
    contributors: [String(org('Glenlochy College'))],
    start_date: iso(300),
    due_date: iso(-400),
    status: 'in_progress',
    horizon: 'medium',
  });
  const a3 = await at(397).addAction(manager, p, loip.id, {
    outcome_id: o2.id,
    title: 'Community link workers in every GP practice',
    lead_organisation_id: org('NHS Glenlochy'),
    contributors: [String(org('Glenlochy Integration Joint Board'))],
    start_date: iso(360),
    due_date: iso(-200),
    status: 'in_progress',
    horizon: 'medium',
  });
  await at(397).addAction(manager, p, loip.id, {
    outcome_id: o3.id,
    title: 'Participatory budgeting in every locality',
    lead_organisation_id: org('Glenlochy Council'),
    contributors: [String(org('Glenlochy Third Sector Interface'))],
    start_date: iso(350),
    due_date: iso(-700),
    status: 'not_started',
    horizon: 'long',
  });
  await at(390).setStatus(manager, p, loip.id, {
    status: 'approved',
    note: 'Approved by the partnership board (fictional)',
  });
  await at(385).setStatus(manager, p, loip.id, { status: 'published', note: undefined });

  // Progress history: the officer updates the health board's action; the manager approves and assesses.
  const up = async (
    daysAgo: number,
    who: RequestContext,
    subject: string,
    rag: 'red' | 'amber' | 'green',
    narrative: string,
  ) =>
    at(daysAgo).addUpdate(who, p, loip.id, {
      subject,
      rag,
      narrative,
      update_date: iso(daysAgo),
      evidence_url: undefined,
    });
  const u1 = await up(
    180,
    officer,
    `action:${a3.id}`,
    'amber',
    'Four of nine practices have a link worker; recruitment in the glens is slow.',
  );
  await at(175).approveUpdate(manager, p, loip.id, u1.id);
  const u2 = await up(40, officer, `action:${a3.id}`, 'green', 'Eight of nine practices now have a link worker.');
  await at(38).approveUpdate(manager, p, loip.id, u2.id);
  await up(
    60,
    manager,
    `action:${a1.id}`,
    'amber',
    'Advice sessions run in 11 of 14 schools; three start after the summer.',
  );
  await up(
    60,
    manager,
    `measure:${m1.id}`,
    'green',
    'Child poverty is falling, though more slowly than the target needs.',
  );
  await up(60, manager, `measure:${m2.id}`, 'amber', 'Early deaths have not fallen since 2018.');
  await up(60, manager, `outcome:${o3.id}`, 'green', 'More residents say they can influence decisions each year.');
  await up(
    5,
    officer,
    `action:${a3.id}`,
    'green',
    'The ninth practice has appointed a link worker; starts next month.',
  );

  // What partners commit to the LOIP over three financial years: the preventative share grows.
  const commitments: [
    string,
    number,
    number,
    number,
    number,
    'aligned' | 'pooled',
    'preventative' | 'early_intervention' | 'reactive',
  ][] = [
    // partner, priority index, year offset, money, FTE, arrangement, prevention
    ['Glenlochy Council', 0, -2, 420000, 6, 'aligned', 'early_intervention'],
    ['Glenlochy Council', 0, -1, 450000, 6, 'aligned', 'preventative'],
    ['Glenlochy Council', 0, 0, 480000, 7, 'pooled', 'preventative'],
    ['NHS Glenlochy', 1, -2, 310000, 4, 'aligned', 'reactive'],
    ['NHS Glenlochy', 1, -1, 300000, 5, 'aligned', 'early_intervention'],
    ['NHS Glenlochy', 1, 0, 320000, 6, 'pooled', 'preventative'],
    ['Glenlochy Integration Joint Board', 1, -1, 150000, 2, 'pooled', 'early_intervention'],
    ['Glenlochy Integration Joint Board', 1, 0, 180000, 2, 'pooled', 'preventative'],
    ['Police Scotland', 2, -2, 60000, 1, 'aligned', 'reactive'],
    ['Police Scotland', 2, 0, 40000, 1.5, 'aligned', 'early_intervention'],
    ['Glenlochy Third Sector Interface', 2, -1, 25000, 0.5, 'aligned', 'preventative'],
    ['Glenlochy Third Sector Interface', 2, 0, 30000, 0.5, 'aligned', 'preventative'],
    ['Glenlochy College', 0, 0, 0, 1, 'aligned', 'preventative'],
  ];
  for (const [name, pi, offset, pounds, fte, arrangement, prevention] of commitments) {
    await time.at(200).resources.add(manager, p, loip.id, {
      organisation_id: org(name),
      priority_id: pr[pi]!,
      plan_outcome_id: undefined,
      financial_year: thisYear - 1 + offset,
      money: pounds,
      fte,
      in_kind: name === 'Glenlochy College' ? 'Rooms for parenting classes, two evenings a week' : undefined,
      arrangement,
      prevention,
      note: undefined,
    });
  }

  // Last reporting year's annual report, published in the summer.
  await time.at(120).reports.publish(manager, p, thisYear - 1);

  // Two locality plans
  const localities = await repo.localities(p.id);
  const kilbrae = localities.find((l) => l.name === 'Kilbrae')!;
  const strath = localities.find((l) => l.name === 'Strathmorrow and Lochside')!;
  const k = await at(300).create(manager, p, {
    kind: 'locality',
    title: 'Kilbrae Locality Plan (demo)',
    summary: 'What Kilbrae’s residents asked for, and what partners will do. Fictional.',
    locality_code: kilbrae.code,
    start_year: thisYear - 2,
    end_year: thisYear + 2,
  });
  await at(300).setParent(manager, p, k.id, { parent_plan_id: loip.id });
  const kp = await at(300).addPriority(manager, p, k.id, {
    title: 'Safe routes and places to play',
    description: undefined,
  });
  const ko = await at(300).addOutcome(manager, p, k.id, {
    priority_id: kp.id,
    title: 'Children in Kilbrae walk to school safely',
    description: undefined,
    national_outcomes: ['children', 'communities'],
  });
  const km = await at(300).addMeasure(manager, p, k.id, {
    outcome_id: ko.id,
    title: 'Pupils walking to Kilbrae Primary',
    indicator_code: undefined,
    unit: '% of pupils (hands-up survey)',
    higher_is_better: 'true',
    baseline_year: thisYear - 3,
    baseline_value: 31,
    targets: [{ year: thisYear + 2, value: 50 }],
  });
  await at(100).addMeasureValue(manager, p, k.id, km.id, {
    year: thisYear - 1,
    value: 44,
    source: 'Hands-up survey (fictional)',
  });
  await at(300).addAction(manager, p, k.id, {
    outcome_id: ko.id,
    title: '20 mph zone and two new crossings on School Brae',
    lead_organisation_id: org('Glenlochy Council'),
    contributors: [String(org('Police Scotland'))],
    start_date: iso(250),
    due_date: iso(20),
    status: 'complete',
    horizon: 'short',
  });
  await at(290).setStatus(manager, p, k.id, { status: 'approved', note: undefined });
  await at(289).setStatus(manager, p, k.id, { status: 'published', note: undefined });
  const s = await at(20).create(manager, p, {
    kind: 'locality',
    title: 'Strathmorrow and Lochside Locality Plan (demo)',
    summary: 'In consultation with residents. Fictional.',
    locality_code: strath.code,
    start_year: thisYear,
    end_year: thisYear + 4,
  });
  await at(20).setParent(manager, p, s.id, { parent_plan_id: loip.id });
  const sp = await at(20).addPriority(manager, p, s.id, { title: 'Getting around the glen', description: undefined });
  await at(20).addOutcome(manager, p, s.id, {
    priority_id: sp.id,
    title: 'Older people can reach services without a car',
    description: undefined,
    national_outcomes: ['communities', 'health'],
  });
  await at(19).setStatus(manager, p, s.id, { status: 'consultation', note: undefined });
}
