import { z } from 'zod';
import { ACTION_STATUSES, HORIZONS, PLAN_KINDS, PLAN_STATUSES } from '../../db/schema.ts';

const title = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(2, { error: `Enter the ${what}` })
    .max(300, { error: 'Use at most 300 characters' });
const optionalText = (max = 4000) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const year = (field: string) =>
  z.coerce
    .number({ error: `Enter the ${field} as a year, like 2026` })
    .int({ error: `Enter the ${field} as a year, like 2026` })
    .min(2000, { error: 'Enter a year from 2000' })
    .max(2100, { error: 'Enter a year up to 2100' });
const id = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean));

export const PLAN_KIND_LABELS: Record<(typeof PLAN_KINDS)[number], string> = {
  loip: 'Local Outcomes Improvement Plan',
  locality: 'Locality plan',
  improvement: 'Improvement plan',
};
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = {
  draft: 'Draft',
  consultation: 'Out for consultation',
  approved: 'Approved',
  published: 'Published',
};
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  cancelled: 'Cancelled',
};
export const HORIZON_LABELS: Record<(typeof HORIZONS)[number], string> = {
  short: 'Short term',
  medium: 'Medium term',
  long: 'Long term',
};

export const CreatePlanSchema = z
  .object({
    kind: z.enum(PLAN_KINDS, { error: 'Choose the kind of plan' }),
    title: title('title of the plan'),
    summary: optionalText(),
    locality_code: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    start_year: year('first financial year'),
    end_year: year('last financial year'),
  })
  .superRefine((v, ctx) => {
    if (v.end_year < v.start_year)
      ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'The plan must end in or after the year it starts' });
    if (v.end_year - v.start_year > 15)
      ctx.addIssue({ code: 'custom', path: ['end_year'], message: 'A plan may run for at most 16 years' });
    if (v.kind === 'locality' && !v.locality_code)
      ctx.addIssue({ code: 'custom', path: ['locality_code'], message: 'Choose the locality the plan is for' });
    if (v.kind !== 'locality' && v.locality_code)
      ctx.addIssue({ code: 'custom', path: ['locality_code'], message: 'Only a locality plan has a locality' });
  });

export const PrioritySchema = z.object({ title: title('priority'), description: optionalText() });

export const OutcomeSchema = z.object({
  priority_id: id('Choose the priority'),
  title: title('local outcome'),
  description: optionalText(),
  national_outcomes: list,
});

/** "2027: 45, 2030: 40" or one "year: value" per line. */
export const targetsText = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((v, ctx) => {
    const out: { year: number; value: number }[] = [];
    for (const part of (v ?? '')
      .split(/[\n,;]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(\d{4})\s*[:=]\s*(-?\d+(?:\.\d+)?)$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `“${part}” is not a target: write year: value, like 2030: 40` });
        return z.NEVER;
      }
      out.push({ year: Number(m[1]), value: Number(m[2]) });
    }
    return out;
  });

export const MeasureSchema = z
  .object({
    outcome_id: id('Choose the local outcome'),
    title: title('measure'),
    indicator_code: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    unit: optionalText(100),
    higher_is_better: z.enum(['true', 'false'], { error: 'Say whether a higher value is better' }).optional(),
    baseline_year: year('baseline year').optional(),
    baseline_value: z.coerce.number({ error: 'Enter the baseline as a number' }).optional(),
    targets: targetsText,
  })
  .superRefine((v, ctx) => {
    if ((v.baseline_year === undefined) !== (v.baseline_value === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.baseline_year === undefined ? 'baseline_year' : 'baseline_value'],
        message: 'Give both the baseline year and its value, or neither',
      });
    }
    if (!v.indicator_code && v.higher_is_better === undefined)
      ctx.addIssue({ code: 'custom', path: ['higher_is_better'], message: 'Say whether a higher value is better' });
  });

export const ActionSchema = z
  .object({
    outcome_id: id('Choose the local outcome'),
    title: title('action'),
    lead_organisation_id: id('Choose the lead partner'),
    contributors: list,
    start_date: z.iso.date({ error: 'Enter a date in the form YYYY-MM-DD' }).optional(),
    due_date: z.iso.date({ error: 'Enter a date in the form YYYY-MM-DD' }).optional(),
    status: z.enum(ACTION_STATUSES, { error: 'Choose the status' }).default('not_started'),
    horizon: z.enum(HORIZONS, { error: 'Choose short, medium or long term' }),
  })
  .superRefine((v, ctx) => {
    if (v.start_date && v.due_date && v.due_date < v.start_date)
      ctx.addIssue({ code: 'custom', path: ['due_date'], message: 'The due date cannot be before the start' });
  });

/** Which of the partnership's plans this one sits under; empty for none. */
export const ParentSchema = z.object({
  parent_plan_id: z
    .union([z.literal(''), id('Choose one of the partnership’s plans')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});

export const StatusSchema = z.object({
  status: z.enum(PLAN_STATUSES, { error: 'Choose the status' }),
  note: optionalText(1000),
});

export const UpdateSchema = z.object({
  subject: z
    .string({ error: 'Choose what the update is about' })
    .regex(/^(outcome|measure|action):\d+$/, { error: 'Choose what the update is about' }),
  rag: z.enum(['red', 'amber', 'green'], { error: 'Choose red, amber or green' }),
  narrative: z
    .string({ error: 'Tell the story behind the curve' })
    .trim()
    .min(5, { error: 'Tell the story behind the curve' })
    .max(8000),
  evidence_url: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' }))
    .optional(),
  update_date: z.iso.date({ error: 'Enter a date in the form YYYY-MM-DD' }),
});

export const MeasureValueSchema = z.object({
  year: year('year'),
  value: z.coerce.number({ error: 'Enter the value as a number' }),
  source: optionalText(300),
});
