import { z } from '@hono/zod-openapi';
import { CASE_STUDY_STATUSES } from '../../db/schema-case-studies.ts';

/**
 * What the good-practice API answers with (the OpenAPI document's response schemas); the forms' schemas are
 * in case-studies-schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with
 * these, strictly, so they cannot drift from the handlers (case-studies.service.ts).
 */

const summaryFields = {
  id: z.number().int(),
  partnershipId: z.number().int(),
  partnershipCode: z.string(),
  partnershipName: z.string(),
  fictional: z.boolean(),
  title: z.string(),
  summary: z.string(),
  themeCode: z.string().meta({ description: 'The national outcome it is about' }),
  themeName: z.string(),
  status: z.enum(CASE_STUDY_STATUSES),
  returnReason: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
};

export const CaseStudyHit = z
  .object({
    ...summaryFields,
    rank: z.number().meta({ description: 'Full-text rank (0 without words to search for)' }),
    snippet: z
      .string()
      .nullable()
      .meta({ description: 'Where the words matched, each match between ** and **; null without words' }),
  })
  .openapi('CaseStudyHit');

export const CaseStudyHits = z.object({
  data: z.array(CaseStudyHit).meta({ description: 'Best match first, at most 200' }),
});

export const CaseStudyMeasure = z
  .object({
    id: z.number().int(),
    title: z.string(),
    indicatorCode: z.string().nullable(),
    indicatorName: z.string().nullable(),
    areaCode: z.string().nullable(),
    areaName: z.string().nullable(),
    unit: z.string().nullable(),
    higherIsBetter: z.boolean().nullable(),
    beforePeriod: z.string(),
    afterPeriod: z.string(),
    before: z.number().nullable(),
    after: z.number().nullable(),
    fromCairn: z.boolean().meta({ description: 'The figures come from Cairn’s outcomes data, not the partnership' }),
    source: z.string().nullable(),
    change: z.number().nullable(),
    direction: z.enum(['improved', 'worsened', 'no_change']).nullable(),
    missing: z.string().nullable().meta({ description: 'Why a figure is missing' }),
  })
  .openapi('CaseStudyMeasure');

export const CaseStudy = z
  .object({
    ...summaryFields,
    body: z.string(),
    contact: z.string(),
    createdAt: z.iso.datetime(),
    criteria: z
      .array(z.object({ id: z.number().int(), code: z.string(), title: z.string() }))
      .meta({ description: 'The principles of effective community planning it shows' }),
    measures: z.array(CaseStudyMeasure),
    documents: z.array(z.object({ id: z.number().int(), title: z.string(), url: z.string() })),
  })
  .openapi('CaseStudy');
