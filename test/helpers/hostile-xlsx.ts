import { once } from 'node:events';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hostile .xlsx workbooks, made by the test that uses them (nothing large is committed): a small zip writer
 * over Node's zlib, whose entries may declare a size other than their own, and parts of hundreds of
 * megabytes deflated as a stream so that their text is never held whole. Used by
 * test/security/xlsx-limits.test.ts and bench/hostile-uploads.ts.
 */

export interface ZipPart {
  name: string;
  compressed: Buffer;
  crc: number;
  /** Its true size, unpacked. */
  size: number;
}

/** A part from its text. */
export function part(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, compressed: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

/** `head`, then `chunk` `times` over, then `tail`, as one part, deflated as it is made. */
export async function repeatedPart(
  name: string,
  head: string,
  chunk: string,
  times: number,
  tail: string,
): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, 'drain');
  };
  await write(Buffer.from(head));
  const piece = Buffer.from(chunk);
  for (let i = 0; i < times; i++) await write(piece);
  await write(Buffer.from(tail));
  deflate.end();
  await once(deflate, 'end');
  return { name, compressed: Buffer.concat(out), crc, size };
}

/** A zip archive of deflated parts (APPNOTE §4.3); `declared` overrides a part's unpacked size in its headers, to lie. */
export function zip(parts: ZipPart[], declared: Record<string, number> = {}): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = declared[p.name] ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.compressed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.compressed);
    directory.push(entry, name);
    offset += local.length + name.length + p.compressed.length;
  }
  const directorySize = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A worksheet part from its rows' XML. */
export const sheetPart = (n: number, rows: string) =>
  part(`xl/worksheets/sheet${n}.xml`, `${SHEET_HEAD}${rows}${SHEET_TAIL}`);

/** A cell holding text, as an inline string. */
export const text = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;

/** The header row the land register reads (the other imports refuse it, later, for their own reasons). */
export const HEADER_ROW = `<row r="1">${text('A1', 'reference')}${text('B1', 'name')}${text('C1', 'asset_type')}</row>`;

/** A workbook of the given worksheets (each named, its part already made), and any other parts (shared strings). */
export function workbook(
  sheets: { name: string; part: ZipPart }[],
  options: { extra?: ZipPart[]; declared?: Record<string, number>; sharedStrings?: boolean } = {},
): Buffer {
  const rels = sheets.map(
    (s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.part.name.slice('xl/'.length)}"/>`,
  );
  if (options.sharedStrings)
    rels.push(`<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const parts = [
    part('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    part(
      'xl/workbook.xml',
      `<workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    ),
    ...sheets.map((s) => s.part),
    ...(options.extra ?? []),
  ];
  return zip(parts, options.declared);
}

const MB = 1024 * 1024;
/** One row of XML, repeated to make a part of a given size: rows without cells, so only bytes are spent. */
const EMPTY_ROWS = '<row r="2"></row>'.repeat(4096);

/** A worksheet part of about `megabytes` MB of rows, under the header row, deflated to a few hundred kilobytes. */
export function bombPart(n: number, megabytes: number): Promise<ZipPart> {
  return repeatedPart(
    `xl/worksheets/sheet${n}.xml`,
    SHEET_HEAD + HEADER_ROW,
    EMPTY_ROWS,
    Math.ceil((megabytes * MB) / EMPTY_ROWS.length),
    SHEET_TAIL,
  );
}

/** One hostile workbook: how to make it with its worksheet named as an importer wants, and what Cairn must say. */
export interface Hostile {
  title: string;
  /** The limit it checks, and where that limit is configured. */
  limit: string;
  make: (sheetName: string) => Buffer;
  /** What the refusal says (after the file's name), or undefined where the reader reads it and the importer refuses it for its own reasons. */
  says: string | undefined;
}

