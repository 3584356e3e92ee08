/**
 * Choropleth maps drawn on the server as one SVG string: no JavaScript, they print, and like every chart
 * in Cairn they sit beside a table holding each area's value (the map is never the only way to read the
 * data). No inline styles (the content security policy allows none): presentation attributes only, and
 * the `cairn-plot` class for size and font.
 *
 * Areas are projected equirectangularly, longitude scaled by the cosine of the mean latitude of their
 * bounding box, fitted to the width asked for. Values are binned into five quantile classes (about a
 * fifth of the areas with data each) on a sequential blue scale; darker means better where the
 * indicator has a direction, higher otherwise. Areas without a value are hatched.
 */
export type Position = number[];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface MapArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export interface ChoroplethOptions {
  title: string;
  description?: string;
  /** true or false: darker is better; null: no direction, darker is higher. */
  higherIsBetter: boolean | null;
  unit?: string | null;
  /** Width in pixels (default 560); the height follows from the areas' shape. */
  width?: number;
  /** The code of an area to outline (such as the partnership's own council). */
  highlight?: string;
}

/** Light to dark. Each class differs from the next, and the area outline (#0b0c0c) has at least 3:1 contrast with every one. */
export const MAP_PALETTE = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#2166ac'] as const;
export const MAP_STROKE = '#0b0c0c';
const NO_DATA_LINE = '#505a5f';
const TEXT = '#333333';
const CLASSES = MAP_PALETTE.length;
const PAD = 8;
const LEGEND_ROW = 22;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const polygonsOf = (g: AreaGeometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Longitude/latitude bounding box [minLon, minLat, maxLon, maxLat] of the areas. */
export function boundingBox(areas: readonly MapArea[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const a of areas) {
    for (const polygon of polygonsOf(a.geometry)) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring as [number, number][]) {
          if (lon < box[0]) box[0] = lon;
          if (lat < box[1]) box[1] = lat;
          if (lon > box[2]) box[2] = lon;
          if (lat > box[3]) box[3] = lat;
        }
      }
    }
  }
  return box;
}

export interface Projection {
  /** [x, y] in pixels, y downwards. */
  project(lon: number, lat: number): [number, number];
  width: number;
  height: number;
}

/**
 * Equirectangular: x = longitude × cos(mean latitude), y = −latitude, scaled so the bounding box fills
 * the width less an 8-pixel margin each side; the height is what that scale gives the latitudes.
 */
export function fitProjection(box: readonly [number, number, number, number], width: number): Projection {
  const [minLon, minLat, maxLon, maxLat] = box;
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = (width - 2 * PAD) / spanX;
  return {
    project: (lon, lat) => [PAD + (lon - minLon) * k * scale, PAD + (maxLat - lat) * scale],
    width,
    height: Math.ceil(2 * PAD + spanY * scale),
  };
}

/** A length in tenths of a pixel as SVG path text: 12 → "1.2", -3 → "-.3", 40 → "4". */
function tenthsText(t: number): string {
  const a = Math.abs(t);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return `${t < 0 ? '-' : ''}${frac ? `${whole || ''}.${frac}` : whole}`;
}

/** Numbers as path text: a space between them, or nothing before a minus sign. */
function joinNumbers(numbers: string[]): string {
  let out = '';
  for (const n of numbers) out += out && !n.startsWith('-') ? ` ${n}` : n;
  return out;
}

/**
 * SVG path data for a geometry. Points are rounded to 0.1 px; a point that rounds to the one before it
 * is dropped, and so is a point in the middle of a straight run (which changes nothing drawn). Rings
 * that shrink to fewer than three points are left out. Each ring starts at an absolute point and moves
 * relatively from there (exact, as it counts in whole tenths): that halves the size of a map of many
 * small areas (all 1,279 intermediate zones at 560 px: 2.3 MB absolute, 1.1 MB relative).
 */
export function pathData(geometry: AreaGeometry, projection: Projection): string {
  const rings: string[] = [];
  let fallback = '';
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      const points: [number, number][] = [];
      for (const [lon, lat] of ring as [number, number][]) {
        const [x, y] = projection.project(lon, lat);
        const p: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
        const last = points.at(-1);
        if (last && last[0] === p[0] && last[1] === p[1]) continue;
        // A point on the straight line on from the two before it adds nothing: extend that line instead.
        const before = points.at(-2);
        if (last && before) {
          const [ax, ay, bx, by] = [last[0] - before[0], last[1] - before[1], p[0] - last[0], p[1] - last[1]];
          if (ax * by === ay * bx && ax * bx + ay * by > 0) {
            points[points.length - 1] = p;
            continue;
          }
        }
        points.push(p);
      }
      const first = points[0];
      const end = points.at(-1);
      if (points.length > 1 && first && end && first[0] === end[0] && first[1] === end[1]) points.pop();
      if (!first) continue;
      const steps: string[] = [];
      for (let i = 1; i < points.length; i++)
        steps.push(tenthsText(points[i]![0] - points[i - 1]![0]), tenthsText(points[i]![1] - points[i - 1]![1]));
      const d = `M${joinNumbers([tenthsText(first[0]), tenthsText(first[1])])}${steps.length ? `l${joinNumbers(steps)}` : ''}z`;
      if (points.length >= 3) rings.push(d);
      else fallback ||= d;
    }
  }
  // An area smaller than the rounding still gets a (degenerate) path, so every area is in the SVG.
  return rings.length ? rings.join('') : fallback;
}

