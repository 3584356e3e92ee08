import { z } from '@hono/zod-openapi';

/**
 * What the self-evaluation API answers with (the OpenAPI document's response schemas); the forms' schemas are
 * in self-evaluation-schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with
 * these, strictly, so they cannot drift from the handlers (self-evaluation.routes.tsx, .service.ts).
 */

const Level = z.object({ score: z.number().int(), label: z.string() });

export const PublishedSelfEvaluation = z
  .object({
    year: z.number().int(),
    status: z.enum(['draft', 'published']),
    published_at: z.iso.datetime().nullable(),
    framework: z.object({
      code: z.string(),
      name: z.string(),
      source: z.string(),
      levels: z.array(Level).meta({ description: 'The scale, lowest first' }),
    }),
    scores: z.array(
      z.object({
        criterion: z.string().meta({ description: 'The criterion’s code' }),
        title: z.string(),
        score: z.number().int().nullable(),
        evidence: z.string().nullable(),
      }),
    ),
    views: z
      .array(
        z.object({
          from: z.string().meta({ description: 'The partner organisation or community body the view speaks for' }),
          kind: z.enum(['partner', 'community_body']),
          criterion: z.string().nullable().meta({ description: 'The criterion’s code; null for a view of the whole' }),
          view: z.string(),
          score: z.number().int().nullable(),
        }),
      )
      .meta({ description: 'Partners’ and community bodies’ views' }),
  })
  .openapi('PublishedSelfEvaluation');

export const PublishedSelfEvaluations = z.object({
  partnership: z.object({ code: z.string(), name: z.string(), fictional: z.boolean() }),
  data: z.array(PublishedSelfEvaluation).meta({ description: 'One for each framework it used that year' }),
});

const nullableNumber = z.number().nullable();

export const SelfEvaluationSpread = z
  .object({
    framework: z.string().meta({ description: 'The national framework’s code' }),
    year: z.number().int(),
    partnerships: z.number().int().meta({ description: 'Partnerships that scored in the year, drafts included' }),
    drafts: z.number().int().meta({ description: 'Of those, how many have not published (counted, never named)' }),
    data: z.array(
      z.object({
        criterion: z.string(),
        title: z.string(),
        count: z.number().int(),
        min: nullableNumber,
        lowerQuartile: nullableNumber,
        median: nullableNumber,
        upperQuartile: nullableNumber,
        max: nullableNumber,
        published: z.number().int(),
        drafts: z.number().int(),
        at_level: z
          .array(z.object({ score: z.number().int(), label: z.string(), count: z.number().int() }))
          .meta({ description: 'How many partnerships scored at each level, lowest first' }),
      }),
    ),
    published: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          fictional: z.boolean(),
          scores: z
            .record(z.string(), z.number().int().nullable())
            .meta({ description: 'By criterion code: the score, or null where not scored' }),
        }),
      )
      .meta({ description: 'The partnerships that published, by name' }),
  })
  .openapi('SelfEvaluationSpread');
