import { z } from '@hono/zod-openapi';

/**
 * What the improvement-support API answers with (the OpenAPI document's response schema); the forms' schemas
 * are in support-schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with
 * these, strictly, so they cannot drift from the handlers.
 */

export const SupportOffer = z
  .object({
    id: z.number().int(),
    title: z.string(),
    theme: z.string(),
    description: z.string(),
    provider: z.string(),
    format: z.string(),
    eligibility: z.string(),
    contact: z.string(),
    fictional: z.boolean(),
    principles: z
      .array(z.object({ code: z.string(), title: z.string() }))
      .meta({ description: 'The principles of effective community planning it supports' }),
    indicators: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .openapi('SupportOffer');

export const SupportOfferList = z.object({ data: z.array(SupportOffer) });
