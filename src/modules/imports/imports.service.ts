import type { Kysely } from 'kysely';
import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../core/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { Clock } from '../../core/time.ts';
import type { Database } from '../../db/schema.ts';
import { checksum, type SourceFile } from './csv-reader.ts';
import { applyGeography, planGeography, type GeographyResult } from './geography.importer.ts';
import { DryRunRollback } from './import-errors.ts';

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

  async importGeography(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}): Promise<ImportSummary<GeographyResult>> {
    authorize(ctx.actor, 'import:run');
    const startedAt = this.clock.now();
    const plan = planGeography(source, await this.councilCodes());
    const sum = checksum(source.content);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await applyGeography(trx, plan, options.onProgress);
        if (options.dryRun) throw new DryRunRollback(result);
        const run = await trx
          .insertInto('import_runs')
          .values({
            kind: 'geography',
            file_name: source.name,
            checksum: sum,
            bytes: source.content.length,
            rows_read: result.rowsRead,
            rows_loaded: result.rowsLoaded,
            rows_skipped: result.rowsRead - result.rowsLoaded,
            summary: JSON.stringify(result),
            partnership_id: null,
            actor_user_id: actorUserId(ctx.actor),
            actor_label: actorLabel(ctx.actor),
            started_at: startedAt,
            finished_at: this.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: null,
          action: 'import.geography',
          resourceType: 'import_run',
          resourceId: run.id,
          after: { file: source.name, checksum: sum, ...result },
        });
        return { kind: 'geography', file: source.name, checksum: sum, dryRun: false, runId: run.id, result };
      });
    } catch (error) {
      if (error instanceof DryRunRollback) {
        return { kind: 'geography', file: source.name, checksum: sum, dryRun: true, runId: null, result: error.result as GeographyResult };
      }
      throw error;
    }
  }

  async runs(ctx: RequestContext, limit = 100) {
    authorize(ctx.actor, 'import:read');
    return this.db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }
}
