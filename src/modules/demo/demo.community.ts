import type { Actor } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import { DEMO_PASSWORD } from './demo.data.ts';
import type { DemoTime } from './demo.time.ts';

/**
 * Community participation in the demo: two fictional community bodies, a register of land, and
 * participation and asset transfer requests at every stage of the Act's processes, dated relative to
 * the day the demo is seeded so that the clock is always running — and one deadline is always overdue.
 * Everything is fictional.
 */
export const DEMO_COMMUNITY_USERS = [
  { email: 'community@glenlochy.example', display_name: 'Alasdair Munro', body: 'Kilbrae Community Council (demo)' },
  { email: 'trust@glenlochy.example', display_name: 'Fiona MacLeod', body: 'Strathmorrow Development Trust (demo)' },
] as const;

const BODIES = [
  {
    name: 'Kilbrae Community Council (demo)',
    body_type: 'community_council' as const,
    community: 'The people of Kilbrae North and Kilbrae South (fictional)',
    community_kind: 'place' as const,
    constitution: 'Scheme for the establishment of community councils, Glenlochy Council, 2018 (fictional).',
    involved: true,
  },
  {
    name: 'Strathmorrow Development Trust (demo)',
    body_type: 'community_transfer_body' as const,
    community: 'Strathmorrow and Lochside (fictional)',
    community_kind: 'place' as const,
    constitution: 'Company limited by guarantee with open membership for residents aged 16 and over (fictional).',
    involved: true,
  },
];

const ASSETS = [
  {
    owner: 'Glenlochy Council',
    reference: 'GC-0141',
    name: 'Kilbrae Old School',
    asset_type: 'building' as const,
    address: '2 School Brae, Kilbrae',
    postcode: 'GL1 4KB',
    area_hectares: 0.4,
  },
  {
    owner: 'Glenlochy Council',
    reference: 'GC-0219',
    name: 'Lochside Bowling Green',
    asset_type: 'land_and_building' as const,
    address: 'Shore Road, Lochside',
    postcode: 'GL3 2LS',
    area_hectares: 0.6,
  },
  {
    owner: 'Glenlochy Council',
    reference: 'GC-0307',
    name: 'Ardnamoine Allotment Ground',
    asset_type: 'land' as const,
    address: 'Moine Road, Ardnamoine',
    postcode: 'GL5 8AR',
    area_hectares: 1.2,
  },
  {
    owner: 'Glenlochy Council',
    reference: 'GC-0322',
    name: 'Strathmorrow Public Hall',
    asset_type: 'building' as const,
    address: 'Main Street, Strathmorrow',
    postcode: 'GL3 1SM',
    area_hectares: 0.2,
  },
  {
    owner: 'NHS Glenlochy',
    reference: 'NHSG-17',
    name: 'Strathmorrow Health Centre garden',
    asset_type: 'land' as const,
    address: 'Burn Road, Strathmorrow',
    postcode: 'GL3 1HC',
    area_hectares: 0.15,
  },
];

type Step = { daysAgo: number; side: 'body' | 'authority'; action: string; input?: Record<string, unknown> };

interface DemoRequest {
  body: number;
  authority: string;
  kind: 'participation' | 'asset_transfer';
  title: string;
  createdDaysAgo: number;
  fields: Record<string, unknown>;
  steps: Step[];
}

const S24 = {
  s24_public_health: 'Safer routes encourage walking to school, which the health board supports.',
  s24_reducing_inequalities: 'Kilbrae South is among the most deprived zones of Glenlochy (fictional).',
};

