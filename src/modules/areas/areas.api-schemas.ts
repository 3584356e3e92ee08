import { z } from '@hono/zod-openapi';
import { AREA_LEVELS } from '../../db/schema.ts';

/**
 * What the areas API answers with (the OpenAPI document's response schemas). test/api-responses.test.ts
 * calls every API route and parses its answer with these, strictly, so they cannot drift from the handlers.
 */

const level = z.enum(AREA_LEVELS);

export const AreaSummary = z
  .object({
    code: z.string().meta({ description: 'GSS code, e.g. S12000036' }),
    name: z.string(),
    level,
    parent_code: z.string().nullable(),
    fictional: z.boolean(),
  })
  .openapi('AreaSummary');

export const AreaList = z.object({ data: z.array(AreaSummary) });

export const AreaResolution = z.object({
  name: z.string().meta({ description: 'The name or code asked about, as given' }),
  code: z.string().nullable().meta({ description: 'Its current GSS code, or null when nothing matches' }),
});

export const AreaDetail = z
  .object({
    code: z.string(),
    name: z.string(),
    level,
    fictional: z.boolean(),
    source: z.string().nullable(),
    parent: z.object({ code: z.string(), name: z.string() }).nullable(),
    nameVariants: z.array(z.string()).meta({ description: 'Other spellings sources use for the area' }),
    previousCodes: z.array(z.object({ code: z.string(), changedIn: z.string().nullable() })),
    children: z
      .record(z.string(), z.number().int())
      .meta({ description: 'How many areas of each level lie directly inside it, by level' }),
  })
  .openapi('Area');
