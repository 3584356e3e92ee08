import { z } from 'zod';
import { ASSET_TYPES, COMMUNITY_BODY_TYPES, REQUEST_KINDS, TRANSFER_TYPES } from '../../db/schema.ts';
import { displayName, email, newPassword } from '../accounts/index.ts';
import { ACTIONS, S24_FACTORS, type Action } from './workflow.ts';

const date = z.iso.date({ error: 'Enter a real date in the form YYYY-MM-DD' });
const text = (label: string, max = 4000) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .describe(label);
const required = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(2, { error: message })
    .max(max, { error: `Use at most ${max} characters` });
const id = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const BODY_TYPE_LABELS: Record<(typeof COMMUNITY_BODY_TYPES)[number], string> = {
  community_council: 'Community council',
  community_controlled_body: 'Community-controlled body',
  designated_body: 'Body designated by the Scottish Ministers',
  community_transfer_body: 'Community transfer body',
  unconstituted_group: 'Group without a constitution',
};

export const TRANSFER_TYPE_LABELS: Record<(typeof TRANSFER_TYPES)[number], string> = {
  ownership: 'Buy (ownership)',
  lease: 'Lease',
  management: 'Manage',
  occupation: 'Occupy',
  use: 'Use',
};

export const ASSET_TYPE_LABELS: Record<(typeof ASSET_TYPES)[number], string> = {
  land: 'Land',
  building: 'Building',
  land_and_building: 'Land and building',
};

export const BodyProfileSchema = z.object({
  name: required('Enter the name of the community body'),
  body_type: z.enum(COMMUNITY_BODY_TYPES, { error: 'Choose the type of community body' }),
  community: required('Describe the community the body represents', 1000),
  community_kind: z.enum(['place', 'interest'], {
    error: 'Choose whether the community is a place or shares an interest',
  }),
  constitution: text('Constitution', 2000),
  constituted_on: date.optional(),
  charity_number: text('Charity number', 40),
  contact_name: text('Contact name', 200),
  contact_email: email.optional(),
  contact_phone: text('Contact telephone', 40),
  website: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' }))
    .optional(),
});

export const RegisterBodySchema = BodyProfileSchema.extend({
  partnership: z
    .string({ error: 'Choose the council area where the community is' })
    .trim()
    .min(1, { error: 'Choose the council area where the community is' })
    .max(64),
  your_name: displayName,
  your_email: email,
  password: newPassword,
  confirm_password: z.string({ error: 'Enter the password again' }),
}).refine((v) => v.password === v.confirm_password, {
  path: ['confirm_password'],
  error: 'The two passwords do not match',
});

export const AddBodyMemberSchema = z.object({ email, display_name: displayName });

/** A draft may be incomplete; submitting checks that the statutory content is all there. */
export const RequestDraftSchema = z.object({
  kind: z.enum(REQUEST_KINDS, { error: 'Choose the kind of request' }),
  authority_organisation_id: id('Choose the public service authority'),
  title: required('Give the request a short title'),
  outcome: text('Outcome'),
  reasons: text('Why the body should take part'),
  knowledge: text('Knowledge and experience'),
  improvement: text('Improvement expected'),
  additional_authority_organisation_id: id('Choose the other authority').optional(),
  land_asset_id: id('Choose the land or building').optional(),
  asset_description: text('Land or building', 1000),
  transfer_type: z.enum(TRANSFER_TYPES, { error: 'Choose what the body asks to do' }).optional(),
  price_offered: z.coerce
    .number({ error: 'Enter the price in pounds, digits only' })
    .nonnegative({ error: 'The price cannot be negative' })
    .optional(),
  terms: text('Terms'),
  benefits: text('Benefits'),
  intent: z.enum(['save', 'submit']).default('save'),
});

const s24 = Object.fromEntries(S24_FACTORS.map((f) => [`s24_${f.code}`, text(f.label, 2000)])) as Record<
  `s24_${(typeof S24_FACTORS)[number]['code']}`,
  ReturnType<typeof text>
>;

export const TransitionSchema = z.object({
  action: z.enum(ACTIONS, { error: 'Choose what to do' }),
  note: text('Note'),
  date: date.optional(),
  validation_date: date.optional(),
  additional_authority_asked_on: date.optional(),
  information_needed: text('Information needed'),
  answer: z.enum(['joins', 'declines'], { error: 'Choose whether the other authority will take part' }).optional(),
  decision: z.enum(['agreed', 'refused'], { error: 'Choose the decision' }).optional(),
  decision_date: date.optional(),
  decision_reasons: text('Reasons', 8000),
  decision_conditions: text('Conditions', 8000),
  decision_notice: text('Decision notice', 16000),
  ...s24,
  rule_code: z.string().trim().max(64).optional(),
  extended_to: date.optional(),
  responsible_user_id: id('Choose an officer').optional(),
  process_established_on: date.optional(),
  process_description: text('The process', 8000),
  final_report: text('Final report', 32000),
});
export type TransitionInput = z.output<typeof TransitionSchema>;

/**
 * What each step of the workflow (workflow.ts) needs in its input, one schema per action: the fields the
 * step requires, each with the message shown beside it when it is missing. The service parses a step's
 * input with its schema once the workflow allows the step, so every missing field is named at once; the
 * request's kind comes with the input, as the Act asks more of some kinds (the s.24 factors, reasons for
 * an asset transfer decision, a participation request's final report). Checks against the request's own
 * dates and deadlines (not in the future, not before validation) stay in the service.
 */
