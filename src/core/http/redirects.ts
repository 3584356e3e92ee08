/**
 * Where to go after signing in, from a `next` the visitor's browser sent. It is resolved against Cairn's
 * own address as a browser would resolve it (the WHATWG URL parser, which drops tabs and line breaks and
 * reads `\` as `/`), and followed only when the result is on Cairn's own origin; the answer is the path
 * re-serialised by the parser, so no control character can reach a header. Anything else goes to `/`.
 */
export function localRedirectTarget(next: string | undefined, baseUrl: string): string {
  if (!next) return '/';
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(next, base);
  } catch {
    return '/';
  }
  if (target.origin !== base.origin || !next.startsWith('/')) return '/';
  return `${target.pathname}${target.search}${target.hash}`;
}
