import type { FieldErrors } from '../../core/errors.ts';

/**
 * The props every field of a form shown again shares: its name, what was sent for it (or `fallback`) and the
 * form's errors. Spread them into a field and add the rest: `<TextField {...field('name')} label="Name" />`.
 */
export function fieldsFrom(raw: Record<string, unknown>, errors: FieldErrors | null) {
  return (name: string, fallback = '') => ({
    name,
    value: typeof raw[name] === 'string' ? (raw[name] as string) : fallback,
    errors,
  });
}
