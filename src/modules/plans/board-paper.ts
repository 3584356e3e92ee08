import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { financialYearLabel } from '../../core/periods.ts';
import { z } from 'zod';
import { PROGRESS_LABELS, type ProgressStatus } from './progress-status.ts';
import type { PlanTree } from './plans.service.ts';
import type { ProgressSummary } from './progress-summary.ts';
import type { ReportContent } from './reports.service.ts';

/**
 * A board paper in the shape community planning boards use (report to, date, report by, subject;
 * purpose; summary; recommendations; background; implications — financial, human resources, legal,
 * equalities; consultations; conclusions; background papers), drafted from a plan, an annual report or a
 * progress summary and ready to edit in Word. What Cairn knows it fills in; what only officers know is marked for them to complete.
 */
export const BoardPaperSchema = z.object({
  report_to: z
    .string({ error: 'Say which board or committee the paper goes to' })
    .trim()
    .min(2, { error: 'Say which board or committee the paper goes to' })
    .max(200),
  meeting_date: z.iso.date({ error: 'Enter the date of the meeting as YYYY-MM-DD' }),
  report_by: z
    .string({ error: 'Say who the report is by' })
    .trim()
    .min(2, { error: 'Say who the report is by' })
    .max(200),
  subject: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type BoardPaperInput = z.output<typeof BoardPaperSchema>;

const TO_COMPLETE = '[To complete by the report’s author.]';
const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

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
          children: r.map(
            (text) =>
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text, bold: header && i === 0 })] })],
              }),
          ),
        }),
    ),
  });
}

/** What the paper says about the plan: counts by status, overdue actions, the latest assessments. */
export function summarisePlan(t: PlanTree) {
  const measures = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
  const actions = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.actions));
  const byStatus = (Object.keys(PROGRESS_LABELS) as ProgressStatus[]).map((s) => ({
    status: s,
    count: measures.filter((m) => m.progress.status === s).length,
  }));
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

/** What a board paper says, whatever it was drafted from. Sections the author must write are left to complete. */
export interface PaperContent {
  partnershipName: string;
  fictional: boolean;
  subject: string;
  purpose: string;
  summary: string[];
  /** The lettered things the board is asked to do; a last one is left for the author. */
  recommendations: string[];
  background: string[];
  backgroundPapers: string[];
  appendixTitle: string;
  /** Headings (level 2 or 3) and tables, in order. */
  appendix: ({ heading: string; level: 2 | 3 } | { table: string[][] })[];
}

