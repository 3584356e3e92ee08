import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import { checksum, type ImportLimits, type SourceFile } from './csv-reader.ts';
import { applyGeography, planGeography, type GeographyResult } from './geography.importer.ts';
import { applyBoundaries, planBoundaries } from './boundaries.importer.ts';
import { applyCpopCommunities, planCpopCommunities } from './cpop-communities.importer.ts';
import { applyLgbfFamilyGroups, planFamilyGroups } from './family-groups.importer.ts';
import { applyLgbf, applyLgbfIndicators, planLgbf, planLgbfIndicators } from './lgbf.importer.ts';
import { applyNpf, planNpf, readNpfTable } from './npf.importer.ts';
import { applyPopulation, planPopulation } from './population.importer.ts';
import { DryRunRollback } from './import-errors.ts';
import {
  areaCodeAliases,
  areaCodesInside,
  areaNames,
  areaNameVariants,
  councilAreaCodes,
  cpopIndicators,
  dataZoneCouncils,
  finishRun,
  importTransaction,
  indicatorsOpenTo,
  insertFinishedRun,
  insertRun,
  intermediateZoneCodes,
  intermediateZoneCouncils,
  lgbfIndicators,
  nationalRuns,
  nationalRunsInOrder,
  ownIndicators,
  ownValues,
  partnershipRuns,
  scotlandArea,
  simdEdition,
  type ImportRunRecord,
  type ImportsDb,
  type ImportTrx,
} from './imports.repository.ts';
import {
  applyLocalData,
  planLocalData,
  type LocalDataContext,
  type LocalDataFormat,
  type LocalDataResult,
} from './local-data.importer.ts';
import { applySimd, planSimd, SIMD_EDITION, type SimdResult } from './simd.importer.ts';
import { applyCpopPartnerships, planCpopPartnerships, type CpopResult } from './cpop.importer.ts';
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

/** One import run as listed (a row of import_runs). */
export type ImportRun = Awaited<ReturnType<typeof nationalRuns>>[number];
/** One of a partnership's own indicators, with how many values it holds and its latest period. */
export type OwnIndicator = Awaited<ReturnType<typeof ownIndicators>>[number];
/** One value of a partnership's own indicators, as the tidy CSV export has it. */
export type OwnValue = Awaited<ReturnType<typeof ownValues>>[number];

/**
 * Every import: check the whole file first, then write it in one transaction together with its record
 * in import_runs (file, checksum, who, when, counts) and an audit row. A dry run does all of that and
 * rolls it back. The queries are in imports.repository.ts (and each importer's own repository).
 */
export class ImportsService {
  constructor(
    private readonly db: ImportsDb,
    private readonly clock: Clock,
    /** What every file is read under (config.imports). */
    private readonly limits: ImportLimits,
  ) {}

  /** Current council codes, and the codes they had before 2018/19, each mapped to the current code. */
  async councilCodes(): Promise<Map<string, string>> {
    const [areas, aliases] = await Promise.all([councilAreaCodes(this.db), areaCodeAliases(this.db)]);
    return new Map([
      ...areas.map((a) => [a.code, a.code] as const),
      ...aliases.map((a) => [a.old_code, a.area_code] as const),
    ]);
  }

  /** Every spelling Cairn knows of the given levels' areas (official names and variants, lower case) → code. */
  private async areasByName(levels: ('country' | 'council_area')[]): Promise<Map<string, string>> {
    const [names, variants] = await Promise.all([areaNames(this.db, levels), areaNameVariants(this.db)]);
    return new Map([
      ...names.map((n) => [n.name.toLowerCase(), n.code] as const),
      ...variants.map((v) => [v.name.toLowerCase(), v.area_code] as const),
    ]);
  }

  async importGeography(
    ctx: RequestContext,
    source: SourceFile,
    options: ImportOptions = {},
  ): Promise<ImportSummary<GeographyResult>> {
    authorize(ctx.actor, 'import:run');
    const plan = planGeography(source, await this.councilCodes(), this.limits);
    return this.run(ctx, 'geography', source, options, (trx) => applyGeography(trx, plan, options.onProgress));
  }

