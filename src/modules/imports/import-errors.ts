/**
 * A problem in an input file, located as precisely as we can: file, row (1 = the header line, as a
 * spreadsheet numbers it), column.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(
      [file, row !== undefined ? `row ${row}` : null, column ? `column ${column}` : null].filter(Boolean).join(', ') +
        `: ${problem}`,
    );
  }
}

/** Thrown inside the import transaction to roll a dry run back; never escapes the service. */
export class DryRunRollback extends Error {
  constructor(readonly result: unknown) {
    super('dry run');
  }
}

/**
 * A value from a file, for a message: whole when short, else its start and how long it is, so that a
 * 2,000,000-character cell cannot make a 2 MB error page.
 */
export function shown(value: string, most = 80): string {
  return value.length <= most ? value : `${value.slice(0, most)}… (${value.length.toLocaleString('en-GB')} characters)`;
}
