import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { systemActor } from '../../src/core/access/actor.ts';
import { cliContext } from '../../src/core/context.ts';
import { buildDeps } from '../../src/deps.ts';
import { ImportError, nationalImport, readSource } from '../../src/modules/imports/index.ts';
import { readWorkbook, readXlsx } from '../../src/modules/imports/xlsx-reader.ts';
import { Client, createWorld, DEMO, type Reply, type TestWorld } from '../helpers/app.ts';
import { engine } from '../helpers/db.ts';
import {
  HEADER_ROW,
  hostileWorkbooks,
  manyCells,
  sheetPart,
  spreadBomb,
  workbook,
  type Hostile,
} from '../helpers/hostile-xlsx.ts';
import { demoPlan } from '../helpers/samples.ts';

/**
 * Issue 14, defect 1: a workbook of under 2 KB made the .xlsx reader build a dense grid (7 GB, then "heap
 * out of memory"), and one that inflated to 500 MB blocked the event loop for seconds. Every hostile
 * workbook here is made by the test (test/helpers/hostile-xlsx.ts) and sent through every upload path that
 * reads workbooks: the land register, resource commitments, each national import that takes a workbook,
 * and the functions the CLI runs. Each must be refused (400) with a message naming the file and the limit,
 * and the process must go on serving.
 *
 * The limits, and where each is configured:
 * - Excel's grid, rows 1–1,048,576 and columns A–XFD: EXCEL_MAX_ROWS / EXCEL_MAX_COLUMNS in src/modules/imports/xlsx.ts.
 * - Cells held per file: CAIRN_IMPORT_MAX_CELLS → config.imports.maxCells (src/config.ts), 2,000,000 by default.
 * - Bytes a workbook's parts inflate to: CAIRN_XLSX_MAX_INFLATED_MB → config.imports.maxInflatedBytes, 128 MB by default;
 *   each zip entry also no more than the size it declares (src/modules/imports/unzip.ts).
 * - Rows are held sparsely, the scan never recurses and never searches past where it will read, and the
 *   read runs in a worker thread with a heap limit of its own (src/modules/imports/xlsx-reader.ts, ADR 0012).
 */

const MANAGER = 'manager@glenlochy.example';
const ANALYST = 'analyst@cairn.example';

let world: TestWorld;
/** The same database and app with CAIRN_IMPORT_MAX_CELLS set low, as an operator would set it. */
let tight: TestWorld;
let hostile: Hostile[];
let owner: string;
let planId: number;
const clients = new Map<TestWorld, Map<string, Client>>();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cairn-xlsx-limits-'));

/** The peak resident memory of this process (the workers that read the workbooks are threads in it), sampled. */
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
sampler.unref();

async function as(w: TestWorld, email: string): Promise<Client> {
  const byEmail = clients.get(w) ?? new Map<string, Client>();
  clients.set(w, byEmail);
  let client = byEmail.get(email);
  if (!client) {
    client = new Client(w);
    await client.login(email);
    byEmail.set(email, client);
  }
  return client;
}

const xlsx = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);

/** What the CLI prints for a refused file (its `fail`), as a reply the tests read like a page. */
async function cli(run: () => Promise<unknown>): Promise<Reply> {
  try {
    await run();
    return { status: 200, headers: new Headers(), text: '', json: () => ({}) as never, location: null };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return {
      status: 400,
      headers: new Headers(),
      text: `cairn: ${error.message}`,
      json: () => ({}) as never,
      location: null,
    };
  }
}

interface UploadPath {
  name: string;
  /** The worksheet name the importer looks for (the hostile worksheet is given it, so that it is read). */
  sheet: string;
  send: (w: TestWorld, bytes: Buffer, fileName: string) => Promise<Reply>;
}

const national = (kind: string, sheet: string): UploadPath => ({
  name: `/imports, ${kind}`,
  sheet,
  send: async (w, bytes, fileName) =>
    (await as(w, ANALYST)).request('POST', '/imports', {
      multipart: { kind, files: xlsx(bytes, fileName), dry_run: 'true' },
    }),
});

