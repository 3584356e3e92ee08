import { DEFAULT_IMPORT_LIMITS, readText, type ImportLimits, type SourceFile } from './csv-reader.ts';
import { areasWithoutBoundary, replaceBoundaries } from './boundaries.repository.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';

/**
 * Area boundaries as GeoJSON FeatureCollections (WGS84 longitude/latitude), in either published layout,
 * told apart by the features' properties:
 *  - council areas, `npw_scotland_boundaries.geojson` (nptscot/npw, from ONS Local Authority Districts
 *    2023): properties `name` and `kind`, no codes, so the name is matched to a council area under any
 *    spelling Cairn knows;
 *  - intermediate zones 2011, `izboundaries_simplified.geojson` (Scottish Government): property
 *    `InterZone` holds the code, which must already be in areas (import the geography first).
 * Each geometry must be a Polygon or MultiPolygon of finite coordinates inside Scotland; it is stored
 * with its bounding box, replacing any boundary the area had.
 */
export type Position = [number, number];
export type BoundaryGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Generous bounds around Scotland (St Kilda is at 8.6°W, Out Skerries 0.7°W, Muckle Flugga 60.9°N). */
export const SCOTLAND_BOUNDS = { minLon: -10, maxLon: 0, minLat: 54, maxLat: 61.5 };

const LAYOUTS = {
  council_area: { property: 'name', description: 'council areas (property name)' },
  intermediate_zone: { property: 'InterZone', description: 'intermediate zones (property InterZone)' },
} as const;
export type BoundaryLevel = keyof typeof LAYOUTS;

/** A problem in one feature: the file, the feature's number (1 = the first) and the property at fault. */
class FeatureError extends ImportError {
  constructor(file: string, feature: number, problem: string, property?: string) {
    super(file, `feature ${feature}: ${problem}`, undefined, property);
    this.message = `${file}, feature ${feature}: ${problem}`;
  }
}

export interface BoundaryContext {
  /** Any spelling of a council name (lower case) → its code. */
  councilByName: ReadonlyMap<string, string>;
  intermediateZones: ReadonlySet<string>;
}

export interface BoundaryPlan {
  file: string;
  level: BoundaryLevel;
  boundaries: { area: string; geometry: BoundaryGeometry; bbox: [number, number, number, number] }[];
  rowsRead: number;
  points: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Check a geometry's shape and coordinates, returning it (type and coordinates only) with its bounding box and point count. */
function checkGeometry(
  value: unknown,
  fail: (problem: string) => never,
): { geometry: BoundaryGeometry; bbox: [number, number, number, number]; points: number } {
  if (!isObject(value)) return fail('has no geometry');
  const type = value['type'];
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return fail(`geometry is a ${String(type)}, not a Polygon or MultiPolygon`);
  const coordinates = value['coordinates'];
  if (!Array.isArray(coordinates) || coordinates.length === 0) return fail(`${type} has no coordinates`);
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
  const b = SCOTLAND_BOUNDS;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let points = 0;
  polygons.forEach((polygon, p) => {
    const where = type === 'MultiPolygon' ? `polygon ${p + 1}, ` : '';
    if (!Array.isArray(polygon) || polygon.length === 0) fail(`${where}has no rings`);
    (polygon as unknown[]).forEach((ring, r) => {
      const at = `${where}ring ${r + 1}`;
      if (!Array.isArray(ring) || ring.length < 4) fail(`${at} has fewer than 4 positions`);
      for (const [i, position] of (ring as unknown[]).entries()) {
        if (
          !Array.isArray(position) ||
          position.length < 2 ||
          !position.every((c) => typeof c === 'number' && Number.isFinite(c))
        ) {
          fail(`${at}, position ${i + 1} is not a pair of numbers (${JSON.stringify(position)})`);
        }
        const [lon, lat] = position as number[] as Position;
        if (lon < b.minLon || lon > b.maxLon || lat < b.minLat || lat > b.maxLat) {
          fail(
            `${at}, position ${i + 1} (${lon}, ${lat}) is not in Scotland (longitude ${b.minLon} to ${b.maxLon}, latitude ${b.minLat} to ${b.maxLat}: is it WGS84, longitude first?)`,
          );
        }
        bbox[0] = Math.min(bbox[0], lon);
        bbox[1] = Math.min(bbox[1], lat);
        bbox[2] = Math.max(bbox[2], lon);
        bbox[3] = Math.max(bbox[3], lat);
        points++;
      }
      const first = (ring as Position[])[0]!;
      const last = (ring as Position[]).at(-1)!;
      if (first[0] !== last[0] || first[1] !== last[1])
        fail(`${at} is not closed (its last position is not its first)`);
    });
  });
  // Only longitude and latitude are kept (an altitude, if any, has no use on a map).
  const strip = (ring: Position[]) => ring.map((q) => [q[0], q[1]] as Position);
  const geometry: BoundaryGeometry =
    type === 'Polygon'
      ? { type, coordinates: (coordinates as Position[][]).map(strip) }
      : { type, coordinates: (coordinates as Position[][][]).map((poly) => poly.map(strip)) };
  return { geometry, bbox, points };
}

export function planBoundaries(
  source: SourceFile,
  context: BoundaryContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): BoundaryPlan {
  const file = source.name;
  // The size, encoding and kind of file are checked as every importer checks them, before JSON.parse.
  const text = readText(source, limits, 'GeoJSON');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(file, `is not GeoJSON: it cannot be read as JSON (${(error as Error).message})`);
  }
  if (!isObject(json) || json['type'] !== 'FeatureCollection' || !Array.isArray(json['features'])) {
    const type = isObject(json) ? `a ${String(json['type'])}` : Array.isArray(json) ? 'an array' : `a ${typeof json}`;
    throw new ImportError(file, `is not a GeoJSON FeatureCollection (it is ${type})`);
  }
  const features = json['features'] as unknown[];
  if (features.length === 0) throw new ImportError(file, 'is a FeatureCollection with no features');

