import { InflatedSizeError, ZipArchive } from './unzip.ts';

/**
 * An .xlsx reader for what Cairn imports: the values of worksheet cells, read the way read-excel-file 9
 * reads them (strings trimmed, blank strings and error cells as empty, dates found by number format, the
 * empty rows and columns at the bottom and right dropped), so that a workbook gives the same table either
 * way. `test/xlsx.test.ts` holds it to read-excel-file cell by cell on every workbook in ../shared/data
 * and on hand-made ones with the rarer parts of the format (those read-excel-file can read). It is a
 * plain scan of the XML instead of a general parser, which makes it 3–5 times as fast (ADR 0011). It
 * trusts the XML to be well formed, as the zip's checksums say it is as written: a workbook whose writer
 * broke its XML may be read as far as it makes sense rather than refused.
 *
 * Source: ECMA-376 Part 1 (SpreadsheetML) §18.3 (sheet data), §18.4 (shared strings), §18.8 (styles),
 * §22.9.2.19 (`_xHHHH_` escapes); the built-in date formats as read-excel-file lists them.
 *
 * A workbook is untrusted input (ADR 0012): a 2 KB file can name cell XFD1048576 or inflate to gigabytes.
 * So the reader refuses addresses beyond Excel's own grid, holds rows sparsely (a gap of a million rows
 * costs nothing), and caps what it holds per file: the bytes its parts inflate to and the cells it keeps
 * (XlsxLimits, from config.imports), each checked before the memory is spent. The scan never recurses and
 * builds no tree, so deep nesting costs only its bytes; each search it makes starts where the last one
 * ended, so no arrangement of tags makes it quadratic.
 */

export type CellValue = string | number | boolean | Date | null;

/** Excel's grid (Excel specifications and limits): rows 1 to 1,048,576, columns A to XFD. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel's limit on unique cell formats in a workbook; a styles part with more is not one Excel wrote. */
export const EXCEL_MAX_STYLES = 65_490;
/** Worksheets read from one workbook: Excel sets no number, the largest in ../shared/data has 21. */
export const MAX_WORKSHEETS = 1_000;

/** What one workbook may cost: configured as config.imports (CAIRN_IMPORT_MAX_CELLS, CAIRN_XLSX_MAX_INFLATED_MB). */
export interface XlsxLimits {
  /**
   * Cells held from one file, over all its worksheets read: for each worksheet, its rows with a value
   * times its columns up to the last one with a value (the table an import sees), and its shared strings.
   */
  maxCells: number;
  /** Bytes the parts read (workbook, styles, shared strings, worksheets) may unpack to, in all. */
  maxInflatedBytes: number;
}

/** A row with at least one value: its spreadsheet row number, and its cells from column A to its last value. */
export interface SheetRow {
  row: number;
  /** `null` for an empty cell. */
  cells: CellValue[];
}

export interface Worksheet {
  sheet: string;
  /** The rows with a value, in row order; rows with none are left out, however many (their numbers say where the gaps are). */
  rows: SheetRow[];
  /** The rightmost column with a value (1 = A); 0 for an empty worksheet. */
  width: number;
}

/** A workbook that cannot be read; the message says why, as a short phrase for the person who sent it. */
export class XlsxError extends Error {}

/** A workbook larger than the limits: it may be sound, but Cairn will not hold it. */
export class XlsxLimitError extends XlsxError {}

const RELATIONSHIPS = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/',
];

