import { z } from '@hono/zod-openapi';
import { PERIOD_UNITS } from '../../db/schema.ts';

/**
 * What the statutory clock's API answers with (the OpenAPI document's response schemas).
 * test/api-responses.test.ts calls every API route and parses its answer with these, strictly, so they
 * cannot drift from the handlers.
 */

const PARTIES = ['authority', 'additional_authority', 'community_body'] as const;

export const DeadlineRule = z
  .object({
    code: z.string().meta({ description: 'e.g. pr-decision' }),
    name: z.string(),
    period: z.string().meta({ description: 'In words, e.g. "30 working days"' }),
    unit: z.enum(PERIOD_UNITS),
    length: z.number().int(),
    beginsWith: z.string().meta({ description: 'The event the period begins with' }),
    party: z.enum(PARTIES).meta({ description: 'Who must act by the end of the period' }),
    extendable: z.boolean(),
    calendar: z.string().meta({ description: 'The code of the working-day calendar it counts by' }),
    source: z.string(),
    note: z.string().nullable(),
  })
  .openapi('DeadlineRule');

export const WorkingDayCalendar = z
  .object({
    code: z.string(),
    name: z.string(),
    source: z.string(),
    exclusions: z
      .array(
        z.object({
          kind: z.enum(['weekday', 'annual', 'date']),
          weekday: z.number().int().nullable().meta({ description: 'ISO weekday (6 = Saturday, 7 = Sunday)' }),
          month: z.number().int().nullable(),
          day: z.number().int().nullable(),
          date: z.iso.date().nullable(),
        }),
      )
      .meta({ description: 'The days that are not working days' }),
  })
  .openapi('WorkingDayCalendar');

export const DeadlineRules = z.object({ data: z.array(DeadlineRule), calendars: z.array(WorkingDayCalendar) });

export const DeadlineCalculation = z.object({
  rule: z.string(),
  start: z.iso.date(),
  due: z.iso.date().meta({ description: 'The last day of the period' }),
  period: z.string(),
  beginsWith: z.string(),
  source: z.string(),
});
