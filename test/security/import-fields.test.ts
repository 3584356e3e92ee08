import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { CSV_MAX_COLUMNS, CSV_MAX_ROW_CHARS } from '../../src/modules/imports/csv-reader.ts';
import { ImportError, ImportsService, readCsv } from '../../src/modules/imports/index.ts';
import { OWN_INDICATOR_NAME_MAX } from '../../src/modules/imports/local-data.importer.ts';
import { createWorld, DEMO, signedIn, type Client, type TestWorld } from '../helpers/app.ts';
import { engine } from '../helpers/db.ts';
import { demoPlan } from '../helpers/samples.ts';

/**
 * Issue 14, defect 9 (no length limits on imported text) and the encoding part of defect 10.
 *
 * The limits checked here, and where each is configured:
 *  - a row's characters: CSV_MAX_ROW_CHARS (65,536), csv-parse's max_record_size, in
 *    src/modules/imports/csv-reader.ts;
 *  - a row's cells: CSV_MAX_COLUMNS (1,000), csv-reader.ts, counted before parsing;
 *  - a file's bytes and cells: config.imports.maxFileBytes (CAIRN_IMPORT_MAX_MB, default 64) and
 *    config.imports.maxCells (CAIRN_IMPORT_MAX_CELLS, default 2,000,000), src/config.ts, given to the
 *    services by src/deps.ts;
 *  - the fields' lengths: the forms' own schemas, used by the importers too — OwnIndicatorName and
 *    OwnIndicatorUnit (local-data.importer.ts, the LocalUpload form of imports.routes.tsx), AssetSchema
 *    (community.schemas.ts, the land register's form), CommitmentSchema (resources.service.ts);
 *  - the rules of a table: each column named once, each row as wide as the header (csv-reader.ts
 *    checkHeader and fitRow, applied by readCsv to every CSV file every importer reads);
 *  - encodings: csv-reader.ts notTextBecause, which names UTF-16, workbooks, .xls, PDF and binary files,
 *    and says Windows-1252 only of text that could be it.
 *
 * Every hostile file is made here and sent through each CSV import path, over HTTP as a browser sends it:
 * a partnership's own data, the land register, resources, and a national CSV kind at /imports. Each is
 * answered 400 with the page's error naming the file (and the row and column where there is one), and
 * nothing is written. On the code before the fix, the duplicate header, extra cell, long row, wide row and
 * the long names were imported (the 2,000,000-character name became an indicator), and the encodings were
 * all reported as "suggests Windows-1252".
 */

let world: TestWorld;
let manager: Client;
let analyst: Client;
let planId: number;
let financialYear: string;
let landOwner: string;

beforeAll(async () => {
  world = await createWorld();
  manager = await signedIn(world, 'manager@glenlochy.example');
  analyst = await signedIn(world, 'analyst@cairn.example');
  const plan = await demoPlan(world);
  planId = plan.planId;
  const { start_year } = await world.handle.db
    .selectFrom('plans')
    .select('start_year')
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  financialYear = `${start_year}/${String((start_year + 1) % 100).padStart(2, '0')}`;
  const owner = await world.handle.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Glenlochy Council')
    .executeTakeFirstOrThrow();
  landOwner = String(owner.id);
});
afterAll(() => world.close());

/** Rows in every table an import writes, and the audit trail: none may change when a file is refused. */
async function counts() {
  const db = world.handle.db;
  const n = async (
    table:
      | 'observations'
      | 'indicators'
      | 'land_assets'
      | 'resource_commitments'
      | 'import_runs'
      | 'audit_events'
      | 'family_groups',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    observations: await n('observations'),
    indicators: await n('indicators'),
    land_assets: await n('land_assets'),
    resource_commitments: await n('resource_commitments'),
    import_runs: await n('import_runs'),
    audit_events: await n('audit_events'),
    family_groups: await n('family_groups'),
  };
}

/** One CSV import path: who uses it, its header and a good row, and how a file is sent. */
interface ImportPath {
  name: string;
  header: string[];
  row: string[];
  send: (file: File, extra?: Record<string, string>) => ReturnType<Client['request']>;
}