/** Number formats 0–163 are built in; these are the dates among them (ECMA-376 §18.8.30 and the East Asian and Thai locales). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56,
  57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);
const DATE_TOKENS = new Set([
  's',
  'ss',
  'm',
  'mm',
  'h',
  'hh',
  'am',
  'pm',
  'a',
  'p',
  'd',
  'dd',
  'ddd',
  'dddd',
  'aaa',
  'aaaa',
  'aaaaa',
  'mmm',
  'mmmm',
  'mmmmm',
  'y',
  'yy',
  'yyyy',
  'e',
  'ee',
  'eeee',
]);

const ENTITIES = new Map(
  Object.entries({ amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' }).flatMap(([name, c]) => [
    [name, c],
    [name.toUpperCase(), c],
  ]),
);

/** XML character and entity references: `&amp;` (or `&AMP;`), `&#233;`, `&#xE9;`; any other name is left as written. */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(
    /&#(\d+);|&#x([0-9a-f]+);|&(\w+);/gi,
    (whole, d: string | undefined, x: string | undefined, name: string | undefined) => {
      if (name !== undefined) return ENTITIES.get(name) ?? whole;
      const code = d !== undefined ? Number(d) : parseInt(x!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** `_xHHHH_` stands for a character XML cannot carry (ECMA-376 §22.9.2.19); `_x005F_` escapes the underscore. */
export function unescapeXlsx(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Whether a number format code shows a date or time (`dd/mm/yyyy`, `[h]:mm`), as opposed to a number. */
export function isDateFormatCode(code: string): boolean {
  const sections = code.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ').split(';');
  return sections.some((section) => {
    const tokens = section
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/)
      .filter((t) => t !== '');
    return tokens.length > 0 && tokens.every((t) => DATE_TOKENS.has(t));
  });
}

/** An Excel serial date (days since 0 January 1900, counting Excel's 29 February 1900) as a time in UTC. */
export function excelSerialToTime(serial: number, epoch1904: boolean): number {
  const days = epoch1904 ? serial + 1462 : serial;
  return Math.floor((days - 25569) * 86_400_000);
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Tag {
  /** Local name, without a namespace prefix. */
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
  closing: boolean;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Every tag of a small XML part (workbook, relationships, styles), in order. */
function* tags(xml: string): Generator<Tag> {
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const attributes: Record<string, string> = {};
    for (let a = attribute.exec(m[3]!); a; a = attribute.exec(m[3]!)) {
      if (a[1]!.startsWith('xmlns')) continue;
      attributes[localName(a[1]!)] = decodeXml(a[2] ?? a[3]!);
    }
    attribute.lastIndex = 0;
    yield { name: localName(m[2]!), attributes, selfClosing: m[4] === '/', closing: m[1] === '/' };
  }
}

/**
 * The text of a string item (`<si>` of the shared strings, `<is>` of an inline string): its `<t>`, or its
 * rich-text runs' `<t>`s joined, leaving out phonetic runs (`<rPh>`).
 */
function stringItem(xml: string, from: number, to: number): string {
  // Most items are one plain <t>.
  const open = xml.indexOf('>', from);
  if (xml.startsWith('<t', from) && (xml[from + 2] === '>' || xml[from + 2] === ' ')) {
    const close = xml.indexOf('</', open);
    if (close + 4 === to && xml.startsWith('</t>', close)) return unescapeXlsx(decodeXml(xml.slice(open + 1, close)));
  }
  let text = '';
  let inT = false;
  let inRun = false;
  let inPhonetic = false;
  let i = from;
  while (i < to) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 || lt > to ? to : lt;
    if (textEnd > i && inT && !inPhonetic) {
      const piece = decodeXml(xml.slice(i, textEnd));
      text = inRun ? text + piece : piece;
    }
    if (textEnd === to) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break; // a '<' that never closes: nothing more to read (and no way back to the start)
    const closing = xml[lt + 1] === '/';
    const selfClosing = xml[gt - 1] === '/';
    const raw = xml.slice(lt + (closing ? 2 : 1), gt).split(/[\s/]/, 1)[0]!;
    const name = localName(raw);
    const opened = !closing && !selfClosing;
    if (name === 't') inT = opened;
    else if (name === 'r') inRun = opened;
    else if (name === 'rPh') inPhonetic = opened;
    i = gt + 1;
  }
  return unescapeXlsx(text);
}

/** The shared strings, each counted as a cell held (a workbook has no use for more strings than cells). */
function sharedStrings(xml: string, budget: CellBudget): string[] {
  const strings: string[] = [];
  const prefix = rootPrefix(xml);
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  const cutShort = () => new XlsxError('its shared strings are cut short');
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i)) {
    budget.take(1, 'its shared strings');
    const gt = xml.indexOf('>', i);
    if (gt < 0) throw cutShort();
    if (xml[gt - 1] === '/') {
      strings.push('');
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0) throw cutShort();
    strings.push(itemIn(xml, gt + 1, end, prefix));
    i = end + close.length;
  }
  return strings;
}

/** The namespace prefix of a part's root element (`x:` in `<x:worksheet>`), or ''. (`<?xml …?>` is no element.) */
function rootPrefix(xml: string): string {
  const m = /<([\w.-]+:)?[\w.-]+[\s/>]/.exec(xml);
  return m?.[1] ?? '';
}

/** stringItem() of `xml[from, to)` in a part whose elements carry the prefix `p` (`x:`), or none. */
function itemIn(xml: string, from: number, to: number, p: string): string {
  if (p === '') return stringItem(xml, from, to);
  const item = xml.slice(from, to).replaceAll(`<${p}`, '<').replaceAll(`</${p}`, '</');
  return stringItem(item, 0, item.length);
}

/** For each cell style (`s` of a cell), whether it shows the number as a date. */
function dateStyles(xml: string): boolean[] {
  const formats = new Map<number, string | undefined>();
  const base: (number | undefined)[] = [];
  const styles: { numFmtId?: number; xfId?: number }[] = [];
  let section: 'numFmts' | 'cellStyleXfs' | 'cellXfs' | undefined;
  for (const tag of tags(xml)) {
    // Only the number formats of <numFmts>: a conditional format (<dxfs><dxf>) may reuse an id for another.
    if (tag.name === 'numFmt' && !tag.closing && section === 'numFmts') {
      const id = Number(tag.attributes.numFmtId);
      formats.set(id, id >= 100 ? tag.attributes.formatCode : undefined);
    } else if (tag.name === 'numFmts' || tag.name === 'cellStyleXfs' || tag.name === 'cellXfs') {
      section = tag.closing || tag.selfClosing ? undefined : tag.name;
    } else if (tag.name === 'xf' && !tag.closing && section) {
      const numFmtId = tag.attributes.numFmtId ? Number(tag.attributes.numFmtId) : undefined;
      if (section === 'cellStyleXfs') base.push(numFmtId);
      else styles.push({ numFmtId, xfId: tag.attributes.xfId ? Number(tag.attributes.xfId) : undefined });
    }
    if (formats.size > EXCEL_MAX_STYLES || base.length > EXCEL_MAX_STYLES || styles.length > EXCEL_MAX_STYLES) {
      throw new XlsxError(
        `its styles part defines more number formats or cell styles than Excel allows (${EXCEL_MAX_STYLES.toLocaleString('en-GB')})`,
      );
    }
  }
  return styles.map(({ numFmtId, xfId }) => {
    // A cell style extends its base style (xfId); its own number format, if it has one, wins.
    const id = numFmtId ?? (xfId ? base[xfId] : undefined);
    if (id === undefined) return false;
    if (BUILT_IN_DATE_FORMATS.has(id)) return true;
    const code = formats.get(id);
    return code !== undefined && isDateFormatCode(code);
  });
}

interface Context {
  strings: string[];
  /** `undefined` where the workbook has no styles part: then a cell naming a style is an error. */
  dates: boolean[] | undefined;
  epoch1904: boolean;
}

/** The attributes r, s and t of a row or cell tag (undefined: not there). */
interface TagHead {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/** Read the attributes r, s and t of a tag `xml[from..to)` such as `<c r="A1" s="2" t="s">`. */
function cellHead(xml: string, from: number, to: number): TagHead {
  const head: TagHead = { r: undefined, s: undefined, t: undefined };
  let i = from;
  while (i < to) {
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= to) return head;
    let nameEnd = eq;
    while (nameEnd > i && xml.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && xml.charCodeAt(nameStart - 1) > 32) nameStart--;
    let q = eq + 1;
    while (q < to && xml.charCodeAt(q) <= 32) q++;
    const quote = xml[q];
    const valueEnd = xml.indexOf(quote!, q + 1);
    if (valueEnd < 0) return head;
    if (nameEnd - nameStart === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 114 /* r */) head.r = xml.slice(q + 1, valueEnd);
      else if (name === 115 /* s */) head.s = xml.slice(q + 1, valueEnd);
      else if (name === 116 /* t */) head.t = xml.slice(q + 1, valueEnd);
    }
    i = valueEnd + 1;
  }
  return head;
}

