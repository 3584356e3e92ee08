import { z } from '@hono/zod-openapi';
import { REQUEST_KINDS } from '../../db/schema.ts';
import { STATUSES } from './workflow.ts';

/**
 * What the community API answers with (the OpenAPI document's response schemas); the forms' and JSON bodies'
 * schemas are in community.schemas.ts. test/api-responses.test.ts calls every API route and parses its answer
 * with these, strictly, so they cannot drift from the handlers.
 */

const kind = z.enum(REQUEST_KINDS);
const status = z.enum(STATUSES);
const decision = z.enum(['agreed', 'refused']).nullable();

export const RegisteredRequest = z
  .object({
    reference: z.string().meta({ description: 'e.g. PR-2026-0003' }),
    kind,
    title: z.string(),
    partnership: z.string().meta({ description: 'The partnership’s code' }),
    communityBody: z.string(),
    authority: z.string(),
    status,
    validationDate: z.iso.date().nullable(),
    decision,
    decisionDate: z.iso.date().nullable(),
    fictional: z.boolean(),
    url: z.string().meta({ description: 'The request’s page in the public register' }),
  })
  .openapi('RegisteredRequest');

export const RegisteredRequestList = z.object({
  data: z.array(RegisteredRequest).meta({ description: 'Newest validation first, at most 500' }),
});

export const PartnershipRequest = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    kind,
    title: z.string(),
    status,
    authority: z.string(),
    communityBody: z.string(),
    validationDate: z.iso.date().nullable(),
    decision,
    decisionDate: z.iso.date().nullable(),
    nextDeadline: z
      .object({ rule: z.string(), due: z.iso.date() })
      .nullable()
      .meta({ description: 'The soonest statutory deadline not yet met' }),
  })
  .openapi('PartnershipRequest');

export const PartnershipRequestList = z.object({ data: z.array(PartnershipRequest) });

export const TransitionResult = z.object({
  id: z.number().int(),
  reference: z.string(),
  status: status.meta({ description: 'The request’s status after the step' }),
});

const DueDeadline = z
  .object({
    request: z.string().meta({ description: 'The request’s reference' }),
    title: z.string(),
    rule: z.string(),
    due: z.iso.date(),
    responsible: z.string().nullable().meta({ description: 'The officer responsible; null when no one is assigned' }),
  })
  .openapi('DueDeadline');

export const DeadlineBoard = z.object({
  today: z.iso.date(),
  overdue: z.array(DueDeadline),
  dueThisWeek: z.array(DueDeadline),
});