/** A paper on one plan: counts by status, overdue actions, and the plan's measures and actions in an appendix. */
export function planPaper(t: PlanTree, input: BoardPaperInput): PaperContent {
  const s = summarisePlan(t);
  const statusLine = s.byStatus
    .filter((x) => x.count)
    .map((x) => `${x.count} ${PROGRESS_LABELS[x.status].toLowerCase()}`)
    .join(', ');
  const appendix: PaperContent['appendix'] = [];
  for (const p of t.priorities) {
    appendix.push({ heading: p.title, level: 2 });
    for (const o of p.outcomes) {
      appendix.push({ heading: o.title, level: 3 });
      if (o.measures.length) {
        appendix.push({
          table: [
            ['Measure', 'Latest', 'Target', 'Towards the target'],
            ...o.measures.map((m) => {
              const latest = m.values.at(-1);
              return [
                m.title,
                latest ? `${latest.value} (${latest.year})` : '—',
                m.targets.map((x) => `${x.value} by ${x.year}`).join('; ') || '—',
                m.progress.status ? PROGRESS_LABELS[m.progress.status] : 'No data yet',
              ];
            }),
          ],
        });
      }
      if (o.actions.length) {
        appendix.push({
          table: [
            ['Action', 'Lead', 'Due', 'Status'],
            ...o.actions.map((a) => [
              a.title,
              a.lead.name,
              a.dueDate ? longDate(a.dueDate) : '—',
              `${a.status.replaceAll('_', ' ')}${a.overdue ? ' (overdue)' : ''}`,
            ]),
          ],
        });
      }
    }
  }
  return {
    partnershipName: t.plan.partnershipName,
    fictional: t.plan.fictional,
    subject: input.subject ?? `${t.plan.title}: progress`,
    purpose: `To update the board on progress with ${t.plan.title} (${financialYearLabel(t.plan.startYear)} to ${financialYearLabel(t.plan.endYear)}), and to seek the board’s agreement to the recommendations below.`,
    summary: [
      `The plan has ${t.priorities.length} priorities, ${s.outcomes} local outcomes, ${s.measures} measures and ${s.actions} actions.`,
      `Against their targets, the measures stand as follows: ${statusLine || 'no measure has enough data yet'}${s.noData ? `; ${s.noData} have no data yet` : ''}.`,
      `${s.complete} of ${s.actions} actions are complete${s.overdue.length ? `; ${s.overdue.length} are overdue: ${s.overdue.map((a) => a.title).join('; ')}` : '; none is overdue'}.`,
    ],
    recommendations: [
      'note the progress set out in this report and its appendix;',
      s.overdue.length
        ? 'agree the action to bring the overdue actions back on track;'
        : 'agree that the plan continues as set out;',
    ],
    background: [
      `${t.plan.title} is the partnership’s ${t.plan.kind === 'loip' ? 'Local Outcomes Improvement Plan under section 6 of the Community Empowerment (Scotland) Act 2015' : t.plan.kind === 'locality' ? `locality plan for ${t.plan.localityName ?? 'the locality'} under section 10 of the Community Empowerment (Scotland) Act 2015` : 'improvement plan'}. ${t.plan.summary ?? ''}`.trim(),
    ],
    backgroundPapers: [`${t.plan.title}, version ${t.plan.version || 'draft'}, in Cairn.`],
    appendixTitle: 'Appendix: measures and actions',
    appendix,
  };
}

export async function boardPaperDocx(content: PaperContent, input: BoardPaperInput): Promise<Buffer> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const section = (n: number, title: string, paragraphs: string[]) => [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: `${n}. ${title}` }),
    ...paragraphs.map((text, i) => numbered(`${n}.${i + 1}`, text)),
  ];
  const children: (Paragraph | Table)[] = [
    grid(
      [
        ['Report to', input.report_to],
        ['Date', longDate(input.meeting_date)],
        ['Report by', input.report_by],
        ['Subject', content.subject],
      ],
      false,
    ),
    new Paragraph({ text: '' }),
  ];
  if (content.fictional)
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'Demo – fictional: this partnership and its figures are invented.', bold: true }),
        ],
      }),
    );
  children.push(
    ...section(1, 'Purpose', [content.purpose]),
    ...section(2, 'Summary', content.summary),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: '3. Recommendations' }),
    numbered('3.1', 'The board is asked to:'),
    ...[...content.recommendations, TO_COMPLETE].map(
      (text, i) => new Paragraph({ text: `${letters[i]}) ${text}`, indent: { left: 720 } }),
    ),
    ...section(4, 'Background', content.background),
    ...section(5, 'Implications', [
      `Financial: ${TO_COMPLETE}`,
      `Human resources: ${TO_COMPLETE}`,
      `Legal: ${TO_COMPLETE}`,
      `Equalities: ${TO_COMPLETE}`,
    ]),
    ...section(6, 'Consultations', [TO_COMPLETE]),
    ...section(7, 'Conclusions', [TO_COMPLETE]),
    ...section(8, 'Background papers', content.backgroundPapers),
  );
  if (content.appendix.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: content.appendixTitle }));
    for (const block of content.appendix) {
      if ('table' in block) children.push(grid(block.table), new Paragraph({ text: '' }));
      else
        children.push(
          new Paragraph({
            heading: block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
            text: block.heading,
          }),
        );
    }
  }
  const doc = new Document({
    creator: 'Cairn',
    title: content.subject,
    description: `Board paper for ${input.report_to}, ${longDate(input.meeting_date)}`,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.LEFT, text: content.partnershipName }),
          ...children,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const CHANGE_WORDS = { improved: 'improved', maintained: 'were maintained', worsened: 'worsened' } as const;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const figure = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** A paper presenting the annual progress report of a year to the board for approval to publish. */
