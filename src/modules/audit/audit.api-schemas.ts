import { z } from '@hono/zod-openapi';

/**
 * What the audit API answers with (the OpenAPI document's response schema). test/api-responses.test.ts calls
 * every API route and parses its answer with these, strictly, so they cannot drift from the handlers.
 */

export const AuditEvent = z
  .object({
    id: z.string().meta({ description: 'The event’s number (a 64-bit integer, as a string); `before` pages on it' }),
    at: z.iso.datetime(),
    actor: z.string().meta({ description: 'Who did it: an email address, or the command line’s label' }),
    partnership: z.string().nullable().meta({ description: 'The partnership’s name; null for national events' }),
    action: z.string().meta({ description: 'What was done, e.g. plan.publish' }),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    before: z.unknown().meta({ description: 'The record before the change (secrets redacted), or null' }),
    after: z.unknown().meta({ description: 'The record after the change (secrets redacted), or null' }),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEvent');

export const AuditPage = z.object({ data: z.array(AuditEvent).meta({ description: 'Newest first' }) });
