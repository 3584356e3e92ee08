import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatDate } from '../../core/ui/components.tsx';
import { RAG_LABEL } from '../plans/index.ts';
import { joinAnd, type ImpactRow, type ImpactTable } from './recommendations.service.ts';

/** "The Scottish Government and COSLA should:" lines, with each recommendation under its addressees (as the appendix of an Audit Scotland impact report sets them out). */
export function addresseeRuns(row: ImpactRow): { heading: string; items: { ref: string; text: string }[] }[] {
  const out: { heading: string; items: { ref: string; text: string }[] }[] = [];
  for (const r of row.recommendations) {
    const heading = `${r.addressees || 'Not addressed'} should:`;
    const last = out.at(-1);
    if (last && last.heading === heading) last.items.push({ ref: r.ref, text: r.text });
    else out.push({ heading, items: [{ ref: r.ref, text: r.text }] });
  }
  return out;
}

/** "Audit dimension – governance and transparency and value for money", or null when none is recorded. */
export function dimensionLine(row: ImpactRow): string | null {
  if (!row.dimensions.length) return null;
  return `Audit dimension${row.dimensions.length > 1 ? 's' : ''} – ${joinAnd(row.dimensions.map((d) => d.name.toLowerCase()))}`;
}

const cell = (children: Paragraph[]) =>
  new TableCell({ children: children.length ? children : [new Paragraph({ text: '' })] });

/**
 * The impact table as a Word document (.docx) to edit and send: Recommendation | Progress, one row per
 * group of related recommendations, each with its audit dimensions and the ratings in force at the date.
 */
export async function impactDocx(t: ImpactTable): Promise<Buffer> {
  const title = `${t.report.title}: progress on implementing recommendations`;
  const header = new TableRow({
    tableHeader: true,
    children: ['Recommendation', 'Progress'].map((h) =>
      cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })]),
    ),
  });
  const rows = t.rows.map((row) => {
    const left: Paragraph[] = [];
    if (row.group) left.push(new Paragraph({ children: [new TextRun({ text: row.group, bold: true })] }));
    for (const run of addresseeRuns(row)) {
      left.push(new Paragraph({ text: run.heading }));
      for (const item of run.items)
        left.push(new Paragraph({ text: `${item.ref}: ${item.text}`, bullet: { level: 0 } }));
    }
    const dims = dimensionLine(row);
    if (dims) left.push(new Paragraph({ children: [new TextRun({ text: dims, italics: true })] }));
    const right: Paragraph[] = row.progress.length
      ? row.progress.map(
          (g) =>
            new Paragraph({
              children: [
                new TextRun({ text: `${g.narrative} ` }),
                new TextRun({ text: `(${RAG_LABEL[g.rating]})`, bold: true }),
                new TextRun({ text: row.recommendations.length > 1 ? ` — ${g.refs.join(', ')}` : '' }),
              ],
            }),
        )
      : [new Paragraph({ text: `Not rated by ${formatDate(t.date)}.` })];
    return new TableRow({ children: [cell(left), cell(right)] });
  });
  const doc = new Document({
    creator: 'Cairn',
    title,
    description: `Progress on the recommendations of ${t.report.title} (${t.report.publisher}, ${formatDate(t.report.publishedOn)}), as at ${formatDate(t.date)}`,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: title }),
          new Paragraph({
            text: `${t.report.publisher}, published ${formatDate(t.report.publishedOn)}.${t.report.url ? ` ${t.report.url}` : ''}`,
          }),
          new Paragraph({
            text: `Ratings as at ${formatDate(t.date)}: Green, Amber or Red, each with the progress it rates. Related recommendations are grouped together.`,
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
