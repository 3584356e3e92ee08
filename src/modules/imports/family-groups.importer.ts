import {
  DEFAULT_IMPORT_LIMITS,
  readCsv,
  requireColumns,
  rowNumber,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { upsertFamilyGroups } from './family-groups.repository.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';

/**
 * LGBF's family groups, `Family_Groups.csv`: one row per council and type, naming its group ("Family
 * Group 1" to "Family Group 4"). The two types group councils differently: by deprivation for children,
 * social work and housing ('lgbf-people'), by rurality and density for everything else ('lgbf-other').
 * Each type must place every council exactly once.
 */
const COLUMNS = ['Family_Group', 'Local_Authority', 'Type'] as const;
/** How the file words each type (its first word, lower case) → the family_group_schemes row. */
const SCHEMES: Record<string, string> = { children: 'lgbf-people', environmental: 'lgbf-other' };

export interface FamilyGroupRow {
  scheme: string;
  council: string;
  group: number;
}

export interface FamilyGroupPlan {
  file: string;
  rows: FamilyGroupRow[];
  rowsRead: number;
}

export interface FamilyGroupContext {
  /** any spelling of a council name (lower case) → its code */
  councilByName: ReadonlyMap<string, string>;
  /** the codes of the current council areas, each of which every scheme in the file must place */
  councils: ReadonlySet<string>;
}

export function planFamilyGroups(
  source: SourceFile,
  context: FamilyGroupContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): FamilyGroupPlan {
  const table = readCsv(source, limits);
  const col = requireColumns(table, COLUMNS);
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const seen = new Map<string, number>();
  const rows: FamilyGroupRow[] = [];
  table.rows.forEach((cells, i) => {
    const row = rowNumber(i);
    const cell = (name: (typeof COLUMNS)[number]) => (cells[col[name]] ?? '').trim();
    const type = cell('Type');
    const scheme = SCHEMES[type.split(/[\s,]/)[0]!.toLowerCase()];
    if (!scheme) {
      throw new ImportError(
        table.file,
        `“${type}” is not one of LGBF’s two types (“Children, Social Work and Housing indicators”, “Environmental, Culture & Leisure, … indicators”)`,
        row,
        'Type',
      );
    }
    const council = context.councilByName.get(cell('Local_Authority').toLowerCase());
    if (!council || !context.councils.has(council))
      throw new ImportError(
        table.file,
        `“${cell('Local_Authority')}” is not a council area under any name Cairn knows`,
        row,
        'Local_Authority',
      );
    const m = /^family group\s*(\d+)$/i.exec(cell('Family_Group'));
    const group = m ? Number(m[1]) : NaN;
    if (!(group >= 1 && group <= 8))
      throw new ImportError(
        table.file,
        `“${cell('Family_Group')}” is not “Family Group 1” to “Family Group 8”`,
        row,
        'Family_Group',
      );
    const key = `${scheme}|${council}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `${cell('Local_Authority')} is placed twice for ${scheme} (rows ${earlier} and ${row})`,
        row,
        'Local_Authority',
      );
    seen.set(key, row);
    rows.push({ scheme, council, group });
  });
  const councils = context.councils;
  for (const scheme of new Set(rows.map((r) => r.scheme))) {
    const placed = new Set(rows.filter((r) => r.scheme === scheme).map((r) => r.council));
    const missing = [...councils].filter((c) => !placed.has(c)).sort();
    if (missing.length)
      throw new ImportError(
        table.file,
        `places ${placed.size} of the ${councils.size} councils in ${scheme}; missing: ${missing.join(', ')} (is the file cut short?)`,
      );
  }
  return { file: table.file, rows, rowsRead: table.rows.length };
}

/**
 * Record family groups, replacing a council's group in the same scheme; a row that would not change is
 * left alone (with the run that wrote it), so importing the same file again changes nothing.
 */
export async function applyFamilyGroups(trx: ImportTrx, rows: FamilyGroupRow[], runId: number): Promise<number> {
  if (!rows.length) return 0;
  return upsertFamilyGroups(trx, rows, runId);
}

export interface FamilyGroupResult {
  rowsRead: number;
  rowsLoaded: number;
  /** Councils placed in a group for the first time, or moved to another group, by this import. */
  changed: number;
  /** scheme → number of groups → councils, e.g. { 'lgbf-people': { '1': 8, … } } */
  bySchemeAndGroup: Record<string, Record<string, number>>;
}

export async function applyLgbfFamilyGroups(
  trx: ImportTrx,
  plan: FamilyGroupPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FamilyGroupResult> {
  onProgress?.(0, 1);
  const changed = await applyFamilyGroups(trx, plan.rows, runId);
  onProgress?.(1, 1);
  const bySchemeAndGroup: Record<string, Record<string, number>> = {};
  for (const r of plan.rows) {
    const groups = (bySchemeAndGroup[r.scheme] ??= {});
    groups[r.group] = (groups[r.group] ?? 0) + 1;
  }
  return { rowsRead: plan.rowsRead, rowsLoaded: plan.rows.length, changed, bySchemeAndGroup };
}
