import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { DEMO, type TestWorld } from './app.ts';
import type { SampleMaker } from './samples.ts';

const setup = cliContext(systemActor('test setup'));
let n = 0;

async function demo(world: TestWorld) {
  const p = await world.deps.partnerships.resolve(DEMO.code);
  if (!p) throw new Error('demo partnership missing');
  return p;
}

export const CASE_STUDY_FORM = {
  title: 'Warm spaces in every library',
  summary: 'Libraries opened as warm, welcoming places in winter.',
  body: 'The council and the third sector opened every library as a warm space with free drinks and advice.',
  theme_code: 'communities',
  contact: 'A test contact',
};

/** A fresh draft case study of the demo partnership (each write sample changes its own). */
export async function draftCaseStudy(world: TestWorld): Promise<number> {
  const p = await demo(world);
  return (
    await world.deps.caseStudies.create(setup, p, {
      ...CASE_STUDY_FORM,
      title: `${CASE_STUDY_FORM.title} ${++n}`,
      criteria: [],
    })
  ).id;
}

/** A fresh case study of the demo partnership, submitted for review. */
export async function submittedCaseStudy(world: TestWorld): Promise<number> {
  const id = await draftCaseStudy(world);
  await world.deps.caseStudies.submit(setup, await demo(world), id);
  return id;
}

async function demoCaseStudy(world: TestWorld, status: 'draft' | 'submitted' | 'published'): Promise<number> {
  return (
    await world.handle.db
      .selectFrom('case_studies')
      .select('id')
      .where('status', '=', status)
      .where('fictional', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const OWN_FIGURES = {
  title: 'Visits in winter',
  before_period: '2022/23',
  after_period: '2023/24',
  before_value: '100',
  after_value: '250',
  higher_is_better: 'true',
  source: 'Library counts',
};

/** Sample requests for the issue 6 routes of this area (merged into SAMPLES in samples.ts). */
export const CASE_STUDY_SAMPLES: Record<string, SampleMaker> = {
  'GET /partnerships/:partnership/improvement/case-studies': async () => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies`,
  }),
  'POST /partnerships/:partnership/improvement/case-studies': async () => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies`,
    form: CASE_STUDY_FORM,
    audit: ['case-study.create'],
  }),
  'GET /partnerships/:partnership/improvement/case-studies/:caseStudyId': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies/${await demoCaseStudy(world, 'draft')}`,
  }),
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies/${await draftCaseStudy(world)}`,
    form: { ...CASE_STUDY_FORM, summary: 'Changed summary.' },
    audit: ['case-study.update'],
  }),
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId/measures': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies/${await draftCaseStudy(world)}/measures`,
    form: OWN_FIGURES,
    audit: ['case-study.measure-add'],
  }),
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId/measures/:measureId/delete': async (world) => {
    const id = await draftCaseStudy(world);
    const m = await world.deps.caseStudies.addMeasure(setup, await demo(world), id, {
      ...OWN_FIGURES,
      before_value: 100,
      after_value: 250,
      higher_is_better: true,
      indicator_code: undefined,
      area_code: undefined,
      unit: undefined,
    });
    return {
      path: `/partnerships/${DEMO.code}/improvement/case-studies/${id}/measures/${m.id}/delete`,
      form: {},
      audit: ['case-study.measure-remove'],
    };
  },
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId/documents': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies/${await draftCaseStudy(world)}/documents`,
    form: { title: 'Evaluation', url: 'https://example.org/evaluation.pdf' },
    audit: ['case-study.document-add'],
  }),
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId/documents/:documentId/delete': async (
    world,
  ) => {
    const id = await draftCaseStudy(world);
    const doc = await world.deps.caseStudies.addDocument(setup, await demo(world), id, {
      title: 'Evaluation',
      url: 'https://example.org/evaluation.pdf',
    });
    return {
      path: `/partnerships/${DEMO.code}/improvement/case-studies/${id}/documents/${doc.id}/delete`,
      form: {},
      audit: ['case-study.document-remove'],
    };
  },
  'POST /partnerships/:partnership/improvement/case-studies/:caseStudyId/submit': async (world) => ({
    path: `/partnerships/${DEMO.code}/improvement/case-studies/${await draftCaseStudy(world)}/submit`,
    form: {},
    audit: ['case-study.submit'],
  }),
  'GET /good-practice/review/:caseStudyId': async (world) => ({
    path: `/good-practice/review/${await demoCaseStudy(world, 'submitted')}`,
  }),
  'POST /good-practice/review/:caseStudyId/publish': async (world) => ({
    path: `/good-practice/review/${await submittedCaseStudy(world)}/publish`,
    form: {},
    audit: ['case-study.publish'],
  }),
  'POST /good-practice/review/:caseStudyId/return': async (world) => ({
    path: `/good-practice/review/${await submittedCaseStudy(world)}/return`,
    form: { reason: 'Add the figures after the project.' },
    audit: ['case-study.return'],
  }),
  'GET /good-practice/:caseStudyId': async (world) => ({
    path: `/good-practice/${await demoCaseStudy(world, 'published')}`,
  }),
  'GET /good-practice/:caseStudyId/measures.csv': async (world) => ({
    path: `/good-practice/${await demoCaseStudy(world, 'published')}/measures.csv`,
  }),
  'GET /api/v1/good-practice/:caseStudyId': async (world) => ({
    path: `/api/v1/good-practice/${await demoCaseStudy(world, 'published')}`,
  }),
};
