import type { Actor } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import type { DemoTime } from './demo.time.ts';

/**
 * The recommendations tracker's demo content.
 *
 * Facts, not fiction: Audit Scotland's "Community planning: an update" (published 3 March 2016 for the
 * Accounts Commission and the Auditor General for Scotland) and its thirteen recommendations, word for
 * word as the Inverclyde Alliance board paper lists them in section 5 (../shared/domain/seeds/002_*.txt).
 * Their groups, audit dimensions and Green/Amber/Red ratings come from the appendix "Progress on
 * implementing recommendations" of Audit Scotland's impact report on that audit (seed 001): only what
 * the appendix rates is rated — it gives no rating for the three recommendations to CPPs — and its
 * narratives are condensed without adding to them.
 *
 * Fictional: the demo partnership's improvement plan and the action it links to recommendation 5.3 a.
 */

const REPORT = {
  title: 'Community planning: an update',
  publisher: 'Audit Scotland, for the Accounts Commission and the Auditor General for Scotland',
  published_on: '2016-03-03',
  url: 'http://www.audit-scotland.gov.uk/report/community-planning-an-update',
  summary:
    'The third national report on community planning, after March 2013 and November 2014. Community planning is not yet delivering the ambitious changes in the way public services are organised and delivered, with and for communities, that the Statement of Ambition envisaged.',
};

/**
 * The impact report does not print its publication date in the text Cairn holds. It records events up
 * to June 2018 as past (the refreshed National Performance Framework, the LOIP stocktake) and work due
 * "by the end of August 2018" as future, so its ratings are recorded as at 30 June 2018, the end of the
 * latest month it describes.
 */
const IMPACT_AS_OF = '2018-06-30';
const EVIDENCE =
  'Audit Scotland, Community planning: an update – impact report (2018), appendix “Progress on implementing recommendations”, based on responses and evidence from the Scottish Government, COSLA and the Improvement Service. Dated 30 June 2018: the latest month the report describes as past; its text carries no publication date.';

const GT = 'governance-transparency';
const VFM = 'value-for-money';
const SG_COSLA = ['scottish_government', 'cosla'] as const;
const SG = ['scottish_government'] as const;
const CPPS = ['all_cpps'] as const;

type Rating = { rating: 'green' | 'amber' | 'red'; narrative: string };
interface Rec {
  ref: string;
  text: string;
  addressees: readonly ('scottish_government' | 'cosla' | 'all_cpps')[];
  ratings: Rating[];
}

const GUIDANCE: Rating = {
  rating: 'green',
  narrative:
    'The Scottish Government published statutory guidance on community planning in December 2016, superseding the Statement of Ambition. It sets out long-term expectations for CPPs and partners and short-term steps in preparing Local Outcomes Improvement Plans, but stops short of providing a ‘route map’ for improving community planning, which is now in the hands of individual CPPs.',
};
const TEST_OF_CHANGE: Rating = {
  rating: 'red',
  narrative:
    'Proposals for a ‘test of change’ did not go ahead as CPPs saw more potential benefit in testing opportunities for freedoms and flexibilities through the new City Region Deals. Neither of the two areas approached decided to proceed, and the Scottish Government has received no specific requests since to consider other tests of change.',
};

