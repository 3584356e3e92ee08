#!/usr/bin/env node
import { createReadStream, createWriteStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import os from 'node:os';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { SingleBar, Presets } from 'cli-progress';
import { Command, Option } from 'commander';
import { systemActor } from './core/access/actor.ts';
import {
  NATIONAL_ROLES,
  PARTNERSHIP_ROLES,
  type NationalRole,
  type PartnershipRole,
} from './core/access/permissions.ts';
import { cliContext } from './core/context.ts';
import { toCsv } from './core/csv.ts';
import { AppError, ValidationError } from './core/errors.ts';
import { loadConfig, type Config } from './config.ts';
import { appliedMigrations, migrateDown, migrateToLatest, type DatabaseHandle } from './db/connect.ts';
import { buildDeps } from './deps.ts';
import { email as emailSchema } from './modules/accounts/index.ts';
import { restoreBackup, writeBackup } from './modules/backup/index.ts';
import { NATIONAL_IMPORTS, readSource } from './modules/imports/index.ts';
import { columnsOf, dataset, DATASETS } from './modules/datasets/index.ts';
import { computeDue, describePeriod, loadRuleBook } from './modules/deadlines/index.ts';
import { reportDocx, reportHtml, reportPdf } from './modules/plans/index.ts';
import { describeDemoLogins } from './modules/demo/index.ts';
import { partnershipHref } from './core/http/paths.ts';
import { openDatabase, startServer } from './server.ts';

const cliActor = () => systemActor(`cli:${os.userInfo().username}`);

async function withDatabase<T>(fn: (handle: DatabaseHandle, config: Config) => Promise<T>, migrate = true): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    if (migrate) await migrateToLatest(handle.db);
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}

function fail(message: string): never {
  console.error(`cairn: ${message}`);
  process.exit(1);
}

// Output piped into `head` and the like: a closed pipe ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program
  .name('cairn')
  .description(
    'Cairn: community planning for Scotland’s partnerships. Configuration comes from environment variables (see README).',
  )
  .version('0.1.0');

