import type { Actor } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { DemoRepository } from './demo.repository.ts';
import { DEMO_AREA } from './demo.data.ts';
import type { DemoTime } from './demo.time.ts';

/**
 * The demo partnership's case studies, all fictional: one published (with a measure read from the demo's
 * child-poverty series and one of the partnership's own figures), one submitted for review, one draft.
 * Written by the demo manager and published by the demo national analyst, through the service.
 */
export async function seedDemoCaseStudies(
  repo: DemoRepository,
  time: DemoTime,
  ctx: RequestContext,
  p: PartnershipRef,
): Promise<void> {
  /** The service as it was `daysAgo` days ago, so that the demo's case studies have a history. */
  const at = (daysAgo: number) => time.at(daysAgo).caseStudies;
  const users = await repo.usersByEmail();
  const as = (email: string, actor: Partial<Extract<Actor, { kind: 'user' }>>): RequestContext => {
    const u = users.get(email)!;
    return {
      ...ctx,
      actor: {
        kind: 'user',
        userId: u.id,
        email: u.email,
        displayName: u.display_name,
        nationalRoles: [],
        partnershipRoles: new Map(),
        mustChangePassword: false,
        ...actor,
      },
    };
  };
  const manager = as('manager@glenlochy.example', { partnershipRoles: new Map([[p.id, 'partnership_manager']]) });
  const analyst = as('analyst@cairn.example', { nationalRoles: ['national_analyst'] });
  const principles = new Map((await at(0).principles()).map((x) => [x.code, String(x.id)]));
  const pick = (...codes: string[]) => codes.map((c) => principles.get(c)!);

  const advice = await at(120).create(manager, p, {
    title: 'Income maximisation advice in every school (demo)',
    summary:
      'Welfare rights officers in school reception areas helped families claim what they are owed; fewer children now live in low-income families. Fictional.',
    body: [
      'Many families in Glenlochy did not claim the benefits and grants they were entitled to, and few came to the council’s advice service. Parents told the partnership that the school gate was where they would ask for help.',
      'The council, NHS Glenlochy and the third sector interface placed a welfare rights officer in each secondary school and its primary schools one day a week. Teachers and school nurses referred families; the officers checked entitlement, helped with forms and followed up.',
      'In three years the officers saw over four hundred families, and the share of children in low-income families fell. Other partnerships can learn from how the schools’ staff were trained to spot money worries and to refer with consent.',
      'This case study belongs to the fictional demo partnership.',
    ].join('\n\n'),
    theme_code: 'poverty',
    contact: 'Morag Henderson, Community Planning Manager, Glenlochy Council (fictional)',
    criteria: pick('tackling-inequalities', 'prevention', 'shared-leadership'),
  });
  await at(110).addMeasure(manager, p, advice.id, {
    title: 'Children in low-income families',
    indicator_code: 'cpop-child-poverty',
    area_code: DEMO_AREA.code,
    before_period: '2018',
    after_period: '2022',
    before_value: undefined,
    after_value: undefined,
    unit: undefined,
    higher_is_better: undefined,
    source: undefined,
  });
  await at(110).addMeasure(manager, p, advice.id, {
    title: 'Families given income maximisation advice in a year',
    indicator_code: undefined,
    area_code: undefined,
    before_period: '2019/20',
    after_period: '2022/23',
    before_value: 35,
    after_value: 152,
    unit: 'families',
    higher_is_better: true,
    source: 'Glenlochy Council welfare rights service records (fictional)',
  });
  await at(110).addDocument(manager, p, advice.id, {
    title: 'Evaluation of the school advice project (fictional example address)',
    url: 'https://example.org/glenlochy/school-advice-evaluation',
  });
  await at(100).submit(manager, p, advice.id);
  await at(95).decide(analyst, advice.id, 'publish');

  const linkWorkers = await at(30).create(manager, p, {
    title: 'Community link workers in every GP practice (demo)',
    summary:
      'Link workers help patients with problems a prescription cannot solve: debt, isolation, housing. Fictional.',
    body: 'NHS Glenlochy and the integration joint board placed a community link worker in each GP practice. They connect patients to community groups and services.\n\nThis case study belongs to the fictional demo partnership.',
    theme_code: 'health',
    contact: 'Ravi Sharma, NHS Glenlochy (fictional)',
    criteria: pick('prevention', 'understanding-communities'),
  });
  await at(12).submit(manager, p, linkWorkers.id);

  await at(5).create(manager, p, {
    title: 'Participatory budgeting in Kilbrae (demo, draft)',
    summary: 'Residents of Kilbrae decided how to spend part of the locality budget. Fictional.',
    body: 'A draft the partnership is still writing: residents voted on community projects at events in the village hall.\n\nThis case study belongs to the fictional demo partnership.',
    theme_code: 'communities',
    contact: 'Glenlochy Third Sector Interface (fictional)',
    criteria: pick('community-participation'),
  });
}
