import { describe, expect, it } from 'vitest';
import type { RequestKind } from '../../db/schema.ts';
import { TRANSITION_SCHEMAS } from './community.schemas.ts';
import { ACTIONS, TRANSITIONS, type Action } from './workflow.ts';

/** The fields each step names when its input is empty, with the messages the forms have always shown. */
const S24 = 'Record how the decision weighed the factors in section 24 (at least one)';
const REASONS = 'Give the reasons for the decision';
const DECISION = { decision: ['Choose the decision'], decision_date: ['Enter the date of the decision'] };
const FINAL_REPORT =
  'Write the final report: the outcomes of the process, how far the outcome improved, how the body’s participation influenced it';
const EXTEND = {
  rule_code: ['Choose the time limit to extend'],
  extended_to: ['Enter the agreed new date'],
  note: ['Say what was agreed with the community body, and when'],
};
const ESTABLISH = {
  process_established_on: ['Enter the date the process was established'],
  process_description: ['Describe the outcome improvement process: who takes part, how and when it meets'],
};

const cases: { action: Action; kind: RequestKind; missing: Record<string, string[]> }[] = [
  { action: 'submit', kind: 'participation', missing: {} },
  { action: 'withdraw', kind: 'asset_transfer', missing: {} },
  { action: 'request_review', kind: 'asset_transfer', missing: {} },
  { action: 'lodge_appeal', kind: 'asset_transfer', missing: {} },
  { action: 'assign', kind: 'participation', missing: {} },
  {
    action: 'request_information',
    kind: 'participation',
    missing: { information_needed: ['Say what information is missing'] },
  },
  { action: 'validate', kind: 'asset_transfer', missing: { validation_date: ['Enter the validation date'] } },
  {
    action: 'record_additional_answer',
    kind: 'participation',
    missing: { answer: ['Choose whether the other authority will take part'] },
  },
  // A participation request's decision weighs the s.24 factors; its reasons are needed when it is refused.
  { action: 'decide', kind: 'participation', missing: { ...DECISION, s24_economic_development: [S24] } },
  // Every asset transfer decision gives its reasons.
  { action: 'decide', kind: 'asset_transfer', missing: { ...DECISION, decision_reasons: [REASONS] } },
  { action: 'decide_review', kind: 'asset_transfer', missing: { ...DECISION, decision_reasons: [REASONS] } },
  { action: 'decide_appeal', kind: 'asset_transfer', missing: { ...DECISION, decision_reasons: [REASONS] } },
  { action: 'extend', kind: 'participation', missing: EXTEND },
  { action: 'establish_process', kind: 'participation', missing: ESTABLISH },
  { action: 'process_update', kind: 'participation', missing: { note: ['Describe the meeting, update or change'] } },
  { action: 'complete', kind: 'participation', missing: { final_report: [FINAL_REPORT] } },
  { action: 'complete', kind: 'asset_transfer', missing: {} },
];

function fieldsOf(action: Action, input: Record<string, unknown>): Record<string, string[]> {
  const parsed = TRANSITION_SCHEMAS[action].safeParse({ ...input, action });
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error?.issues ?? []) (fields[issue.path.join('.')] ??= []).push(issue.message);
  return fields;
}

describe('the input each step of the request workflow needs', () => {
  it('has a schema for every action, and every transition’s action has one', () => {
    expect(Object.keys(TRANSITION_SCHEMAS).sort()).toEqual([...ACTIONS].sort());
    for (const t of TRANSITIONS) expect(TRANSITION_SCHEMAS[t.action], t.action).toBeDefined();
  });

  it.each(cases)('$action on a $kind request names every missing field at once', ({ action, kind, missing }) => {
    expect(fieldsOf(action, { kind })).toEqual(missing);
  });

  it('treats a blank text as missing and keeps the date format’s own message for a malformed date', () => {
    expect(fieldsOf('process_update', { kind: 'participation', note: '   ' })).toEqual({
      note: ['Describe the meeting, update or change'],
    });
    expect(fieldsOf('validate', { kind: 'participation', validation_date: '23/11/2026' })).toEqual({
      validation_date: ['Enter a real date in the form YYYY-MM-DD'],
    });
  });

  it('asks for reasons for a refused participation request only, and for one s.24 factor', () => {
    const base = { kind: 'participation', decision_date: '2026-11-23', s24_public_health: 'Walking' };
    expect(fieldsOf('decide', { ...base, decision: 'agreed' })).toEqual({});
    expect(fieldsOf('decide', { ...base, decision: 'refused' })).toEqual({ decision_reasons: [REASONS] });
    expect(fieldsOf('decide', { ...base, decision: 'refused', decision_reasons: 'No room' })).toEqual({});
    expect(fieldsOf('decide_review', { ...base, decision: 'agreed' })).toEqual({});
  });

  it('gives the step’s values typed and trimmed', () => {
    const parsed = TRANSITION_SCHEMAS.extend.parse({
      action: 'extend',
      kind: 'asset_transfer',
      rule_code: ' atr-decision ',
      extended_to: '2027-06-01',
      note: ' Agreed by letter ',
    });
    expect(parsed).toMatchObject({ rule_code: 'atr-decision', extended_to: '2027-06-01', note: 'Agreed by letter' });
  });
});
