/**
 * Remembered responses of pages that are a function of the database and the URL alone (the outcomes
 * profiles, the Scotland overview, their CSV and JSON), for visitors who are not signed in.
 *
 * Correctness rests on one invariant of Cairn: every write is audited in the same transaction (see
 * core/audit.ts). So the newest audit row's id is a version of the whole database: an entry made at
 * version v is served only while the newest audit row is still v, and any write anywhere (an import, a
 * partnership renamed, a locality defined) makes every entry stale. Reading the version costs one
 * index lookup, the same as a trivial query. Entries live in this process only; several processes each
 * check the same version, so they never serve each other's stale pages.
 *
 * The page shell carries the visitor's CSRF token: the body is kept encoded, in pieces cut where the
 * token was, and joined with each visitor's own token.
 */
export interface CachedResponse {
  version: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** What is kept: the body already encoded, cut where the CSRF token was, so serving it is one copy. */
interface Entry {
  version: string;
  status: number;
  headers: [string, string][];
  pieces: Buffer[];
  bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The entry for this key made at this version, its token put back; a stale entry is dropped. */
  get(key: string, version: string, csrfToken: string): (Omit<CachedResponse, 'body'> & { body: Buffer }) | null {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) {
      if (entry) this.drop(key, entry);
      this.misses++;
      return null;
    }
    // Most recently used last: Map keeps insertion order, so re-insert.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    const { pieces } = entry;
    const body =
      pieces.length === 1
        ? pieces[0]!
        : Buffer.concat(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [Buffer.from(csrfToken), piece])));
    return { version: entry.version, status: entry.status, headers: entry.headers, body };
  }

  set(key: string, response: CachedResponse, csrfToken: string): void {
    const pieces = (csrfToken ? response.body.split(csrfToken) : [response.body]).map((text) => Buffer.from(text));
    const bytes = pieces.reduce((n, p) => n + p.length, 0);
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (bytes > this.maxBytes / 4) return;
    this.entries.set(key, {
      version: response.version,
      status: response.status,
      headers: response.headers,
      pieces,
      bytes,
    });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