program
  .command('serve')
  .description('apply migrations and serve Cairn on PORT (default 3000)')
  .option('--port <port>', 'port to listen on (overrides PORT)')
  .option('--demo', 'seed the fictional demo partnership when the embedded database has no accounts yet')
  .action(async (opts: { port?: string; demo?: boolean }) => {
    const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
    const running = await startServer(config, { demo: Boolean(opts.demo) });
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('apply every pending migration (or revert the latest with --down)')
  .option('--down', 'revert the most recent migration')
  .option('--status', 'list the applied migrations and change nothing')
  .action(async (opts: { down?: boolean; status?: boolean }) => {
    await withDatabase(async (handle) => {
      if (opts.status) {
        const applied = await appliedMigrations(handle.db);
        console.log(applied.length ? applied.join('\n') : 'no migrations applied');
        return;
      }
      const lines = opts.down ? await migrateDown(handle.db) : await migrateToLatest(handle.db);
      console.log(lines.length ? lines.join('\n') : 'nothing to do: the database is up to date');
    }, false);
  });

const user = program.command('user').description('manage accounts');

user
  .command('add')
  .description('create an account; prints a temporary password to be changed at first sign-in')
  .requiredOption('--email <email>', 'email address (the sign-in name)')
  .requiredOption('--name <name>', 'the person’s name')
  .addOption(new Option('--national-role <role>', 'a national role').choices([...NATIONAL_ROLES]))
  .option(
    '--partnership <code>',
    'give a role in this partnership (its code, e.g. city-of-edinburgh, or council area code)',
  )
  .addOption(new Option('--role <role>', 'the role in --partnership').choices([...PARTNERSHIP_ROLES]).default('viewer'))
  .action(
    async (opts: {
      email: string;
      name: string;
      nationalRole?: NationalRole;
      partnership?: string;
      role: PartnershipRole;
    }) => {
      const email = emailSchema.safeParse(opts.email);
      if (!email.success) fail(`--email: ${email.error.issues[0]?.message}`);
      await withDatabase(async (handle, config) => {
        const ctx = cliContext(cliActor());
        const result = await handle.db.transaction().execute(async (trx) => {
          const d = buildDeps({ ...handle, db: trx }, config);
          const created = await d.accounts.createUserIn(
            trx,
            ctx,
            { email: email.data, display_name: opts.name, national_role: opts.nationalRole },
            null,
          );
          if (opts.partnership) {
            const p = await d.partnerships.resolve(opts.partnership);
            if (!p) throw new AppError(404, 'not_found', `--partnership: no partnership with code ${opts.partnership}`);
            await d.partnerships.addMember(ctx, p, { email: email.data, role: opts.role });
          }
          return created;
        });
        console.log(`Created ${result.user.email}. Temporary password (shown once): ${result.temporaryPassword}`);
      });
    },
  );

user
  .command('list')
  .description('list every account with its roles')
  .action(async () => {
    await withDatabase(async (handle, config) => {
      const users = await buildDeps(handle, config).accounts.listUsers(cliContext(cliActor()));
      for (const u of users) {
        const roles =
          [...u.nationalRoles, ...u.partnershipRoles.map((r) => `${r.role}@${r.partnership_code}`)].join(', ') ||
          'no roles';
        console.log(`${u.email}\t${u.display_name}\t${u.active ? 'active' : 'deactivated'}\t${roles}`);
      }
      if (!users.length) console.log('no accounts');
    });
  });

user
  .command('reset-password')
  .description('set a new temporary password, end the user’s sessions and lift any lock-out')
  .argument('<email>', 'the account’s email address')
  .action(async (emailArg: string) => {
    await withDatabase(async (handle, config) => {
      const deps = buildDeps(handle, config);
      const found = await deps.accounts.findByEmail(handle.db, emailArg);
      if (!found) fail(`no account with email ${emailArg}`);
      const { temporaryPassword } = await deps.accounts.resetPassword(cliContext(cliActor()), found.id);
      console.log(`New temporary password for ${found.email} (shown once): ${temporaryPassword}`);
    });
  });

program
  .command('demo')
  .description('add the fictional demo partnership with its demo accounts (never into a database in real use)')
  .action(async () => {
    await withDatabase(async (handle, config) => {
      const outcome = await buildDeps(handle, config).demo.seed();
      if (!outcome.seeded) fail(outcome.reason);
      console.log(describeDemoLogins(outcome, config.baseUrl));
    });
  });

const importCommand = program
  .command('import')
  .description('import open data files (all or nothing; --dry-run checks without writing)');

function progressBar(file: string) {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `${file} [{bar}] {value}/{total}`, hideCursor: true }, Presets.shades_classic)
    : null;
  let started = false;
  return {
    onProgress: (done: number, total: number) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

function printSummary(summary: { dryRun: boolean; file: string; checksum: string }, lines: string[]) {
  console.log(
    `${summary.dryRun ? 'Dry run (nothing written): ' : ''}${summary.file} (sha256 ${summary.checksum.slice(0, 12)}…)`,
  );
  for (const line of lines) console.log(`  ${line}`);
}

importCommand
  .command('scotland')
  .description(
    `load the folder layout of ../shared/data in one go, in order: ${NATIONAL_IMPORTS.map((k) => k.kind).join(', ')}`,
  )
  .argument('<dir>', 'the data folder (with geography/, simd/, boundaries/, population/, cpop/, lgbf/ and npf/ inside)')
  .option(
    '--dry-run',
    'check and count everything, then write nothing (each file is checked against what is already loaded)',
  )
  .action(async (dir: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (handle, config) => {
      const imports = buildDeps(handle, config).imports;
      const ctx = cliContext(cliActor());
      const started = Date.now();
      for (const kind of NATIONAL_IMPORTS) {
        const files = kind.layout(dir).map((f) => path.join(dir, f));
        const batches = kind.multiple ? [files] : files.map((f) => [f]);
        for (const batch of batches) {
          const t = Date.now();
          const progress = progressBar(path.basename(batch[0]!));
          const summary = await kind.run(imports, ctx, batch.map(readSource), {
            dryRun: Boolean(opts.dryRun),
            onProgress: progress.onProgress,
          });
          progress.stop();
          const r = summary.result;
          const skipped = Object.entries(r.skipped ?? {})
            .sort((a, b) => b[1] - a[1])
            .map(([why, n]) => `${n} ${why}`);
          console.log(
            `${summary.dryRun ? '(dry run) ' : ''}${kind.kind}: ${summary.file}: read ${r.rowsRead}, loaded ${r.rowsLoaded}, skipped ${r.rowsRead - r.rowsLoaded}` +
              `${skipped.length ? ` (${skipped.slice(0, 6).join('; ')}${skipped.length > 6 ? `; and ${skipped.length - 6} more reasons` : ''})` : ''} (${Date.now() - t} ms)`,
          );
        }
      }
      console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    });
  });

// The national files without a command of their own below: one command each, from the same list.
for (const kind of NATIONAL_IMPORTS.filter(
  (k) => !['geography', 'simd', 'cpop-partnerships', 'cpop-inequality'].includes(k.kind),
)) {
  importCommand
    .command(kind.kind)
    .description(kind.description)
    .argument(kind.multiple ? '<files...>' : '<file>', 'the file as published')
    .option('--dry-run', 'check and count everything, then write nothing')
    .action(async (file: string | string[], opts: { dryRun?: boolean }) => {
      const files = Array.isArray(file) ? file : [file];
      await withDatabase(async (handle, config) => {
        const progress = progressBar(files[0]!);
        const summary = await kind.run(
          buildDeps(handle, config).imports,
          cliContext(cliActor()),
          files.map(readSource),
          { dryRun: Boolean(opts.dryRun), onProgress: progress.onProgress },
        );
        progress.stop();
        const r = summary.result;
        printSummary(summary, [
          `read ${r.rowsRead} rows, loaded ${r.rowsLoaded}, skipped ${r.rowsRead - r.rowsLoaded}`,
          ...Object.entries(r.skipped ?? {}).map(([why, n]) => `skipped ${n}: ${why}`),
        ]);
      });
    });
}

importCommand
  .command('land-register')
  .description(
    'an authority’s register of land and buildings (CSV or .xlsx: reference, name, asset_type, and optionally address, postcode, description, area_hectares, uprn)',
  )
  .argument('<file>', 'the CSV file or Excel workbook')
  .requiredOption('--partnership <code>', 'the partnership of the authority, e.g. glenlochy-demo or S12000036')
  .requiredOption(
    '--owner <name>',
    'the authority that owns what is in the file, as named in the partnership (e.g. "Glenlochy Council")',
  )
  .option('--dry-run', 'check the file and count, then write nothing')
  .action(async (file: string, opts: { partnership: string; owner: string; dryRun?: boolean }) => {
    await withDatabase(async (handle, config) => {
      const deps = buildDeps(handle, config);
      const p = await deps.partnerships.resolve(opts.partnership);
      if (!p) fail(`--partnership: no partnership ${opts.partnership}`);
      const authorities = await deps.requests.authorities(p.id);
      const owner = authorities.find((a) => a.name.toLowerCase() === opts.owner.toLowerCase());
      if (!owner)
        fail(
          `--owner: ${opts.owner} is not a public service authority of ${p.name} (try: ${authorities.map((a) => a.name).join(', ')})`,
        );
      const s = await deps.landRegister.importFile(
        cliContext(cliActor()),
        p,
        owner.id,
        readSource(file),
        Boolean(opts.dryRun),
      );
      console.log(
        `${s.dryRun ? 'Dry run (nothing written): ' : ''}${s.file}: read ${s.rowsRead} rows; ${s.added} new, ${s.updated} updated`,
      );
    });
  });

importCommand
  .command('geography')
  .description(
    'the data zone 2011 lookup (statistics.gov.scot or NRS layout): intermediate zones, data zones, wards, health boards, urban/rural classes',
  )
  .argument('<file>', 'the CSV file')
  .option('--dry-run', 'check and count everything, then write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (handle, config) => {
      const progress = progressBar(file);
      const summary = await buildDeps(handle, config).imports.importGeography(
        cliContext(cliActor()),
        readSource(file),
        { dryRun: Boolean(opts.dryRun), onProgress: progress.onProgress },
      );
      progress.stop();
      const r = summary.result;
      printSummary(summary, [
        `${r.layout} layout: read ${r.rowsRead} rows, loaded ${r.rowsLoaded}, skipped ${r.rowsRead - r.rowsLoaded}; ${r.councilAreas} council areas`,
        ...Object.entries(r.counts).map(
          ([level, c]) => `${level.replace(/_/g, ' ')}s: ${c.created} new, ${c.updated} updated`,
        ),
      ]);
    });
  });

