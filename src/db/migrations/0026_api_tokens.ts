import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * Issue 15: personal API tokens for scripts (src/modules/accounts/tokens.service.ts, docs/API.md).
 *
 * `api_tokens`: a token belongs to one user and has a scope (`TOKEN_SCOPES` in core/access/permissions.ts,
 * the same names as the check here): `read`, or `partnership-write` with the one partnership it writes in.
 * Only the SHA-256 of the secret is kept, as for sessions; `prefix` is a short, non-secret part of the token
 * to tell tokens apart in lists. Every token expires (the longest lifetime is `API_TOKEN_MAX_DAYS`, checked
 * by the service); a revoked token keeps its row, for the audit trail and the record of its uses.
 *
 * A token's name is unique among its user's live tokens (neither revoked nor expired). Being live depends on
 * the time, which an index cannot, so the service checks it under a per-user advisory lock.
 *
 * `api_token_uses`: one row for every request made with a token (not an audit row: audit rows move the data
 * version, and so would empty the response cache at every API call). Kept for `API_TOKEN_USES_KEEP_DAYS`:
 * older rows are deleted as new ones are written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE api_tokens (
       id serial PRIMARY KEY,
       user_id integer NOT NULL REFERENCES users(id),
       name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
       scope text NOT NULL CHECK (scope IN ('read', 'partnership-write')),
       partnership_id integer REFERENCES partnerships(id),
       token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
       prefix text NOT NULL CHECK (prefix ~ '^[0-9a-f]{8}$'),
       created_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       last_used_at timestamptz,
       revoked_at timestamptz,
       CONSTRAINT api_tokens_partnership_of_scope CHECK ((scope = 'partnership-write') = (partnership_id IS NOT NULL)),
       CONSTRAINT api_tokens_expires_after_creation CHECK (expires_at > created_at),
       CONSTRAINT api_tokens_revoked_after_creation CHECK (revoked_at IS NULL OR revoked_at >= created_at)
     )`,
    `CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at)`,
    `CREATE INDEX api_tokens_partnership_idx ON api_tokens (partnership_id) WHERE partnership_id IS NOT NULL`,
    `CREATE TABLE api_token_uses (
       id bigserial PRIMARY KEY,
       token_id integer NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
       used_at timestamptz NOT NULL,
       method text NOT NULL CHECK (char_length(method) BETWEEN 1 AND 10),
       path text NOT NULL CHECK (char_length(path) BETWEEN 1 AND 500),
       status smallint NOT NULL CHECK (status BETWEEN 100 AND 599),
       ip text
     )`,
    `CREATE INDEX api_token_uses_token_idx ON api_token_uses (token_id, used_at)`,
    `CREATE INDEX api_token_uses_used_at_idx ON api_token_uses (used_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP TABLE api_token_uses', 'DROP TABLE api_tokens']);
}