const PATHS: ImportPath[] = [
  {
    name: 'own data (POST /partnerships/<code>/data/import)',
    header: ['area_code', 'indicator', 'period', 'value'],
    row: ['DEMO-GLENLOCHY', 'Residents who feel safe after dark', '2024', '61.5'],
    send: (file, extra = {}) =>
      manager.request('POST', `/partnerships/${DEMO.code}/data/import`, {
        multipart: { file, format: 'tidy', ...extra },
      }),
  },
  {
    name: 'land register (POST /partnerships/<code>/land/import)',
    header: ['reference', 'name', 'asset_type'],
    row: ['HOSTILE-1', 'Yard', 'land'],
    send: (file, extra = {}) =>
      manager.request('POST', `/partnerships/${DEMO.code}/land/import`, {
        multipart: { owner_organisation_id: landOwner, file, ...extra },
      }),
  },
  {
    name: 'resources (POST /partnerships/<code>/plans/<id>/resources/import)',
    header: ['organisation', 'priority', 'financial_year', 'money', 'arrangement', 'prevention'],
    row: ['NHS Glenlochy', 'Tackling child poverty', '2026/27', '100', 'aligned', 'preventative'],
    send: (file, extra = {}) =>
      manager.request('POST', `/partnerships/${DEMO.code}/plans/${planId}/resources/import`, {
        multipart: { file, ...extra },
      }),
  },
  {
    name: 'national family groups (POST /imports, a national analyst)',
    header: ['Family_Group', 'Local_Authority', 'Type'],
    row: ['Family Group 1', 'Eilean Siar', 'Environmental'],
    send: (file, extra = {}) =>
      analyst.request('POST', '/imports', { multipart: { kind: 'family-groups', files: file, ...extra } }),
  },
];

const line = (cells: string[]) => cells.join(',');
const csv = (...rows: string[][]) => `${rows.map(line).join('\r\n')}\r\n`;
const asFile = (name: string, content: string | Buffer) =>
  new File([typeof content === 'string' ? content : new Uint8Array(content)], name, { type: 'text/csv' });
/** The page's text as a person reads it: the few entities Hono's escaping writes, decoded. */
const readable = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** UTF-16 as Windows "Unicode" text saves it: little-endian unless asked, with or without a byte-order mark. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]!));
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

/** The first bytes of an Office 97–2003 compound file (.xls), as Excel writes them, and a little more. */
const xls = () =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0x00)]);

interface Hostile {
  name: string;
  file: (p: ImportPath) => File | Promise<File>;
  /** The message the page must show, as a person reads it. */
  message: (p: ImportPath, file: string) => string;
}

