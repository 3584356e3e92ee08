/**
 * The rules of personal API tokens (tokens.service.ts), each with its reason. docs/API.md and
 * docs/SECURITY.md quote them.
 */

/**
 * The longest a token may live: a year and a day. Every token expires, so one forgotten in a script or a
 * shared folder stops working on its own; a year covers the annual cycle of a partnership's work (a plan
 * year, an annual report) without asking for a new token mid-cycle, and makes its owner renew, and so
 * review, each token at least once a year. The day is for a leap year.
 */
export const API_TOKEN_MAX_DAYS = 366;

/** The lifetime the form offers: a quarter, long enough for a reporting round, short enough to be renewed. */
export const API_TOKEN_DEFAULT_DAYS = 90;

/** A token's name, to tell one's tokens apart ("Quarterly dashboard script"); the database checks it too. */
export const API_TOKEN_NAME_MAX_LENGTH = 100;

/**
 * How long the record of each use of a token is kept (api_token_uses). Older rows are deleted as each new
 * use is written, so the table holds at most this many days of requests. Ninety days is a quarter: time
 * for an owner or an administrator to notice and look into a misuse, and as long as a token's default
 * lifetime.
 */
export const API_TOKEN_USES_KEEP_DAYS = 90;

/** The most of a request's path a use records (the database checks it too); the query string is never kept. */
export const API_TOKEN_USE_PATH_MAX_LENGTH = 500;

/**
 * A token as it is given once to its owner: `cairn_<prefix>_<secret>`. The prefix is 4 random bytes as 8 hex
 * digits, kept in the clear to tell tokens apart in lists; the secret is 32 random bytes (256 bits) from
 * crypto.randomBytes, base64url. Only the SHA-256 of the whole token is kept.
 */
export const API_TOKEN_PREFIX_BYTES = 4;
export const API_TOKEN_SECRET_BYTES = 32;
export const API_TOKEN_PATTERN = /^cairn_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
