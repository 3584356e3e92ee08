import type { Actor } from './access/actor.ts';

/** Who is asking, and from where: passed to every service call so that writes can be audited. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
}

export function cliContext(actor: Actor): RequestContext {
  return { actor, ip: null, requestId: null };
}