/** The parts that take a while to make (deflating hundreds of megabytes), made once. */
export async function hostileWorkbooks(): Promise<Hostile[]> {
  const bomb = await bombPart(1, 200);
  const deep = 100_000;
  const manyEmptyCells = Array.from(
    { length: 200_000 },
    (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"></c></row>`,
  ).join('');
  const one = (rows: string) => (name: string) => workbook([{ name, part: sheetPart(1, HEADER_ROW + rows) }]);
  return [
    {
      title: 'a header and one cell at row 500,000,000',
      limit: 'Excel’s last row, 1,048,576 (EXCEL_MAX_ROWS in src/modules/imports/xlsx.ts)',
      make: one('<row r="500000000"><c r="A500000000"><v>1</v></c></row>'),
      says: 'is not an Excel workbook that can be read (worksheet “%s” has a cell, A500000000, below Excel’s last row, 1,048,576)',
    },
    {
      title: 'a header and one cell at XFE1, one column past Excel’s last',
      limit: 'Excel’s last column, XFD (EXCEL_MAX_COLUMNS in src/modules/imports/xlsx.ts)',
      make: (name) =>
        workbook([
          {
            name,
            part: sheetPart(
              1,
              `<row r="1">${text('A1', 'reference')}${text('B1', 'name')}${text('C1', 'asset_type')}<c r="XFE1"><v>1</v></c></row>`,
            ),
          },
        ]),
      says: 'is not an Excel workbook that can be read (worksheet “%s” has a cell, XFE1, right of Excel’s last column, XFD)',
    },
    {
      title: 'a header and one cell at XFD1048576, Excel’s very last cell (read sparsely: two rows, not a million)',
      limit:
        'rows held sparsely; CAIRN_IMPORT_MAX_CELLS (config.imports.maxCells) counts the two rows × 16,384 columns',
      make: one('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
      says: undefined,
    },
    {
      title: 'a worksheet whose zip entry declares 1,000 bytes and inflates to 200 MB',
      limit: 'the size the zip declares, enforced while inflating (src/modules/imports/unzip.ts)',
      make: (name) => workbook([{ name, part: bomb }], { declared: { [bomb.name]: 1000 } }),
      says: 'is not an Excel workbook that can be read (xl/worksheets/sheet1.xml cannot be inflated: it unpacks to more than the 1000 bytes the archive declares for it)',
    },
    {
      title: `an inflation bomb: a worksheet of 200 MB in ${Math.round(bomb.compressed.length / 1024)} KB`,
      limit: 'CAIRN_XLSX_MAX_INFLATED_MB (config.imports.maxInflatedBytes), 128 by default',
      make: (name) => workbook([{ name, part: bomb }]),
      says: 'is too large to read: it unpacks to more than the 128 MB Cairn reads from one workbook (the parts to read declare 200 MB; the largest, xl/worksheets/sheet1.xml, 200 MB)',
    },
    {
      title: `inline strings nested ${deep.toLocaleString('en-GB')} deep, inside elements nested as deep`,
      limit:
        'none needed: the scanner neither recurses nor builds a tree (src/modules/imports/xlsx.ts), so depth costs only its bytes',
      make: one(
        `<row r="2"><c r="A2" t="inlineStr"><is>${'<r>'.repeat(deep)}<t>R-1</t>${'</r>'.repeat(deep)}</is></c>${'<x>'.repeat(deep)}${'</x>'.repeat(deep)}</row>`,
      ),
      says: undefined,
    },
    {
      title: '200,000 cells with no value, which made each search for a value run to the end of the worksheet',
      limit:
        'none needed: each search starts where the last ended (src/modules/imports/xlsx.ts), so the scan is linear',
      make: one(manyEmptyCells),
      says: undefined,
    },
    {
      title: 'shared strings whose last item never closes',
      limit: 'none needed: an unclosed item is refused as cut short (src/modules/imports/xlsx.ts)',
      make: (name) =>
        workbook([{ name, part: sheetPart(1, HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>') }], {
          sharedStrings: true,
          extra: [part('xl/sharedStrings.xml', `<sst ${NS}><si><t>R-1</t></si><si`)],
        }),
      says: 'is not an Excel workbook that can be read (its shared strings are cut short)',
    },
    {
      title:
        'a header reaching XFD1 and 200 rows of one cell each: 3.3 million cells once every row is as wide as the header',
      limit:
        'CAIRN_IMPORT_MAX_CELLS (config.imports.maxCells), 2,000,000 by default: the table an import sees, counted before it is made',
      make: one(
        `<row r="1"><c r="XFD1"><v>1</v></c></row>` +
          Array.from({ length: 200 }, (_, i) => `<row r="${i + 2}">${text(`A${i + 2}`, `R-${i}`)}</row>`).join(''),
      ),
      says: 'is too large to read: it holds more than the 2,000,000 cells Cairn reads from one workbook (the limit was passed in worksheet “%s”)',
    },
  ];
}

/** A workbook of `rows` × `columns` numbers under the header row: too many cells once CAIRN_IMPORT_MAX_CELLS is set low. */
export function manyCells(sheetName: string, rows: number, columns: number): Buffer {
  const letters = (i: number) =>
    i < 26
      ? String.fromCharCode(65 + i)
      : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
  const body = Array.from(
    { length: rows },
    (_, r) =>
      `<row r="${r + 2}">${Array.from({ length: columns }, (_, c) => `<c r="${letters(c)}${r + 2}"><v>${c}</v></c>`).join('')}</row>`,
  ).join('');
  return workbook([{ name: sheetName, part: sheetPart(1, HEADER_ROW + body) }]);
}

/** The same bomb spread over three worksheets of 60 MB: each under the limit, the workbook over it. */
export async function spreadBomb(): Promise<Buffer> {
  const parts = await Promise.all([1, 2, 3].map((n) => bombPart(n, 60)));
  return workbook(parts.map((p, i) => ({ name: i === 0 ? 'Labels' : `Sheet${i + 1}`, part: p })));
}
