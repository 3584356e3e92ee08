import { readFileSync } from 'node:fs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import {
  decodeXml,
  excelSerialToTime,
  isDateFormatCode,
  readWorksheets,
  unescapeXlsx,
  XlsxError,
  type CellValue,
  type Worksheet,
} from '../src/modules/imports/xlsx.ts';
import { readXlsx, sheetTable } from '../src/modules/imports/xlsx-reader.ts';
import { sharedData } from './helpers/shared-data.ts';

// Cairn's own .xlsx reader is held to read-excel-file (the reader it replaced, kept as a test oracle): the
// same worksheets, the same rows, the same value in every cell. Cairn holds rows sparsely (only those with
// a value, each with its number); `dense` lays them out as read-excel-file does, to compare.

/** The limits the reader works under by default (config.imports: CAIRN_IMPORT_MAX_CELLS, CAIRN_XLSX_MAX_INFLATED_MB). */
const LIMITS = loadConfig({}).imports;

interface DenseSheet {
  sheet: string;
  data: CellValue[][];
}

/** read-excel-file's reading of a workbook. */
async function oracle(bytes: Uint8Array): Promise<DenseSheet[]> {
  return (await readXlsxFile(Buffer.from(bytes))) as DenseSheet[];
}

/** A worksheet as read-excel-file lays it out: rows 1 to the last with a value, every row as wide as the widest, null for nothing. */
function dense(w: Worksheet): CellValue[][] {
  const last = w.rows.at(-1)?.row ?? 0;
  const data = Array.from({ length: last }, () => Array<CellValue>(w.width).fill(null));
  for (const { row, cells } of w.rows) cells.forEach((c, j) => (data[row - 1]![j] = c));
  return data;
}

/** Cell-by-cell differences between two readings (dates compared by time, numbers exactly), at most `limit`. */
function differences(sparse: Worksheet[], theirs: DenseSheet[], limit = 5): string[] {
  const out: string[] = [];
  const ours = sparse.map((w) => ({ sheet: w.sheet, data: dense(w) }));
  if (ours.length !== theirs.length) out.push(`${ours.length} worksheets, not ${theirs.length}`);
  theirs.forEach((sheet, s) => {
    const mine = ours[s];
    if (!mine) return;
    if (mine.sheet !== sheet.sheet) out.push(`worksheet ${s + 1} is “${mine.sheet}”, not “${sheet.sheet}”`);
    if (mine.data.length !== sheet.data.length)
      out.push(`${sheet.sheet}: ${mine.data.length} rows, not ${sheet.data.length}`);
    sheet.data.forEach((row, r) => {
      const minerow = mine.data[r] ?? [];
      if (minerow.length !== row.length)
        out.push(`${sheet.sheet} row ${r + 1}: ${minerow.length} cells, not ${row.length}`);
      row.forEach((cell, c) => {
        const a = minerow[c];
        const same = cell instanceof Date && a instanceof Date ? cell.getTime() === a.getTime() : Object.is(cell, a);
        if (!same)
          out.push(`${sheet.sheet} row ${r + 1} column ${c + 1}: ${JSON.stringify(a)}, not ${JSON.stringify(cell)}`);
      });
    });
  });
  return out.slice(0, limit);
}

const WORKBOOKS = [
  ['cpop', 'IGZ_Data_Sep_23.xlsx'],
  ['cpop', 'Final_CPP_Data_Sep_2023.xlsx'],
  ['cpop', 'datazone_data_for_maps.xlsx'],
  ['lgbf', 'new_bnch_data.xlsx'],
  ['lgbf', 'Metadata_Shiny.xlsx'],
  ['npf', 'npf_database.xlsx'],
  ['population', 'Mid-year_population_estimates.xlsx'],
  ['simd', 'SIMD_2020v2_ranks.xlsx'],
] as const;

describe('reading the real workbooks in ../shared/data', () => {
  it.each(WORKBOOKS)('%s/%s: every worksheet and cell as read-excel-file reads it', async (folder, name) => {
    const bytes = readFileSync(sharedData(folder, name));
    const { names, worksheets } = readWorksheets(bytes, LIMITS);
    const theirs = await oracle(bytes);
    expect(names).toEqual(theirs.map((s) => s.sheet));
    expect(differences(worksheets, theirs)).toEqual([]);
    expect(worksheets.reduce((n, w) => n + w.rows.length, 0)).toBeGreaterThan(10);
  });

  it('reads only the worksheets asked for, and still names them all', () => {
    const bytes = readFileSync(sharedData('lgbf', 'new_bnch_data.xlsx'));
    const { names, worksheets } = readWorksheets(bytes, LIMITS, (sheet) => sheet === 'Raw Data');
    expect(worksheets.map((w) => w.sheet)).toEqual(['Raw Data']);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('Raw Data');
  });
});