importCommand
  .command('cpop-partnerships')
  .description(
    'CPOP partnership time series (CPPcleandata.csv): every CPOP indicator for the 32 partnerships and Scotland, raw, imputed and projected values kept apart',
  )
  .argument('<file>', 'the CSV file')
  .option('--dry-run', 'check and count everything, then write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (handle, config) => {
      const progress = progressBar(file);
      const summary = await buildDeps(handle, config).imports.importCpopPartnerships(
        cliContext(cliActor()),
        readSource(file),
        {
          dryRun: Boolean(opts.dryRun),
          onProgress: progress.onProgress,
        },
      );
      progress.stop();
      const r = summary.result;
      printSummary(summary, [
        `read ${r.rowsRead} rows, loaded ${r.rowsLoaded}, skipped ${r.rowsRead - r.rowsLoaded}${
          Object.keys(r.skipped).length
            ? ` (${Object.entries(r.skipped)
                .map(([why, n]) => `${n} ${why}`)
                .join('; ')})`
            : ''
        }`,
        `${r.indicators} indicators, ${r.areas} areas; ${Object.entries(r.byType)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ')}`,
      ]);
    });
  });

importCommand
  .command('cpop-inequality')
  .description(
    'CPOP inequality inputs (YEAR_IGZ.csv): income-deprived and other people and outcome values per intermediate zone and year',
  )
  .argument('<paths...>', 'files, or a folder holding YEAR_IGZ.csv files')
  .option('--dry-run', 'check and count everything, then write nothing')
  .action(async (paths: string[], opts: { dryRun?: boolean }) => {
    const files = paths.flatMap((p) =>
      statSync(p).isDirectory()
        ? readdirSync(p)
            .filter((f) => /^\d{4}_IGZ\.csv$/.test(f))
            .sort()
            .map((f) => path.join(p, f))
        : [p],
    );
    if (!files.length) fail(`no YEAR_IGZ.csv files in ${paths.join(', ')}`);
    await withDatabase(async (handle, config) => {
      const summary = await buildDeps(handle, config).imports.importInequality(
        cliContext(cliActor()),
        files.map(readSource),
        { dryRun: Boolean(opts.dryRun) },
      );
      const r = summary.result;
      printSummary(summary, [
        `${r.files} files, years ${r.years[0]}–${r.years.at(-1)}: read ${r.rowsRead} rows, loaded ${r.rowsLoaded} zone-years; ${r.missingValues} values missing in the source`,
      ]);
    });
  });