  /** CPOP's partnership time series, and each council's CPOP family group from its FG column. */
  async importCpopPartnerships(
    ctx: RequestContext,
    source: SourceFile,
    options: ImportOptions = {},
  ): Promise<ImportSummary<CpopResult>> {
    authorize(ctx.actor, 'import:run');
    const indicators = await cpopIndicators(this.db);
    const scotland = await scotlandArea(this.db);
    const plan = planCpopPartnerships(
      source,
      {
        indicatorByName: new Map(indicators.map((i) => [i.name.toLowerCase(), i.code])),
        areaByName: await this.areasByName(['country', 'council_area']),
        country: scotland.code,
      },
      this.limits,
    );
    return this.run(ctx, 'cpop-partnerships', source, options, (trx, runId) =>
      applyCpopPartnerships(trx, plan, runId, options.onProgress),
    );
  }

  /** CPOP's inequality inputs: one or more YEAR_IGZ.csv files, all checked before any is written. */
  async importInequality(
    ctx: RequestContext,
    sources: SourceFile[],
    options: ImportOptions = {},
  ): Promise<ImportSummary<InequalityResult>> {
    authorize(ctx.actor, 'import:run');
    const plan = planInequality(sources, await this.areasByName(['council_area']), this.limits);
    const combined: SourceFile = {
      name:
        sources.length === 1 ? sources[0]!.name : `${sources.length} files (${plan.files[0]} … ${plan.files.at(-1)})`,
      content: Buffer.concat(sources.map((s) => s.content)),
    };
    return this.run(ctx, 'cpop-inequality', combined, options, async (trx, runId) => {
      options.onProgress?.(0, 1);
      const result = await applyInequality(trx, plan, runId);
      options.onProgress?.(1, 1);
      return result;
    });
  }

  async importSimd(
    ctx: RequestContext,
    source: SourceFile,
    options: ImportOptions = {},
  ): Promise<ImportSummary<SimdResult>> {
    authorize(ctx.actor, 'import:run');
    const edition = await simdEdition(this.db, SIMD_EDITION);
    const zones = await dataZoneCouncils(this.db);
    const plan = planSimd(
      source,
      {
        edition,
        dataZoneCouncil: new Map(zones.map((z) => [z.code, z.council ?? ''])),
        councilByName: await this.areasByName(['council_area']),
      },
      this.limits,
    );
    return this.run(ctx, 'simd', source, options, async (trx) => {
      options.onProgress?.(0, 1);
      const result = await applySimd(trx, plan, edition.code);
      options.onProgress?.(1, 1);
      return result;
    });
  }

  /** LGBF indicators from the Improvement Service's Metadata_Shiny.xlsx: each with a polarity becomes lgbf-<code>, filed under LGBF. */
  async importLgbfIndicators(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const plan = await planLgbfIndicators(source, this.limits);
    return this.run(ctx, 'lgbf-indicators', source, options, (trx) =>
      applyLgbfIndicators(trx, plan, options.onProgress),
    );
  }

  /** LGBF values (cash, real terms, numerator, denominator) for the councils and Scotland, from the "Raw Data" sheet of new_bnch_data.xlsx; the indicators first. */
  async importLgbf(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const indicators = await lgbfIndicators(this.db);
    const plan = await planLgbf(
      source,
      {
        indicatorByExternalCode: new Map(
          indicators.filter((i) => i.external_code).map((i) => [i.external_code!.toLowerCase(), i.code]),
        ),
        areaByName: await this.areasByName(['country', 'council_area']),
      },
      this.limits,
    );
    return this.run(ctx, 'lgbf', source, options, (trx, runId) => applyLgbf(trx, plan, runId, options.onProgress));
  }