export function reportPaper(r: ReportContent, input: BoardPaperInput, address: string): PaperContent {
  const measures = r.plans.flatMap((p) => p.outcomes.flatMap((o) => o.measures));
  const changes = (['improved', 'maintained', 'worsened'] as const).map((k) => ({
    k,
    n: measures.filter((m) => m.change === k).length,
  }));
  const worsened = r.plans.flatMap((p) =>
    p.outcomes.flatMap((o) => o.measures.filter((m) => m.change === 'worsened').map((m) => m.title)),
  );
  const localities = r.plans.filter((p) => p.kind === 'locality');
  const received = (lines: { label: string; count: number }[]) =>
    lines.find((l) => /received/i.test(l.label))?.count ?? 0;
  const appendix: PaperContent['appendix'] = [];
  for (const p of r.plans) {
    appendix.push({ heading: p.title, level: 2 });
    for (const o of p.outcomes.filter((x) => x.measures.length)) {
      appendix.push({ heading: o.title, level: 3 });
      appendix.push({
        table: [
          ['Measure', 'Before', 'Latest', 'Did it improve?', 'Towards the target'],
          ...o.measures.map((m) => [
            m.title,
            m.previous ? `${figure(m.previous.value)} (${m.previous.year})` : '—',
            m.latest ? `${figure(m.latest.value)} (${m.latest.year})` : '—',
            m.change ? m.change[0]!.toUpperCase() + m.change.slice(1) : 'Not enough data',
            m.status ? PROGRESS_LABELS[m.status] : '—',
          ]),
        ],
      });
    }
  }
  return {
    partnershipName: r.partnership.name,
    fictional: r.partnership.fictional,
    subject: input.subject ?? `Annual progress report ${r.yearLabel}`,
    purpose: `To present the partnership’s annual progress report for ${r.yearLabel} (${longDate(r.period.start)} to ${longDate(r.period.end)}) and to seek the board’s approval to publish it, as section 8 of the Community Empowerment (Scotland) Act 2015 requires.`,
    summary: [
      measures.length
        ? `Of the ${measures.length} measures of the partnership’s published plans, ${changes.map((c) => `${c.n} ${CHANGE_WORDS[c.k]}`).join(', ')} against the value before${measures.length - changes.reduce((a, c) => a + c.n, 0) ? `; ${plural(measures.length - changes.reduce((a, c) => a + c.n, 0), 'has', 'have')} too little data to say` : ''}.`
        : 'No measure of the published plans has data for the year yet.',
      localities.length
        ? `The report covers ${localities.length} locality plan${localities.length === 1 ? '' : 's'}: ${localities.map((p) => p.title).join('; ')}.`
        : 'No locality plan was published for the year.',
      r.resources
        ? `Partners committed £${Math.round(r.resources.money).toLocaleString('en-GB')} and ${figure(r.resources.fte)} full-time equivalent staff to ${r.resources.planTitle}${r.resources.preventativeShare === null ? '' : `, ${Math.round(r.resources.preventativeShare * 100)}% of the money to prevention`}.${r.resources.nothing.length ? ` Partners who committed nothing: ${r.resources.nothing.join(', ')}.` : ''}`
        : 'No resources were recorded against a Local Outcomes Improvement Plan for the year.',
      `${plural(r.participation.bodiesInvolved, 'community body is', 'community bodies are')} involved in the partnership’s work; ${plural(received(r.participation.participation), 'participation request', 'participation requests')} and ${plural(received(r.participation.assetTransfer), 'asset transfer request', 'asset transfer requests')} were received in the year.`,
    ],
    recommendations: [
      `approve the annual progress report for ${r.yearLabel} for publication;`,
      worsened.length
        ? `note the measures that worsened (${worsened.join('; ')}) and ask the lead partners to report on them to the next meeting;`
        : 'note that no measure worsened over the year;',
    ],
    background: [
      'Section 8 of the Community Empowerment (Scotland) Act 2015 requires the partnership to publish, for each reporting year, a report on progress towards each local outcome of its Local Outcomes Improvement Plan and each locality plan, and an assessment of how well community bodies took part.',
      'The report was generated by Cairn from the partnership’s published plans, the outcomes data, partners’ recorded commitments and the participation and asset transfer requests of the year.',
    ],
    backgroundPapers: [`Annual progress report ${r.yearLabel} (draft from live data): ${address}`],
    appendixTitle: 'Appendix: whether each measure improved',
    appendix,
  };
}

