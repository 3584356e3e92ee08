import { z } from 'zod';
import { id, list, optionalText as optional, requiredText } from './fields.ts';

/** One zod schema per endpoint of the recommendations tracker (issue 6). Fields are named as in the forms. */

export const ADDRESSEE_KINDS = ['scottish_government', 'cosla', 'all_cpps', 'partnership', 'organisation'] as const;
/** The addressees a form offers as checkboxes; a named partnership or organisation is chosen from a list. */
export const GENERAL_ADDRESSEES = ['scottish_government', 'cosla', 'all_cpps'] as const;
export const ADDRESSEE_LABELS: Record<(typeof ADDRESSEE_KINDS)[number], string> = {
  scottish_government: 'The Scottish Government',
  cosla: 'COSLA',
  all_cpps: 'All Community Planning Partnerships',
  partnership: 'A named partnership',
  organisation: 'A named partner organisation',
};
export const RATINGS = ['green', 'amber', 'red'] as const;

const text = (what: string, max = 300) => requiredText(`Enter the ${what}`, max);
const optionalText = (max = 4000) => optional(max);
const date = (what: string) => z.iso.date({ error: `Enter the ${what} as YYYY-MM-DD, for example 2016-03-03` });

export const CreateReportSchema = z.object({
  title: text('title of the report'),
  publisher: text('publisher'),
  published_on: date('date of publication'),
  url: z
    .url({ error: 'Enter the link as a full web address, starting https://' })
    .max(1000, { error: 'Use at most 1000 characters' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  summary: optionalText(),
});

export const AddRecommendationSchema = z.object({
  ref: text('reference, for example 5.1 a', 40),
  text: text('text of the recommendation', 4000),
  group: optionalText(300),
  /** scottish_government, cosla, all_cpps (checkboxes). */
  addressees: list.pipe(
    z.array(z.enum(GENERAL_ADDRESSEES, { error: 'Choose the Scottish Government, COSLA or all partnerships' })),
  ),
  /** A named partnership, by its code. */
  partnership_code: optionalText(64),
  /** A named partner organisation, by id. */
  organisation_id: z
    .union([z.literal('').transform(() => undefined), id('Choose an organisation from the list')])
    .optional(),
  dimensions: list,
});

export const RateSchema = z.object({
  recommendation_id: id('Choose the recommendation'),
  rating: z.enum(RATINGS, { error: 'Choose Green, Amber or Red' }),
  narrative: text('progress narrative', 4000),
  evidence: optionalText(2000),
  as_of: date('date the rating applies from'),
});

export const ImpactQuery = z.object({ date: date('date').optional() });

export const LinkSchema = z.object({
  recommendation_id: id('Choose the recommendation'),
  action_id: id('Choose an action of your improvement plan'),
  note: optionalText(2000),
});

export const UnlinkSchema = z.object({ response_id: id('Choose the link to remove') });