  /** LGBF's family groups (Family_Groups.csv): each council's group for people services and for other services. */
  async importFamilyGroups(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const plan = planFamilyGroups(
      source,
      {
        councilByName: await this.areasByName(['council_area']),
        councils: new Set((await this.councilCodes()).values()),
      },
      this.limits,
    );
    return this.run(ctx, 'family-groups', source, options, (trx, runId) =>
      applyLgbfFamilyGroups(trx, plan, runId, options.onProgress),
    );
  }

  /**
   * The National Performance Framework database (npf_database.xlsx or its CSV export): the NPF indicators,
   * and their Scotland totals and council figures.
   */
  async importNpf(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const plan = planNpf(await readNpfTable(source, this.limits), await this.areasByName(['council_area']));
    return this.run(ctx, 'npf', source, options, (trx, runId) => applyNpf(trx, plan, runId, options.onProgress));
  }

  /** NRS mid-year population estimates by area, year, sex and single year of age (totals added where the file lacks them). */
  async importPopulation(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const scotland = await scotlandArea(this.db);
    const areaByName = await this.areasByName(['country', 'council_area']);
    for (const [code, current] of await this.councilCodes()) areaByName.set(code.toLowerCase(), current);
    areaByName.set(scotland.code.toLowerCase(), scotland.code);
    const councils = new Set([...areaByName.values()].filter((c) => c !== scotland.code)).size;
    const plan = await planPopulation(source, { areaByName, councils, scotland: scotland.code }, this.limits);
    return this.run(ctx, 'population', source, options, (trx, runId) =>
      applyPopulation(trx, plan, runId, scotland.code, options.onProgress),
    );
  }

  /** Council area or intermediate zone boundaries from a GeoJSON FeatureCollection (layout told from its properties). */
  async importBoundaries(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const zones = await intermediateZoneCodes(this.db);
    const plan = planBoundaries(
      source,
      { councilByName: await this.areasByName(['council_area']), intermediateZones: new Set(zones.map((z) => z.code)) },
      this.limits,
    );
    return this.run(ctx, 'boundaries', source, options, (trx, runId) =>
      applyBoundaries(trx, plan, runId, options.onProgress),
    );
  }

  /** A partnership's own data (tidy or Open SDG CSV): only its own indicators, only its own areas. */
  async importLocalData(
    ctx: RequestContext,
    p: PartnershipRef,
    source: SourceFile,
    format: LocalDataFormat,
    options: ImportOptions & { openSdg?: LocalDataContext['openSdg'] } = {},
  ): Promise<ImportSummary<LocalDataResult>> {
    authorize(ctx.actor, 'outcome:import', p.id);
    const [indicators, areas] = await Promise.all([indicatorsOpenTo(this.db, p.id), areaCodesInside(this.db, p)]);
    const own = indicators.filter((i) => i.partnership_id === p.id);
    const context: LocalDataContext = {
      partnershipId: p.id,
      partnershipCode: p.code,
      councilAreaCode: p.councilAreaCode,
      areas: new Set(areas),
      indicators: new Map(
        own.flatMap((i) => [[i.code.toLowerCase(), i.code] as const, [i.name.toLowerCase(), i.code] as const]),
      ),
      national: new Set(
        indicators
          .filter((i) => i.partnership_id === null)
          .flatMap((i) => [i.code.toLowerCase(), i.name.toLowerCase()]),
      ),
      ...(options.openSdg ? { openSdg: options.openSdg } : {}),
    };
    const plan = planLocalData(source, format, context, this.limits);
    return this.run(
      ctx,
      format === 'tidy' ? 'local-tidy' : 'local-open-sdg',
      source,
      options,
      (trx, runId) => applyLocalData(trx, plan, context, runId, `${p.name}: ${source.name}`),
      p.id,
    );
  }

  /** The import runs of one partnership's own data. */
  async runsFor(ctx: RequestContext, p: PartnershipRef, limit = 50) {
    authorize(ctx.actor, 'partnership:read', p.id);
    return partnershipRuns(this.db, p.id, limit);
  }

  /** A partnership's own indicators, each with how many values it holds and its latest period. */
  async ownIndicators(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    return ownIndicators(this.db, p.id);
  }

