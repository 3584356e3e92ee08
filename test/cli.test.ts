import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { engine } from './helpers/db.ts';
import { sharedData } from './helpers/shared-data.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/cairn.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cairn-cli-'));
const schemas: string[] = [];

/** Environment for a fresh database the CLI can open: a data directory, or a PostgreSQL schema. */
async function freshDatabase(name: string): Promise<Record<string, string>> {
  const base = { PATH: process.env['PATH'] ?? '', HOME: os.homedir(), CAIRN_LOG: 'silent', TZ: 'UTC' };
  const url = process.env['DATABASE_URL'];
  if (!url) return { ...base, CAIRN_DATA_DIR: path.join(tmp, name) };
  const schema = `cairn_cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  schemas.push(schema);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { ...base, DATABASE_URL: u.toString() };
}

async function cairn(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    // `import scotland` loads every national file: a minute alone, more beside the other suites.
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env,
      cwd: tmp,
      timeout: 200_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

let main: Record<string, string>;
beforeAll(async () => {
  main = await freshDatabase('main');
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  const url = process.env['DATABASE_URL'];
  if (url && schemas.length) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA ${s} CASCADE`);
    await c.end();
  }
});

// Each test starts the command several times (a process, tsx and a database each time): on two busy
// cores beside the other suites that can take minutes, so these tests wait longer than the default.
describe(`the cairn command on ${engine()}`, { timeout: 240_000 }, () => {
  it('migrates, adds and lists users, resets passwords, and refuses bad input by name', async () => {
    const migrated = await cairn(main, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('applied 0001_foundation');
    expect((await cairn(main, 'migrate', '--status')).stdout).toContain('0002_reference_data');

    const added = await cairn(
      main,
      'user',
      'add',
      '--email',
      'Chief@Example.org',
      '--name',
      'Chief Admin',
      '--national-role',
      'administrator',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /Created chief@example\.org\. Temporary password \(shown once\): [a-z2-9]{4}(-[a-z2-9]{4}){3}/,
    );

    const manager = await cairn(
      main,
      'user',
      'add',
      '--email',
      'cpp@example.org',
      '--name',
      'CPP Manager',
      '--partnership',
      'city-of-edinburgh',
      '--role',
      'partnership_manager',
    );
    expect(manager.code).toBe(0);

    const list = await cairn(main, 'user', 'list');
    expect(list.stdout).toContain('chief@example.org\tChief Admin\tactive\tadministrator');
    expect(list.stdout).toContain('cpp@example.org\tCPP Manager\tactive\tpartnership_manager@city-of-edinburgh');

    const reset = await cairn(main, 'user', 'reset-password', 'chief@example.org');
    expect(reset.stdout).toMatch(/New temporary password for chief@example\.org/);

    const badEmail = await cairn(main, 'user', 'add', '--email', 'not-an-email', '--name', 'X');
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain('--email: Enter an email address in the correct format');
    const duplicate = await cairn(main, 'user', 'add', '--email', 'chief@example.org', '--name', 'Again');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    const badPartnership = await cairn(
      main,
      'user',
      'add',
      '--email',
      'p@example.org',
      '--name',
      'P',
      '--partnership',
      'atlantis',
    );
    expect(badPartnership.stderr).toContain('--partnership: no partnership with code atlantis');
    expect((await cairn(main, 'user', 'list')).stdout).not.toMatch(/^p@example\.org/m);
    const unknown = await cairn(main, 'user', 'reset-password', 'ghost@example.org');
    expect(unknown.stderr).toContain('no account with email ghost@example.org');
  });

  it('imports the geography lookup, with a dry run first, and names the row of a bad file', async () => {
    const lookup = sharedData('geography', 'DataZone2011lookup.csv');
    const dry = await cairn(main, 'import', 'geography', lookup, '--dry-run');
    expect(dry.stdout).toContain('Dry run (nothing written): DataZone2011lookup.csv (sha256 ');
    const real = await cairn(main, 'import', 'geography', lookup);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain(
      'statistics.gov.scot layout: read 6976 rows, loaded 6976, skipped 0; 32 council areas',
    );
    expect(real.stdout).toContain('intermediate zones: 1279 new, 0 updated');
    const bad = path.join(tmp, 'bad.csv');
    writeFileSync(
      bad,
      'DZ2011_Code,DZ2011_Name,IZ2011_Code,IZ2011_Name,LA_Code,LA_Name\nS01006506,A,S02001236,Culter,S12999999,Nowhere\n',
    );
    const refused = await cairn(main, 'import', 'geography', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('bad.csv, row 2, column LA_Code: S12999999 is not a Scottish council area code');
  });

  it('loads the whole ../shared/data layout in one go', async () => {
    const env = await freshDatabase('scotland');
    const res = await cairn(env, 'import', 'scotland', path.dirname(sharedData('SOURCES.md')));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^geography: DataZone2011lookup\.csv: read 6976, loaded 6976, skipped 0/m);
    expect(res.stdout).toMatch(/^simd: simd2020_withinds\.csv: read 6976, loaded 6976, skipped 0/m);
    expect(res.stdout).toMatch(/^cpop-partnerships: CPPcleandata\.csv: read 8811, loaded 8809, skipped 2/m);
    expect(res.stdout).toMatch(/^cpop-inequality: 16 files .*: read 20464, loaded 20464, skipped 0/m);
    expect(res.stdout).toMatch(/^boundaries: npw_scotland_boundaries\.geojson: read 32, loaded 32, skipped 0/m);
    expect(res.stdout).toMatch(/^boundaries: izboundaries_simplified\.geojson: read 1279, loaded 1279, skipped 0/m);
    expect(res.stdout).toMatch(/^population: Mid-year_population_estimates\.xlsx: read 126126, loaded 126126/m);
    expect(res.stdout).toMatch(/^cpop-communities: IGZ_Data_Sep_23\.xlsx: read \d+, loaded 153478/m);
    expect(res.stdout).toMatch(/^lgbf: new_bnch_data\.xlsx: read 34914, loaded 32330/m);
    expect(res.stdout).toMatch(/^family-groups: Family_Groups\.csv: read 64, loaded 64, skipped 0/m);
    expect(res.stdout).toMatch(/^npf: npf_database\.xlsx: read 16792, loaded 5385/m);

    // The checks SOURCES.md gives for these files, read back through `cairn export`.
    const exported = async (name: string, format: 'csv' | 'json') => {
      const file = path.join(tmp, `${name}.${format}`);
      expect((await cairn(env, 'export', name, '--format', format, '-o', file)).code).toBe(0);
      return readFileSync(file, 'utf8');
    };
    const areas = JSON.parse(await exported('areas', 'json')) as { level: string }[];
    const byLevel = (level: string) => areas.filter((a) => a.level === level).length;
    expect([byLevel('country'), byLevel('council_area'), byLevel('intermediate_zone'), byLevel('data_zone')]).toEqual([
      1, 32, 1279, 6976,
    ]);
    const simd = JSON.parse(await exported('simd', 'json')) as { rank: number; population: number }[];
    expect(simd.map((z) => z.rank).sort((a, b) => a - b)).toEqual(Array.from({ length: 6976 }, (_, i) => i + 1));
    expect(simd.reduce((sum, z) => sum + z.population, 0)).toBe(5_424_800);
    const population = (await exported('population', 'csv')).split('\r\n');
    expect(population).toContain('S92000003,2018,all,all,5438100');
    expect(population).toContain('S92000003,2011,all,all,5299900');
    const csv = await cairn(env, 'export', 'inequality', '--format', 'csv');
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('council_code,council,indicator_code,indicator,year,duncan_index,zones,missing_values,note');
    expect(lines).toHaveLength(1 + 32 * 7 * 16);
  });

  it('prints statutory deadlines as YYYY-MM-DD, and names a bad rule or date', async () => {
    // 30 working days from Monday 21 December 2026, skipping 25–26 December, 1–2 January and weekends.
    expect((await cairn(main, 'deadline', 'pr-decision', '2026-12-21')).stdout).toBe('2027-02-02\n');
    // Six months from 31 August 2027 end on the last day of February 2028 (a leap year).
    expect((await cairn(main, 'deadline', 'atr-decision', '2027-08-31')).stdout).toBe('2028-02-29\n');
    const bad = await cairn(main, 'deadline', 'pr-decide', '2026-12-21');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('rule: Unknown rule “pr-decide”');
    const badDate = await cairn(main, 'deadline', 'atr-appeal', '2027-02-29');
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('start: Enter a real date');
  });

  it('refuses the demo in a database in real use', async () => {
    const demo = await cairn(main, 'demo');
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain('never added to a database in real use');
  });

  it('reminds, imports a register of land and writes the annual report on the demo', async () => {
    const demo = await freshDatabase('demo-commands');
    expect((await cairn(demo, 'demo')).code).toBe(0);
    const reminders = await cairn(demo, 'reminders');
    expect(reminders.stdout, reminders.stderr).toMatch(/[1-9]\d* new reminders/);
    expect(reminders.stdout).toContain('CAIRN_SMTP_URL is not set');
    const land = path.join(tmp, 'land.csv');
    writeFileSync(land, 'reference,name,asset_type\r\nCLI-1,Depot yard,land\r\nCLI-2,Old library,building\r\n');
    const imported = await cairn(
      demo,
      'import',
      'land-register',
      land,
      '--partnership',
      'glenlochy-demo',
      '--owner',
      'glenlochy council',
    );
    expect(imported.stdout, imported.stderr).toContain('land.csv: read 2 rows; 2 new, 0 updated');
    const html = path.join(tmp, 'report.html');
    const htmlRun = await cairn(
      demo,
      'report',
      'annual',
      '--partnership',
      'glenlochy-demo',
      '--year',
      String(new Date().getUTCFullYear() - 1),
      '--format',
      'html',
      '-o',
      html,
    );
    expect(htmlRun.stdout, htmlRun.stderr).toMatch(
      /Wrote the \d{4}\/\d{2} annual report of Glenlochy Community Planning Partnership \(demo\) \(html/,
    );
    expect(readFileSync(html, 'utf8')).toContain('Did our outcomes improve?');
    const docxFile = path.join(tmp, 'report.docx');
    expect(
      (
        await cairn(
          demo,
          'report',
          'annual',
          '--partnership',
          'glenlochy-demo',
          '--year',
          '2025',
          '--format',
          'docx',
          '-o',
          docxFile,
        )
      ).code,
    ).toBe(0);
    expect(readFileSync(docxFile).subarray(0, 2).toString()).toBe('PK');
    const badFormat = await cairn(
      demo,
      'report',
      'annual',
      '--partnership',
      'glenlochy-demo',
      '--year',
      '2025',
      '--format',
      'odt',
      '-o',
      docxFile,
    );
    expect(badFormat.stderr).toContain('Allowed choices are html, docx, pdf');
    const wrongOwner = await cairn(
      demo,
      'import',
      'land-register',
      land,
      '--partnership',
      'glenlochy-demo',
      '--owner',
      'Nobody',
    );
    expect(wrongOwner.stderr).toContain('--owner: Nobody is not a public service authority');
  });

  it('backs up and restores into an empty database', async () => {
    const source = await freshDatabase('source');
    const demo = await cairn(source, 'demo');
    expect(demo.stdout, demo.stderr).toContain('manager@glenlochy.example');
    const file = path.join(tmp, 'backup.ndjson.gz');
    const backup = await cairn(source, 'backup', '-o', file);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Wrote \d+ rows from \d+ tables/);
    expect(statSync(file).mode & 0o077).toBe(0);

    const target = await freshDatabase('target');
    const migrated = await cairn(target, 'migrate');
    expect(migrated.code, migrated.stderr).toBe(0);
    const restored = await cairn(target, 'restore', file);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored \d+ rows/);
    expect((await cairn(target, 'user', 'list')).stdout).toContain('manager@glenlochy.example');
    const twice = await cairn(target, 'restore', file);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Restore needs an empty database');
  });
});
