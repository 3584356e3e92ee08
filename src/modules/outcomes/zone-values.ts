/**
 * Reading the inequality inputs as the database sends them for a national recompute: one string per
 * council and year, "indicator,zone,value,indicator,zone,value,…" (a value may be empty: none). 143,248
 * values arrive this way; splitting the strings made 430,000 short strings for the garbage collector, so
 * they are scanned in place instead, and only a value that is not a plain decimal is cut out to parse.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in `text[from, to)`: exactly `Number(text.slice(from, to))`. A decimal of at most 15
 * significant digits is parsed here: its digits as an integer and a power of ten are both exact doubles, so
 * one division rounds correctly, as Number() does (Clinger's fast path). Anything else goes to Number().
 */
export function parseDecimal(text: string, from: number, to: number): number {
  let i = from;
  const negative = text.charCodeAt(i) === 45; // -
  if (negative) i++;
  let mantissa = 0;
  let significant = 0;
  let sawDigit = false;
  let point = -1;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa !== 0) significant++;
    } else if (c === 46 && point < 0)
      point = i; // .
    else break;
  }
  const decimals = point < 0 ? 0 : to - point - 1;
  if (i !== to || !sawDigit || significant > 15 || decimals > 22) return Number(text.slice(from, to));
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
  return negative ? -value : value;
}

/** One indicator's zones, ascending, and their values (NaN: the zone's row has no value). */
export interface ZoneSeries {
  zones: number[];
  /** Numbers only (NaN for none), so that the array holds them unboxed. */
  values: number[];
}

/** The zone position written in `text[from, to)`: digits only, as the database writes an integer. */
function zoneAt(text: string, from: number, to: number): number {
  let zone = 0;
  for (let i = from; i < to; i++) zone = zone * 10 + (text.charCodeAt(i) - 48);
  return zone;
}

/** The number in `text[from, to)`, or NaN where the field is empty (no value, or no count). */
function decimalOrNaN(text: string, from: number, to: number): number {
  return from === to ? Number.NaN : parseDecimal(text, from, to);
}

/**
 * Each indicator's zones and values, from one council-and-year string, zones ascending. The database's
 * primary key gives each indicator and zone once; they come in the order the rows lie in the table,
 * which is nearly always zone order already, so a series is only sorted when it is not.
 */
export function parseZoneValues(text: string): Map<string, ZoneSeries> {
  const byIndicator = new Map<string, ZoneSeries>();
  // The few indicator names, found again by length and two characters, then checked in place: no string
  // is cut out for a name already seen.
  const known = new Map<number, { name: string; series: ZoneSeries }[]>();
  const end = text.length;
  let p = 0;
  while (p < end) {
    const c1 = text.indexOf(',', p);
    const c2 = text.indexOf(',', c1 + 1);
    if (c1 < 0 || c2 < 0) throw new Error(`inequality inputs: malformed zone values at character ${p}`);
    let c3 = text.indexOf(',', c2 + 1);
    if (c3 < 0) c3 = end;
    const length = c1 - p;
    const key = (length << 16) | (text.charCodeAt(p + (length >> 1)) << 8) | (text.charCodeAt(c1 - 1) & 0xff);
    let candidates = known.get(key);
    let series: ZoneSeries | undefined;
    if (candidates) {
      for (const e of candidates) {
        if (e.name.length === length && text.startsWith(e.name, p)) {
          series = e.series;
          break;
        }
      }
    }
    if (!series) {
      const name = text.slice(p, c1);
      series = { zones: [], values: [] };
      byIndicator.set(name, series);
      if (!candidates) known.set(key, (candidates = []));
      candidates.push({ name, series });
    }
    series.zones.push(zoneAt(text, c1 + 1, c2));
    series.values.push(decimalOrNaN(text, c2 + 1, c3));
    p = c3 + 1;
  }
  for (const series of byIndicator.values()) {
    const { zones, values } = series;
    let ordered = true;
    for (let k = 1; k < zones.length && ordered; k++) ordered = zones[k]! > zones[k - 1]!;
    if (ordered) continue;
    const order = zones.map((_, k) => k).sort((x, y) => zones[x]! - zones[y]!);
    series.zones = order.map((k) => zones[k]!);
    series.values = order.map((k) => values[k]!);
  }
  return byIndicator;
}

/**
 * The zones' people counts of one council and year, from "zone:deprived:other;zone:deprived:other;…",
 * by zone position: a hole where there is no zone, NaN where a count is missing.
 */
export function parseZonePeople(text: string): { deprived: number[]; other: number[] } {
  const deprived: number[] = [];
  const other: number[] = [];
  const end = text.length;
  let p = 0;
  while (p < end) {
    const c1 = text.indexOf(':', p);
    const c2 = text.indexOf(':', c1 + 1);
    if (c1 < 0 || c2 < 0) throw new Error(`inequality inputs: malformed zone people at character ${p}`);
    let c3 = text.indexOf(';', c2 + 1);
    if (c3 < 0) c3 = end;
    const zone = zoneAt(text, p, c1);
    deprived[zone] = decimalOrNaN(text, c1 + 1, c2);
    other[zone] = decimalOrNaN(text, c2 + 1, c3);
    p = c3 + 1;
  }
  return { deprived, other };
}