  /** Every value of a partnership's own indicators, in the order of the tidy CSV export. */
  async ownValues(ctx: RequestContext, p: PartnershipRef) {
    authorize(ctx.actor, 'partnership:read', p.id);
    return ownValues(this.db, p.id);
  }

  /**
   * CPOP's community (intermediate zone) time series: the workbook IGZ_Data_Sep_23.xlsx or its tidy CSV
   * (layout told from the file), into observations for the zones. The data zone lookup must be imported first.
   */
  async importCpopCommunities(ctx: RequestContext, source: SourceFile, options: ImportOptions = {}) {
    authorize(ctx.actor, 'import:run');
    const [indicators, zones] = await Promise.all([cpopIndicators(this.db), intermediateZoneCouncils(this.db)]);
    const zoneCouncil = new Map(zones.map((z) => [z.code, z.parent_code ?? '']));
    const plan = await planCpopCommunities(
      source,
      {
        indicatorByName: new Map(indicators.map((i) => [i.name.toLowerCase(), i.code])),
        zoneCouncil,
        councilByName: await this.areasByName(['council_area']),
        councilCodes: await this.councilCodes(),
      },
      this.limits,
    );
    return this.run(ctx, 'cpop-communities', source, options, (trx, runId) =>
      applyCpopCommunities(trx, plan, runId, zoneCouncil, options.onProgress),
    );
  }

  /** Write an already-checked plan with its import_runs record and audit row, in one transaction. */
  private async run<T extends { rowsRead: number; rowsLoaded: number }>(
    ctx: RequestContext,
    kind: string,
    source: SourceFile,
    options: ImportOptions,
    apply: (trx: ImportTrx, runId: number) => Promise<T>,
    partnershipId: number | null = null,
  ): Promise<ImportSummary<T>> {
    const startedAt = this.clock.now();
    const sum = checksum(source.content);
    try {
      return await importTransaction(this.db, async (trx) => {
        // The run is recorded first so that what it loads can point at it; its counts follow.
        const runId = await insertRun(trx, {
          kind,
          file_name: source.name,
          checksum: sum,
          bytes: source.content.length,
          partnership_id: partnershipId,
          actor_user_id: actorUserId(ctx.actor),
          actor_label: actorLabel(ctx.actor),
          started_at: startedAt,
        });
        const result = await apply(trx, runId);
        if (options.dryRun) throw new DryRunRollback(result);
        await finishRun(trx, runId, {
          rows_read: result.rowsRead,
          rows_loaded: result.rowsLoaded,
          rows_skipped: result.rowsRead - result.rowsLoaded,
          summary: JSON.stringify(result),
          finished_at: this.clock.now(),
        });
        await recordAudit(trx, ctx, this.clock, {
          partnershipId,
          action: `import.${kind}`,
          resourceType: 'import_run',
          resourceId: runId,
          after: { file: source.name, checksum: sum, ...result },
        });
        return { kind, file: source.name, checksum: sum, dryRun: false, runId, result };
      });
    } catch (error) {
      if (error instanceof DryRunRollback) {
        return { kind, file: source.name, checksum: sum, dryRun: true, runId: null, result: error.result as T };
      }
      throw error;
    }
  }

  /** National imports (a partnership's own data is listed with the partnership). */
  async runs(ctx: RequestContext, limit = 100) {
    authorize(ctx.actor, 'import:read');
    return nationalRuns(this.db, limit);
  }

  /**
   * Record an import another module has made (a plan's resources file), in the caller's transaction `trx`, so
   * the run is written with the rows that point at it and the audit row; its id. No authorisation: the caller
   * has authorised the import.
   */
  recordRun(trx: ImportTrx, run: ImportRunRecord): Promise<number> {
    return insertFinishedRun(trx, run);
  }

  /**
   * Every national import run, oldest first, for `cairn export imports` (the national data is open; the export
   * is the command line's). Its counts and who made it, not its summary.
   */
  exportNationalRuns() {
    return nationalRunsInOrder(this.db);
  }
}