/** The appendix's rows, in its order: each a group of related recommendations with its audit dimensions. */
const GROUPS: { title: string; dimensions: string[]; recs: Rec[] }[] = [
  {
    title: 'Expectations of CPPs and a route map for improvement',
    dimensions: [GT],
    recs: [
      {
        ref: '5.2 a',
        addressees: SG,
        text: 'clarify its specific performance expectations for CPPs and partners through its statutory guidance on the Community Empowerment (Scotland) Act 2015',
        ratings: [GUIDANCE],
      },
      {
        ref: '5.1 a',
        addressees: SG_COSLA,
        text: 'set out a clear route map for improving community planning with short-, medium- and long-term steps that will be taken locally and nationally to implement the Statement of Ambition and the Community Empowerment (Scotland) Act 2015 including how the impact of these changes will be assessed',
        ratings: [
          GUIDANCE,
          {
            rating: 'amber',
            narrative:
              'Assessing the impact of the Community Empowerment Act in improving community planning is proving difficult. The Scottish Government is working with others to develop an evaluation framework (as part of the work of the Outcomes, Evidence and Performance Board) and plans to review the effectiveness of community planning during this parliamentary session, likely in 2019/2020.',
          },
        ],
      },
    ],
  },
  {
    title: 'Improvement support for CPPs',
    dimensions: [VFM],
    recs: [
      {
        ref: '5.1 b',
        addressees: SG_COSLA,
        text: 'work with the Improvement Service and others to establish a locally tailored national programme of improvement support for CPPs',
        ratings: [
          {
            rating: 'green',
            narrative:
              'The Improvement Service is working with others to provide improvement support for CPPs nationally, including a publicly accessible portal, launched with NHS Health Scotland in summer 2016, that signposts CPPs to support from national improvement agencies. The OEPB is developing arrangements to monitor the portal’s use and impact and to identify gaps in support.',
          },
        ],
      },
    ],
  },
  {
    title: 'Identifying and sharing good practice',
    dimensions: [VFM],
    recs: [
      {
        ref: '5.1 c',
        addressees: SG_COSLA,
        text: 'establish arrangements through which good practice within individual CPPs can be identified and shared',
        ratings: [
          {
            rating: 'green',
            narrative:
              'The Improvement Service and NHS Health Scotland are leading work to identify and share good practice within CPPs, jointly funding a part-time Community Planning Portal Manager for 12 months to develop the portal and use it to showcase good practice.',
          },
        ],
      },
    ],
  },
  {
    title: 'A national forum',
    dimensions: [GT],
    recs: [
      {
        ref: '5.1 d',
        addressees: SG_COSLA,
        text: 'establish a national forum which has the credibility and authority to address any national and local barriers to effective community planning',
        ratings: [
          {
            rating: 'green',
            narrative:
              'The Scottish Government and COSLA have agreed that the Outcomes, Evidence and Performance Board (OEPB) will act as a national forum to coordinate improvement activity for community planning. Its refreshed remit looks to identify and test potential obstacles to effective community planning and to advise on how to tackle them.',
          },
        ],
      },
    ],
  },
  {
    title: 'A ‘test of change’',
    dimensions: [GT, VFM],
    recs: [
      {
        ref: '5.1 e',
        addressees: SG_COSLA,
        text: 'put in place a ‘test of change’ within a CPP to assess the impact of greater local autonomy on improving outcomes and identify any barriers to effective locally focused partnership working',
        ratings: [TEST_OF_CHANGE],
      },
      {
        ref: '5.1 f',
        addressees: SG_COSLA,
        text: 'evaluate the ‘test of change’ and implement the lessons learnt.',
        ratings: [TEST_OF_CHANGE],
      },
    ],
  },
  {
    title: 'National performance management frameworks',
    dimensions: [GT, VFM],
    recs: [
      {
        ref: '5.2 b',
        addressees: SG,
        text: 'streamline national performance management frameworks and create a better balance between short-term measures of individual service performance and the delivery of longer-term local outcomes through effective partnership working',
        ratings: [
          {
            rating: 'amber',
            narrative:
              'The Scottish Government continues to review performance frameworks and indicators to increase the emphasis on outcomes, and launched a refreshed National Performance Framework in June 2018, but CPPs still operate within a complex network of accountability frameworks.',
          },
        ],
      },
    ],
  },
  {
    title: 'Communities’ views in measuring success',
    dimensions: [GT, VFM],
    recs: [
      {
        ref: '5.2 c',
        addressees: SG,
        text: 'place the views of local communities at the heart of measuring success in public service delivery',
        ratings: [
          {
            rating: 'green',
            narrative:
              'The Scottish Government placed the views of local communities at the heart of community planning through the Community Empowerment (Scotland) Act 2015: CPPs are accountable to their communities for progress and must publish annual reports on their LOIP and locality plans, and the review of the National Performance Framework consulted the public.',
          },
        ],
      },
    ],
  },
  {
    title: 'Autonomy for local public service leaders',
    dimensions: [GT],
    recs: [
      {
        ref: '5.2 d',
        addressees: SG,
        text: 'work with others to create a climate and culture where local public service leaders feel confident that they have autonomy and authorisation to decide how to respond to the specific needs of their communities.',
        ratings: [
          {
            rating: 'amber',
            narrative:
              'The Scottish Government thinks that its statutory guidance on community planning has helped to emphasise the importance of local autonomy in responding to the needs of communities, and feels this is now well recognised. It is too soon to assess the impact of this.',
          },
        ],
      },
    ],
  },
  {
    title: 'What CPPs should do',
    dimensions: [],
    recs: [
      {
        ref: '5.3 a',
        addressees: CPPS,
        text: 'target their resources on a larger scale towards their priorities and shift them towards preventative activity',
        ratings: [],
      },
      {
        ref: '5.3 b',
        addressees: CPPS,
        text: 'ensure local communities have a strong voice in planning, delivering and assessing local public services',
        ratings: [],
      },
      { ref: '5.3 c', addressees: CPPS, text: 'promote and lead local public service reform.', ratings: [] },
    ],
  },
];

