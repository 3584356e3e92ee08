import { toCsv } from '../../core/csv.ts';
import { financialYearLabel } from '../../core/periods.ts';
import type { ResourcesService } from './resources.service.ts';

/** A plan's commitments as files, in the import format (the page is in resources.views.tsx). */

type Commitment = Awaited<ReturnType<ResourcesService['list']>>['rows'][number];

/** The columns of the import format, in its order. */
const HEADER = [
  'organisation',
  'priority',
  'outcome',
  'financial_year',
  'money',
  'fte',
  'in_kind',
  'arrangement',
  'prevention',
  'note',
];

/** The rows of the Excel workbook: the header, then one row per commitment. */
export function commitmentsSheet(rows: readonly Commitment[]) {
  return [
    HEADER,
    ...rows.map((r) => [
      r.organisation,
      r.priority,
      r.outcome,
      financialYearLabel(r.financial_year),
      r.money,
      r.fte,
      r.in_kind,
      r.arrangement,
      r.prevention,
      r.note,
    ]),
  ];
}

export function commitmentsCsv(rows: readonly Commitment[]): string {
  return toCsv(rows, [
    { header: 'organisation', value: (r) => r.organisation },
    { header: 'priority', value: (r) => r.priority },
    { header: 'outcome', value: (r) => r.outcome },
    { header: 'financial_year', value: (r) => financialYearLabel(r.financial_year) },
    { header: 'money', value: (r) => r.money.toFixed(2) },
    { header: 'fte', value: (r) => r.fte },
    { header: 'in_kind', value: (r) => r.in_kind },
    { header: 'arrangement', value: (r) => r.arrangement },
    { header: 'prevention', value: (r) => r.prevention },
    { header: 'note', value: (r) => r.note },
  ]);
}
