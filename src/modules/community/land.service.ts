import type { z } from 'zod';
import { actorLabel, actorUserId, authorize } from '../../core/access/actor.ts';
import { recordAudit } from '../../db/audit.ts';
import type { RequestContext } from '../../core/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { Clock } from '../../core/time.ts';
import {
  checksum,
  headerKey,
  headerList,
  ImportError,
  readTable,
  shown,
  type ImportLimits,
  type ImportsService,
  type ImportTable,
  type SourceFile,
} from '../imports/index.ts';
import type { PartnershipDirectory } from '../partnerships/index.ts';
import { AssetSchema } from './community.schemas.ts';
import type { LandFileRow, LandRepository } from './land.repository.ts';

const TYPE_WORDS: Record<string, 'land' | 'building' | 'land_and_building'> = {
  land: 'land',
  building: 'building',
  buildings: 'building',
  'land and building': 'land_and_building',
  'land and buildings': 'land_and_building',
  'land & building': 'land_and_building',
  land_and_building: 'land_and_building',
};

export const LAND_CSV_COLUMNS = [
  'reference',
  'name',
  'asset_type',
  'address',
  'postcode',
  'description',
  'area_hectares',
  'uprn',
] as const;

/** A row of a register file is held to the manual form's schema (the owner is named by the upload, not the file). */
const LandRowSchema = AssetSchema.omit({ owner_organisation_id: true });

/**
 * The rows of a register file (CSV or a worksheet), each checked by the schema the form uses, so a file
 * cannot hold a longer name, address or description than a person may type; every error names the file,
 * row and column.
 */