/** The cells one file may still hold (XlsxLimits.maxCells), shared by its shared strings and worksheets. */
class CellBudget {
  private held = 0;
  constructor(private readonly max: number) {}

  /** How many more cells the file may hold. */
  room(): number {
    return this.max - this.held;
  }

  /** Count `n` more cells, refusing before they are stored if that passes the limit; `where` names the part. */
  take(n: number, where: string): void {
    this.held += n;
    if (this.held > this.max)
      throw new XlsxLimitError(
        `holds more than the ${this.max.toLocaleString('en-GB')} cells Cairn reads from one workbook (the limit was passed in ${where})`,
      );
  }
}

/** An attribute or address as it may appear in a message: short, whatever the file holds. */
const shown = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

const MAX_ROW_TEXT = EXCEL_MAX_ROWS.toLocaleString('en-GB');
const LAST_COLUMN = columnLetter(EXCEL_MAX_COLUMNS - 1);

function sheetData(
  xml: string,
  sheet: string,
  context: Context,
  budget: CellBudget,
): { rows: SheetRow[]; width: number } {
  const p = rootPrefix(xml);
  const rowTag = `<${p}row`;
  const cellTag = `<${p}c`;
  const valueTag = `<${p}v`;
  const valueEnd = `</${p}v>`;
  const cellEnd = `</${p}c>`;
  const inlineTag = `<${p}is`;
  const inlineEnd = `</${p}is>`;
  const where = `worksheet “${sheet}”`;
  // The rows with a value, each as long as its last value: a gap of any size costs nothing. Rows come in
  // order in every workbook Excel writes, so each is nearly always a new last row; the format does not
  // require it, so a row met out of order is found through an index made then, and the rows sorted at the end.
  const rows: SheetRow[] = [];
  let index: Map<number, CellValue[]> | undefined;
  let inOrder = true;
  let current: CellValue[] = [];
  // Cells held (values and the empty cells before them in their row), against what the file may still hold.
  const room = budget.room();
  let held = 0;
  let currentRow = 0;
  let width = 0;
  let rowNumber = 0;
  let column = 0;
  const cutShort = () => new XlsxError(`${where} is cut short`);
  const start = xml.indexOf(`<${p}sheetData`);
  if (start < 0 || xml.charCodeAt(xml.indexOf('>', start) - 1) === 47) return { rows: [], width: 0 }; // none, or <sheetData/>
  const end = xml.indexOf(`</${p}sheetData>`, start);
  if (end < 0) throw cutShort();
  const isBoundary = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
  // Where the next <v> and <is> start, at or after the scan: looked for again only once the scan has passed
  // them, so cells without either do not each search to the end of the part.
  let nextValue = xml.indexOf(valueTag, start);
  let nextInline = xml.indexOf(inlineTag, start);
  let i = start;
  for (;;) {
    i = xml.indexOf('<', i + 1);
    if (i < 0 || i >= end) break;
    const gt = xml.indexOf('>', i);
    if (gt < 0) throw cutShort();
    if (xml.startsWith(rowTag, i) && isBoundary(xml.charCodeAt(i + rowTag.length))) {
      const { r } = cellHead(xml, i + rowTag.length, gt);
      rowNumber = r ? Number(r) : rowNumber + 1;
      // A row's number is checked against Excel's grid at its cells: a row with none holds nothing.
      if (!(Number.isInteger(rowNumber) && rowNumber >= 1))
        throw new XlsxError(`${where} has a row whose number (“${shown(r ?? '')}”) is not one`);
      column = 0;
      i = gt;
      continue;
    }
    if (!(xml.startsWith(cellTag, i) && isBoundary(xml.charCodeAt(i + cellTag.length)))) {
      i = gt;
      continue;
    }
    const { r: ref, s: style, t } = cellHead(xml, i + cellTag.length, gt);
    const type = t || 'n';
    let row = rowNumber;
    if (ref) {
      // Column letters then row digits: AB12. Counting stops past Excel's limits, which are checked below.
      column = 0;
      let k = 0;
      for (; k < ref.length; k++) {
        const c = ref.charCodeAt(k);
        if (c < 65 || c > 90) break;
        if (column <= EXCEL_MAX_COLUMNS) column = column * 26 + (c - 64);
      }
      row = k < ref.length ? 0 : NaN;
      for (let d = k; d < ref.length; d++) {
        const c = ref.charCodeAt(d);
        if (c < 48 || c > 57) {
          row = NaN;
          break;
        }
        if (row <= EXCEL_MAX_ROWS) row = row * 10 + (c - 48);
      }
      if (column < 1 || !(row >= 1))
        throw new XlsxError(`${where} has a cell whose address (“${shown(ref)}”) is not a column and row such as B7`);
    } else column++;
    if (row > EXCEL_MAX_ROWS || column > EXCEL_MAX_COLUMNS) {
      const cell = ref ? `, ${shown(ref)},` : ` in row ${row}`;
      throw new XlsxError(
        `${where} has a cell${cell} ${row > EXCEL_MAX_ROWS ? `below Excel’s last row, ${MAX_ROW_TEXT}` : `right of Excel’s last column, ${LAST_COLUMN}`}`,
      );
    }
    if (row > rowNumber) rowNumber = row;
    if (xml.charCodeAt(gt - 1) === 47) {
      i = gt; // <c r="B2" s="1"/>: a formatted empty cell
      continue;
    }
    const close = xml.indexOf(cellEnd, gt);
    if (close < 0) throw cutShort();
    let v: string | undefined;
    let inline: string | undefined;
    if (nextValue >= 0 && nextValue < gt) nextValue = xml.indexOf(valueTag, gt);
    if (nextValue >= 0 && nextValue < close) {
      const vGt = xml.indexOf('>', nextValue);
      if (xml.charCodeAt(vGt - 1) === 47) v = '';
      else {
        const vEnd = xml.indexOf(valueEnd, vGt);
        if (vEnd < 0 || vEnd > close) throw cutShort();
        v = decodeXml(xml.slice(vGt + 1, vEnd));
      }
    }
    if (type === 'inlineStr') {
      if (nextInline >= 0 && nextInline < gt) nextInline = xml.indexOf(inlineTag, gt);
      if (nextInline >= 0 && nextInline < close) {
        const isGt = xml.indexOf('>', nextInline);
        if (xml.charCodeAt(isGt - 1) === 47) inline = '';
        else {
          const isEnd = xml.indexOf(inlineEnd, isGt);
          if (isEnd < 0 || isEnd > close) throw cutShort();
          inline = itemIn(xml, isGt + 1, isEnd, p);
        }
      }
    }
    i = close + cellEnd.length - 1;
    const value = cellValue(type, style, v, inline, context);
    if (typeof value === 'object' && value instanceof CellProblem) {
      throw new XlsxError(`${where} cell ${ref ?? `${columnLetter(column - 1)}${row}`}: ${value.why}`);
    }
    if (value === null) continue;
    if (row !== currentRow) {
      const last = rows.at(-1);
      if (!last || last.row < row) {
        rows.push({ row, cells: (current = []) });
        index?.set(row, current);
      } else {
        index ??= new Map(rows.map((r) => [r.row, r.cells]));
        let cells = index.get(row);
        if (!cells) {
          rows.push({ row, cells: (cells = []) });
          index.set(row, cells);
          inOrder = false;
        }
        current = cells;
      }
      currentRow = row;
    }
    // The cells from the row's last value to this one are held too: counted before they are made.
    if (column > current.length) {
      held += column - current.length;
      if (held > room) budget.take(held, where);
    }
    while (current.length < column - 1) current.push(null);
    current[column - 1] = value;
    if (column > width) width = column;
  }
  if (!inOrder) rows.sort((a, b) => a.row - b.row);
  // An import sees each row as wide as the widest: that table is what the limit counts.
  budget.take(rows.length * width, where);
  return { rows, width };
}

