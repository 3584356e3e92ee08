import { z } from 'zod';
import { list, optionalText, requiredText } from './fields.ts';

/** One schema per endpoint of the good-practice library (forms and JSON alike). */
const text = (what: string, max: number) => requiredText(`Enter the ${what}`, max, 2);
const number = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v.replace(/,/g, ''));
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `Enter the ${what} as a number, like 23.5` });
        return z.NEVER;
      }
      return n;
    });

export const CaseStudySchema = z.object({
  title: text('title', 200),
  summary: text('summary', 1000),
  body: text('case study itself', 20_000),
  theme_code: z.string({ error: 'Choose the theme' }).trim().min(1, { error: 'Choose the theme' }).max(64),
  contact: text('contact (a name, role or e-mail address)', 300),
  /** Ids of the principles (evaluation_criteria) the case study shows. */
  criteria: list,
});
export type CaseStudyInput = z.output<typeof CaseStudySchema>;

export const MeasureSchema = z
  .object({
    title: text('measure', 200),
    indicator_code: optionalText(64),
    area_code: optionalText(64),
    before_period: text('period before (as the data labels it, like 2018)', 40),
    after_period: text('period after (as the data labels it, like 2022)', 40),
    before_value: number('value before'),
    after_value: number('value after'),
    unit: optionalText(100),
    higher_is_better: z
      .enum(['', 'true', 'false'], { error: 'Choose whether higher values are better' })
      .optional()
      .transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined)),
    source: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.before_period === v.after_period)
      ctx.addIssue({
        code: 'custom',
        path: ['after_period'],
        message: 'The period after must differ from the period before',
      });
    if (v.indicator_code) {
      if (!v.area_code)
        ctx.addIssue({ code: 'custom', path: ['area_code'], message: 'Choose the area the indicator is measured in' });
      for (const k of ['before_value', 'after_value'] as const)
        if (v[k] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: 'Leave this empty: Cairn reads the values of an indicator from its data',
          });
    } else {
      if (v.before_value === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['before_value'],
          message: 'Enter the value before (or choose an indicator of the outcomes data)',
        });
      if (v.after_value === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['after_value'],
          message: 'Enter the value after (or choose an indicator of the outcomes data)',
        });
      if (v.higher_is_better === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['higher_is_better'],
          message: 'Choose whether higher values are better',
        });
      if (!v.source)
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          message: 'Say where the partnership’s own figures come from',
        });
    }
  });
export type MeasureInput = z.output<typeof MeasureSchema>;

export const DocumentSchema = z.object({
  title: text('title of the document', 200),
  url: z
    .string({ error: 'Enter the address of the document' })
    .trim()
    .max(2000, { error: 'Use at most 2,000 characters' })
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), { error: 'Enter a web address starting http:// or https://' }),
});
export type DocumentInput = z.output<typeof DocumentSchema>;

export const ReturnSchema = z.object({ reason: text('reason for returning it (the partnership sees it)', 2000) });

export const EmptySchema = z.object({});

export const SearchSchema = z.object({
  q: z.string().trim().max(200, { error: 'Use at most 200 characters' }).optional(),
  theme: z.string().trim().max(64).optional(),
  principle: z.string().trim().max(64).optional(),
  partnership: z.string().trim().max(64).optional(),
});
export type SearchInput = z.output<typeof SearchSchema>;