export async function seedDemoRecommendations(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  const report = await time.now().recommendations.createReport(ctx, REPORT);
  const ids = new Map<string, number>();
  for (const g of GROUPS) {
    for (const r of g.recs) {
      const row = await time.now().recommendations.addRecommendation(ctx, report.id, {
        ref: r.ref,
        text: r.text,
        group: g.title,
        addressees: [...r.addressees],
        partnership_code: undefined,
        organisation_id: undefined,
        dimensions: g.dimensions,
      });
      ids.set(r.ref, row.id);
    }
  }
  // Ratings recorded in the order the appendix gives them, so that each recommendation's latest is its last.
  for (const g of GROUPS) {
    for (const r of g.recs) {
      for (const rating of r.ratings)
        await time.now().recommendations.rate(ctx, report.id, {
          recommendation_id: ids.get(r.ref)!,
          rating: rating.rating,
          narrative: rating.narrative,
          evidence: EVIDENCE,
          as_of: IMPACT_AS_OF,
        });
    }
  }

  // The demo partnership answers 5.3 a with an action of its (fictional) improvement plan.
  const iso = (daysAgo: number) => time.iso(daysAgo);
  const plans = (daysAgo: number) => time.at(daysAgo).plans;
  const users = await repo.usersByEmail();
  const orgs = await repo.organisationIds();
  const u = users.get('manager@glenlochy.example')!;
  const actor: Actor = {
    kind: 'user',
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    nationalRoles: [],
    partnershipRoles: new Map([[p.id, 'partnership_manager']]),
    mustChangePassword: false,
  };
  const manager: RequestContext = { ...ctx, actor };
  const thisYear = time.noon.getUTCFullYear();

  let action: { id: number } | undefined = (await plans(0).improvementActions(p.id)).find((a) =>
    /prevent/i.test(a.title),
  );
  if (!action) {
    const plan = await plans(200).create(manager, p, {
      kind: 'improvement',
      title: 'Glenlochy Partnership Improvement Plan (demo)',
      summary:
        'What the partnership board agreed to improve in how it works, after its self-evaluation and Audit Scotland’s 2016 recommendations to CPPs. Fictional.',
      locality_code: undefined,
      start_year: thisYear - 1,
      end_year: thisYear + 2,
    });
    const priority = await plans(200).addPriority(manager, p, plan.id, {
      title: 'Resourcing prevention',
      description: 'Partners put more of their shared resources into preventing problems, not only responding to them.',
    });
    const outcome = await plans(200).addOutcome(manager, p, plan.id, {
      priority_id: priority.id,
      title: 'Partners know and shift what they spend on prevention',
      description: undefined,
      national_outcomes: [],
    });
    const created = await plans(199).addAction(manager, p, plan.id, {
      outcome_id: outcome.id,
      title:
        'Map how partners target resources at our priorities and at preventative activity, and agree a larger shift towards prevention',
      lead_organisation_id: orgs.get('Glenlochy Council')!,
      contributors: [String(orgs.get('NHS Glenlochy')!), String(orgs.get('Glenlochy Integration Joint Board')!)],
      start_date: iso(190),
      due_date: iso(-180),
      status: 'in_progress',
      horizon: 'medium',
    });
    await plans(195).setStatus(manager, p, plan.id, {
      status: 'approved',
      note: 'Approved by the partnership board (fictional)',
    });
    // A manager's own update needs no separate approval.
    await plans(30).addUpdate(manager, p, plan.id, {
      subject: `action:${created.id}`,
      rag: 'amber',
      narrative:
        'Three of five partners have mapped their spending on the LOIP priorities; the NHS and the IJB report theirs next quarter.',
      update_date: iso(30),
      evidence_url: undefined,
    });
    action = { id: created.id };
  }
  await time.at(25).recommendations.link(manager, p, {
    recommendation_id: ids.get('5.3 a')!,
    action_id: action.id,
    note: 'Our improvement action on resourcing prevention answers this recommendation (fictional).',
  });
}