// --- Hand-made workbooks, for the parts of the format the real files do not use ---

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Parts {
  sheets: { name: string; xml: string }[];
  strings?: string[];
  /** the <cellXfs> and <numFmts> of styles.xml; undefined leaves styles.xml out */
  styles?: { numFmts?: string; cellXfs: string; cellStyleXfs?: string; dxfs?: string };
  workbookPr?: string;
  /** a sheet's relationship target written from the root ("/xl/…") */
  absolute?: boolean;
  level?: 0 | 6;
}

function workbook(parts: Parts): Uint8Array {
  const files: Zippable = {};
  const put = (name: string, xml: string) =>
    (files[name] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`));
  put('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  put(
    'xl/workbook.xml',
    `<workbook ${NS}>${parts.workbookPr ?? ''}<sheets>${parts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  const rels = parts.sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${parts.absolute ? '/xl/' : ''}worksheets/sheet${i + 1}.xml"/>`,
  );
  if (parts.strings) rels.push(`<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (parts.styles) rels.push(`<Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/>`);
  put(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  parts.sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, s.xml));
  if (parts.strings)
    put('xl/sharedStrings.xml', `<sst ${NS} count="${parts.strings.length}">${parts.strings.join('')}</sst>`);
  if (parts.styles) {
    const {
      numFmts = '',
      cellXfs,
      cellStyleXfs = '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>',
      dxfs = '',
    } = parts.styles;
    put('xl/styles.xml', `<styleSheet ${NS}>${numFmts}${cellStyleXfs}${cellXfs}${dxfs}</styleSheet>`);
  }
  return zipSync(files, { level: parts.level ?? 6 });
}

const sheet = (rows: string) => `<worksheet ${NS}><dimension ref="A1"/><sheetData>${rows}</sheetData></worksheet>`;
const STYLES = {
  numFmts:
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>',
  // 0 general, 1 built-in date (14), 2 custom date, 3 percentage, 4 elapsed hours, 5 inherits its number format from base style 1
  cellStyleXfs: '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>',
  cellXfs:
    '<cellXfs count="6"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0"/><xf numFmtId="164" xfId="0"/><xf numFmtId="165" xfId="0"/><xf numFmtId="166" xfId="0"/><xf xfId="1"/></cellXfs>',
};

async function bothRead(parts: Parts): Promise<CellValue[][][]> {
  const bytes = workbook(parts);
  const ours = readWorksheets(bytes, LIMITS).worksheets;
  expect(differences(ours, await oracle(bytes))).toEqual([]);
  return ours.map(dense);
}

describe('reading hand-made workbooks', () => {
  it('reads shared strings: plain, rich text runs, phonetic runs left out, entities, _xHHHH_ escapes, trimmed, blank as empty', async () => {
    const strings = [
      '<si><t>Plain</t></si>',
      '<si><r><t>Rich </t></r><r><rPr><b/><color rgb="FF0000"/></rPr><t xml:space="preserve">text</t></r></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>',
      '<si><t>Fish &amp; chips &lt;3 &#233;&#x263A; &quot;q&quot;</t></si>',
      '<si><t>Line_x000D__x000A_two _x005F_x0041_</t></si>',
      '<si><t xml:space="preserve">  padded  </t></si>',
      '<si><t xml:space="preserve">   </t></si>',
      '<si><t/></si>',
    ];
    const rows = sheet(
      `<row r="1">${strings.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`,
    );
    const [data] = await bothRead({ sheets: [{ name: 'Strings', xml: rows }], strings });
    expect(data![0]).toEqual(['Plain', 'Rich text', '漢字', 'Fish & chips <3 é☺ "q"', 'Line\r\ntwo _x0041_', 'padded']); // the blank strings are empty cells, and empty columns at the right are dropped
  });

  it('reads numbers, booleans, formula strings, inline strings and error cells', async () => {
    const rows = sheet(
      '<row r="1"><c r="A1"><v>1.5</v></c><c r="B1"><v>-2E-3</v></c><c r="C1"><v>79.290000000000006</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>' +
        '<c r="F1" t="str"><f>A1&amp;"x"</f><v>1.5x</v></c><c r="G1" t="inlineStr"><is><t>inline &amp; </t></is></c><c r="H1" t="inlineStr"><is><r><t>in</t></r><r><t>runs</t></r></is></c>' +
        '<c r="I1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="J1" t="str"><f>""</f><v></v></c><c r="K1" t="n"><v></v></c><c r="L1" t="s"/><c r="M1"><v>7</v></c></row>',
    );
    const [data] = await bothRead({ sheets: [{ name: 'Kinds', xml: rows }] });
    expect(data![0]).toEqual([
      1.5,
      -0.002,
      79.29,
      true,
      false,
      '1.5x',
      'inline &',
      'inruns',
      null,
      null,
      null,
      null,
      7,
    ]);
  });

  it('reads dates by number format: built-in, custom, elapsed time, inherited from a base style; not percentages; 1900 and 1904 epochs', async () => {
    const row =
      '<row r="1"><c r="A1" s="1"><v>44927</v></c><c r="B1" s="2"><v>45000.5</v></c><c r="C1" s="3"><v>0.25</v></c><c r="D1" s="4"><v>1.5</v></c><c r="E1" s="5"><v>44927</v></c><c r="F1" s="0"><v>44927</v></c><c r="G1" t="d"><v>2021-06-10T00:47:45.700Z</v></c></row>';
    const [data] = await bothRead({ sheets: [{ name: 'Dates', xml: sheet(row) }], styles: STYLES });
    expect(data![0]).toEqual([
      new Date('2023-01-01'),
      new Date('2023-03-15T12:00:00Z'),
      0.25,
      new Date(excelSerialToTime(1.5, false)),
      new Date('2023-01-01'),
      44927,
      new Date('2021-06-10T00:47:45.700Z'),
    ]);
    const [mac] = await bothRead({
      sheets: [{ name: 'Dates', xml: sheet('<row r="1"><c r="A1" s="1"><v>43465</v></c></row>') }],
      styles: STYLES,
      workbookPr: '<workbookPr date1904="1"/>',
    });
    expect(mac![0]).toEqual([new Date('2023-01-01')]);
  });

  it('takes a cell’s number format from <numFmts>, not from a conditional format that reuses its id; reads an empty type as a number', async () => {
    const styles = {
      numFmts: '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>',
      cellXfs: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>',
      dxfs: '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></dxf></dxfs>',
    };
    const [data] = await bothRead({
      sheets: [
        { name: 'Formats', xml: sheet('<row r="1"><c r="A1" s="1"><v>44927</v></c><c r="B1" t=""><v>5</v></c></row>') },
      ],
      styles,
    });
    expect(data![0]).toEqual([44927, 5]);
  });

  it('places cells by address: gaps between rows and columns as empty cells, empty rows and columns at the end dropped', async () => {
    const rows = sheet(
      '<row r="2"><c r="B2"><v>1</v></c><c r="E2" s="0"/></row><row r="4"><c r="A4"><v>2</v></c><c r="C4" t="s"/></row><row r="6"><c r="D6" s="0"/></row><row r="9"/>',
    );
    const [data] = await bothRead({ sheets: [{ name: 'Gaps', xml: rows }], styles: STYLES });
    expect(data).toEqual([
      [null, null],
      [null, 1],
      [null, null],
      [2, null],
    ]);
  });

  it('holds rows sparsely: only rows with a value, each with its number, in row order however they come; a table keeps the numbers', async () => {
    const rows = sheet(
      '<row r="900000"><c r="B900000"><v>3</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c></row><row r="5"><c r="C5" s="0"/></row><row r="7"><c r="A7"><v>1</v></c></row>',
    );
    const [w] = readWorksheets(
      workbook({ sheets: [{ name: 'Sparse', xml: rows }], styles: STYLES }),
      LIMITS,
    ).worksheets;
    expect(w).toEqual({
      sheet: 'Sparse',
      width: 2,
      rows: [
        { row: 2, cells: ['a', 'b'] },
        { row: 7, cells: [1] },
        { row: 900000, cells: [null, 3] },
      ],
    });
    const table = sheetTable({ name: 'gaps.xlsx', content: Buffer.alloc(0) }, w!);
    expect(table).toMatchObject({
      header: ['a', 'b'],
      headerRow: 2,
      rows: [
        ['1', ''],
        ['', '3'],
      ],
      rowNumbers: [7, 900000],
      blankRows: 900000 - 2 - 2,
    });
  });

  it('reads several worksheets in the workbook’s order, stored (uncompressed) entries, and targets written from the root', async () => {
    const parts: Parts = {
      sheets: [
        { name: 'Second &amp; last', xml: sheet('<row r="1"><c r="A1"><v>2</v></c></row>') },
        { name: 'Empty', xml: sheet('') },
        { name: 'Third', xml: `<worksheet ${NS}><sheetData/></worksheet>` },
      ],
      absolute: true,
      level: 0,
    };
    const bytes = workbook(parts);
    const { names, worksheets } = readWorksheets(bytes, LIMITS);
    expect(names).toEqual(['Second & last', 'Empty', 'Third']);
    expect(worksheets.map(dense)).toEqual([[[2]], [], []]);
    expect(differences(worksheets, await oracle(bytes))).toEqual([]);
  });

  it('reads a worksheet whose elements carry a namespace prefix, and cells and rows without addresses', () => {
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Area</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const unaddressed = sheet(
      '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row><c><v>2</v></c><c/><c><v>3</v></c></row>',
    );
    const { worksheets } = readWorksheets(
      workbook({
        sheets: [
          { name: 'Prefixed', xml: prefixed },
          { name: 'No addresses', xml: unaddressed },
        ],
      }),
      LIMITS,
    );
    expect(dense(worksheets[0]!)).toEqual([['Area', 3]]);
    expect(dense(worksheets[1]!)).toEqual([
      ['a', 1, null],
      [2, null, 3],
    ]);
  });

  it('reads back the workbooks Cairn writes (write-excel-file), strings, numbers, dates and blanks', async () => {
    const written = await writeExcelFile(
      [
        ['organisation', 'money', 'when', 'prevention', 'note'],
        ['NHS Highland', 1250.75, new Date('2026-04-01'), true, null],
        ['  Police Scotland ', 0, null, false, 'a, “quoted”\nnote'],
      ],
      { sheet: 'Commitments', dateFormat: 'dd/mm/yyyy' },
    ).toBuffer();
    const bytes = new Uint8Array(written);
    const { worksheets } = readWorksheets(bytes, LIMITS);
    expect(differences(worksheets, await oracle(bytes))).toEqual([]);
    expect(dense(worksheets[0]!)[1]).toEqual(['NHS Highland', 1250.75, new Date('2026-04-01'), true, null]);
    expect(dense(worksheets[0]!)[2]).toEqual(['Police Scotland', 0, null, false, 'a, “quoted”\nnote']);
  });
});

describe('refusing what cannot be read, saying why', () => {
  const good = () =>
    workbook({
      sheets: [{ name: 'S', xml: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
      strings: ['<si><t>x</t></si>'],
    });
  const refused = (bytes: Uint8Array): string => {
    try {
      readWorksheets(bytes, LIMITS);
    } catch (error) {
      expect(error).toBeInstanceOf(XlsxError);
      return (error as Error).message;
    }
    throw new Error('the workbook was read');
  };

  it('a file cut short, a file that is not a zip, a zip that is not a workbook', () => {
    const bytes = good();
    expect(refused(bytes.subarray(0, bytes.length - 30))).toBe(
      'no zip central directory at its end: not a zip archive, or cut short',
    );
    expect(refused(strToU8('area_code,indicator,period,value\n'))).toBe(
      'no zip central directory at its end: not a zip archive, or cut short',
    );
    expect(refused(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toBe(
      'a zip archive without xl/workbook.xml, so not an Excel workbook',
    );
  });

  it('an entry whose bytes were damaged', () => {
    const bytes = workbook({
      sheets: [{ name: 'S', xml: sheet('<row r="1"><c r="A1"><v>1</v></c></row>') }],
      level: 0,
    });
    const text = Buffer.from(bytes).toString('latin1');
    const damaged = Buffer.from(bytes);
    damaged[text.indexOf('<v>1</v>') + 3] = '2'.charCodeAt(0);
    expect(refused(damaged)).toBe('xl/worksheets/sheet1.xml is damaged: its size or checksum does not match');
  });

  it('a cell naming a shared string, a style or a type the workbook does not have, or a value that is not its type', () => {
    const one = (row: string, parts: Partial<Parts> = {}) =>
      refused(workbook({ sheets: [{ name: 'Data', xml: sheet(`<row r="3">${row}</row>`) }], ...parts }));
    expect(one('<c r="B3" t="s"><v>4</v></c>', { strings: ['<si><t>x</t></si>'] })).toBe(
      'worksheet “Data” cell B3: refers to shared string 4, which the workbook does not have',
    );
    expect(one('<c r="C3" s="9"><v>1</v></c>', { styles: STYLES })).toBe(
      'worksheet “Data” cell C3: names a cell style (9) the workbook does not have',
    );
    expect(one('<c r="C3" s="1"><v>1</v></c>')).toBe(
      'worksheet “Data” cell C3: names a cell style (1) the workbook does not have',
    );
    expect(one('<c r="A3"><v>12abc</v></c>')).toBe('worksheet “Data” cell A3: “12abc” is not a number');
    expect(one('<c r="A3" t="b"><v>yes</v></c>')).toBe('worksheet “Data” cell A3: “yes” is not TRUE or FALSE');
    expect(one('<c r="A3" t="q"><v>1</v></c>')).toBe(
      'worksheet “Data” cell A3: has a type (“q”) that is not a cell type',
    );
    expect(one('<c r="A3" s="1"><v>1E10</v></c>', { styles: STYLES })).toBe(
      'worksheet “Data” cell A3: “1E10” is not a date between the years 1 and 9999',
    );
    expect(one('<c r="A3" t="d"><v>+010000-01-01T00:00:00Z</v></c>')).toBe(
      'worksheet “Data” cell A3: “+010000-01-01T00:00:00Z” is not a date between the years 1 and 9999',
    );
    for (const address of ['B', 'A0', '$B$1', 'A-1', 'A1.5', 'b2']) {
      expect(one(`<c r="${address}"><v>1</v></c>`)).toBe(
        `worksheet “Data” has a cell whose address (“${address}”) is not a column and row such as B7`,
      );
    }
  });

  it('a worksheet cut short inside its data, and a part that inflates to more than the archive says', () => {
    expect(
      refused(
        workbook({
          sheets: [{ name: 'Cut', xml: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row>` }],
        }),
      ),
    ).toBe('worksheet “Cut” is cut short');
    // The central directory says sheet1.xml is 10 bytes unpacked; it inflates to far more.
    const bytes = Buffer.from(
      workbook({ sheets: [{ name: 'S', xml: sheet('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(50)) }] }),
    );
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (
      let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at >= 0;
      at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    ) {
      if (bytes.subarray(at + 46, at + 46 + name.length).equals(name)) bytes.writeUInt32LE(10, at + 24);
    }
    expect(refused(bytes)).toMatch(/^xl\/worksheets\/sheet1\.xml cannot be inflated: /);
  });

  it('reaches the person importing as an error naming the file (read in a worker thread)', async () => {
    const bytes = good();
    await expect(
      readXlsx({ name: 'upload.xlsx', content: Buffer.from(bytes.subarray(0, 100)) }, LIMITS),
    ).rejects.toThrow(
      'upload.xlsx: is not an Excel workbook that can be read (no zip central directory at its end: not a zip archive, or cut short)',
    );
    await expect(readXlsx({ name: 'upload.xlsx', content: Buffer.from(bytes) }, LIMITS, 'Data')).rejects.toThrow(
      'upload.xlsx: has no worksheet named “Data” (it has: S)',
    );
    const table = await readXlsx(
      {
        name: 'upload.xlsx',
        content: Buffer.from(
          workbook({
            sheets: [
              {
                name: 'S',
                xml: sheet(
                  '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>',
                ),
              },
            ],
          }),
        ),
      },
      LIMITS,
    );
    expect(table).toMatchObject({
      file: 'upload.xlsx (worksheet “S”)',
      header: ['1', '2'],
      rows: [['', '3']],
      rowNumbers: [3],
      headerRow: 1,
      blankRows: 1,
    });
  });
});

describe('the pieces, on their own', () => {
  it('tells date formats from number formats', () => {
    for (const code of [
      'dd/mm/yyyy',
      'd-mmm-yy',
      'yyyy-mm-dd;@',
      '[h]:mm:ss',
      'mm:ss.0',
      '[$-809]dd mmmm yyyy',
      'hh:mm AM/PM',
      'dddd, "the" d',
    ])
      expect(isDateFormatCode(code), code).toBe(true);
    for (const code of ['0.0%', '#,##0.00', '"£"#,##0', '0.00E+00', '@', 'General', '[Red]0.0'])
      expect(isDateFormatCode(code), code).toBe(false);
  });

  it('decodes XML references and _xHHHH_ escapes, and leaves unknown ones as written', () => {
    expect(decodeXml('a &amp; b &#10; &#x1F600; &nbsp; &AMP; &Amp; &constructor; &__proto__;')).toBe(
      'a & b \n 😀 &nbsp; & &Amp; &constructor; &__proto__;',
    );
    expect(unescapeXlsx('_x0009_tab _x005F_x0009_ _xZZZZ_')).toBe('\ttab _x0009_ _xZZZZ_');
  });

  it('turns Excel serial dates into times: 1 January 1970 is 25,569; the 1904 system is 1,462 days on', () => {
    expect(excelSerialToTime(25569, false)).toBe(0);
    expect(excelSerialToTime(25569.5, false)).toBe(43_200_000);
    expect(excelSerialToTime(25569 - 1462, true)).toBe(0);
  });
});
