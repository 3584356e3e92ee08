import type { Context } from 'hono';
import { ConflictError, type FieldErrors } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * Run a write from a form; when it conflicts with the state of things (409: a duplicate, a step not
 * possible now), show the form again with the message beside the fields instead of a bare error page.
 */
export async function orConflict(
  c: Context<AppEnv>,
  action: () => Promise<Response>,
  rerender: (errors: FieldErrors) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ConflictError) {
      c.status(409);
      return rerender(Object.keys(error.fields).length ? error.fields : { _body: [error.message] });
    }
    throw error;
  }
}

/** What a form sent for a field, as text ('' when nothing, or not text, was sent): to show the form again. */
export function sentText(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  return typeof value === 'string' ? value : '';
}

/** What a form sent for a field of several values (checkboxes), as text. */
export function sentTexts(raw: Record<string, unknown>, name: string): string[] {
  const value = raw[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

/**
 * The props every field of a form shown again shares: its name, what was sent for it (or `fallback`) and the
 * form's errors. Spread them into a field and add the rest: `<TextField {...field('name')} label="Name" />`.
 */
export function fieldProps(raw: Record<string, unknown>, errors: FieldErrors | null) {
  return (name: string, fallback = '') => ({
    name,
    value: typeof raw[name] === 'string' ? raw[name] : fallback,
    errors,
  });
}
