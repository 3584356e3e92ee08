import { z } from '@hono/zod-openapi';
import { PLAN_STATUSES } from '../../db/schema.ts';

/**
 * What the national view's API answers with (the OpenAPI document's response schemas).
 * test/api-responses.test.ts calls every API route and parses its answer with these, strictly, so they
 * cannot drift from the handlers (national-view.service.ts).
 */

const RequestCounts = z.object({
  validated: z.number().int().meta({ description: 'Validated in the reporting year' }),
  decided: z.number().int().meta({ description: 'Decided in the reporting year' }),
  onTime: z.number().int().meta({ description: 'Of those, decided by the deadline (as extended)' }),
  overdue: z.number().int().meta({ description: 'Validated, undecided and past the deadline today' }),
});

const PublishedPlan = z.object({
  id: z.number().int(),
  title: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  publishedAt: z.iso.datetime().nullable(),
});

export const NationalRowJson = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    fictional: z.boolean(),
    member: z.boolean().meta({ description: 'Whether the reader may see this partnership’s unpublished work' }),
    loip: PublishedPlan.nullable().meta({ description: 'The latest published LOIP' }),
    unpublishedLoip: z
      .object({
        id: z.number().int(),
        title: z.string(),
        status: z.enum(PLAN_STATUSES),
        startYear: z.number().int(),
        endYear: z.number().int(),
      })
      .nullable()
      .meta({ description: 'The newest LOIP not published: only for those who may read the partnership' }),
    report: z.object({
      publishedAt: z.iso.datetime().nullable(),
      timeliness: z.enum(['on_time', 'late', 'overdue', 'not_yet_due']),
    }),
    recommendations: z.object({ addressed: z.number().int(), answered: z.number().int() }),
    selfEvaluation: z.object({ year: z.number().int(), mean: z.number(), criteria: z.number().int() }).nullable(),
    lights: z
      .object({ green: z.number().int(), amber: z.number().int(), red: z.number().int() })
      .nullable()
      .meta({ description: 'CPOP traffic lights against Scotland; null without outcomes data' }),
    participation: RequestCounts,
    assetTransfer: RequestCounts,
  })
  .openapi('NationalRow');

export const NationalViewJson = z
  .object({
    year: z.number().int().meta({ description: 'The reporting year, by the year it begins in' }),
    span: z.object({
      label: z.string().meta({ description: 'e.g. 2025/26' }),
      start: z.iso.date(),
      end: z.iso.date(),
      words: z.string(),
    }),
    dueBy: z.iso.date().meta({ description: 'An annual report counts as on time if published by this date' }),
    months: z
      .object({ value: z.number(), description: z.string(), source: z.string() })
      .meta({ description: 'The method parameter dueBy is counted from' }),
    rows: z.array(NationalRowJson),
  })
  .openapi('NationalView');

export const StocktakeRowJson = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    fictional: z.boolean(),
    plan: PublishedPlan.nullable().meta({ description: 'The latest published LOIP' }),
    priorities: z.number().int(),
    outcomes: z.number().int(),
    outcomesWithMeasures: z.number().int(),
    measures: z.number().int(),
    measuresWithTargets: z.number().int(),
    localityPlans: z.number().int(),
    prevention: z
      .object({ year: z.number().int(), share: z.number() })
      .nullable()
      .meta({ description: 'Preventative share of the money committed in the latest financial year with money' }),
  })
  .openapi('StocktakeRow');

export const Stocktake = z.object({ data: z.array(StocktakeRowJson) });