const HOSTILE: Hostile[] = [
  {
    name: 'a duplicate header (the first column twice)',
    file: (p) => asFile('duplicate.csv', csv([...p.header, p.header[0]!], [...p.row, p.row[0]!])),
    message: (p, f) =>
      `${f}, row 1, column ${p.header[0]}: has two columns headed “${p.header[0]}” (columns 1 and ${p.header.length + 1}): rename or remove one`,
  },
  {
    name: 'a ragged row with an extra cell',
    file: (p) => asFile('extra.csv', csv(p.header, p.row, [...p.row, 'surplus'])),
    message: (p, f) => `${f}, row 3, column ${p.header.length + 1} (no heading): “surplus” is beyond the last column`,
  },
  {
    name: 'a ragged row with a missing cell',
    file: (p) => asFile('missing.csv', csv(p.header, p.row, p.row.slice(0, -1))),
    message: (p, f) =>
      `${f}, row 3, column ${p.header.at(-1)}: has ${p.header.length - 1} cells where the header has ${p.header.length}: is the row cut short?`,
  },
  {
    name: `a row past CSV_MAX_ROW_CHARS (${CSV_MAX_ROW_CHARS} characters)`,
    file: (p) =>
      asFile('long.csv', csv(p.header, p.row, [p.row[0]!, 'x'.repeat(CSV_MAX_ROW_CHARS + 10), ...p.row.slice(2)])),
    message: (p, f) =>
      `${f}, row 3, column ${p.header[1]}: holds more than 65,536 characters in one row, the most Cairn reads`,
  },
  {
    name: `a row wider than CSV_MAX_COLUMNS (${CSV_MAX_COLUMNS} cells)`,
    file: (p) =>
      asFile(
        'wide.csv',
        csv(
          p.header,
          p.row,
          Array.from({ length: CSV_MAX_COLUMNS + 5 }, () => ''),
        ),
      ),
    message: (_p, f) => `${f}, row 3, column 1001: has more than 1,000 cells in a row, the most Cairn reads`,
  },
  {
    name: 'UTF-16LE with a byte-order mark',
    file: (p) => asFile('utf16le-bom.csv', utf16(csv(p.header, p.row), 'le', true)),
    message: (_p, f) => `${f}: is UTF-16 text (little-endian, with a byte-order mark), not UTF-8: save it as UTF-8 CSV`,
  },
  {
    name: 'UTF-16BE with a byte-order mark',
    file: (p) => asFile('utf16be-bom.csv', utf16(csv(p.header, p.row), 'be', true)),
    message: (_p, f) => `${f}: is UTF-16 text (big-endian, with a byte-order mark), not UTF-8: save it as UTF-8 CSV`,
  },
  {
    name: 'UTF-16LE without a byte-order mark',
    file: (p) => asFile('utf16le.csv', utf16(csv(p.header, p.row), 'le', false)),
    message: (_p, f) =>
      `${f}: is UTF-16 text (little-endian, without a byte-order mark), not UTF-8: save it as UTF-8 CSV`,
  },
  {
    name: 'UTF-16BE without a byte-order mark',
    file: (p) => asFile('utf16be.csv', utf16(csv(p.header, p.row), 'be', false)),
    message: (_p, f) => `${f}: is UTF-16 text (big-endian, without a byte-order mark), not UTF-8: save it as UTF-8 CSV`,
  },
  {
    name: 'an old Excel .xls workbook renamed .csv',
    file: () => asFile('old.csv', xls()),
    message: (_p, f) => `${f}: is an old Excel .xls workbook (or another Office 97–2003 file), not CSV`,
  },
  {
    name: 'a PDF renamed .csv',
    file: () =>
      asFile(
        'report.csv',
        Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
      ),
    message: (_p, f) => `${f}: is a PDF, not CSV`,
  },
  {
    name: 'Windows-1252 text (named as such, with the row and column of the first bad character)',
    file: (p) => asFile('cp1252.csv', Buffer.from(csv(p.header, [p.row[0]!, 'Caf\xe9', ...p.row.slice(2)]), 'latin1')),
    message: (p, f) =>
      `${f}, row 2, column ${p.header[1]}: is not UTF-8 text: “Caf\uFFFD” has a character saved in another encoding (Windows-1252 or Latin-1?)`,
  },
];

/** A workbook renamed .csv: refused as a workbook where only CSV is read; read as the workbook it is where workbooks are accepted. */
const workbook = (p: ImportPath) =>
  writeExcelFile([
    [...p.header, p.header[0]!],
    [...p.row, p.row[0]!],
  ]).toBuffer();

describe(`hostile CSV files through every CSV import path (${engine()})`, () => {
  for (const path of PATHS) {
    describe(path.name, () => {
      for (const hostile of HOSTILE) {
        it(`refuses ${hostile.name}, naming the file, writing nothing`, async () => {
          const file = await hostile.file(path);
          const before = await counts();
          const res = await path.send(file);
          expect(res.status).toBe(400);
          expect(readable(res.text)).toContain(hostile.message(path, file.name));
          expect(await counts()).toEqual(before);
        });
      }

      it('refuses an .xlsx workbook renamed .csv: as not CSV where only CSV is read, by the header rule where workbooks are accepted', async () => {
        const file = asFile('workbook.csv', await workbook(path));
        const before = await counts();
        const res = await path.send(file);
        expect(res.status).toBe(400);
        const acceptsWorkbooks = path.name.startsWith('land') || path.name.startsWith('resources');
        expect(readable(res.text)).toContain(
          acceptsWorkbooks
            ? `workbook.csv (worksheet “Sheet1”), row 1, column ${path.header[0]}: has two columns headed “${path.header[0]}” (columns 1 and ${path.header.length + 1})`
            : 'workbook.csv: is an Excel workbook (.xlsx), not CSV: upload it where workbooks are accepted, or save it as UTF-8 CSV',
        );
        expect(await counts()).toEqual(before);
      });
    });
  }
});

