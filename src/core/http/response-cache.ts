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
 * The page shell carries the visitor's CSRF token; it is stored as a marker and put back per request.
 */
export interface CachedResponse {
  version: string;
  status: number;
  headers: [string, string][];
  body: string;
}

const TOKEN_MARKER = '\u0000cairn-csrf\u0000';

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The entry for this key made at this version, its token put back; a stale entry is dropped. */
  get(key: string, version: string, csrfToken: string): CachedResponse | null {
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
    return { ...entry, body: entry.body.includes(TOKEN_MARKER) ? entry.body.split(TOKEN_MARKER).join(csrfToken) : entry.body };
  }

  set(key: string, entry: CachedResponse, csrfToken: string): void {
    const body = csrfToken ? entry.body.split(csrfToken).join(TOKEN_MARKER) : entry.body;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (body.length > this.maxBytes / 4) return;
    this.entries.set(key, { ...entry, body });
    this.bytes += body.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
