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
