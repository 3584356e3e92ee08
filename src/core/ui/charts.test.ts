import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './charts.ts';

describe('line charts', () => {
  const points = [
    { series: 'Fife', x: '2019-04-01', y: 20 },
    { series: 'Fife', x: '2020-04-01', y: 18 },
    { series: 'Scotland', x: '2019-04-01', y: 21 },
    { series: 'Scotland', x: '2020-04-01', y: 22, projected: true },
  ];

  it('draws the same figures the same way, and different figures differently', () => {
    const a = lineChartSvg(points, { title: 'Child poverty', yLabel: '%' });
    expect(a).toContain('role="img"');
    expect(a).toContain('aria-label="Child poverty"');
    expect(
      lineChartSvg(
        points.map((p) => ({ ...p })),
        { title: 'Child poverty', yLabel: '%' },
      ),
    ).toBe(a);
    expect(lineChartSvg(points, { title: 'Child poverty (2)', yLabel: '%' })).not.toBe(a);
    expect(
      lineChartSvg([...points.slice(0, 3), { series: 'Scotland', x: '2020-04-01', y: 25, projected: true }], {
        title: 'Child poverty',
        yLabel: '%',
      }),
    ).not.toBe(a);
  });

  it('keeps drawing correctly after many different charts', () => {
    for (let i = 0; i < 450; i++)
      expect(lineChartSvg([{ series: 'A', x: '2020-01-01', y: i }], { title: `Chart ${i}`, yLabel: '' })).toContain(
        `aria-label="Chart ${i}"`,
      );
    expect(lineChartSvg(points, { title: 'Child poverty', yLabel: '%' })).toContain('aria-label="Child poverty"');
  });
});
