import { z } from '@hono/zod-openapi';
import { NATIONAL_ROLES, PARTNERSHIP_ROLES } from '../../core/access/permissions.ts';

/**
 * What the accounts API answers with (the OpenAPI document's response schema); the forms' schemas are in
 * accounts.schemas.ts. test/api-responses.test.ts calls every API route and parses its answer with these,
 * strictly, so they cannot drift from the handlers.
 */

export const Me = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    mustChangePassword: z
      .boolean()
      .meta({ description: 'Until the password is changed, only the account’s own routes may be used' }),
    nationalRoles: z.array(z.enum(NATIONAL_ROLES)),
    partnershipRoles: z.array(z.object({ partnershipId: z.number().int(), role: z.enum(PARTNERSHIP_ROLES) })),
  })
  .openapi('Me');