const PATHS: UploadPath[] = [
  {
    name: 'land register import',
    sheet: 'Register',
    send: async (w, bytes, fileName) =>
      (await as(w, MANAGER)).request('POST', `/partnerships/${DEMO.code}/land/import`, {
        multipart: { owner_organisation_id: owner, file: xlsx(bytes, fileName), dry_run: 'true' },
      }),
  },
  {
    name: 'resources import',
    sheet: 'Commitments',
    send: async (w, bytes, fileName) =>
      (await as(w, MANAGER)).request('POST', `/partnerships/${DEMO.code}/plans/${planId}/resources/import`, {
        multipart: { file: xlsx(bytes, fileName), dry_run: 'true' },
      }),
  },
  national('npf', 'Sheet1'),
  national('population', 'Sheet1'),
  national('lgbf', 'Raw Data'),
  national('lgbf-indicators', 'metadata'),
  national('cpop-communities', 'Labels'),
  {
    name: 'CLI: cairn import npf (the function it runs)',
    sheet: 'Sheet1',
    send: (w, bytes, fileName) => {
      const file = path.join(tmp, fileName);
      writeFileSync(file, bytes);
      return cli(() =>
        nationalImport('npf')!.run(w.deps.imports, cliContext(systemActor('cli:test')), [readSource(file)], {
          dryRun: true,
        }),
      );
    },
  },
  {
    name: 'CLI: cairn import land (the function it runs)',
    sheet: 'Register',
    send: async (w, bytes, fileName) => {
      const file = path.join(tmp, fileName);
      writeFileSync(file, bytes);
      const p = (await w.deps.partnerships.resolve(DEMO.code))!;
      return cli(() =>
        w.deps.landRegister.importFile(cliContext(systemActor('cli:test')), p, Number(owner), readSource(file), true),
      );
    },
  },
];

beforeAll(async () => {
  world = await createWorld();
  const config = loadConfig({ CAIRN_LOG: 'silent', CAIRN_DATA_DIR: '/nonexistent', CAIRN_IMPORT_MAX_CELLS: '1000' });
  const deps = buildDeps(world.handle, config, world.clock);
  tight = { ...world, deps, config, cairn: createApp(deps) };
  hostile = await hostileWorkbooks();
  owner = String(
    (
      await world.handle.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Glenlochy Council')
        .executeTakeFirstOrThrow()
    ).id,
  );
  planId = (await demoPlan(world)).planId;
});

afterAll(async () => {
  clearInterval(sampler);
  rmSync(tmp, { recursive: true, force: true });
  console.log(`xlsx-limits (${engine()}): peak RSS of the test process ${Math.round(peakRss / 1024 / 1024)} MB`);
  await world.close();
});

/** The refusal, with the worksheet's name where the message names it. */
const says = (h: Hostile, sheet: string) => h.says?.replaceAll('%s', sheet);