importCommand
  .command('simd')
  .description(
    'SIMD 2020v2 ranks and indicators (CSV): ranks, deciles, quintiles, domain ranks, population, income and employment per data zone',
  )
  .argument('<file>', 'the CSV file (simd2020_withinds.csv)')
  .option('--dry-run', 'check and count everything, then write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (handle, config) => {
      const progress = progressBar(file);
      const summary = await buildDeps(handle, config).imports.importSimd(cliContext(cliActor()), readSource(file), {
        dryRun: Boolean(opts.dryRun),
        onProgress: progress.onProgress,
      });
      progress.stop();
      const r = summary.result;
      printSummary(summary, [
        `SIMD ${r.edition}: read ${r.rowsRead} rows, loaded ${r.rowsLoaded}, skipped ${r.rowsRead - r.rowsLoaded}; replaced ${r.replaced} earlier rows`,
        `population ${r.population.toLocaleString('en-GB')}; ${r.missingValues} rates or counts missing in the source`,
      ]);
    });
  });

program
  .command('export')
  .description('write a national dataset as CSV or JSON')
  .argument('<dataset>', DATASETS.map((d) => `${d.name}: ${d.description}`).join('; '))
  .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
  .option('-o, --output <file>', 'write to a file instead of standard output')
  .action(async (name: string, opts: { format: 'csv' | 'json'; output?: string }) => {
    const chosen = dataset(name);
    if (!chosen) fail(`unknown dataset ${name}: try ${DATASETS.map((d) => d.name).join(', ')}`);
    await withDatabase(async (handle, config) => {
      const deps = buildDeps(handle, config);
      const rows = await deps.datasets.rows(chosen, cliContext(cliActor()));
      const text = opts.format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : toCsv(rows, columnsOf(rows));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
      if (opts.output) console.error(`Wrote ${rows.length} rows to ${opts.output}`);
    });
  });

program
  .command('deadline')
  .description('print the due date (YYYY-MM-DD) of a statutory time limit beginning with a date')
  .argument(
    '<rule>',
    'pr-decision, pr-decision-joint, pr-additional-authority, pr-outcome-process, atr-decision, atr-review or atr-appeal',
  )
  .argument('<start-date>', 'the day the period begins with, as YYYY-MM-DD')
  .option('--explain', 'also print the rule, its period and its source')
  .action(async (rule: string, start: string, opts: { explain?: boolean }) => {
    await withDatabase(async (handle) => {
      try {
        const { rule: r, due } = computeDue(await loadRuleBook(handle.db), rule, start);
        console.log(due);
        if (opts.explain)
          console.error(
            `${r.name}: ${describePeriod(r)} beginning with ${start} (${r.beginsWith}). Source: ${r.source}`,
          );
      } catch (e) {
        if (e instanceof ValidationError)
          fail(
            Object.entries(e.fields)
              .map(([k, v]) => `${k}: ${v.join(' ')}`)
              .join('; '),
          );
        throw e;
      }
    });
  });

