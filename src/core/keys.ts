/**
 * The keys to look up in another module (issue #15, item 4): each once, without the nulls of an optional
 * reference, so a lookup by ids or codes sends one short list and runs one query.
 */
export function distinctKeys<T extends string | number>(values: Iterable<T | null | undefined>): T[] {
  const out = new Set<T>();
  for (const v of values) if (v !== null && v !== undefined) out.add(v);
  return [...out];
}
