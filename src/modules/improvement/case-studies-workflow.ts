import type { Permission } from '../../core/access/permissions.ts';
import type { CaseStudyStatus } from '../../db/schema-case-studies.ts';

/**
 * The publication workflow of a case study as data: the partnership writes a draft and submits it; a
 * national analyst publishes it or returns it with a reason; a returned case study may be edited and
 * submitted again. Anything not listed is refused. Only published case studies are public.
 *
 *   draft ──submit──► submitted ──publish──► published
 *     ▲                  │
 *     │               return (with a reason)
 *     │                  ▼
 *     └── (edit) ──── returned ──submit──► submitted
 */
export type CaseStudyAction = 'submit' | 'publish' | 'return';

export interface CaseStudyTransition {
  action: CaseStudyAction;
  from: readonly CaseStudyStatus[];
  to: CaseStudyStatus;
  /** Who may take it: case-study:edit in the partnership, or case-study:publish (national). */
  permission: Permission;
  label: string;
}

export const CASE_STUDY_TRANSITIONS: readonly CaseStudyTransition[] = [
  {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    permission: 'case-study:edit',
    label: 'Submit for publication',
  },
  {
    action: 'publish',
    from: ['submitted'],
    to: 'published',
    permission: 'case-study:publish',
    label: 'Publish in the good-practice library',
  },
  {
    action: 'return',
    from: ['submitted'],
    to: 'returned',
    permission: 'case-study:publish',
    label: 'Return to the partnership with a reason',
  },
];

/** Statuses in which the partnership may change the case study, its measures and documents. */
export const EDITABLE: readonly CaseStudyStatus[] = ['draft', 'returned'];

export const CASE_STUDY_STATUS_LABELS: Record<CaseStudyStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted, awaiting review',
  published: 'Published',
  returned: 'Returned to the partnership',
};

export function findCaseStudyTransition(
  action: CaseStudyAction,
  from: CaseStudyStatus,
): CaseStudyTransition | undefined {
  return CASE_STUDY_TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}
