import { z } from '@hono/zod-openapi';

/**
 * What the recommendations API answers with (the OpenAPI document's response schemas); the forms' schemas are
 * in recommendations.schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with
 * these, strictly, so they cannot drift from the handlers (recommendations.service.ts).
 */

const ADDRESSEE_KINDS = ['scottish_government', 'cosla', 'all_cpps', 'partnership', 'organisation'] as const;

export const RecommendationReportSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    publisher: z.string(),
    publishedOn: z.iso.date(),
    url: z.string().nullable(),
    summary: z.string().nullable(),
    recommendations: z.number().int().meta({ description: 'How many recommendations it makes' }),
  })
  .openapi('RecommendationReportSummary');

/** The list is a bare array (not `{ data: [...] }`), as the route has always answered. */
export const RecommendationReportList = z.array(RecommendationReportSummary);

export const RecommendationRating = z
  .object({
    id: z.number().int(),
    rating: z.enum(['green', 'amber', 'red']),
    narrative: z.string(),
    evidence: z.string().nullable(),
    asOf: z.iso.date(),
    author: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('RecommendationRating');

const Group = z.object({ id: z.number().int(), title: z.string(), position: z.number().int() });

export const Recommendation = z
  .object({
    id: z.number().int(),
    reportId: z.number().int(),
    ref: z.string(),
    text: z.string(),
    position: z.number().int(),
    group: Group.nullable(),
    addressees: z.array(
      z.object({
        kind: z.enum(ADDRESSEE_KINDS),
        name: z.string(),
        partnershipId: z.number().int().nullable(),
        organisationId: z.number().int().nullable(),
      }),
    ),
    dimensions: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .meta({ description: 'The wider-scope audit dimensions it touches' }),
    history: z.array(RecommendationRating).meta({ description: 'Every rating, oldest first' }),
    latest: RecommendationRating.nullable(),
  })
  .openapi('Recommendation');

export const RecommendationReport = z
  .object({
    id: z.number().int(),
    title: z.string(),
    publisher: z.string(),
    publishedOn: z.iso.date(),
    url: z.string().nullable(),
    summary: z.string().nullable(),
    groups: z.array(Group),
    recommendations: z.array(Recommendation),
  })
  .openapi('RecommendationReport');
