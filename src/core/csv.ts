/**
 * CSV as spreadsheets expect it (RFC 4180, CRLF line ends). Cells that a spreadsheet would run as a
 * formula (starting =, +, -, @, tab or carriage return) are prefixed with an apostrophe.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

function cell(raw: string | number | boolean | Date | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  let s = raw instanceof Date ? raw.toISOString() : String(raw);
  if (typeof raw === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}