describe(`hostile workbooks through every upload path (${engine()})`, () => {
  describe.each(PATHS)('$name', (upload) => {
    it('refuses each hostile workbook with a 400 naming the file and the limit, or reads it sparsely and answers as for any bad file', async () => {
      for (const [i, h] of hostile.entries()) {
        const fileName = `hostile-${i + 1}.xlsx`;
        const reply = await upload.send(world, h.make(upload.sheet), fileName);
        const expected = says(h, upload.sheet);
        if (expected) {
          expect(reply.status, `${h.title}: ${reply.text.slice(0, 300)}`).toBe(400);
          expect(reply.text, h.title).toContain(`${fileName}: ${expected}`);
        } else {
          // Read within every limit: the importer answers as it does for any file it cannot use (or a dry run of nothing).
          expect(reply.status, `${h.title}: ${reply.text.slice(0, 300)}`).toBeLessThan(500);
        }
      }
    });

    it('refuses a workbook of more cells than CAIRN_IMPORT_MAX_CELLS (set to 1,000 here), naming the file and the limit', async () => {
      const reply = await upload.send(tight, manyCells(upload.sheet, 40, 40), 'many-cells.xlsx');
      expect(reply.status, reply.text.slice(0, 300)).toBe(400);
      expect(reply.text).toContain(
        `many-cells.xlsx: is too large to read: it holds more than the 1,000 cells Cairn reads from one workbook (the limit was passed in worksheet “${upload.sheet}”)`,
      );
    });
  });

  it('refuses a bomb spread over three worksheets of 60 MB, each under CAIRN_XLSX_MAX_INFLATED_MB (128) and the workbook over it, when every worksheet is read', async () => {
    const bytes = await spreadBomb();
    const reply = await PATHS.find((p) => p.name === '/imports, cpop-communities')!.send(world, bytes, 'spread.xlsx');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain(
      'spread.xlsx: is too large to read: it unpacks to more than the 128 MB Cairn reads from one workbook (the parts to read declare 180 MB; the largest, xl/worksheets/sheet1.xml, 60 MB)',
    );
    await expect(readWorkbook({ name: 'spread.xlsx', content: bytes }, world.config.imports)).rejects.toThrow(
      'the parts to read declare 180 MB',
    );
  });

  it('still imports a good workbook afterwards: the process and its readers are unharmed', async () => {
    const good = workbook([
      {
        name: 'Register',
        part: sheetPart(
          1,
          `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>H-1</t></is></c><c r="B2" t="inlineStr"><is><t>Hall</t></is></c><c r="C2" t="inlineStr"><is><t>building</t></is></c></row>`,
        ),
      },
    ]);
    const reply = await PATHS[0]!.send(world, good, 'good.xlsx');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('good.xlsx: 1 rows read; 1 new, 0 updated. This was a check: nothing was saved.');
    expect((await (await as(world, MANAGER)).get('/health')).status).toBe(200);
  });
});

describe('what the reader holds of a workbook it reads', () => {
  const read = (h: Hostile, sheet = 'Register') =>
    readXlsx({ name: 'w.xlsx', content: h.make(sheet) }, world.config.imports);
  const find = (title: string) => hostile.find((h) => h.title.startsWith(title))!;

  it('XFD1048576 is two rows, numbered as the worksheet numbers them, not a grid of a million rows', async () => {
    const table = await read(find('a header and one cell at XFD1048576'));
    expect(table.headerRow).toBe(1);
    expect(table.rowNumbers).toEqual([1_048_576]);
    expect(table.header).toHaveLength(16_384);
    expect(table.rows[0]!.at(-1)).toBe('1');
  });

  it('a value nested 100,000 runs deep is read, without recursion', async () => {
    const table = await read(find('inline strings nested'));
    expect(table.rows).toEqual([['R-1', '', '']]);
    expect(table.rowNumbers).toEqual([2]);
  });

  it('200,000 cells with no value leave the header alone', async () => {
    const table = await read(find('200,000 cells with no value'));
    expect(table.header).toEqual(['reference', 'name', 'asset_type']);
    expect(table.rows).toEqual([]);
  });

  it('zip entries that declare more than the limit are refused before anything is inflated: the parts to read, or the workbook part itself', async () => {
    const tiny = sheetPart(1, HEADER_ROW);
    const claims = workbook([{ name: 'S', part: tiny }], { declared: { [tiny.name]: 300 * 1024 * 1024 } });
    await expect(readXlsx({ name: 'claims.xlsx', content: claims }, world.config.imports)).rejects.toThrow(
      'claims.xlsx: is too large to read: it unpacks to more than the 128 MB Cairn reads from one workbook (the parts to read declare 300 MB; the largest, xl/worksheets/sheet1.xml, 300 MB)',
    );
    const top = workbook([{ name: 'S', part: tiny }], { declared: { 'xl/workbook.xml': 300 * 1024 * 1024 } });
    await expect(readXlsx({ name: 'top.xlsx', content: top }, world.config.imports)).rejects.toThrow(
      'top.xlsx: is too large to read: it unpacks to more than the 128 MB Cairn reads from one workbook (the limit was passed at xl/workbook.xml, 300 MB unpacked)',
    );
  });
});