describe(`imported text is held to the forms' limits (${engine()})`, () => {
  const own = PATHS[0]!;

  it('refuses a 2,000,000-character indicator name in the own-data CSV (before the fix it became an indicator, and three pages weighed 2 MB each)', async () => {
    const before = await counts();
    const res = await own.send(
      asFile('huge-name.csv', csv(own.header, ['DEMO-GLENLOCHY', 'n'.repeat(2_000_000), '2024', '1'])),
    );
    expect(res.status).toBe(400);
    expect(readable(res.text)).toContain(
      'huge-name.csv, row 2, column indicator: holds more than 65,536 characters in one row',
    );
    // The message quotes nothing of the name: the page stays small.
    expect(res.text.length).toBeLessThan(100_000);
    expect(await counts()).toEqual(before);
  });

  it(`refuses an indicator name one character past the form's ${OWN_INDICATOR_NAME_MAX}, with the form's own message`, async () => {
    const before = await counts();
    const res = await own.send(
      asFile('long-name.csv', csv(own.header, ['DEMO-GLENLOCHY', 'n'.repeat(OWN_INDICATOR_NAME_MAX + 1), '2024', '1'])),
    );
    expect(res.status).toBe(400);
    expect(readable(res.text)).toContain(
      `long-name.csv, row 2, column indicator: An indicator’s name has at most 200 characters (this one has 201)`,
    );
    expect(await counts()).toEqual(before);
    // The form holds the Open SDG indicator name to the same schema.
    const form = await own.send(asFile('sdg.csv', csv(['Year', 'Value'], ['2024', '1'])), {
      format: 'open-sdg',
      indicator: 'n'.repeat(OWN_INDICATOR_NAME_MAX + 1),
    });
    expect(form.status).toBe(400);
    expect(readable(form.text)).toContain('An indicator’s name has at most 200 characters');
    expect(await counts()).toEqual(before);
  });

  it('refuses a unit past the form’s 100 characters in an Open SDG file’s Units column', async () => {
    const before = await counts();
    const res = await own.send(asFile('units.csv', csv(['Year', 'Units', 'Value'], ['2024', 'u'.repeat(101), '1'])), {
      format: 'open-sdg',
      indicator: 'Volunteering hours',
    });
    expect(res.status).toBe(400);
    expect(readable(res.text)).toContain(
      'units.csv, row 2, column Units: A unit has at most 100 characters (this one has 101)',
    );
    expect(await counts()).toEqual(before);
  });

  it('holds a land register row to the land form’s AssetSchema: name 200, postcode 10, description 2,000 characters', async () => {
    const land = PATHS[1]!;
    const cases = [
      {
        header: ['reference', 'name', 'asset_type'],
        row: ['L-1', 'n'.repeat(201), 'land'],
        message: 'row 2, column name: Use at most 200 characters (the file has “nnnn',
      },
      {
        header: ['reference', 'name', 'asset_type', 'postcode'],
        row: ['L-1', 'Yard', 'land', 'GL1 1AA GL1 1AA'],
        message: 'row 2, column postcode: Use at most 10 characters (the file has “GL1 1AA GL1 1AA”)',
      },
      {
        header: ['reference', 'name', 'asset_type', 'description'],
        row: ['L-1', 'Yard', 'land', 'd'.repeat(2001)],
        message: 'row 2, column description: Use at most 2000 characters',
      },
      {
        header: ['reference', 'name', 'asset_type'],
        row: ['r'.repeat(65), 'Yard', 'land'],
        message: 'row 2, column reference: ',
      },
    ];
    for (const c of cases) {
      const before = await counts();
      const res = await land.send(asFile('register.csv', csv(c.header, c.row)));
      expect(res.status).toBe(400);
      expect(readable(res.text)).toContain(`register.csv, ${c.message}`);
      expect(await counts()).toEqual(before);
    }
  });

  it('holds a resources row to the commitment form’s CommitmentSchema: in kind and note 1,000 characters', async () => {
    const resources = PATHS[2]!;
    const header = [...resources.header, 'note'];
    const before = await counts();
    const res = await resources.send(
      asFile(
        'commitments.csv',
        csv(header, [
          'NHS Glenlochy',
          'Tackling child poverty',
          financialYear,
          '100',
          'aligned',
          'preventative',
          'n'.repeat(1001),
        ]),
      ),
    );
    expect(res.status).toBe(400);
    expect(readable(res.text)).toContain(
      'commitments.csv, row 2, column note: Keep the note to at most 1000 characters',
    );
    expect(await counts()).toEqual(before);
  });
});

