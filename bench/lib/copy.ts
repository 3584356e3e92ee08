import type pg from 'pg';

/**
 * `COPY … FROM STDIN` through the `pg` client, without pg-copy-streams (not a dependency): a query
 * object the client submits as any other, which answers the server's CopyInResponse with the data.
 * The client's protocol layer (`sendCopyFromChunk`, `endCopyFrom`) is what pg-copy-streams uses too.
 */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyIn {
  private error: Error | null = null;
  rowCount = 0;

  constructor(
    readonly text: string,
    private readonly data: Buffer,
    private readonly done: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    const CHUNK = 64 * 1024;
    for (let at = 0; at < this.data.length; at += CHUNK) connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const m = /COPY (\d+)/.exec(message.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(error: Error): void {
    this.error = error;
  }

  handleReadyForQuery(): void {
    this.done(this.error, this.rowCount);
  }

  handleEmptyQuery(): void {}
}

/** Send `data` (CSV) to `COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv)`; resolves with the rows copied. */
export function copyFromStdin(client: pg.Client, statement: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(statement, data, (error, rows) => (error ? reject(error) : resolve(rows)));
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

/** One CSV field: null as an unquoted empty field (COPY's NULL in CSV format), anything else quoted. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  return `"${String(v).replace(/"/g, '""')}"`;
}