const reportCommand = program.command('report').description('write reports as files');
reportCommand
  .command('annual')
  .description(
    'the annual progress report (section 8 of the 2015 Act) for a partnership and reporting year, from live data',
  )
  .requiredOption('--partnership <code>', 'the partnership, e.g. glenlochy-demo or S12000036')
  .requiredOption('--year <yyyy>', 'the year the reporting year begins (1 April), e.g. 2025 for 2025/26')
  .addOption(new Option('--format <format>', 'file format').choices(['html', 'docx', 'pdf']).default('html'))
  .requiredOption('-o, --output <file>', 'where to write')
  .action(async (opts: { partnership: string; year: string; format: 'html' | 'docx' | 'pdf'; output: string }) => {
    const year = Number(opts.year);
    if (!Number.isInteger(year)) fail(`--year: “${opts.year}” is not a year`);
    await withDatabase(async (handle, config) => {
      const deps = buildDeps(handle, config);
      const p = await deps.partnerships.resolve(opts.partnership);
      if (!p) fail(`--partnership: no partnership ${opts.partnership}`);
      const r = await deps.reports.build(cliContext(cliActor()), p, year);
      const csvHref = `${config.baseUrl}${partnershipHref(p.code, 'reports', year, 'measures.csv')}`;
      const bytes =
        opts.format === 'html'
          ? Buffer.from(reportHtml(r, csvHref))
          : opts.format === 'docx'
            ? await reportDocx(r)
            : await reportPdf(r, csvHref);
      writeFileSync(opts.output, bytes);
      console.log(
        `Wrote the ${r.yearLabel} annual report of ${p.name} (${opts.format}, ${bytes.length.toLocaleString('en-GB')} bytes) to ${opts.output}`,
      );
    });
  });

program
  .command('reminders')
  .description(
    'remind officers and community bodies of statutory deadlines due soon or missed, then send the outbox when SMTP is configured',
  )
  .action(async () => {
    await withDatabase(async (handle, config) => {
      const deps = buildDeps(handle, config);
      const run = await deps.reminders.run(cliContext(cliActor()));
      const mail = await deps.reminders.sendOutbox();
      console.log(
        `${run.deadlinesLookedAt} deadlines due by ${run.today} or within ${config.reminderDays} days; ${run.notifications} new reminders`,
      );
      console.log(
        mail.configured
          ? `e-mail: ${mail.sent} sent, ${mail.failed} failed`
          : 'e-mail: CAIRN_SMTP_URL is not set; messages wait in the outbox table',
      );
    });
  });

program
  .command('backup')
  .description(
    'write every table to a gzipped file that `cairn restore` reads (contains password hashes: keep it safe)',
  )
  .option('-o, --output <file>', 'where to write', `cairn-backup-${new Date().toISOString().slice(0, 10)}.ndjson.gz`)
  .action(async (opts: { output: string }) => {
    await withDatabase(async (handle) => {
      const gzip = createGzip();
      const file = createWriteStream(opts.output, { mode: 0o600 });
      gzip.pipe(file);
      const header = await writeBackup(handle.db, handle.engine, async (line) => {
        if (!gzip.write(line + '\n')) await once(gzip, 'drain');
      });
      gzip.end();
      await once(file, 'close');
      const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
      console.log(`Wrote ${rows} rows from ${Object.keys(header.tables).length} tables to ${opts.output}`);
    });
  });

program
  .command('restore')
  .description('load a backup into an empty database (migrated to the same version)')
  .argument('<file>', 'a file written by `cairn backup`')
  .action(async (file: string) => {
    await withDatabase(async (handle) => {
      const input = createReadStream(file).pipe(createGunzip());
      const lines = readline.createInterface({ input, crlfDelay: Infinity });
      const summary = await restoreBackup(handle.db, lines, file);
      const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
      console.log(`Restored ${rows} rows into ${Object.keys(summary.tables).length} tables from ${file}`);
    });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