describe(`files are checked against config.imports before they are parsed (${engine()})`, () => {
  // A service given smaller limits, as deps.ts gives it config.imports (CAIRN_IMPORT_MAX_MB, CAIRN_IMPORT_MAX_CELLS).
  const ctx = cliContext(systemActor('import-fields test'));
  const service = () =>
    new ImportsService(world.handle.db, world.clock, {
      ...world.config.imports,
      maxFileBytes: 10_000,
      maxCells: 1_000,
    });
  const own = async (content: string) => {
    const p = (await world.deps.partnerships.resolve(DEMO.code))!;
    return service().importLocalData(ctx, p, { name: 'limits.csv', content: Buffer.from(content) }, 'tidy');
  };

  it('refuses a file larger than config.imports.maxFileBytes, naming the file and the limit', async () => {
    const before = await counts();
    const rows = Array.from({ length: 400 }, (_, i) => ['DEMO-GLENLOCHY', `Indicator ${i}`, '2024', '1']);
    await expect(own(csv(['area_code', 'indicator', 'period', 'value'], ...rows))).rejects.toThrow(
      /^limits\.csv: is 1\d KB: the largest file Cairn imports is 10 KB \(CAIRN_IMPORT_MAX_MB\)$/,
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses a file of more cells than config.imports.maxCells, naming the row where the limit was passed', async () => {
    const before = await counts();
    const rows = Array.from({ length: 300 }, () => ['DEMO-GLENLOCHY', 'x', '2024', '1']);
    await expect(own(csv(['area_code', 'indicator', 'period', 'value'], ...rows))).rejects.toThrow(
      'limits.csv, row 251: holds more than 1,000 cells, the most Cairn reads from one file (CAIRN_IMPORT_MAX_CELLS)',
    );
    expect(await counts()).toEqual(before);
  });

  it('keeps trailing empty cells past the header (as the NPF database’s CSV export has) and blank headings, deliberately', () => {
    const table = readCsv({
      name: 'trailing.csv',
      content: Buffer.from(',year,la\r\n1,2024,Fife,\r\n2,2024,Angus,,\r\n'),
    });
    expect(table.header).toEqual(['', 'year', 'la']);
    expect(table.rows).toEqual([
      ['1', '2024', 'Fife'],
      ['2', '2024', 'Angus'],
    ]);
  });

  it('every CSV file is parsed by readCsv: no other module of src/ uses csv-parse, so no importer can skip the checks', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const src = path.resolve(import.meta.dirname, '..', '..', 'src');
    const parsers = files(src).filter((f) => /from 'csv-parse/.test(readFileSync(f, 'utf8')));
    expect(parsers.map((f) => path.relative(src, f))).toEqual([path.join('modules', 'imports', 'csv-reader.ts')]);
  });

  it('says Windows-1252 only of text that could be it: binary bytes are called binary', () => {
    const refused = (content: Buffer) => {
      try {
        readCsv({ name: 'x.csv', content });
      } catch (error) {
        if (error instanceof ImportError) return error.message;
        throw error;
      }
      return 'read';
    };
    expect(refused(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x01, 0x02, 0x9d, 0x2c, 0x63, 0x0a]))).toMatch(
      /^x\.csv: is not text \(it holds control characters/,
    );
    expect(refused(Buffer.from('PK\x03\x04\x14\x00\x00\x00word/document.xml', 'latin1'))).toBe(
      'x.csv: is a Word document (.docx), not CSV: export the table from it as CSV',
    );
    expect(refused(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe(
      'x.csv: is compressed (gzip), not CSV: decompress it and upload the file inside',
    );
  });
});