const REQUESTS: DemoRequest[] = [
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Safer walking routes to Kilbrae Primary',
    createdDaysAgo: 215,
    fields: {
      outcome: 'Children in Kilbrae walk to school safely.',
      reasons: 'Parents know where children cross and where cars speed.',
      knowledge: 'A survey of 140 households in 2025 (fictional).',
      improvement: 'Half of pupils walking to school within two years.',
    },
    steps: [
      { daysAgo: 210, side: 'body', action: 'submit' },
      { daysAgo: 205, side: 'authority', action: 'validate', input: { validation_date: -205 } },
      { daysAgo: 180, side: 'authority', action: 'decide', input: { decision: 'agreed', decision_date: -180, ...S24 } },
      {
        daysAgo: 130,
        side: 'authority',
        action: 'establish_process',
        input: {
          process_established_on: -130,
          process_description:
            'A working group of the council roads team, Kilbrae Primary parent council and the community council meets every six weeks in Kilbrae Hall.',
        },
      },
      {
        daysAgo: 70,
        side: 'authority',
        action: 'process_update',
        input: { note: 'Third meeting: 20 mph zone agreed for School Brae; crossing patrol hours extended.' },
      },
      {
        daysAgo: 20,
        side: 'authority',
        action: 'complete',
        input: {
          date: -20,
          final_report:
            'The group agreed a 20 mph zone and two new crossings. Pupils walking to school rose from 31% to 44% (fictional figures).\n\nThe community council’s survey decided where the crossings went. The council will report progress to the community council twice a year.',
        },
      },
    ],
  },
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Winter gritting of Kilbrae back roads',
    createdDaysAgo: 62,
    fields: {
      outcome: 'Older residents can get out safely in winter.',
      reasons: 'Members walk these roads daily and log where ice forms.',
      knowledge: 'Ten years of the community council’s winter log (fictional).',
      improvement: 'No falls reported on the back roads next winter.',
    },
    steps: [
      { daysAgo: 60, side: 'body', action: 'submit' },
      {
        daysAgo: 56,
        side: 'authority',
        action: 'validate',
        input: { validation_date: -56, responsible: 'officer@glenlochy.example' },
      },
    ],
  },
  {
    body: 1,
    authority: 'NHS Glenlochy',
    kind: 'participation',
    title: 'Mental health support for young people in Strathmorrow',
    createdDaysAgo: 42,
    fields: {
      outcome: 'Young people in Strathmorrow get help early.',
      reasons: 'The trust runs the only youth club in the glen.',
      knowledge: 'Youth workers see 60 young people a week (fictional).',
      improvement: 'Waiting times for first support under four weeks.',
      additional: 'Police Scotland',
    },
    steps: [
      { daysAgo: 40, side: 'body', action: 'submit' },
      {
        daysAgo: 35,
        side: 'authority',
        action: 'validate',
        input: { validation_date: -35, additional_authority_asked_on: -35 },
      },
      { daysAgo: 25, side: 'authority', action: 'record_additional_answer', input: { answer: 'joins', date: -25 } },
    ],
  },
  {
    body: 0,
    authority: 'Police Scotland',
    kind: 'participation',
    title: 'Setting local policing priorities for Kilbrae',
    createdDaysAgo: 110,
    fields: {
      outcome: 'People in Kilbrae feel safe.',
      reasons: 'The community council hears residents’ concerns first.',
      knowledge: 'Monthly public meetings (fictional).',
      improvement: 'Fewer reports of antisocial behaviour.',
    },
    steps: [
      { daysAgo: 108, side: 'body', action: 'submit' },
      { daysAgo: 104, side: 'authority', action: 'validate', input: { validation_date: -104 } },
      {
        daysAgo: 75,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'refused',
          decision_date: -75,
          decision_reasons:
            'Local policing priorities are already set with the community council through the ward plan consultation, which starts next month (fictional).',
          s24_social_wellbeing: 'Considered; the existing consultation serves the same outcome.',
        },
      },
    ],
  },
  {
    body: 1,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Reducing isolation of older people in the Glens',
    createdDaysAgo: 100,
    fields: {
      outcome: 'Older people in the Glens are less isolated.',
      reasons: 'The trust runs the community transport scheme.',
      knowledge: 'Eight volunteer drivers, 300 trips a year (fictional).',
      improvement: 'Every older person living alone contacted each month.',
    },
    steps: [
      { daysAgo: 98, side: 'body', action: 'submit' },
      { daysAgo: 95, side: 'authority', action: 'validate', input: { validation_date: -95 } },
      {
        daysAgo: 70,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'agreed',
          decision_date: -70,
          s24_social_wellbeing: 'Loneliness is a priority of the locality plan (fictional).',
        },
      },
      {
        daysAgo: 30,
        side: 'authority',
        action: 'establish_process',
        input: {
          process_established_on: -30,
          process_description:
            'Monthly meetings of the council’s community care team, the trust and the health and social care partnership.',
        },
      },
    ],
  },
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Bus shelter repairs on the Kilbrae road',
    createdDaysAgo: 52,
    fields: {
      outcome: 'Bus users wait in shelter.',
      reasons: 'Members use the buses every day.',
      knowledge: 'A list of 12 damaged shelters (fictional).',
      improvement: 'All shelters repaired within a year.',
    },
    steps: [
      { daysAgo: 50, side: 'body', action: 'submit' },
      { daysAgo: 46, side: 'authority', action: 'validate', input: { validation_date: -46 } },
      {
        daysAgo: 12,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'agreed',
          decision_date: -12,
          s24_economic_development: 'Reliable public transport supports access to work.',
        },
      },
    ],
  },
  {
    body: 1,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'A say in the Strathmorrow flood plan',
    createdDaysAgo: 12,
    fields: {
      outcome: 'Homes in Strathmorrow are protected from flooding.',
      reasons: 'The trust holds residents’ flood records.',
      knowledge: 'Photographs of every flood since 2012 (fictional).',
      improvement: 'No homes flooded in a 1-in-30-year event.',
    },
    steps: [
      { daysAgo: 10, side: 'body', action: 'submit' },
      {
        daysAgo: 8,
        side: 'authority',
        action: 'request_information',
        input: {
          information_needed:
            'Please send a copy of the trust’s constitution, showing that membership is open to the community.',
        },
      },
    ],
  },
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Play park for Kilbrae South',
    createdDaysAgo: 3,
    fields: {
      outcome: 'Children in Kilbrae South have somewhere safe to play.',
      reasons: 'Parents have organised a petition.',
      knowledge: '230 signatures (fictional).',
      improvement: 'A play park open within two years.',
    },
    steps: [{ daysAgo: 2, side: 'body', action: 'submit' }],
  },
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'participation',
    title: 'Litter picking with the council’s cleansing team',
    createdDaysAgo: 1,
    fields: { outcome: 'Cleaner streets in Kilbrae.' },
    steps: [],
  },
  {
    body: 0,
    authority: 'Glenlochy Council',
    kind: 'asset_transfer',
    title: 'Lease of Kilbrae Old School as a community hub',
    createdDaysAgo: 95,
    fields: {
      asset: 'GC-0141',
      transfer_type: 'lease',
      price_offered: 1,
      terms: 'A 25-year lease at £1 a year; the community council repairs the roof.',
      benefits: 'A hub for the lunch club, youth club and advice sessions.',
    },
    steps: [
      { daysAgo: 92, side: 'body', action: 'submit' },
      { daysAgo: 88, side: 'authority', action: 'validate', input: { validation_date: -88 } },
    ],
  },
  {
    body: 1,
    authority: 'Glenlochy Council',
    kind: 'asset_transfer',
    title: 'Purchase of Lochside Bowling Green',
    createdDaysAgo: 260,
    fields: {
      asset: 'GC-0219',
      transfer_type: 'ownership',
      price_offered: 15000,
      terms: 'Purchase at £15,000 with vacant possession.',
      benefits: 'Keeps the green open; adds a community garden and café.',
    },
    steps: [
      { daysAgo: 255, side: 'body', action: 'submit' },
      { daysAgo: 250, side: 'authority', action: 'validate', input: { validation_date: -250 } },
      {
        daysAgo: 120,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'agreed',
          decision_date: -120,
          decision_reasons: 'The benefits to Lochside outweigh the difference from market value (£22,000, fictional).',
          decision_conditions:
            'The land returns to the council if it stops being used for sport or gardening within 10 years.',
        },
      },
      {
        daysAgo: 30,
        side: 'authority',
        action: 'complete',
        input: { date: -30, note: 'Missives concluded; the trust owns the green.' },
      },
    ],
  },
  {
    body: 1,
    authority: 'NHS Glenlochy',
    kind: 'asset_transfer',
    title: 'Use of the Strathmorrow Health Centre garden',
    createdDaysAgo: 160,
    fields: {
      asset: 'NHSG-17',
      transfer_type: 'use',
      terms: 'Use on weekday evenings and weekends for a therapeutic garden.',
      benefits: 'Gardening sessions for people with long-term conditions.',
    },
    steps: [
      { daysAgo: 158, side: 'body', action: 'submit' },
      { daysAgo: 150, side: 'authority', action: 'validate', input: { validation_date: -150 } },
      {
        daysAgo: 40,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'refused',
          decision_date: -40,
          decision_reasons: 'The garden is needed for a planned extension of the health centre (fictional).',
        },
      },
      { daysAgo: 30, side: 'body', action: 'lodge_appeal' },
    ],
  },
  {
    body: 1,
    authority: 'Glenlochy Council',
    kind: 'asset_transfer',
    title: 'Management of Strathmorrow Public Hall',
    createdDaysAgo: 230,
    fields: {
      asset: 'GC-0322',
      transfer_type: 'management',
      terms: 'The trust manages bookings and upkeep; the council keeps ownership.',
      benefits: 'Longer opening hours and lower charges for local groups.',
    },
    steps: [
      { daysAgo: 225, side: 'body', action: 'submit' },
      { daysAgo: 220, side: 'authority', action: 'validate', input: { validation_date: -220 } },
      {
        daysAgo: 45,
        side: 'authority',
        action: 'decide',
        input: {
          decision: 'refused',
          decision_date: -45,
          decision_reasons:
            'The council is reviewing all its halls and will not commit any before the review ends (fictional).',
        },
      },
      { daysAgo: 35, side: 'body', action: 'request_review' },
    ],
  },
];

