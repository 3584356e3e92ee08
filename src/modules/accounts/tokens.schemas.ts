import { z } from 'zod';
import { TOKEN_SCOPE_NAMES } from '../../core/access/permissions.ts';
import { API_TOKEN_MAX_DAYS, API_TOKEN_NAME_MAX_LENGTH } from './tokens.rules.ts';

/** The form that creates a personal API token (the account page). */
export const CreateTokenSchema = z
  .object({
    name: z
      .string({ error: 'Enter a name for the token' })
      .trim()
      .min(1, { error: 'Enter a name for the token' })
      .max(API_TOKEN_NAME_MAX_LENGTH, { error: `Use at most ${API_TOKEN_NAME_MAX_LENGTH} characters` }),
    scope: z.enum(TOKEN_SCOPE_NAMES, { error: 'Choose what the token may do' }),
    partnership_id: z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, { error: 'Choose a partnership' })
      .transform(Number)
      .optional(),
    expires_in_days: z
      .string({ error: 'Enter the number of days the token lasts' })
      .regex(/^[0-9]{1,4}$/, { error: 'Enter the number of days as a whole number, like 90' })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, { error: 'A token lasts at least 1 day' })
          .max(API_TOKEN_MAX_DAYS, { error: `A token lasts at most ${API_TOKEN_MAX_DAYS} days` }),
      ),
  })
  .refine((v) => v.scope !== 'partnership-write' || v.partnership_id !== undefined, {
    path: ['partnership_id'],
    error: 'Choose the partnership the token may write in',
  });

export type CreateTokenInput = z.output<typeof CreateTokenSchema>;

/** A token as the API lists it: never its secret, nor its hash. */
export const ApiTokenJson = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string().meta({ description: 'The start of the token, `cairn_<8 hex digits>`; not secret' }),
  scope: z.enum(TOKEN_SCOPE_NAMES),
  partnership: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