  // The layout is told from the first feature's properties; every feature must then follow it.
  const firstProps = isObject(features[0]) && isObject(features[0]['properties']) ? features[0]['properties'] : {};
  const level = (Object.keys(LAYOUTS) as BoundaryLevel[]).find((l) => LAYOUTS[l].property in firstProps);
  if (!level) {
    throw new ImportError(
      file,
      `has neither layout Cairn reads: feature 1 has properties ${Object.keys(firstProps).join(', ') || '(none)'}, not ${Object.values(
        LAYOUTS,
      )
        .map((l) => l.description)
        .join(' or ')}`,
    );
  }
  const property = LAYOUTS[level].property;

  const seen = new Map<string, number>();
  let points = 0;
  const boundaries = features.map((feature, i) => {
    const n = i + 1;
    const fail = (problem: string, prop?: string): never => {
      throw new FeatureError(file, n, problem, prop);
    };
    if (!isObject(feature) || feature['type'] !== 'Feature') fail('is not a GeoJSON Feature');
    const f = feature as Record<string, unknown>;
    const props = isObject(f['properties']) ? f['properties'] : {};
    const raw = props[property];
    if (typeof raw !== 'string' || raw.trim() === '') {
      fail(
        `has no ${property} property (feature 1 has one, so the file is read as ${LAYOUTS[level].description}; this one has ${Object.keys(props).join(', ') || 'none'})`,
        property,
      );
    }
    const text = (raw as string).trim();
    let area: string;
    if (level === 'council_area') {
      area =
        context.councilByName.get(text.toLowerCase()) ??
        fail(`${property} “${text}” is not a council area under any name Cairn knows`, property);
    } else {
      area = context.intermediateZones.has(text)
        ? text
        : fail(`${property} “${text}” is not a known intermediate zone code (import the geography first)`, property);
    }
    const earlier = seen.get(area);
    if (earlier !== undefined) fail(`${property} “${text}” is ${area}, which feature ${earlier} is too`, property);
    seen.set(area, n);
    const checked = checkGeometry(f['geometry'], (problem) => fail(problem, 'geometry'));
    points += checked.points;
    return { area, geometry: checked.geometry, bbox: checked.bbox };
  });
  return { file, level, boundaries, rowsRead: features.length, points };
}

export interface BoundaryResult {
  level: BoundaryLevel;
  rowsRead: number;
  rowsLoaded: number;
  /** Of the boundaries loaded, how many areas had one already, and how many of those differ. */
  replaced: number;
  changed: number;
  /** Areas at this level that still have no boundary. */
  areasWithout: number;
  points: number;
  bbox: [number, number, number, number];
}

export async function applyBoundaries(
  trx: ImportTrx,
  plan: BoundaryPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BoundaryResult> {
  const b = plan.boundaries;
  onProgress?.(0, 1);
  const { replaced, changed } = await replaceBoundaries(trx, b, runId);
  const areasWithout = await areasWithoutBoundary(trx, plan.level);
  onProgress?.(1, 1);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const x of b) {
    bbox[0] = Math.min(bbox[0], x.bbox[0]);
    bbox[1] = Math.min(bbox[1], x.bbox[1]);
    bbox[2] = Math.max(bbox[2], x.bbox[2]);
    bbox[3] = Math.max(bbox[3], x.bbox[3]);
  }
  return {
    level: plan.level,
    rowsRead: plan.rowsRead,
    rowsLoaded: b.length,
    replaced,
    changed,
    areasWithout,
    points: plan.points,
    bbox,
  };
}
