import { z } from 'zod';
import { id, list, optionalText, requiredText } from './fields.ts';

/** The zod schemas of the improvement-support portal, one per endpoint. */

const text = (what: string, max: number) => requiredText(`Enter ${what}`, max, 2);

export const OfferSchema = z
  .object({
    provider_organisation_id: z
      .union([z.literal(''), id('Choose a national body from the list')])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    provider_name: optionalText(200),
    title: text('the title of the offer', 200),
    theme: text('the theme, for example “Community engagement”', 120),
    description: text('what the support is', 4000),
    format_code: z.string({ error: 'Choose the format' }).trim().min(1, { error: 'Choose the format' }),
    eligibility: text('who can use it', 1000),
    contact: text('how to get in touch', 300),
    criteria: list,
    indicators: list,
  })
  .superRefine((v, ctx) => {
    if (v.provider_organisation_id === undefined && v.provider_name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider_organisation_id'],
        message: 'Choose the national body that offers it, or enter the provider’s name',
      });
    }
    if (v.provider_organisation_id !== undefined && v.provider_name !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider_name'],
        message: 'Give either a national body from the list or a provider’s name, not both',
      });
    }
    if (v.criteria.some((c) => !/^\d+$/.test(c)))
      ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Choose principles from the list' });
  });
export type OfferInput = z.output<typeof OfferSchema>;

export const SearchQuery = z.object({
  q: optionalText(200),
  principle: optionalText(80),
  theme: optionalText(120),
  format: optionalText(40),
});
export type SearchInput = Partial<z.output<typeof SearchQuery>>;

export const RequestSchema = z.object({
  offer_id: id('Choose the offer'),
  need: text('the need this support would meet', 2000),
  criterion_id: z
    .union([z.literal(''), id('Not a principle')])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  indicator_code: optionalText(80),
});
export type RequestInput = z.output<typeof RequestSchema>;

export const TransitionSchema = z.object({
  action: z.string({ error: 'Choose what to do' }).trim().min(1, { error: 'Choose what to do' }).max(40),
  note: optionalText(2000),
});
export type TransitionInput = z.output<typeof TransitionSchema>;

export const FeedbackSchema = z.object({
  usefulness: z.coerce
    .number({ error: 'Choose how useful the support was, from 1 to 5' })
    .int({ error: 'Choose how useful the support was, from 1 to 5' }),
  what_changed: text('what changed because of the support', 4000),
});
export type FeedbackInput = z.output<typeof FeedbackSchema>;

export const GapsCsvQuery = z.object({
  table: z.enum(['needs', 'offers'], { error: 'Choose needs or offers' }).default('needs'),
});

export const OFFER_LABELS: Record<string, string> = {
  provider_organisation_id: 'National body',
  provider_name: 'Provider’s name',
  title: 'Title',
  theme: 'Theme',
  description: 'Description',
  format_code: 'Format',
  eligibility: 'Who can use it',
  contact: 'Contact',
  criteria: 'Principles addressed',
  indicators: 'Outcomes it helps with',
};