/** A paper on progress across the partnership's plans since a date. */
export function progressPaper(s: ProgressSummary, input: BoardPaperInput, address: string): PaperContent {
  const total = (k: 'measures' | 'actions' | 'complete' | 'overdue' | 'updates' | 'noData') =>
    s.plans.reduce((a, p) => a + p[k], 0);
  const statusLine = (Object.keys(PROGRESS_LABELS) as ProgressStatus[])
    .map((st) => ({ st, n: s.plans.reduce((a, p) => a + (p.byStatus.find((b) => b.status === st)?.count ?? 0), 0) }))
    .filter((x) => x.n)
    .map((x) => `${x.n} ${PROGRESS_LABELS[x.st].toLowerCase()}`)
    .join(', ');
  return {
    partnershipName: s.partnership.name,
    fictional: s.partnership.fictional,
    subject: input.subject ?? `Progress report since ${longDate(s.since)}`,
    purpose: `To update the board on progress across the partnership’s ${s.plans.length} plans since ${longDate(s.since)}, and to seek the board’s agreement to the recommendations below.`,
    summary: [
      `Against their targets, the ${total('measures')} measures stand as follows: ${statusLine || 'no measure has enough data yet'}${total('noData') ? `; ${total('noData')} have no data yet` : ''}.`,
      `${total('complete')} of ${plural(total('actions'), 'action', 'actions')} ${total('complete') === 1 ? 'is' : 'are'} complete; ${total('overdue') ? `${plural(total('overdue'), 'is', 'are')} overdue: ${s.overdue.map((a) => a.title).join('; ')}` : 'none is overdue'}.`,
      `${plural(total('updates'), 'progress update was', 'progress updates were')} recorded since ${longDate(s.since)}.`,
      s.differs.length
        ? `On ${s.differs.length} measure${s.differs.length === 1 ? '' : 's'} the lead officer’s RAG differs from what the data says: ${s.differs.map((d) => `${d.measure} (${d.rag.toUpperCase()}; data: ${PROGRESS_LABELS[d.status].toLowerCase()})`).join('; ')}.`
        : 'Officers’ RAG ratings agree with the data on every measure they rated.',
    ],
    recommendations: [
      'note the progress set out in this report and its appendix;',
      ...(s.overdue.length ? ['agree the action to bring the overdue actions back on track;'] : []),
      ...(s.differs.length ? ['ask the lead officers to explain where their rating differs from the data;'] : []),
    ],
    background: [
      'The partnership’s plans are kept in Cairn, where partners record progress on their actions and measures and managers approve it before publication. This report summarises them.',
    ],
    backgroundPapers: [`Progress summary in Cairn: ${address}`],
    appendixTitle: 'Appendix: plans, overdue actions and updates',
    appendix: [
      { heading: 'Plans', level: 2 },
      {
        table: [
          ['Plan', 'Measures', 'On track', 'Actions complete', 'Overdue', 'Updates'],
          ...s.plans.map((p) => [
            p.title,
            String(p.measures),
            String(p.byStatus.find((b) => b.status === 'on_track')?.count ?? 0),
            `${p.complete} of ${p.actions}`,
            String(p.overdue),
            String(p.updates),
          ]),
        ],
      },
      ...(s.overdue.length
        ? [
            { heading: 'Overdue actions', level: 2 as const },
            {
              table: [
                ['Plan', 'Action', 'Lead', 'Due'],
                ...s.overdue.map((a) => [a.plan, a.title, a.lead, a.due ? longDate(a.due) : '—']),
              ],
            },
          ]
        : []),
      ...(s.updates.length
        ? [
            { heading: 'Updates since the date', level: 2 as const },
            {
              table: [
                ['Date', 'Plan', 'About', 'RAG', 'Narrative'],
                ...s.updates.map((u) => [longDate(u.date), u.plan, u.about, u.rag.toUpperCase(), u.narrative]),
              ],
            },
          ]
        : []),
    ],
  };
}
