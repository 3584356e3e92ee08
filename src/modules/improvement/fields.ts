import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';

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

/** The national framework of the nine principles of effective community planning (migration 0020). */
export const PRINCIPLES_FRAMEWORK = 'principles-2016';

/** Whether every id is one of the nine principles (ids repeated count once). */
export async function arePrinciples(db: Kysely<Database>, ids: readonly number[]): Promise<boolean> {
  const wanted = [...new Set(ids)];
  if (wanted.some((n) => !Number.isInteger(n) || n <= 0)) return false;
  if (!wanted.length) return true;
  const known = await db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select('c.id')
    .where('f.code', '=', PRINCIPLES_FRAMEWORK)
    .where('c.id', 'in', wanted)
    .execute();
  return known.length === wanted.length;
}

/** The nine principles, in the guidance's order. */
export function principlesOf(db: Kysely<Database>) {
  return db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select(['c.id', 'c.code', 'c.title'])
    .where('f.code', '=', PRINCIPLES_FRAMEWORK)
    .orderBy('c.position')
    .execute();
}
