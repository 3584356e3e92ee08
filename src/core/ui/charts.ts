import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts are SVG drawn on the server with Observable Plot over linkedom: no JavaScript in the browser,
 * they print, and every chart on a page sits beside a data table and a CSV download. Plot's inline
 * <style> is removed (the content security policy allows no inline styles); cairn.css styles `.cairn-plot`.
 */
export interface LinePoint {
  series: string;
  /** Period start, ISO date. */
  x: string;
  y: number;
  /** Projections are drawn dashed. */
  projected?: boolean;
}

/** Series colours, each at least 4.5:1 against white so that they also serve as label text. */
const SERIES_COLOURS = ['#0065bd', '#5e5e5e', '#9c4900', '#00703c', '#6f2c91', '#b10e1e', '#005a5e'];

/**
 * Drawing a chart costs milliseconds (Plot over linkedom); the same figures give the same SVG, so the
 * last few hundred drawn are kept, keyed by what they were drawn from. A page of twenty charts is drawn
 * once until its data changes.
 */
const DRAWN_LIMIT = 400;
const drawn = new Map<string, string>();

function remembered(key: string, draw: () => string): string {
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key);
    drawn.set(key, hit); // most recently used last
    return hit;
  }
  const svg = draw();
  drawn.set(key, svg);
  if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
  return svg;
}

type LineOptions = { title: string; yLabel: string; width?: number; height?: number; labelLines?: boolean };

export function lineChartSvg(points: readonly LinePoint[], options: LineOptions): string {
  return remembered(JSON.stringify(['line', points, options]), () => drawLineChart(points, options));
}

function drawLineChart(points: readonly LinePoint[], options: LineOptions): string {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const data = points.map((p) => ({ ...p, date: new Date(p.x) }));
  const actual = data.filter((p) => !p.projected);
  const projected = data.filter((p) => p.projected);
  // Join each series' projections to its last actual point, so the dashed line continues the solid one.
  const bridge = [...new Set(projected.map((p) => p.series))].flatMap((s) => {
    const last = actual.filter((p) => p.series === s).at(-1);
    return last ? [last] : [];
  });
  const svg = Plot.plot({
    document,
    className: 'cairn-plot',
    width: options.width ?? 560,
    height: options.height ?? 240,
    marginLeft: 56,
    style: { fontSize: '14px' },
    x: { type: 'utc', label: null },
    y: { label: options.yLabel, grid: true, nice: true },
    color: { domain: [...new Set(points.map((p) => p.series))], range: SERIES_COLOURS },
    ...(options.labelLines ? { marginRight: 150 } : {}),
    marks: [
      // Each line named at its end, so that the chart needs no colour key.
      ...(options.labelLines
        ? [
            Plot.text(
              data,
              Plot.selectLast({
                x: 'date',
                y: 'y',
                z: 'series',
                text: 'series',
                fill: 'series',
                dx: 6,
                textAnchor: 'start',
                lineWidth: 18,
              }),
            ),
          ]
        : []),
      Plot.line(actual, { x: 'date', y: 'y', stroke: 'series', strokeWidth: 2.5 }),
      Plot.line([...bridge, ...projected], {
        x: 'date',
        y: 'y',
        stroke: 'series',
        strokeWidth: 2,
        strokeDasharray: '4,4',
      }),
      Plot.dot(actual, { x: 'date', y: 'y', fill: 'series', r: 2.5 }),
    ],
  }) as unknown as Element;
  return finish(svg, options.title);
}

/** Make Plot's SVG fit the page: no inline styles (CSP), one named image, no labels inside it. */
function finish(svg: Element, title: string): string {
  svg.querySelectorAll('style').forEach((s) => s.remove());
  svg.removeAttribute('style');
  svg.querySelectorAll('[style]').forEach((e) => e.removeAttribute('style'));
  // The chart is one image (role=img, named below); Plot's labels on inner groups are not valid there
  // (axe aria-prohibited-attr). The data table beside the chart carries every value.
  svg.querySelectorAll('[aria-label], [aria-description]').forEach((e) => {
    e.removeAttribute('aria-label');
    e.removeAttribute('aria-description');
  });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.setAttribute('focusable', 'false');
  return svg.outerHTML;
}

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars, one per label, in the order given. */
export function barChartSvg(bars: readonly Bar[], options: { title: string; width?: number }): string {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const svg = Plot.plot({
    document,
    className: 'cairn-plot',
    width: options.width ?? 640,
    height: 40 + bars.length * 28,
    marginLeft: 330,
    style: { fontSize: '14px' },
    x: { label: null, grid: true, nice: true, tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'label', fill: '#0065bd' }),
      Plot.text(bars, { x: 'value', y: 'label', text: (b: Bar) => String(b.value), dx: 12, fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return finish(svg, options.title);
}
