import type { z } from 'zod';
import type { ApiTokenJson } from './tokens.schemas.ts';
import type { PublicToken } from './tokens.service.ts';

/** The tokens API's JSON, from the service's results: plain functions, types in, JSON out. */

/** A token as the API lists it (tokens.schemas.ts ApiTokenJson): never its secret, nor its hash. */
export function tokenJson(t: PublicToken): z.infer<typeof ApiTokenJson> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    partnership: t.partnership,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
