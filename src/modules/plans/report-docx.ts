import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { barChartSvg } from '../../core/ui/charts.ts';
import { barsPng } from '../../core/ui/png.ts';
import { formatDate } from '../../core/ui/components.tsx';
import { PROGRESS_LABELS } from './progress-status.ts';
import type { ReportContent, ReportMeasure } from './reports.service.ts';

/**
 * The annual progress report as a Word document (.docx) to edit and send: the same content as the web
 * page — headings, the measures tables, the chart (SVG with a PNG for older readers), resources and
 * participation.
 */
const CHANGE = { improved: 'Improved', maintained: 'Maintained', worsened: 'Worsened' } as const;
const num = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

const measureRows = (ms: ReportMeasure[]) =>
  ms.map((m) => [
    `${m.title}${m.unit ? ` (${m.unit})` : ''}`,
    m.previous ? `${num(m.previous.value)} (${m.previous.year})` : '—',
    m.latest ? `${num(m.latest.value)} (${m.latest.year})` : '—',
    m.change ? CHANGE[m.change] : 'Not enough data',
    m.status ? PROGRESS_LABELS[m.status] : '—',
    m.target ? `${num(m.target.value)} by ${m.target.year}` : '—',
  ]);
const MEASURE_HEADER = ['Measure', 'Before', 'Latest', 'Did it improve?', 'Towards the target', 'Target'];

export async function reportDocx(r: ReportContent): Promise<Buffer> {
  const measures = r.plans.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
  const counts = (['improved', 'maintained', 'worsened'] as const).map((k) => ({
    label: CHANGE[k],
    value: measures.filter((m) => m.change === k).length,
  }));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      text: `${r.partnership.name}: annual progress report ${r.yearLabel}`,
    }),
  ];
  if (r.partnership.fictional)
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'Demo – fictional: this partnership and its figures are invented.', bold: true }),
        ],
      }),
    );
  children.push(
    new Paragraph({
      text: `How ${r.partnership.name} did in the reporting year ${formatDate(r.period.start)} to ${formatDate(r.period.end)}, as section 8 of the Community Empowerment (Scotland) Act 2015 asks: whether each local outcome improved, progress in each locality, the resources partners committed, and how communities took part.`,
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Did our outcomes improve?' }),
  );
  if (measures.length) {
    const svg = barChartSvg(counts, { title: `Measures that improved, were maintained or worsened, ${r.yearLabel}` });
    const png = barsPng(counts.map((c) => c.value));
    children.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: 'svg',
            data: Buffer.from(svg),
            fallback: { type: 'png', data: png },
            transformation: { width: 480, height: 40 + counts.length * 28 },
            altText: {
              name: 'chart',
              title: 'Measures by change',
              description: counts.map((c) => `${c.label}: ${c.value}`).join('; '),
            },
          }),
        ],
      }),
      table(
        ['Change', 'Measures'],
        counts.map((c) => [c.label, String(c.value)]),
      ),
    );
  }
  for (const p of r.plans.filter((x) => x.kind !== 'locality')) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: p.title }));
    for (const o of p.outcomes) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_3, text: o.title }),
        new Paragraph({
          text: `Priority: ${o.priority}. National outcomes: ${o.national.join(', ') || 'none linked'}.`,
        }),
      );
      if (o.measures.length) children.push(table(MEASURE_HEADER, measureRows(o.measures)));
      for (const u of o.updates)
        children.push(new Paragraph({ text: `${u.rag.toUpperCase()} (${u.date}), ${u.about}: ${u.narrative}` }));
    }
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Progress in our localities' }));
  const localities = r.plans.filter((x) => x.kind === 'locality');
  if (!localities.length) children.push(new Paragraph({ text: 'No locality plan was published for this year.' }));
  for (const p of localities) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: p.title }));
    for (const o of p.outcomes) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: o.title }));
      if (o.measures.length) children.push(table(MEASURE_HEADER, measureRows(o.measures)));
      if (o.actions.length)
        children.push(
          table(
            ['Action', 'Lead', 'Status'],
            o.actions.map((a) => [a.title, a.lead, `${a.status.replaceAll('_', ' ')}${a.overdue ? ' (overdue)' : ''}`]),
          ),
        );
    }
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Resources' }));
  if (r.resources) {
    children.push(
      new Paragraph({
        text: `Partners committed ${pounds(r.resources.money)} and ${num(r.resources.fte)} full-time equivalent staff to ${r.resources.planTitle} in ${r.yearLabel}${r.resources.preventativeShare === null ? '' : `; ${Math.round(r.resources.preventativeShare * 100)}% of the money is preventative`}.${r.resources.nothing.length ? ` Partners who committed nothing this year: ${r.resources.nothing.join(', ')}.` : ''}`,
      }),
      table(
        ['Partner', 'Money', 'Staff (FTE)'],
        r.resources.byPartner.map((x) => [x.name, pounds(x.money), num(x.fte)]),
      ),
    );
  } else children.push(new Paragraph({ text: 'No Local Outcomes Improvement Plan was published for this year.' }));
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Community participation' }),
    new Paragraph({
      text: `${r.participation.bodiesInvolved} community bodies are involved in the partnership’s work.`,
    }),
    table(
      ['Participation requests', 'Number'],
      r.participation.participation.map((l) => [l.label, String(l.count)]),
    ),
    new Paragraph({ text: '' }),
    table(
      ['Asset transfer requests', 'Number'],
      r.participation.assetTransfer.map((l) => [l.label, String(l.count)]),
    ),
  );
  const doc = new Document({
    creator: 'Cairn',
    title: `${r.partnership.name}: annual progress report ${r.yearLabel}`,
    description: 'Annual progress report under section 8 of the Community Empowerment (Scotland) Act 2015',
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
