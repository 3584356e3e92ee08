import type { RequestKind } from '../../db/schema.ts';

/**
 * The two request processes of the Community Empowerment (Scotland) Act 2015 as explicit state
 * machines. Every change to a request is one of these transitions; anything else is refused.
 *
 * Participation requests (Part 3): the body drafts and submits; the authority validates (or asks for
 * missing information), hears whether another authority will join, decides and publishes the decision
 * notice, establishes the outcome improvement process, publishes its updates and the final report.
 *
 * Asset transfer requests (Part 5): the body drafts and submits; the authority validates (or asks for
 * missing information) and decides; a council's decision may be reviewed, other decisions (and council
 * reviews) appealed to the Scottish Ministers; an agreed transfer is completed.
 */

export const STATUSES = [
  'draft',
  'submitted',
  'information_requested',
  'validated',
  'agreed',
  'refused',
  'process_established',
  'under_review',
  'under_appeal',
  'completed',
  'withdrawn',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  submitted: 'Submitted, awaiting validation',
  information_requested: 'Information requested',
  validated: 'Validated, awaiting decision',
  agreed: 'Agreed',
  refused: 'Refused',
  process_established: 'Outcome improvement process under way',
  under_review: 'Under review',
  under_appeal: 'Under appeal to the Scottish Ministers',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
};

/** Statuses from which nothing more is expected. */
export const FINAL_STATUSES: readonly Status[] = ['completed', 'withdrawn'];

export type Side = 'community_body' | 'authority';

export const ACTIONS = [
  'submit',
  'withdraw',
  'request_information',
  'validate',
  'record_additional_answer',
  'decide',
  'extend',
  'assign',
  'establish_process',
  'process_update',
  'complete',
  'request_review',
  'decide_review',
  'lodge_appeal',
  'decide_appeal',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Transition {
  action: Action;
  kinds: readonly RequestKind[];
  from: readonly Status[];
  /** The status after the transition; 'same' keeps it; 'decision' follows the decision taken. */
  to: Status | 'same' | 'decision';
  side: Side;
  label: string;
  /** Whether the event appears in the public register. */
  public: boolean;
}

const OPEN_BEFORE_DECISION: Status[] = ['draft', 'submitted', 'information_requested', 'validated'];

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'submit',
    kinds: ['participation', 'asset_transfer'],
    from: ['draft', 'information_requested'],
    to: 'submitted',
    side: 'community_body',
    label: 'Submit the request',
    public: false,
  },
  {
    action: 'withdraw',
    kinds: ['participation', 'asset_transfer'],
    from: OPEN_BEFORE_DECISION,
    to: 'withdrawn',
    side: 'community_body',
    label: 'Withdraw the request',
    public: true,
  },
  {
    action: 'request_information',
    kinds: ['participation', 'asset_transfer'],
    from: ['submitted'],
    to: 'information_requested',
    side: 'authority',
    label: 'Ask for missing information',
    public: false,
  },
  {
    action: 'validate',
    kinds: ['participation', 'asset_transfer'],
    from: ['submitted'],
    to: 'validated',
    side: 'authority',
    label: 'Acknowledge and validate',
    public: true,
  },
  {
    action: 'record_additional_answer',
    kinds: ['participation'],
    from: ['validated'],
    to: 'same',
    side: 'authority',
    label: 'Record the other authority’s answer',
    public: true,
  },
  {
    action: 'decide',
    kinds: ['participation', 'asset_transfer'],
    from: ['validated'],
    to: 'decision',
    side: 'authority',
    label: 'Decide and publish the decision notice',
    public: true,
  },
  {
    action: 'extend',
    kinds: ['participation', 'asset_transfer'],
    from: ['validated', 'agreed'],
    to: 'same',
    side: 'authority',
    label: 'Record an agreed extension',
    public: true,
  },
  {
    action: 'assign',
    kinds: ['participation', 'asset_transfer'],
    from: [
      'submitted',
      'information_requested',
      'validated',
      'agreed',
      'refused',
      'process_established',
      'under_review',
      'under_appeal',
    ],
    to: 'same',
    side: 'authority',
    label: 'Assign the responsible officer',
    public: false,
  },
  {
    action: 'establish_process',
    kinds: ['participation'],
    from: ['agreed'],
    to: 'process_established',
    side: 'authority',
    label: 'Establish the outcome improvement process',
    public: true,
  },
  {
    action: 'process_update',
    kinds: ['participation'],
    from: ['process_established'],
    to: 'same',
    side: 'authority',
    label: 'Publish a meeting, update or change to the process',
    public: true,
  },
  {
    action: 'complete',
    kinds: ['participation'],
    from: ['process_established'],
    to: 'completed',
    side: 'authority',
    label: 'Publish the final report',
    public: true,
  },
  {
    action: 'complete',
    kinds: ['asset_transfer'],
    from: ['agreed'],
    to: 'completed',
    side: 'authority',
    label: 'Record that the transfer is concluded',
    public: true,
  },
  {
    action: 'request_review',
    kinds: ['asset_transfer'],
    from: ['agreed', 'refused', 'validated'],
    to: 'under_review',
    side: 'community_body',
    label: 'Apply for a review',
    public: true,
  },
  {
    action: 'decide_review',
    kinds: ['asset_transfer'],
    from: ['under_review'],
    to: 'decision',
    side: 'authority',
    label: 'Record the review decision',
    public: true,
  },
  {
    action: 'lodge_appeal',
    kinds: ['asset_transfer'],
    from: ['agreed', 'refused', 'validated'],
    to: 'under_appeal',
    side: 'community_body',
    label: 'Appeal to the Scottish Ministers',
    public: true,
  },
  {
    action: 'decide_appeal',
    kinds: ['asset_transfer'],
    from: ['under_appeal'],
    to: 'decision',
    side: 'authority',
    label: 'Record the Ministers’ decision',
    public: true,
  },
];

export function findTransition(kind: RequestKind, action: string, from: string): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.action === action && t.kinds.includes(kind) && (t.from as readonly string[]).includes(from),
  );
}

/** The transitions one side may take now. */
export function availableTransitions(kind: RequestKind, from: string, side: Side): Transition[] {
  return TRANSITIONS.filter(
    (t) => t.side === side && t.kinds.includes(kind) && (t.from as readonly string[]).includes(from),
  );
}

export function nextStatus(t: Transition, from: Status, decision?: 'agreed' | 'refused'): Status {
  if (t.to === 'same') return from;
  if (t.to === 'decision') {
    if (!decision) throw new Error(`${t.action} needs a decision`);
    return decision;
  }
  return t.to;
}

/** The s.24 factors an authority must weigh when deciding a participation request. */
export const S24_FACTORS = [
  { code: 'economic_development', label: 'Economic development' },
  { code: 'regeneration', label: 'Regeneration' },
  { code: 'public_health', label: 'Public health' },
  { code: 'social_wellbeing', label: 'Social wellbeing' },
  { code: 'environmental_wellbeing', label: 'Environmental wellbeing' },
  { code: 'reducing_inequalities', label: 'Reducing inequalities of outcome from socio-economic disadvantage' },
  {
    code: 'participation_of_disadvantaged',
    label: 'Increasing participation of people experiencing socio-economic disadvantage',
  },
] as const;

export const KIND_LABELS: Record<RequestKind, string> = {
  participation: 'Participation request',
  asset_transfer: 'Asset transfer request',
};
export const KIND_PREFIX: Record<RequestKind, string> = { participation: 'PR', asset_transfer: 'ATR' };
