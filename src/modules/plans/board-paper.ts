import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { z } from 'zod';
import { PROGRESS_LABELS, type ProgressStatus } from './progress-status.ts';
import type { PlanTree } from './plans.service.ts';

/**
 * A board paper in the shape community planning boards use (report to, date, report by, subject;
 * purpose; summary; recommendations; background; implications — financial, human resources, legal,
 * equalities; consultations; conclusions; background papers), drafted from a plan and ready to edit in
 * Word. What Cairn knows it fills in; what only officers know is marked for them to complete.
 */
export const BoardPaperSchema = z.object({
  report_to: z.string({ error: 'Say which board or committee the paper goes to' }).trim().min(2, { error: 'Say which board or committee the paper goes to' }).max(200),
  meeting_date: z.iso.date({ error: 'Enter the date of the meeting as YYYY-MM-DD' }),
  report_by: z.string({ error: 'Say who the report is by' }).trim().min(2, { error: 'Say who the report is by' }).max(200),
  subject: z.string().trim().max(300).optional().transform((v) => (v ? v : undefined)),
});
export type BoardPaperInput = z.output<typeof BoardPaperSchema>;

const TO_COMPLETE = '[To complete by the report’s author.]';
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function numbered(n: string, text: string) {
  return new Paragraph({ children: [new TextRun({ text: `${n} `, bold: true }), new TextRun(text)] });
}

function grid(rows: string[][], header = true): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: header && i === 0,
          children: r.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header && i === 0 })] })] })),
        }),
    ),
  });
}

/** What the paper says about the plan: counts by status, overdue actions, the latest assessments. */
export function summarisePlan(t: PlanTree) {
  const measures = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
  const actions = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.actions));
  const byStatus = (Object.keys(PROGRESS_LABELS) as ProgressStatus[]).map((s) => ({ status: s, count: measures.filter((m) => m.progress.status === s).length }));
  return {
    outcomes: t.priorities.reduce((a, p) => a + p.outcomes.length, 0),
    measures: measures.length,
    noData: measures.filter((m) => !m.progress.status).length,
    byStatus,
    actions: actions.length,
    complete: actions.filter((a) => a.status === 'complete').length,
    overdue: actions.filter((a) => a.overdue),
  };
}

export async function boardPaperDocx(t: PlanTree, input: BoardPaperInput): Promise<Buffer> {
  const s = summarisePlan(t);
  const subject = input.subject ?? `${t.plan.title}: progress`;
  const statusLine = s.byStatus.filter((x) => x.count).map((x) => `${x.count} ${PROGRESS_LABELS[x.status].toLowerCase()}`).join(', ');
  const children: (Paragraph | Table)[] = [
    grid(
      [
        ['Report to', input.report_to],
        ['Date', longDate(input.meeting_date)],
        ['Report by', input.report_by],
        ['Subject', subject],
      ],
      false,
    ),
    new Paragraph({ text: '' }),
  ];
  if (t.plan.fictional) children.push(new Paragraph({ children: [new TextRun({ text: 'Demo – fictional: this partnership and its figures are invented.', bold: true })] }));
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '1. Purpose' }),
    numbered('1.1', `To update the board on progress with ${t.plan.title} (${t.plan.startYear}/${String((t.plan.startYear + 1) % 100).padStart(2, '0')} to ${t.plan.endYear}/${String((t.plan.endYear + 1) % 100).padStart(2, '0')}), and to seek the board’s agreement to the recommendations below.`),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '2. Summary' }),
    numbered('2.1', `The plan has ${t.priorities.length} priorities, ${s.outcomes} local outcomes, ${s.measures} measures and ${s.actions} actions.`),
    numbered('2.2', `Against their targets, the measures stand as follows: ${statusLine || 'no measure has enough data yet'}${s.noData ? `; ${s.noData} have no data yet` : ''}.`),
    numbered('2.3', `${s.complete} of ${s.actions} actions are complete${s.overdue.length ? `; ${s.overdue.length} are overdue: ${s.overdue.map((a) => a.title).join('; ')}` : '; none is overdue'}.`),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '3. Recommendations' }),
    numbered('3.1', 'The board is asked to:'),
    new Paragraph({ text: 'a) note the progress set out in this report and its appendix;', indent: { left: 720 } }),
    new Paragraph({ text: s.overdue.length ? 'b) agree the action to bring the overdue actions back on track;' : 'b) agree that the plan continues as set out;', indent: { left: 720 } }),
    new Paragraph({ text: `c) ${TO_COMPLETE}`, indent: { left: 720 } }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '4. Background' }),
    numbered('4.1', `${t.plan.title} is the partnership’s ${t.plan.kind === 'loip' ? 'Local Outcomes Improvement Plan under section 6 of the Community Empowerment (Scotland) Act 2015' : t.plan.kind === 'locality' ? `locality plan for ${t.plan.localityName ?? 'the locality'} under section 10 of the Community Empowerment (Scotland) Act 2015` : 'improvement plan'}. ${t.plan.summary ?? ''}`.trim()),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '5. Implications' }),
    numbered('5.1', `Financial: ${TO_COMPLETE}`),
    numbered('5.2', `Human resources: ${TO_COMPLETE}`),
    numbered('5.3', `Legal: ${TO_COMPLETE}`),
    numbered('5.4', `Equalities: ${TO_COMPLETE}`),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '6. Consultations' }),
    numbered('6.1', TO_COMPLETE),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '7. Conclusions' }),
    numbered('7.1', TO_COMPLETE),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '8. Background papers' }),
    numbered('8.1', `${t.plan.title}, version ${t.plan.version || 'draft'}, in Cairn.`),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Appendix: measures and actions' }),
  );
  for (const p of t.priorities) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: p.title }));
    for (const o of p.outcomes) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: o.title }));
      if (o.measures.length) {
        children.push(
          grid([
            ['Measure', 'Latest', 'Target', 'Towards the target'],
            ...o.measures.map((m) => {
              const latest = m.values.at(-1);
              return [m.title, latest ? `${latest.value} (${latest.year})` : '—', m.targets.map((x) => `${x.value} by ${x.year}`).join('; ') || '—', m.progress.status ? PROGRESS_LABELS[m.progress.status] : 'No data yet'];
            }),
          ]),
        );
      }
      if (o.actions.length) {
        children.push(
          new Paragraph({ text: '' }),
          grid([['Action', 'Lead', 'Due', 'Status'], ...o.actions.map((a) => [a.title, a.lead.name, a.dueDate ? longDate(a.dueDate) : '—', `${a.status.replaceAll('_', ' ')}${a.overdue ? ' (overdue)' : ''}`])]),
        );
      }
    }
  }
  const doc = new Document({
    creator: 'Cairn',
    title: subject,
    description: `Board paper for ${input.report_to}, ${longDate(input.meeting_date)}`,
    sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT, text: t.plan.partnershipName }), ...children] }],
  });
  return Packer.toBuffer(doc);
}