function userActor(userId: number, email: string, displayName: string, partnershipId?: number): Actor {
  return {
    kind: 'user',
    userId,
    email,
    displayName,
    nationalRoles: [],
    partnershipRoles: new Map(partnershipId === undefined ? [] : [[partnershipId, 'partnership_manager' as const]]),
    mustChangePassword: false,
  };
}

export async function seedDemoCommunity(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  const day = (daysAgo: number) => time.day(daysAgo);
  const iso = (daysAgo: number) => time.iso(daysAgo);
  const at = (daysAgo: number) => time.at(daysAgo);

  const bodyIds: number[] = [];
  const bodyUsers: Actor[] = [];
  for (const [i, u] of DEMO_COMMUNITY_USERS.entries()) {
    const { user } = await at(0).accounts.createUserIn(
      repo.trx,
      ctx,
      { email: u.email, display_name: u.display_name, password: DEMO_PASSWORD, fictional: true },
      p.id,
    );
    const b = BODIES[i]!;
    const body = await repo.insertCommunityBody({ ...b, contact_name: u.display_name, contact_email: u.email }, p.id, {
      userId: user.id,
      at: day(300),
    });
    await recordAudit(repo.trx, ctx, time.real, {
      partnershipId: p.id,
      action: 'community_body.register',
      resourceType: 'community_body',
      resourceId: body.id,
      after: body,
    });
    bodyIds.push(body.id);
    bodyUsers.push(userActor(user.id, user.email, user.displayName));
  }

  const orgs = await repo.organisationIds();
  const assetIds = new Map<string, number>();
  for (const a of ASSETS) {
    const row = await at(0).landRegister.add(ctx, p, {
      owner_organisation_id: orgs.get(a.owner)!,
      reference: a.reference,
      name: a.name,
      asset_type: a.asset_type,
      address: a.address,
      postcode: a.postcode,
      description: undefined,
      area_hectares: a.area_hectares,
    });
    assetIds.set(a.reference, row.id);
  }

  const users = await repo.usersByEmail();
  const manager = users.get('manager@glenlochy.example')!;
  const authority = userActor(manager.id, manager.email, manager.display_name, p.id);
  const asCtx = (actor: Actor): RequestContext => ({ ...ctx, actor });

  for (const r of REQUESTS) {
    const f = r.fields;
    const draft = await at(r.createdDaysAgo).requests.createDraft(asCtx(bodyUsers[r.body]!), bodyIds[r.body]!, {
      kind: r.kind,
      authority_organisation_id: orgs.get(r.authority)!,
      title: r.title,
      outcome: f['outcome'] as string | undefined,
      reasons: f['reasons'] as string | undefined,
      knowledge: f['knowledge'] as string | undefined,
      improvement: f['improvement'] as string | undefined,
      additional_authority_organisation_id: f['additional'] ? orgs.get(f['additional'] as string) : undefined,
      land_asset_id: f['asset'] ? assetIds.get(f['asset'] as string) : undefined,
      asset_description: undefined,
      transfer_type: f['transfer_type'] as 'lease' | undefined,
      price_offered: f['price_offered'] as number | undefined,
      terms: f['terms'] as string | undefined,
      benefits: f['benefits'] as string | undefined,
      intent: 'save',
    });
    for (const s of r.steps) {
      const input: Record<string, unknown> = { action: s.action };
      for (const [k, v] of Object.entries(s.input ?? {}))
        input[k] = typeof v === 'number' && k !== 'price_offered' ? iso(-v) : v;
      if (typeof s.input?.['responsible'] === 'string') {
        input['responsible_user_id'] = users.get(s.input['responsible'])!.id;
        delete input['responsible'];
      }
      if (s.side === 'body')
        await at(s.daysAgo).requests.bodyTransition(asCtx(bodyUsers[r.body]!), draft.id, s.action as 'submit', input);
      else await at(s.daysAgo).requests.authorityTransition(asCtx(authority), p, draft.id, input as never);
    }
  }
}
