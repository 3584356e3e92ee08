import {
  DEFAULT_IMPORT_LIMITS,
  readCsv,
  requireColumns,
  rowNumber,
  type CsvTable,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { areaLevels, upsertAreaClassifications, upsertAreaLinks, upsertNationalAreas } from './geography.repository.ts';

/**
 * The data zone 2011 lookup, in either published layout:
 *  - statistics.gov.scot: DZ2011_Code, DZ2011_Name, IZ2011_Code, IZ2011_Name, LA_Code, LA_Name
 *  - NRS "all geographies": the same plus multi-member wards (MMWard_*), health boards (HB_*) and the
 *    urban/rural classifications (UR2_*, UR3_*, UR6_*, UR8_*), among others we do not use yet.
 * Loads intermediate zones and data zones under the council areas (and, from the NRS layout, wards,
 * health boards, each data zone's ward and health board, and its urban/rural classes).
 */
const BASE = ['DZ2011_Code', 'DZ2011_Name', 'IZ2011_Code', 'IZ2011_Name', 'LA_Code', 'LA_Name'] as const;
const NRS = [
  'MMWard_Code',
  'MMWard_Name',
  'HB_Code',
  'HB_Name',
  'UR2_Code',
  'UR2_Name',
  'UR3_Code',
  'UR3_Name',
  'UR6_Code',
  'UR6_Name',
  'UR8_Code',
  'UR8_Name',
] as const;
const UR_SCHEMES = [
  ['UR2', 'urban_rural_2'],
  ['UR3', 'urban_rural_3'],
  ['UR6', 'urban_rural_6'],
  ['UR8', 'urban_rural_8'],
] as const;

const PATTERNS: Record<string, RegExp> = {
  DZ2011_Code: /^S01\d{6}$/,
  IZ2011_Code: /^S02\d{6}$/,
  LA_Code: /^S12\d{6}$/,
  MMWard_Code: /^S13\d{6}$/,
  HB_Code: /^S08\d{6}$/,
};

export interface GeographyPlan {
  file: string;
  layout: 'statistics.gov.scot' | 'NRS';
  dataZones: { code: string; name: string; parent: string }[];
  intermediateZones: { code: string; name: string; parent: string }[];
  wards: { code: string; name: string; parent: string }[];
  healthBoards: { code: string; name: string }[];
  links: { area: string; relation: 'ward' | 'health_board'; linked: string }[];
  classifications: { area: string; scheme: string; value: number; label: string }[];
  rowsRead: number;
}

/** Read and check the whole file before anything is written. `councils` maps every accepted code (and old code) to the current one. */
export function planGeography(
  source: SourceFile,
  councils: ReadonlyMap<string, string>,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): GeographyPlan {
  const table: CsvTable = readCsv(source, limits);
  const col = requireColumns(table, BASE);
  const layout = table.header.includes('MMWard_Code') ? 'NRS' : 'statistics.gov.scot';
  const nrs = layout === 'NRS' ? requireColumns(table, NRS) : null;
  const plan: GeographyPlan = {
    file: table.file,
    layout,
    dataZones: [],
    intermediateZones: [],
    wards: [],
    healthBoards: [],
    links: [],
    classifications: [],
    rowsRead: table.rows.length,
  };
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');

  const seenDz = new Map<string, number>();
  const iz = new Map<string, { name: string; parent: string; row: number }>();
  const wards = new Map<string, { name: string; parent: string; row: number }>();
  const boards = new Map<string, { name: string; row: number }>();

  table.rows.forEach((cells, i) => {
    const row = rowNumber(i);
    const get = (name: string, index: number): string => {
      const value = (cells[index] ?? '').trim();
      if (!value) throw new ImportError(table.file, 'is empty', row, name);
      const pattern = PATTERNS[name];
      if (pattern && !pattern.test(value))
        throw new ImportError(table.file, `“${value}” is not a ${name.replace(/_Code$/, '')} code`, row, name);
      return value;
    };
    const dz = get('DZ2011_Code', col.DZ2011_Code);
    const earlier = seenDz.get(dz);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `data zone ${dz} appears twice (rows ${earlier} and ${row})`,
        row,
        'DZ2011_Code',
      );
    seenDz.set(dz, row);
    const izCode = get('IZ2011_Code', col.IZ2011_Code);
    const laRaw = get('LA_Code', col.LA_Code);
    const la = councils.get(laRaw);
    if (!la) throw new ImportError(table.file, `${laRaw} is not a Scottish council area code`, row, 'LA_Code');
    const izName = get('IZ2011_Name', col.IZ2011_Name);
    const known = iz.get(izCode);
    if (known && known.parent !== la) {
      throw new ImportError(
        table.file,
        `intermediate zone ${izCode} is in ${known.parent} at row ${known.row} but in ${la} here`,
        row,
        'LA_Code',
      );
    }
    if (known && known.name !== izName) {
      throw new ImportError(
        table.file,
        `intermediate zone ${izCode} is named “${known.name}” at row ${known.row} but “${izName}” here`,
        row,
        'IZ2011_Name',
      );
    }
    if (!known) iz.set(izCode, { name: izName, parent: la, row });
    plan.dataZones.push({ code: dz, name: get('DZ2011_Name', col.DZ2011_Name), parent: izCode });

    if (nrs) {
      const ward = get('MMWard_Code', nrs.MMWard_Code);
      const wardName = get('MMWard_Name', nrs.MMWard_Name);
      const w = wards.get(ward);
      if (w && w.parent !== la)
        throw new ImportError(
          table.file,
          `ward ${ward} is in ${w.parent} at row ${w.row} but in ${la} here`,
          row,
          'MMWard_Code',
        );
      if (!w) wards.set(ward, { name: wardName, parent: la, row });
      const hb = get('HB_Code', nrs.HB_Code);
      if (!boards.has(hb)) boards.set(hb, { name: get('HB_Name', nrs.HB_Name), row });
      plan.links.push({ area: dz, relation: 'ward', linked: ward }, { area: dz, relation: 'health_board', linked: hb });
      for (const [prefix, scheme] of UR_SCHEMES) {
        const codeCol = `${prefix}_Code` as const;
        const raw = get(codeCol, nrs[codeCol]);
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 1)
          throw new ImportError(table.file, `“${raw}” is not a class number`, row, codeCol);
        plan.classifications.push({
          area: dz,
          scheme,
          value,
          label: get(`${prefix}_Name`, nrs[`${prefix}_Name` as const]),
        });
      }
    }
  });
  plan.intermediateZones = [...iz].map(([code, v]) => ({ code, name: v.name, parent: v.parent }));
  plan.wards = [...wards].map(([code, v]) => ({ code, name: v.name, parent: v.parent }));
  plan.healthBoards = [...boards].map(([code, v]) => ({ code, name: v.name }));
  return plan;
}