const TransitionFields = TransitionSchema.extend({ kind: z.enum(REQUEST_KINDS) });
/** A text a step requires: absent, blank or not text, it gets the step's own message. */
const neededText = (message: string, max = 4000) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Use at most ${max} characters` });
/** A date a step requires: absent, the step's own message; malformed, the same message as any date. */
const neededDate = (message: string) =>
  z.iso.date({ error: (issue) => (issue.input === undefined ? message : 'Enter a real date in the form YYYY-MM-DD') });
/** Run a step's kind-dependent rules even when other fields are missing, so all are named together. */
const always = () => true;
const step = <A extends Action, S extends z.ZodRawShape>(action: A, shape: S) =>
  TransitionFields.extend({ action: z.literal(action), ...shape });
const decisionStep = <A extends 'decide' | 'decide_review' | 'decide_appeal'>(action: A) =>
  step(action, {
    decision: z.enum(['agreed', 'refused'], { error: 'Choose the decision' }),
    decision_date: neededDate('Enter the date of the decision'),
  }).refine((v) => !((v.decision === 'refused' || v.kind === 'asset_transfer') && !v.decision_reasons), {
    path: ['decision_reasons'],
    error: 'Give the reasons for the decision',
    when: always,
  });

export const TRANSITION_SCHEMAS = {
  submit: step('submit', {}),
  withdraw: step('withdraw', {}),
  request_review: step('request_review', {}),
  lodge_appeal: step('lodge_appeal', {}),
  request_information: step('request_information', {
    information_needed: neededText('Say what information is missing'),
  }),
  validate: step('validate', { validation_date: neededDate('Enter the validation date') }),
  record_additional_answer: step('record_additional_answer', {
    answer: z.enum(['joins', 'declines'], { error: 'Choose whether the other authority will take part' }),
  }),
  decide: decisionStep('decide').refine(
    (v) => v.kind !== 'participation' || S24_FACTORS.some((f) => v[`s24_${f.code}`]),
    {
      path: ['s24_economic_development'],
      error: 'Record how the decision weighed the factors in section 24 (at least one)',
      when: always,
    },
  ),
  decide_review: decisionStep('decide_review'),
  decide_appeal: decisionStep('decide_appeal'),
  extend: step('extend', {
    rule_code: neededText('Choose the time limit to extend', 64),
    extended_to: neededDate('Enter the agreed new date'),
    note: neededText('Say what was agreed with the community body, and when'),
  }),
  assign: step('assign', {}),
  establish_process: step('establish_process', {
    process_established_on: neededDate('Enter the date the process was established'),
    process_description: neededText(
      'Describe the outcome improvement process: who takes part, how and when it meets',
      8000,
    ),
  }),
  process_update: step('process_update', { note: neededText('Describe the meeting, update or change') }),
  complete: step('complete', {}).refine((v) => v.kind !== 'participation' || v.final_report !== undefined, {
    path: ['final_report'],
    error:
      'Write the final report: the outcomes of the process, how far the outcome improved, how the body’s participation influenced it',
    when: always,
  }),
} satisfies Record<Action, z.ZodType>;

/** A step's input as its schema gives it: a union over the actions, so `switch (step.action)` narrows it. */
export type TransitionStep = { [A in Action]: z.output<(typeof TRANSITION_SCHEMAS)[A]> }[Action];

export const AssetSchema = z.object({
  owner_organisation_id: id('Choose the authority that owns it'),
  reference: z
    .string({ error: 'Enter the authority’s reference' })
    .trim()
    .min(1, { error: 'Enter the authority’s reference' })
    .max(64),
  name: required('Enter the name of the land or building'),
  asset_type: z.enum(ASSET_TYPES, { error: 'Choose land, building, or land and building' }),
  address: text('Address', 500),
  postcode: text('Postcode', 10),
  description: text('Description', 2000),
  area_hectares: z.coerce
    .number({ error: 'Enter the area in hectares, digits only' })
    .nonnegative({ error: 'The area cannot be negative' })
    .optional(),
  uprn: z
    .string()
    .trim()
    .regex(/^\d{1,12}$/, { error: 'A UPRN is up to 12 digits' })
    .optional(),
});

/** A query parameter a form may send empty ("All kinds"): empty means not given. */
export const blankIsMissing = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const RegisterQuery = z.object({
  kind: blankIsMissing(z.enum(REQUEST_KINDS, { error: 'Choose participation or asset transfer requests' })),
  partnership: blankIsMissing(z.string().trim().max(64)),
  status: blankIsMissing(z.string().trim().max(40)),
  q: blankIsMissing(z.string().trim().max(200)),
});

export const AnnualReportQuery = z.object({
  partnership: z.string({ error: 'Choose a partnership' }).trim().min(1, { error: 'Choose a partnership' }).max(64),
  kind: z.enum(REQUEST_KINDS, { error: 'Choose participation or asset transfer requests' }),
  year: z.coerce
    .number({ error: 'Give the year the reporting year starts in, e.g. 2026 for 2026/27' })
    .int()
    .min(2016)
    .max(2100),
});