function landRows(table: ImportTable): LandFileRow[] {
  const header = table.header.map(headerKey);
  const missing = ['reference', 'name', 'asset_type'].filter((n) => !header.includes(n));
  if (missing.length)
    throw new ImportError(
      table.file,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${headerList(table.header)})`,
      table.headerRow,
    );
  const seen = new Map<string, number>();
  return table.rows.map((r, i) => {
    const row = table.rowNumbers[i]!;
    const cell = (name: (typeof LAND_CSV_COLUMNS)[number]) => {
      const v = header.includes(name) ? (r[header.indexOf(name)] ?? '').trim() : '';
      return v === '' ? undefined : v;
    };
    const typeText = (cell('asset_type') ?? '').toLowerCase();
    const assetType = TYPE_WORDS[typeText];
    if (!assetType)
      throw new ImportError(
        table.file,
        `“${shown(typeText)}” is not land, building, or land and building`,
        row,
        'asset_type',
      );
    const given = {
      reference: cell('reference'),
      name: cell('name'),
      address: cell('address'),
      postcode: cell('postcode'),
      description: cell('description'),
      area_hectares: cell('area_hectares')?.replace(/,/g, ''),
      uprn: cell('uprn'),
    };
    const parsed = LandRowSchema.safeParse({ ...given, asset_type: assetType });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0]) as (typeof LAND_CSV_COLUMNS)[number];
      const value = cell(column);
      throw new ImportError(
        table.file,
        `${issue.message}${value ? ` (the file has “${shown(value)}”)` : ''}`,
        row,
        column,
      );
    }
    const v = parsed.data;
    const earlier = seen.get(v.reference);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `reference ${shown(v.reference)} is already on row ${earlier}`,
        row,
        'reference',
      );
    seen.set(v.reference, row);
    return {
      reference: v.reference,
      name: v.name,
      asset_type: v.asset_type,
      address: v.address ?? null,
      postcode: v.postcode?.toUpperCase() ?? null,
      description: v.description ?? null,
      area_hectares: v.area_hectares ?? null,
      uprn: v.uprn ?? null,
    };
  });
}

export interface LandImportSummary {
  file: string;
  rowsRead: number;
  added: number;
  updated: number;
  dryRun: boolean;
}

/** What the registers of land need of other modules. */
export interface LandOwners {
  /** The partnership's authorities, and the owners' names (partnerships). */
  directory: Pick<PartnershipDirectory, 'authority' | 'organisationsByIds'>;
  /** The record of an import run, written in the import's transaction (imports). */
  imports: Pick<ImportsService, 'recordRun'>;
}

export class LandRegisterService {
  constructor(
    private readonly repo: LandRepository,
    private readonly clock: Clock,
    /** What an imported file is read under (config.imports). */
    private readonly limits: ImportLimits,
    private readonly owners: LandOwners,
  ) {}

  /** The public register of land and buildings of a partnership's authorities, by owner and name. */
  async list(ctx: RequestContext, partnershipId: number, q?: string) {
    authorize(ctx.actor, 'register:read');
    const rows = await this.repo.list(partnershipId, q);
    const owners = await this.owners.directory.organisationsByIds(rows.map((r) => r.owner_id));
    return rows
      .flatMap((r) => {
        const o = owners.get(r.owner_id);
        return o ? [{ ...r, owner_name: o.name }] : [];
      })
      .sort((a, b) => a.owner_name.localeCompare(b.owner_name));
  }

  async add(ctx: RequestContext, p: PartnershipRef, input: z.output<typeof AssetSchema>) {
    authorize(ctx.actor, 'land-register:manage', p.id);
    return this.repo.transaction(async (repo, trx) => {
      if (!(await this.owners.directory.authority(p.id, input.owner_organisation_id, trx)))
        throw ValidationError.field(
          'owner_organisation_id',
          'Choose one of the partnership’s public service authorities',
        );
      const now = this.clock.now();
      // A reference already on this partnership's register is refused by the key itself (LandRepository.addAsset).
      const row = await repo.addAsset({
        partnership_id: p.id,
        owner_organisation_id: input.owner_organisation_id,
        reference: input.reference,
        name: input.name,
        asset_type: input.asset_type,
        address: input.address ?? null,
        postcode: input.postcode?.toUpperCase() ?? null,
        description: input.description ?? null,
        area_hectares: input.area_hectares ?? null,
        uprn: input.uprn ?? null,
        created_at: now,
        updated_at: now,
      });
      if (!row) {
        const message =
          'This authority already has land or a building with this reference on the partnership’s register';
        throw new ConflictError(message, { reference: [message] });
      }
      await recordAudit(trx, ctx, this.clock, {
        partnershipId: p.id,
        action: 'land_asset.create',
        resourceType: 'land_asset',
        resourceId: row.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * Import an authority's register of land from CSV or an Excel workbook (.xlsx: its first worksheet
   * with a header row). Columns: reference, name, asset_type, and optionally address, postcode,
   * description, area_hectares, uprn. All or nothing; rows with a reference already on the register are
   * updated, so importing the same file twice changes nothing.
   */
  async importFile(
    ctx: RequestContext,
    p: PartnershipRef,
    ownerOrganisationId: number,
    source: SourceFile,
    dryRun = false,
  ): Promise<LandImportSummary> {
    authorize(ctx.actor, 'land-register:manage', p.id);
    if (!(await this.owners.directory.authority(p.id, ownerOrganisationId)))
      throw ValidationError.field(
        'owner_organisation_id',
        'Choose one of the partnership’s public service authorities',
      );
    const rows = landRows(await readTable(source, this.limits));
    const summary: LandImportSummary = { file: source.name, rowsRead: rows.length, added: 0, updated: 0, dryRun };
    try {
      await this.repo.ownTransaction(async (repo, trx) => {
        const now = this.clock.now();
        const existing = await repo.references(p.id, ownerOrganisationId);
        for (const r of rows) {
          if (existing.has(r.reference)) summary.updated++;
          else summary.added++;
        }
        // The run is recorded whole (counts and summary) before the rows that point at it, in this transaction.
        const runId = await this.owners.imports.recordRun(trx, {
          kind: 'land-register',
          file_name: source.name,
          checksum: checksum(source.content),
          bytes: source.content.length,
          rows_read: rows.length,
          rows_loaded: rows.length,
          rows_skipped: 0,
          summary: JSON.stringify(summary),
          partnership_id: p.id,
          actor_user_id: actorUserId(ctx.actor),
          actor_label: actorLabel(ctx.actor),
          started_at: now,
          finished_at: now,
        });
        for (const r of rows)
          await repo.upsertAsset(r, { partnershipId: p.id, ownerOrganisationId, importRunId: runId }, now);
        await recordAudit(trx, ctx, this.clock, {
          partnershipId: p.id,
          action: 'import.land-register',
          resourceType: 'import_run',
          resourceId: runId,
          after: summary,
        });
        if (dryRun) throw new DryRun();
      });
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    return summary;
  }

  /** One entry of a partnership's register; another partnership's entries are "not found". */
  async get(ctx: RequestContext, partnershipId: number, id: number) {
    authorize(ctx.actor, 'register:read');
    const row = await this.repo.get(partnershipId, id);
    const owner =
      row &&
      (await this.owners.directory.organisationsByIds([row.owner_organisation_id])).get(row.owner_organisation_id);
    if (!row || !owner) throw new NotFoundError('land or building');
    return { ...row, owner_name: owner.name };
  }
}

class DryRun extends Error {}
