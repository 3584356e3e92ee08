import { z } from 'zod';

/** zod schemas of the self-evaluation routes, one per endpoint. */

const Year = z.coerce
  .number({ error: 'Enter the year as four digits, for example 2026' })
  .int('Enter the year as four digits, for example 2026')
  .min(2000, 'Enter a year from 2000')
  .max(2100, 'Enter a year up to 2100');
const Id = (what: string) =>
  z.coerce
    .number({ error: `Choose ${what}` })
    .int(`Choose ${what}`)
    .positive(`Choose ${what}`);

export const StartEvaluationSchema = z.object({
  framework_id: Id('a framework'),
  year: Year,
});

/**
 * The scores form: `score_<criterion code>` (one of the framework's scale levels, or blank to leave the
 * criterion unscored) and `evidence_<criterion code>` for each criterion. The service checks each field
 * against the framework, so that an error names the criterion.
 */
export const ScoresSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));

export const FrameworkSchema = z
  .object({
    name: z
      .string({ error: 'Enter a name' })
      .min(3, 'Enter a name of at least 3 characters')
      .max(200, 'Keep the name under 200 characters'),
    source: z
      .string({ error: 'Say where the framework comes from' })
      .min(3, 'Say where the framework comes from')
      .max(1000, 'Keep the source under 1,000 characters'),
    criteria: z.string().max(10_000, 'Keep the criteria under 10,000 characters').default(''),
    scale: z.enum(['national', 'own'], { error: 'Choose the national six-point scale or your own levels' }),
    levels: z.string().max(2000, 'Keep the levels under 2,000 characters').optional(),
  })
  .superRefine((v, ctx) => {
    const criteria = lines(v.criteria);
    if (criteria.length === 0)
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Enter at least one criterion, one per line' });
    if (criteria.length > 30)
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Enter at most 30 criteria' });
    if (criteria.some((c) => c.length > 300))
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Keep each criterion under 300 characters' });
    if (new Set(criteria.map((c) => c.toLowerCase())).size !== criteria.length)
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Give each criterion once' });
    if (v.scale === 'own') {
      const levels = lines(v.levels ?? '');
      if (levels.length < 2 || levels.length > 10)
        ctx.addIssue({
          code: 'custom',
          path: ['levels'],
          message: 'Enter between 2 and 10 levels, lowest first, one per line',
        });
      if (new Set(levels.map((c) => c.toLowerCase())).size !== levels.length)
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'Give each level once' });
      if (levels.some((c) => c.length > 60))
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'Keep each level under 60 characters' });
    }
  });

const ViewFields = {
  criterion_id: Id('a criterion').optional(),
  view: z
    .string({ error: 'Enter the view' })
    .min(3, 'Enter the view')
    .max(5000, 'Keep the view under 5,000 characters'),
  score: z.coerce.number({ error: 'Choose a score from the scale' }).int('Choose a score from the scale').optional(),
};

/** A partner's view; `organisation_id` only for people without an organisation in the partnership, who record a partner's view for it. */
export const PartnerViewSchema = z.object({ ...ViewFields, organisation_id: Id('a partner').optional() });

/** A community body's view, from the body's own pages: which of its partnership's draft self-evaluations it is on. */
export const BodyViewSchema = z.object({ ...ViewFields, evaluation_id: Id('the self-evaluation') });

export const OverYearsQuery = z.object({ framework: z.string().max(200).optional() });

export const SpreadQuery = z.object({ year: Year.optional(), framework: z.string().max(200).optional() });

/** Non-empty trimmed lines of a textarea. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
