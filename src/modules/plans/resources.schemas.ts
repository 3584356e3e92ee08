import { z } from 'zod';
import { shown } from '../imports/index.ts';

/** What a resource commitment is: its choices with their labels, the amounts people write, and the form's schema. */

export const ARRANGEMENTS = ['aligned', 'pooled'] as const;
export const PREVENTION = ['preventative', 'early_intervention', 'reactive'] as const;
export const ARRANGEMENT_LABELS = { aligned: 'Aligned', pooled: 'Pooled' } as const;
export const PREVENTION_LABELS = {
  preventative: 'Preventative',
  early_intervention: 'Early intervention',
  reactive: 'Reactive',
} as const;

/**
 * Pounds as people write them: "1200", "1,200", "£1,200.50". Anything else — "1.200,50", "12k",
 * "-5", "1,20" — is refused with what was written, so a misread spreadsheet never becomes a commitment.
 */
export function parsePounds(text: string): number | null {
  const t = text.trim().replace(/^£\s*/, '');
  if (t === '') return 0;
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(t)) return null;
  return Number(t.replace(/,/g, ''));
}

/** "2026/27", "2026-27" or "2026" (the year it begins). */
export function parseFinancialYear(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$/.exec(t);
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2]) {
    const end = m[2].length === 2 ? Number(m[2]) : Number(m[2]) % 100;
    if (end !== (start + 1) % 100) return null;
  }
  return start;
}

const money = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const n = parsePounds(v ?? '');
    if (n === null) {
      ctx.addIssue({
        code: 'custom',
        message: `“${shown(v ?? '')}” is not an amount in pounds: write it like 12500 or £12,500.00`,
      });
      return z.NEVER;
    }
    return n;
  });

export const CommitmentSchema = z
  .object({
    organisation_id: z.coerce.number({ error: 'Choose the partner' }).int().positive({ error: 'Choose the partner' }),
    priority_id: z.coerce.number({ error: 'Choose the priority' }).int().positive({ error: 'Choose the priority' }),
    plan_outcome_id: z.coerce.number().int().positive().optional(),
    financial_year: z.string({ error: 'Enter the financial year, like 2026/27' }).transform((v, ctx) => {
      const y = parseFinancialYear(v);
      if (y === null) {
        ctx.addIssue({ code: 'custom', message: `“${shown(v)}” is not a financial year: write it like 2026/27` });
        return z.NEVER;
      }
      return y;
    }),
    money,
    fte: z.coerce
      .number({ error: 'Enter staff time as full-time equivalents, like 1.5' })
      .min(0, { error: 'Staff time cannot be negative' })
      .max(100000)
      .optional()
      .default(0),
    in_kind: z
      .string()
      .trim()
      .max(1000, { error: 'Describe what is given in kind in at most 1000 characters' })
      .optional()
      .transform((v) => (v ? v : undefined)),
    arrangement: z.enum(ARRANGEMENTS, { error: 'Choose aligned or pooled' }),
    prevention: z.enum(PREVENTION, { error: 'Choose preventative, early intervention or reactive' }),
    note: z
      .string()
      .trim()
      .max(1000, { error: 'Keep the note to at most 1000 characters' })
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .superRefine((v, ctx) => {
    if (!(v.money > 0) && !(v.fte > 0) && !v.in_kind)
      ctx.addIssue({ code: 'custom', path: ['money'], message: 'Commit money, staff time or something in kind' });
  });
export type CommitmentInput = z.output<typeof CommitmentSchema>;