async function upsertAreas(
  trx: ImportTrx,
  level: string,
  rows: { code: string; name: string; parent: string }[],
  source: string,
) {
  if (!rows.length) return { created: 0, updated: 0 };
  const existing = await areaLevels(
    trx,
    rows.map((r) => r.code),
  );
  const clash = existing.find((e) => e.level !== level);
  if (clash) throw new ImportError(source, `code ${clash.code} is already a ${clash.level}, not a ${level}`);
  await upsertNationalAreas(trx, level, rows, source);
  return { created: rows.length - existing.length, updated: existing.length };
}

export interface GeographyResult {
  layout: GeographyPlan['layout'];
  rowsRead: number;
  rowsLoaded: number;
  counts: Record<string, { created: number; updated: number }>;
  councilAreas: number;
}

export async function applyGeography(
  trx: ImportTrx,
  plan: GeographyPlan,
  onProgress?: (done: number, total: number) => void,
): Promise<GeographyResult> {
  const source = `${plan.file} (${plan.layout} data zone 2011 lookup)`;
  const steps = plan.layout === 'NRS' ? 6 : 2;
  let step = 0;
  const tick = () => onProgress?.(++step, steps);
  const counts: GeographyResult['counts'] = {};
  counts['intermediate_zone'] = await upsertAreas(trx, 'intermediate_zone', plan.intermediateZones, source);
  tick();
  counts['data_zone'] = await upsertAreas(trx, 'data_zone', plan.dataZones, source);
  tick();
  if (plan.layout === 'NRS') {
    counts['ward'] = await upsertAreas(trx, 'ward', plan.wards, source);
    tick();
    counts['health_board'] = await upsertAreas(
      trx,
      'health_board',
      plan.healthBoards.map((h) => ({ ...h, parent: 'S92000003' })),
      source,
    );
    tick();
    await upsertAreaLinks(trx, plan.links);
    tick();
    await upsertAreaClassifications(trx, plan.classifications);
    tick();
  }
  return {
    layout: plan.layout,
    rowsRead: plan.rowsRead,
    rowsLoaded: plan.dataZones.length,
    counts,
    councilAreas: new Set(plan.intermediateZones.map((z) => z.parent)).size,
  };
}
