import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  choroplethSvg,
  fitProjection,
  MAP_PALETTE,
  pathData,
  quantileBreaks,
  type AreaGeometry,
  type MapArea,
} from './maps.ts';

/** A square one degree of latitude high and two of longitude wide at 60°N: as wide as it is high once projected (cos 60° = 0.5). */
const square = (lon: number, lat: number, size = 1): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 2 * size, lat],
      [lon + 2 * size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

/** Ten squares side by side along 60°N, values 1 to 10 (codes A1…A10). */
const row = (): MapArea[] =>
  Array.from({ length: 10 }, (_v, i) => ({
    code: `A${i + 1}`,
    name: `Area ${i + 1}`,
    geometry: square(-20 + 0.2 * i, 59.95, 0.1),
  }));

function parse(svg: string) {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);
  const paths = Array.from(document.querySelectorAll('g[fill-rule] > path'));
  return {
    svg: document.querySelector('svg')!,
    paths,
    fill: (code: string) => paths.find((p) => p.getAttribute('data-code') === code)?.getAttribute('fill'),
  };
}

describe('choropleth maps', () => {
  it('projects a square to the expected corners: equirectangular, scaled by cos(mean latitude), fitted to the width', () => {
    const geometry = square(-4, 59.5);
    const projection = fitProjection([-4, 59.5, -2, 60.5], 216);
    // 2° of longitude × cos 60° = 1 unit, as wide as the 1° of latitude: 200 px each, inside an 8 px margin.
    expect(projection.height).toBe(216);
    expect(projection.project(-4, 60.5)).toEqual([8, 8]);
    const [x, y] = projection.project(-2, 59.5);
    expect(x).toBeCloseTo(208, 9);
    expect(y).toBeCloseTo(208, 9);
    // Starting at the south-west corner (8, 208): east 200, north 200, west 200, closed.
    expect(pathData(geometry, projection)).toBe('M8 208l200 0 0-200-200 0z');
    const svg = choroplethSvg([{ code: 'SQ', name: 'Square', geometry }], new Map([['SQ', 1]]), {
      title: 'Square',
      higherIsBetter: null,
      width: 216,
    });
    expect(parse(svg).paths[0]?.getAttribute('d')).toBe('M8 208l200 0 0-200-200 0z');
  });

  it('rounds to a tenth of a pixel and drops the points that then repeat', () => {
    const projection = fitProjection([0, 0, 1, 1], 116);
    const ring = [
      [0, 0],
      [0.00001, 0],
      [0.5, 0.00001],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    // 100 px per degree: (0.00001, 0) rounds onto the first point and (0.5, 0.00001) onto the line on to (1, 0).
    expect(pathData({ type: 'Polygon', coordinates: [ring] }, projection)).toBe('M8 108l100 0 0-100-100 0z');
    // A ring smaller than the rounding is left out, but an area made only of such rings keeps one path.
    const speck = [
      [0.5, 0.5],
      [0.50001, 0.5],
      [0.50001, 0.50001],
      [0.5, 0.5],
    ];
    expect(pathData({ type: 'MultiPolygon', coordinates: [[ring], [speck]] }, projection)).toBe(
      'M8 108l100 0 0-100-100 0z',
    );
    expect(pathData({ type: 'Polygon', coordinates: [speck] }, projection)).toBe('M58 58z');
  });

  it('draws every area as a path with a title "Name: value", or "no data"', () => {
    const areas = row();
    const values = new Map<string, number | null>(areas.map((a, i) => [a.code, i === 3 ? null : (i + 1) * 1000]));
    values.delete('A10');
    const { paths } = parse(choroplethSvg(areas, values, { title: 'People', higherIsBetter: null, unit: 'people' }));
    expect(paths.map((p) => p.getAttribute('data-code'))).toEqual(areas.map((a) => a.code));
    expect(paths.map((p) => p.querySelector('title')?.textContent)).toEqual([
      'Area 1: 1,000 people',
      'Area 2: 2,000 people',
      'Area 3: 3,000 people',
      'Area 4: no data',
      'Area 5: 5,000 people',
      'Area 6: 6,000 people',
      'Area 7: 7,000 people',
      'Area 8: 8,000 people',
      'Area 9: 9,000 people',
      'Area 10: no data',
    ]);
    for (const p of paths) expect(p.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+l[-\d. ]+z$/);
  });

  it('bins values into five quantile classes, darker for better', () => {
    const areas = row();
    const values = new Map(areas.map((a, i) => [a.code, i + 1]));
    expect(quantileBreaks([...values.values()]).map((b) => Math.round(b * 1e9) / 1e9)).toEqual([2.8, 4.6, 6.4, 8.2]);
    const higher = parse(choroplethSvg(areas, values, { title: 'Higher is better', higherIsBetter: true }));
    expect(areas.map((a) => higher.fill(a.code))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4].map((k) => MAP_PALETTE[k]));
    const lower = parse(choroplethSvg(areas, values, { title: 'Lower is better', higherIsBetter: false }));
    expect(areas.map((a) => lower.fill(a.code))).toEqual([4, 4, 3, 3, 2, 2, 1, 1, 0, 0].map((k) => MAP_PALETTE[k]));
    expect(lower.svg.textContent).toContain('Darker is better: lower values');
    const neutral = parse(choroplethSvg(areas, values, { title: 'No direction', higherIsBetter: null }));
    expect(areas.map((a) => neutral.fill(a.code))).toEqual(areas.map((a) => higher.fill(a.code)));
    expect(neutral.svg.textContent).toContain('Darker: higher values');
    // The legend gives each class's range, lowest first.
    const legend = Array.from(higher.svg.querySelectorAll('text')).map((t) => t.textContent);
    expect(legend).toEqual([
      'Darker is better: higher values',
      '1 to 2 (2 areas)',
      '3 to 4 (2 areas)',
      '5 to 6 (2 areas)',
      '7 to 8 (2 areas)',
      '9 to 10 (2 areas)',
    ]);
  });

  it('hatches areas without data, and says how many in the legend and description', () => {
    const areas = row();
    const values = new Map<string, number | null>(areas.map((a, i) => [a.code, i < 2 ? null : i]));
    values.set('A3', Number.NaN);
    const { svg, fill } = parse(choroplethSvg(areas, values, { title: 'Gaps', higherIsBetter: true, unit: '%' }));
    const pattern = svg.querySelector('defs pattern')!;
    expect(pattern).toBeTruthy();
    for (const code of ['A1', 'A2', 'A3']) expect(fill(code)).toBe(`url(#${pattern.getAttribute('id')})`);
    for (const code of ['A4', 'A5', 'A10']) expect(MAP_PALETTE).toContain(fill(code));
    expect(svg.textContent).toContain('No data (3 areas)');
    expect(svg.querySelector('desc')?.textContent).toContain('3 without data are hatched');
  });

  it('is one named image, with a visible outline on every area, and escapes names', () => {
    const areas: MapArea[] = [
      { code: 'X<1>', name: 'Dumfries & Galloway <South>', geometry: square(-4, 55) },
      { code: 'X2', name: 'Argyll "and" Bute', geometry: square(-2, 55) },
    ];
    const text = choroplethSvg(areas, new Map([['X<1>', 5]]), {
      title: 'Rates & <counts>',
      description: 'Crime rate per 10,000 people.',
      higherIsBetter: false,
      highlight: 'X2',
    });
    expect(text).not.toMatch(/<South>|<counts>|& /);
    expect(text).toContain('Dumfries &amp; Galloway &lt;South&gt;: 5');
    const { svg, paths } = parse(text);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Rates & <counts>');
    expect(svg.querySelector('title')?.textContent).toBe('Rates & <counts>');
    expect(svg.querySelector('desc')?.textContent).toMatch(
      /^Crime rate per 10,000 people\. Map of 2 areas, .* Argyll "and" Bute is outlined\.$/,
    );
    expect(paths.map((p) => p.querySelector('title')?.textContent)).toEqual([
      'Dumfries & Galloway <South>: 5',
      'Argyll "and" Bute: no data',
    ]);
    expect(paths[0]?.getAttribute('data-code')).toBe('X<1>');
    const group = svg.querySelector('g[fill-rule]')!;
    expect(group.getAttribute('stroke')).toBe('#0b0c0c');
    expect(Number(group.getAttribute('stroke-width'))).toBeGreaterThan(0);
    // The highlighted area is outlined on top of the others (white under black, visible on any shade).
    const outline = Array.from(svg.querySelectorAll('g[fill="none"] path')).map((p) => p.getAttribute('stroke'));
    expect(outline).toEqual(['#ffffff', '#0b0c0c']);
    expect(text).not.toContain('style=');
  });
});