/** Why a cell cannot be read (returned, not thrown, so that reading a cell makes no closure). */
class CellProblem {
  constructor(readonly why: string) {}
}

/** A date in the years 1 to 9999 (those Excel and YYYY-MM-DD can show), or why not. */
function dateOrProblem(date: Date, v: string): Date | CellProblem {
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? date : new CellProblem(`“${v}” is not a date between the years 1 and 9999`);
}

function trimmed(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

function cellValue(
  type: string,
  style: string | undefined,
  v: string | undefined,
  inline: string | undefined,
  context: Context,
): CellValue | CellProblem {
  switch (type) {
    case 'n': {
      if (!v) return null;
      if (style) {
        const isDate = context.dates?.[Number(style)];
        if (isDate === undefined) return new CellProblem(`names a cell style (${style}) the workbook does not have`);
        if (isDate) {
          const serial = Number(v);
          return Number.isNaN(serial)
            ? new CellProblem(`“${v}” is not a date`)
            : dateOrProblem(new Date(excelSerialToTime(serial, context.epoch1904)), v);
        }
      }
      const n = Number(v);
      return Number.isNaN(n) ? new CellProblem(`“${v}” is not a number`) : n;
    }
    case 's': {
      if (!v) return null;
      const s = context.strings[Number(v)];
      return s === undefined
        ? new CellProblem(`refers to shared string ${v}, which the workbook does not have`)
        : trimmed(s);
    }
    case 'str':
      return v ? trimmed(unescapeXlsx(v)) : null;
    case 'inlineStr':
      return inline === undefined ? null : trimmed(inline);
    case 'b':
      if (!v) return null;
      if (v === '1') return true;
      if (v === '0') return false;
      return new CellProblem(`“${v}” is not TRUE or FALSE`);
    case 'e':
      return null; // #N/A, #DIV/0! and the like: no value
    case 'd': {
      if (!v) return null;
      return dateOrProblem(new Date(v), v);
    }
    default:
      return new CellProblem(`has a type (“${type}”) that is not a cell type`);
  }
}

/**
 * Read the worksheets of an .xlsx workbook, in the workbook's order: every one, or those `wanted` names
 * (`names` lists them all), holding no more than `limits` allow. Throws XlsxError when the file is not a
 * workbook, is damaged, or has a cell that cannot be read (named by worksheet and address), and
 * XlsxLimitError when it is larger than the limits.
 */
export function readWorksheets(
  content: Uint8Array,
  limits: XlsxLimits,
  wanted?: (sheet: string) => boolean,
): { names: string[]; worksheets: Worksheet[] } {
  let zip: ZipArchive;
  try {
    zip = new ZipArchive(content, limits.maxInflatedBytes);
  } catch (error) {
    throw new XlsxError((error as Error).message);
  }
  /** One part as text, or undefined if the archive has none; each is unpacked only when it is about to be read. */
  const part = (name: string): string | undefined => {
    try {
      return zip.read(name)?.toString('utf8');
    } catch (error) {
      throw error instanceof InflatedSizeError
        ? new XlsxLimitError(error.message)
        : new XlsxError((error as Error).message);
    }
  };
  const workbook = part('xl/workbook.xml');
  const relationships = part('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || relationships === undefined)
    throw new XlsxError('a zip archive without xl/workbook.xml, so not an Excel workbook');

  const target = (path: string) => (path.startsWith('/') ? path.slice(1) : `xl/${path}`);
  const parts: { styles?: string; sharedStrings?: string; sheets: Map<string, string> } = { sheets: new Map() };
  for (const tag of tags(relationships)) {
    if (tag.name !== 'Relationship' || tag.closing) continue;
    const { Id: id, Type: type = '', Target: path = '' } = tag.attributes;
    const base = RELATIONSHIPS.find((b) => type.startsWith(b));
    const kind = base ? type.slice(base.length) : '';
    if (kind === 'styles') parts.styles = target(path);
    else if (kind === 'sharedStrings') parts.sharedStrings = target(path);
    else if (kind === 'worksheet' && id) parts.sheets.set(id, target(path));
  }
  let epoch1904: boolean | undefined;
  const sheets: { name: string; path: string }[] = [];
  const names: string[] = [];
  for (const tag of tags(workbook)) {
    if (tag.name === 'workbookPr' && epoch1904 === undefined)
      epoch1904 = tag.attributes.date1904 === '1' || tag.attributes.date1904 === 'true';
    if (tag.name === 'sheet' && tag.attributes.name) {
      const name = unescapeXlsx(tag.attributes.name);
      if (names.length === MAX_WORKSHEETS)
        throw new XlsxError(`it has more than ${MAX_WORKSHEETS.toLocaleString('en-GB')} worksheets`);
      names.push(name);
      const path = parts.sheets.get(tag.attributes.id ?? '');
      if (path && (!wanted || wanted(name))) sheets.push({ name, path });
    }
  }
  const stylesPath = parts.styles ?? 'xl/styles.xml';
  const stringsPath = parts.sharedStrings ?? 'xl/sharedStrings.xml';
  try {
    // All that is to be read, by the sizes the archive declares: a workbook over the limit spends nothing.
    zip.reserve([stylesPath, stringsPath, ...sheets.map((s) => s.path)]);
  } catch (error) {
    throw new XlsxLimitError((error as Error).message);
  }
  const budget = new CellBudget(limits.maxCells);
  const styles = part(stylesPath);
  const strings = part(stringsPath);
  const context: Context = {
    strings: strings === undefined ? [] : sharedStrings(strings, budget),
    dates: styles === undefined ? undefined : dateStyles(styles),
    epoch1904: epoch1904 ?? false,
  };
  const worksheets = sheets.map(({ name, path }) => {
    const xml = part(path);
    if (xml === undefined) throw new XlsxError(`worksheet “${name}” (${path}) is missing`);
    return { sheet: name, ...sheetData(xml, name, context, budget) };
  });
  return { names, worksheets };
}
