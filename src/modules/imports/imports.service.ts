import type { Kysely, Transaction } from 'kysely';
import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import { checksum, type SourceFile } from './csv-reader.ts';
import { applyGeography, planGeography, type GeographyResult } from './geography.importer.ts';
import { DryRunRollback } from './import-errors.ts';
import { applySimd, planSimd, SIMD_EDITION, type SimdResult } from './simd.importer.ts';
import { applyObservations, planCpopPartnerships, type CpopResult } from './cpop.importer.ts';
import { applyInequality, planInequality, type InequalityResult } from './cpop-inequality.importer.ts';

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary<T> {
  kind: string;
  file: string;
  checksum: string;
  dryRun: boolean;
  /** The import_runs row recording it; null for a dry run, which writes nothing. */
  runId: number | null;
  result: T;
}

/**
 * Every import: check the whole file first, then write it in one transaction together with its record
 * in import_runs (file, checksum, who, when, counts) and an audit row. A dry run does all of that and
 * rolls it back.
 */
export class ImportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Current council codes, and the codes they had before 2018/19, each mapped to the current code. */
  async councilCodes(): Promise<Map<string, string>> {
    const [areas, aliases] = await Promise.all([
      this.db.selectFrom('areas').select('code').where('level', '=', 'council_area').where('fictional', '=', false).execute(),
      this.db.selectFrom('area_code_aliases').select(['old_code', 'area_code']).execute(),
    ]);
    return new Map([...areas.map((a) => [a.code, a.code] as const), ...aliases.map((a) => [a.old_code, a.area_code] as const)]);
  }

  /** Every spelling Cairn knows of the given levels' areas (official names and variants, lower case) → code. */
  private async areasByName(levels: ('country' | 'council_area')[]): Promise<Map<string, string>> {
    const [names, variants] = await Promise.all([
      this.db.selectFrom('areas').select(['code', 'name']).where('level', 'in', levels).where('fictional', '=', false).execute(),
      this.db.selectFrom('area_name_variants').select(['area_code', 'name']).execute(),
    ]);
    return new Map([...names.map((n) => [n.name.toLowerCase(), n.code] as const), ...variants.map((v) => [v.name.toLowerCase(), v.area_code] as const)]);
  }

  async importGeography(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}): Promise<ImportSummary<GeographyResult>> {
    authorize(ctx.actor, 'import:run');
    const plan = planGeography(source, await this.councilCodes());
    return this.run(ctx, 'geography', source, options, (trx) => applyGeography(trx, plan, options.onProgress));
  }

  async importCpopPartnerships(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}): Promise<ImportSummary<CpopResult>> {
    authorize(ctx.actor, 'import:run');
    const indicators = await this.db
      .selectFrom('indicators')
      .innerJoin('indicator_frameworks', 'indicator_frameworks.indicator_code', 'indicators.code')
      .select(['indicators.code', 'indicators.name'])
      .where('indicator_frameworks.framework', '=', 'CPOP')
      .execute();
    const plan = planCpopPartnerships(source, {
      indicatorByName: new Map(indicators.map((i) => [i.name.toLowerCase(), i.code])),
      areaByName: await this.areasByName(['country', 'council_area']),
    });
    return this.run(ctx, 'cpop-partnerships', source, options, (trx, runId) => applyObservations(trx, plan, runId, options.onProgress));
  }

  /** CPOP's inequality inputs: one or more YEAR_IGZ.csv files, all checked before any is written. */
  async importInequality(ctx: RequestContext, sources: SourceFile[], options: ImportOptions = {}): Promise<ImportSummary<InequalityResult>> {
    authorize(ctx.actor, 'import:run');
    const plan = planInequality(sources, await this.areasByName(['council_area']));
    const combined: SourceFile = { name: sources.length === 1 ? sources[0]!.name : `${sources.length} files (${plan.files[0]} … ${plan.files.at(-1)})`, content: Buffer.concat(sources.map((s) => s.content)) };
    return this.run(ctx, 'cpop-inequality', combined, options, async (trx, runId) => {
      options.onProgress?.(0, 1);
      const result = await applyInequality(trx, plan, runId);
      options.onProgress?.(1, 1);
      return result;
    });
  }

  async importSimd(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}): Promise<ImportSummary<SimdResult>> {
    authorize(ctx.actor, 'import:run');
    const edition = await this.db.selectFrom('simd_editions').select(['code', 'data_zones']).where('code', '=', SIMD_EDITION).executeTakeFirstOrThrow();
    const zones = await this.db
      .selectFrom('areas as dz')
      .innerJoin('areas as iz', 'iz.code', 'dz.parent_code')
      .select(['dz.code', 'iz.parent_code as council'])
      .where('dz.level', '=', 'data_zone')
      .execute();
    const plan = planSimd(source, {
      edition,
      dataZoneCouncil: new Map(zones.map((z) => [z.code, z.council ?? ''])),
      councilByName: await this.areasByName(['council_area']),
    });
    return this.run(ctx, 'simd', source, options, async (trx) => {
      options.onProgress?.(0, 1);
      const result = await applySimd(trx, plan, edition.code);
      options.onProgress?.(1, 1);
      return result;
    });
  }

  /** Write an already-checked plan with its import_runs record and audit row, in one transaction. */
  private async run<T extends { rowsRead: number; rowsLoaded: number }>(
    ctx: RequestContext,
    kind: string,
    source: SourceFile,
    options: ImportOptions,
    apply: (trx: Transaction<Database>, runId: number) => Promise<T>,
  ): Promise<ImportSummary<T>> {
    const startedAt = this.clock.now();
    const sum = checksum(source.content);
    try {
      return await this.db.transaction().execute(async (trx) => {
        // The run is recorded first so that what it loads can point at it; its counts follow.
        const run = await trx
          .insertInto('import_runs')
          .values({
            kind,
            file_name: source.name,
            checksum: sum,
            bytes: source.content.length,
            rows_read: 0,
            rows_loaded: 0,
            rows_skipped: 0,
            summary: null,
            partnership_id: null,
            actor_user_id: actorUserId(ctx.actor),
            actor_label: actorLabel(ctx.actor),
            started_at: startedAt,
            finished_at: startedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const result = await apply(trx, run.id);
        if (options.dryRun) throw new DryRunRollback(result);
        await trx
          .updateTable('import_runs')
          .set({
            rows_read: result.rowsRead,
            rows_loaded: result.rowsLoaded,
            rows_skipped: result.rowsRead - result.rowsLoaded,
            summary: JSON.stringify(result),
            finished_at: this.clock.now(),
          })
          .where('id', '=', run.id)
          .execute();
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: null,
          action: `import.${kind}`,
          resourceType: 'import_run',
          resourceId: run.id,
          after: { file: source.name, checksum: sum, ...result },
        });
        return { kind, file: source.name, checksum: sum, dryRun: false, runId: run.id, result };
      });
    } catch (error) {
      if (error instanceof DryRunRollback) {
        return { kind, file: source.name, checksum: sum, dryRun: true, runId: null, result: error.result as T };
      }
      throw error;
    }
  }

  async runs(ctx: RequestContext, limit = 100) {
    authorize(ctx.actor, 'import:read');
    return this.db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }
}
