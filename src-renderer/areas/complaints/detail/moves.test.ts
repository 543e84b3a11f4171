import { describe, expect, it } from 'vitest';
import type { ComplaintType } from '../../../../src-shared/complaints/taxonomy.js';
import { complaintMoves, type ComplaintStatus } from '../../../../src-shared/complaints/workflow.js';
import { validateInput } from '../../../api/client.js';
import { BLANK_MOVE, moveForm, moveInput, moveLabel, moveProblems } from './moves.js';

const ID = '0190a6a0-0000-7000-8000-000000000001';
const OTHER = '0190a6a0-0000-7000-8000-000000000002';

describe('the buttons a complaint offers', () => {
  it.each<[ComplaintType, ComplaintStatus, string[]]>([
    ['complaint', 'new', ['open', 'in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'closeUnresolved']],
    ['complaint', 'waiting_patient', ['resume', 'waiting_department', 'resolved', 'closeUnresolved']],
    ['complaint', 'resolved', ['closed', 'reopen']],
    ['complaint', 'closed', ['reopen']],
    ['inquiry', 'in_progress', ['waiting_patient', 'waiting_department', 'answer', 'closeUnresolved']],
    ['compliment', 'new', ['open', 'in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'acknowledge']],
  ])('a %s that is %s: %j', (type, from, labels) => {
    expect(complaintMoves(from).map((to) => moveLabel(type, from, to))).toEqual(labels);
  });

  it.each<[ComplaintType, ComplaintStatus, ComplaintStatus, string]>([
    ['complaint', 'in_progress', 'resolved', 'resolve'],
    ['inquiry', 'in_progress', 'resolved', 'answer'],
    ['compliment', 'in_progress', 'resolved', 'plain'],
    ['complaint', 'open', 'closed', 'closeUnresolved'],
    ['compliment', 'open', 'closed', 'plain'],
    ['complaint', 'resolved', 'closed', 'plain'],
    ['complaint', 'resolved', 'in_progress', 'reopen'],
    ['complaint', 'closed', 'in_progress', 'reopen'],
    ['complaint', 'waiting_patient', 'in_progress', 'plain'],
  ])('a %s moving from %s to %s asks: %s', (type, from, to, form) => {
    expect(moveForm(type, from, to)).toBe(form);
  });
});

describe('what a move form sends', () => {
  const filled = {
    ...BLANK_MOVE,
    reason: ' left over ',
    resolutionOutcome: 'upheld',
    resolutionCategory: 'apology',
    resolutionSummary: ' We apologised. ',
    closeReason: 'duplicate',
    duplicateOf: 'CMP-OLAYA-K7Q2-000001',
  };

  it.each([
    ['resolve', 'resolved', { resolutionOutcome: 'upheld', resolutionCategory: 'apology', resolutionSummary: 'We apologised.' }],
    ['answer', 'resolved', { resolutionSummary: 'We apologised.' }],
    ['reopen', 'in_progress', { reason: 'left over' }],
    ['closeUnresolved', 'closed', { reason: 'left over', closeReason: 'duplicate', duplicateOf: OTHER }],
    ['plain', 'waiting_patient', { reason: 'left over' }],
  ] as const)('%s: only what it asks', (form, to, expected) => {
    const input = moveInput(ID, to, form, filled, OTHER);
    expect(input).toEqual({ id: ID, to, ...expected });
    expect(validateInput('complaints.move', input)).toEqual([]);
  });

  it('sends no duplicate for another reason to close', () => {
    expect(moveInput(ID, 'closed', 'closeUnresolved', { ...filled, closeReason: 'withdrawn' }, OTHER)).not.toHaveProperty('duplicateOf');
  });
});

describe('what a move still needs, all at once', () => {
  const paths = (...args: Parameters<typeof moveProblems>) => moveProblems(...args).map((p) => `${p.path}:${p.key}`);

  it('resolving a complaint: the outcome, what was done and the summary', () => {
    expect(paths('complaint', 'in_progress', 'resolved', 'resolve', BLANK_MOVE)).toEqual([
      'resolutionOutcome:field.required',
      'resolutionCategory:field.required',
      'resolutionSummary:field.required',
    ]);
    expect(paths('complaint', 'in_progress', 'resolved', 'resolve', { ...BLANK_MOVE, resolutionCategory: 'apology', resolutionSummary: 'Sorry' })).toEqual([
      'resolutionOutcome:field.required',
    ]);
  });

  it('reopening: the reason; closing unresolved: the reason to close, and a duplicate’s number', () => {
    expect(paths('complaint', 'closed', 'in_progress', 'reopen', { ...BLANK_MOVE, reason: '  ' })).toEqual(['reason:field.reopen_reason']);
    expect(paths('complaint', 'open', 'closed', 'closeUnresolved', BLANK_MOVE)).toEqual(['closeReason:field.close_reason']);
    expect(paths('complaint', 'open', 'closed', 'closeUnresolved', { ...BLANK_MOVE, closeReason: 'duplicate' })).toEqual(['duplicateOf:field.duplicate_of']);
    expect(paths('complaint', 'open', 'closed', 'closeUnresolved', { ...BLANK_MOVE, closeReason: 'duplicate', duplicateOf: 'CMP-X' })).toEqual([]);
  });

  it('in both languages', () => {
    const [problem] = moveProblems('complaint', 'in_progress', 'resolved', 'resolve', BLANK_MOVE);
    expect(problem?.message).toEqual({ en: 'Required.', ar: 'حقل مطلوب.' });
  });
});
