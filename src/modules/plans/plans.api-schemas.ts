import { z } from '@hono/zod-openapi';
import { ACTION_STATUSES, HORIZONS, PLAN_KINDS, PLAN_STATUSES } from '../../db/schema.ts';
import { PROGRESS_LABELS, type ProgressStatus } from './progress-status.ts';

/**
 * What the plans API answers with (the OpenAPI document's response schema); the forms' schemas are in
 * plans.schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with these,
 * strictly, so they cannot drift from the handlers (plans.service.ts `PlanTree`).
 */

const kind = z.enum(PLAN_KINDS);
const status = z.enum(PLAN_STATUSES);
const PROGRESS_STATUSES = Object.keys(PROGRESS_LABELS) as [ProgressStatus, ...ProgressStatus[]];

export const ProgressUpdate = z
  .object({
    id: z.number().int(),
    subjectKind: z.enum(['outcome', 'measure', 'action']),
    subjectId: z.number().int(),
    rag: z.enum(['red', 'amber', 'green']),
    narrative: z.string(),
    evidenceUrl: z.string().nullable(),
    date: z.iso.date(),
    author: z.string(),
    approved: z.boolean().meta({ description: 'Unapproved updates are shown only to the partnership’s own people' }),
  })
  .openapi('ProgressUpdate');

const YearValue = z.object({ year: z.number().int(), value: z.number() });

export const PlanMeasure = z
  .object({
    id: z.number().int(),
    title: z.string(),
    indicatorCode: z.string().nullable(),
    indicatorName: z.string().nullable(),
    areaCode: z.string().nullable(),
    unit: z.string().nullable(),
    higherIsBetter: z.boolean(),
    baseline: YearValue.nullable(),
    targets: z.array(YearValue),
    values: z
      .array(z.object({ year: z.number().int(), value: z.number(), source: z.string().nullable() }))
      .meta({ description: 'By year: from the outcomes data for an indicator, or entered by the partnership' }),
    progress: z
      .union([
        z.object({
          status: z.enum(PROGRESS_STATUSES),
          growth: z.number().meta({ description: 'Compound annual growth since the baseline, as a fraction' }),
          needed: z.number().nullable().meta({ description: 'The growth a year the target needs, as a fraction' }),
          ratio: z.number().nullable(),
        }),
        z.object({ status: z.null(), reason: z.string().meta({ description: 'Why there is no status' }) }),
      ])
      .meta({ description: 'Progress against the baseline and target (the plans method parameters)' }),
    stale: z.boolean().meta({ description: 'No value in the last stale_after_years years (a method parameter)' }),
  })
  .openapi('PlanMeasure');

export const PlanAction = z
  .object({
    id: z.number().int(),
    title: z.string(),
    lead: z.object({ id: z.number().int(), name: z.string() }),
    contributors: z.array(z.object({ id: z.number().int(), name: z.string() })),
    startDate: z.iso.date().nullable(),
    dueDate: z.iso.date().nullable(),
    status: z.enum(ACTION_STATUSES),
    horizon: z.enum(HORIZONS),
    overdue: z.boolean(),
    latest: ProgressUpdate.nullable().meta({ description: 'The latest approved progress update' }),
  })
  .openapi('PlanAction');

export const PlanTreeJson = z
  .object({
    plan: z.object({
      id: z.number().int(),
      partnershipId: z.number().int(),
      partnershipCode: z.string(),
      partnershipName: z.string(),
      kind,
      title: z.string(),
      summary: z.string().nullable(),
      localityCode: z.string().nullable(),
      localityName: z.string().nullable(),
      startYear: z.number().int().meta({ description: 'The first financial year, by the year it begins in' }),
      endYear: z.number().int(),
      status,
      version: z.number().int(),
      publishedAt: z.iso.datetime().nullable(),
      fictional: z.boolean(),
      parent: z
        .object({
          id: z.number().int(),
          title: z.string(),
          kind,
          status,
          parent_plan_id: z.number().int().nullable(),
          partnership_id: z.number().int(),
        })
        .nullable()
        .meta({ description: 'The plan this one sits under, if the reader may see it' }),
      children: z
        .array(z.object({ id: z.number().int(), title: z.string(), kind, status }))
        .meta({ description: 'The plans under this one that the reader may see' }),
    }),
    priorities: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        description: z.string().nullable(),
        outcomes: z.array(
          z.object({
            id: z.number().int(),
            title: z.string(),
            description: z.string().nullable(),
            national: z
              .array(z.object({ code: z.string(), name: z.string() }))
              .meta({ description: 'The national outcomes it contributes to' }),
            measures: z.array(PlanMeasure),
            actions: z.array(PlanAction),
            latest: ProgressUpdate.nullable(),
          }),
        ),
      }),
    ),
    updates: z.array(ProgressUpdate).meta({ description: 'Every progress update the reader may see, newest first' }),
  })
  .openapi('PlanTree');
