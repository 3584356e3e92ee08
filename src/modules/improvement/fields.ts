import { z } from 'zod';

/** Form fields shared by the improvement module's schemas: each names what is wrong in words. */

/** Required text of at least `min` characters after trimming; `message` says what to enter. */
export const requiredText = (message: string, max: number, min = 1) =>
  z
    .string({ error: message })
    .trim()
    .min(min, { error: message })
    .max(max, { error: `Use at most ${max.toLocaleString('en-GB')} characters` });

/** Optional text: empty counts as not given. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max.toLocaleString('en-GB')} characters` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** A row id chosen in a form. */
export const id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int({ error: message })
    .positive({ error: message })
    .max(2 ** 31 - 1, { error: message });

/** A repeated form field (checkboxes): one value arrives as a string, several as an array. */
export const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean));

/**
 * The national framework of the nine principles (migration 0020). It and the queries of its criteria are in
 * self-evaluation.repository.ts (the tables are self-evaluation's); the module's index names it from here.
 */
export { PRINCIPLES_FRAMEWORK } from './self-evaluation.repository.ts';
