import { raw } from 'hono/html';
import { lineChartSvg } from '../../core/ui/charts.ts';
import { Table } from '../../core/ui/components.tsx';

/** A point of a series as the outcome pages hold it. */
export interface FigurePoint {
  period: string;
  periodStart: string;
  value: number;
  valueType: 'raw' | 'imputed' | 'projected';
}

const fmt = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const typeNote = (t: FigurePoint['valueType']) =>
  t === 'projected' ? ' (projected)' : t === 'imputed' ? ' (imputed)' : '';

/**
 * Series over time as one chart (drawn on the server, projections dashed) with a key in the colours the
 * chart uses, and the figures behind it as a table: the shape of every time-series chart on the outcome
 * pages. Series without points are left out.
 */
export function SeriesFigure({
  title,
  unit,
  lines,
}: {
  title: string;
  unit: string | null;
  lines: { label: string; points: readonly FigurePoint[] }[];
}) {
  const shown = lines.filter((l) => l.points.length > 0);
  const points = shown.flatMap((l) =>
    l.points.map((p) => ({ series: l.label, x: p.periodStart, y: p.value, projected: p.valueType === 'projected' })),
  );
  const periods = [...new Map(shown.flatMap((l) => l.points).map((p) => [p.period, p.periodStart])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([p]) => p);
  const labels = shown.map((l) => l.label);
  const names = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '');
  return (
    <>
      <figure class="cairn-chart">
        {raw(
          lineChartSvg(points, {
            title: `${title}: ${names} over time; dashed lines are projections`,
            yLabel: unit ?? '',
          }),
        )}
        <figcaption>
          <ul class="cairn-legend">
            {shown.map((l, k) => (
              <li>
                <span class={`cairn-legend__swatch cairn-legend__swatch--series-${k + 1}`}></span>
                {l.label}
              </li>
            ))}
            <li>Dashed: projected</li>
          </ul>
        </figcaption>
      </figure>
      <details class="ds_details">
        <summary class="ds_details__summary">The data behind this chart</summary>
        <div class="ds_details__text">
          <Table
            caption={`${title}: ${names}`}
            rows={periods}
            empty=""
            columns={[
              { header: 'Period', cell: (p) => p },
              ...shown.map((l) => ({
                header: l.label,
                cell: (p: string) => {
                  const pt = l.points.find((x) => x.period === p);
                  return pt ? `${fmt(pt.value)}${typeNote(pt.valueType)}` : '—';
                },
                numeric: true,
              })),
            ]}
          />
        </div>
      </details>
    </>
  );
}