/** Thresholds between five classes: the 20th, 40th, 60th and 80th percentiles (linear interpolation between ranks). */
export function quantileBreaks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (!n) return [];
  return Array.from({ length: CLASSES - 1 }, (_v, i) => {
    const h = (n - 1) * ((i + 1) / CLASSES);
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]!) - sorted[lo]!);
  });
}

/** The class (0 = lowest values) of a value: how many thresholds are at or below it. */
export function quantileClass(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && breaks[k]! <= value) k++;
  return k;
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function choroplethSvg(
  areas: readonly MapArea[],
  values: ReadonlyMap<string, number | null>,
  options: ChoroplethOptions,
): string {
  const width = options.width ?? 560;
  const projection = fitProjection(boundingBox(areas), width);
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
  const unit = options.unit?.trim() || null;
  const format = (v: number) => `${number.format(v)}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
  const valueOf = (code: string): number | null => {
    const v = values.get(code);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const known = areas.map((a) => valueOf(a.code)).filter((v): v is number => v !== null);
  const breaks = quantileBreaks(known);
  // Darker is better: with lower-is-better indicators the lowest class takes the darkest shade.
  const colour = (k: number) => MAP_PALETTE[options.higherIsBetter === false ? CLASSES - 1 - k : k]!;
  const noData = `cairn-map-nodata-${hash(`${options.title}|${areas.length}`)}`;

  const paths: string[] = [];
  let missing = 0;
  const members = Array.from({ length: CLASSES }, () => ({ n: 0, min: Infinity, max: -Infinity }));
  for (const a of areas) {
    const v = valueOf(a.code);
    let fill: string;
    if (v === null) {
      missing++;
      fill = `url(#${noData})`;
    } else {
      const k = quantileClass(v, breaks);
      const m = members[k]!;
      m.n++;
      m.min = Math.min(m.min, v);
      m.max = Math.max(m.max, v);
      fill = colour(k);
    }
    const label = `${a.name}: ${v === null ? 'no data' : format(v)}`;
    paths.push(
      `<path data-code="${escapeXml(a.code)}" fill="${fill}" d="${pathData(a.geometry, projection)}"><title>${escapeXml(label)}</title></path>`,
    );
  }
  const highlighted = options.highlight ? areas.find((a) => a.code === options.highlight) : undefined;
  const outline = highlighted
    ? `<g fill="none" stroke-linejoin="round"><path stroke="#ffffff" stroke-width="4" d="${pathData(highlighted.geometry, projection)}"/><path stroke="${MAP_STROKE}" stroke-width="2" d="${pathData(highlighted.geometry, projection)}"/></g>`
    : '';

  // The legend, under the map: what darker means, then each class's range (lowest first) and "no data".
  const direction =
    options.higherIsBetter === true
      ? 'Darker is better: higher values'
      : options.higherIsBetter === false
        ? 'Darker is better: lower values'
        : 'Darker: higher values';
  const rows: { fill: string; text: string }[] = [];
  members.forEach((m, k) => {
    if (!m.n) return;
    const range = m.min === m.max ? format(m.min) : `${format(m.min)} to ${format(m.max)}`;
    rows.push({ fill: colour(k), text: `${range} (${m.n} ${m.n === 1 ? 'area' : 'areas'})` });
  });
  if (missing) rows.push({ fill: `url(#${noData})`, text: `No data (${missing} ${missing === 1 ? 'area' : 'areas'})` });
  const top = projection.height + 4;
  const legend = [
    `<text x="${PAD}" y="${top + 14}" font-weight="bold">${escapeXml(direction)}</text>`,
    ...rows.map((r, i) => {
      const y = top + LEGEND_ROW * (i + 1);
      return `<rect x="${PAD}" y="${y + 2}" width="24" height="14" fill="${r.fill}" stroke="${MAP_STROKE}" stroke-width="1"/><text x="${PAD + 32}" y="${y + 14}">${escapeXml(r.text)}</text>`;
    }),
  ].join('');
  const height = top + LEGEND_ROW * (rows.length + 1) + 4;

  const groups = rows.length - (missing ? 1 : 0);
  const summary =
    `Map of ${areas.length} ${areas.length === 1 ? 'area' : 'areas'}, shaded in ${groups} ${groups === 1 ? 'group' : 'groups of about equal size'} by value${unit ? ` (${unit})` : ''}; ` +
    `${direction.toLowerCase()}.${missing ? ` ${missing} without data ${missing === 1 ? 'is' : 'are'} hatched.` : ''}` +
    (highlighted ? ` ${highlighted.name} is outlined.` : '');
  const description = [options.description?.trim(), summary].filter(Boolean).join(' ');
  const strokeWidth = areas.length > 200 ? 0.25 : 0.6;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cairn-plot cairn-map" role="img" aria-label="${escapeXml(options.title)}" focusable="false" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="14" fill="${TEXT}">` +
    `<title>${escapeXml(options.title)}</title><desc>${escapeXml(description)}</desc>` +
    `<defs><pattern id="${noData}" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="#ffffff"/>` +
    `<path d="M-1,1l2,-2M0,6l6,-6M5,7l2,-2" stroke="${NO_DATA_LINE}" stroke-width="1"/></pattern></defs>` +
    `<g stroke="${MAP_STROKE}" stroke-width="${strokeWidth}" stroke-linejoin="round" fill-rule="evenodd">${paths.join('')}</g>` +
    outline +
    legend +
    `</svg>`
  );
}
