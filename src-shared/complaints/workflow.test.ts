import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../messages.js';
import { type CalendarVersion, clockOf, type PolicyVersion } from '../sla/clock.js';
import { domainOf, HCAT_CATEGORY_CODES, LABELS } from './taxonomy.js';
import {
  APPROVER_LEVEL,
  COMPLAINT_CLOCKS,
  COMPLAINT_STATUSES,
  type ComplaintMove,
  complaintMoveProblems,
  complaintMoves,
  type ComplaintStatus,
  isReopening,
  type PX_ACTION_STATUSES,
  type PxActionMove,
  pxActionMoveProblems,
  pxActionTarget,
  pxActionVerbs,
} from './workflow.js';

describe('complaint moves', () => {
  it.each<[string, 'complaint' | 'inquiry' | 'compliment', ComplaintStatus, ComplaintMove, string[]]>([
    ['triage', 'complaint', 'new', { to: 'open' }, []],
    ['waiting for the patient', 'complaint', 'in_progress', { to: 'waiting_patient' }, []],
    ['back to work', 'complaint', 'waiting_department', { to: 'in_progress' }, []],
    [
      'resolved with its outcome and summary',
      'complaint',
      'in_progress',
      {
        to: 'resolved',
        resolutionOutcome: 'upheld',
        resolutionCategory: 'process_change',
        resolutionSummary: 'Apologised; the clinic now calls when a doctor runs late.',
      },
      [],
    ],
    [
      'resolved without an outcome',
      'complaint',
      'in_progress',
      { to: 'resolved', resolutionCategory: 'apology', resolutionSummary: 'Done' },
      ['resolutionOutcome:field.required'],
    ],
    [
      'resolved without saying what was done',
      'complaint',
      'in_progress',
      { to: 'resolved', resolutionOutcome: 'upheld', resolutionSummary: 'Done' },
      ['resolutionCategory:field.required'],
    ],
    [
      'resolved without a summary',
      'complaint',
      'in_progress',
      { to: 'resolved', resolutionOutcome: 'not_upheld', resolutionCategory: 'explanation', resolutionSummary: '  ' },
      ['resolutionSummary:field.required'],
    ],
    ['an inquiry answered (no outcome)', 'inquiry', 'new', { to: 'resolved', resolutionSummary: 'Visiting hours are 16:00–21:00.' }, []],
    ['a compliment acknowledged and closed', 'compliment', 'new', { to: 'closed' }, []],
    ['closed after resolution', 'complaint', 'resolved', { to: 'closed' }, []],
    ['closed without resolution, no reason', 'complaint', 'open', { to: 'closed' }, ['closeReason:field.close_reason']],
    ['closed as withdrawn', 'complaint', 'open', { to: 'closed', closeReason: 'withdrawn' }, []],
    ['closed as a duplicate without naming it', 'complaint', 'new', { to: 'closed', closeReason: 'duplicate' }, ['duplicateOf:field.duplicate_of']],
    [
      'closed as a duplicate of another',
      'complaint',
      'new',
      { to: 'closed', closeReason: 'duplicate', duplicateOf: '0193a6f0-7c3e-7b1d-9a5e-2f1c0d4b8e71' },
      [],
    ],
    ['reopened without a reason', 'complaint', 'resolved', { to: 'in_progress' }, ['reason:field.reopen_reason']],
    ['reopened from closed with a reason', 'complaint', 'closed', { to: 'in_progress', reason: 'The patient says the bill is still wrong.' }, []],
    ['closed straight back to waiting', 'complaint', 'closed', { to: 'waiting_patient', reason: 'x' }, ['to:field.complaint_move']],
    ['new again', 'complaint', 'in_progress', { to: 'new' }, ['to:field.complaint_move']],
    ['the same status', 'complaint', 'open', { to: 'open' }, ['to:field.complaint_same_status']],
  ])('%s', (_case, type, from, move, expected) => {
    expect(complaintMoveProblems(type, from, move).map((p) => `${p.field}:${p.key}`)).toEqual(expected);
  });

  it('names every problem with a message both languages have', () => {
    const keys = new Set<string>();
    for (const from of COMPLAINT_STATUSES)
      for (const to of COMPLAINT_STATUSES)
        for (const type of ['complaint', 'inquiry', 'compliment'] as const)
          for (const problem of complaintMoveProblems(type, from, { to, closeReason: to === 'closed' ? 'duplicate' : undefined })) keys.add(problem.key);
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });

  it('offers only moves out of the current status, and knows a reopening', () => {
    for (const from of COMPLAINT_STATUSES) expect(complaintMoves(from)).not.toContain(from);
    expect(isReopening('resolved', 'in_progress')).toBe(true);
    expect(isReopening('closed', 'in_progress')).toBe(true);
    expect(isReopening('waiting_patient', 'in_progress')).toBe(false);
  });
});

describe('the complaint clocks', () => {
  const day: Array<[string, string]> = [['08:00', '16:00']];
  const calendars: CalendarVersion[] = [
    { id: 'c', effectiveFrom: '2025-01-01T00:00:00Z', calendar: { timeZone: 'Asia/Riyadh', weekly: { 0: day, 1: day, 2: day, 3: day, 4: day, 5: [], 6: [] } } },
  ];
  const policies: PolicyVersion[] = [
    { id: 'p', effectiveFrom: '2025-01-01T00:00:00Z', targets: { first_response: 60, resolution: 480 }, steps: { first_response: [], resolution: [] } },
  ];
  const status = (at: string, s: ComplaintStatus) => ({ at, kind: 'status' as const, status: s });

  it('pause while waiting on someone, stop on resolution, and the resolution clock restarts on reopening', () => {
    const events = [
      status('2025-03-16T08:00:00+03:00', 'new'),
      { at: '2025-03-16T08:30:00+03:00', kind: 'response' as const },
      status('2025-03-16T09:00:00+03:00', 'waiting_department'),
      status('2025-03-16T11:00:00+03:00', 'in_progress'),
      status('2025-03-16T12:00:00+03:00', 'resolved'),
      status('2025-03-17T08:00:00+03:00', 'in_progress'),
    ];
    const [first, resolution] = COMPLAINT_CLOCKS.map((definition) =>
      clockOf(definition, events, { policies, calendars }, new Date('2025-03-17T09:00:00+03:00')),
    );
    expect(first!.cycles.map((c) => [c.state, c.elapsed])).toEqual([['stopped', 30]]);
    expect(resolution!.cycles.map((c) => [c.state, c.elapsed])).toEqual([
      ['stopped', 120],
      ['running', 60],
    ]);
  });
});

describe('PX action moves', () => {
  const owner = { actorLevel: 60, actorIsOwner: true };
  const coordinator = { actorLevel: APPROVER_LEVEL, actorIsOwner: false };
  const move = (verb: PxActionMove['verb'], extra: Partial<PxActionMove> = {}): PxActionMove => ({
    verb,
    evidenceCount: 0,
    evidenceRequired: false,
    ...owner,
    ...extra,
  });

  it.each<[string, (typeof PX_ACTION_STATUSES)[number], PxActionMove, string[]]>([
    ['started', 'open', move('start'), []],
    ['submitted without evidence the policy asks for', 'in_progress', move('submit', { evidenceRequired: true }), ['evidence:field.action_evidence']],
    ['submitted with evidence', 'in_progress', move('submit', { evidenceRequired: true, evidenceCount: 2 }), []],
    ['submitted where no evidence is asked for', 'in_progress', move('submit'), []],
    ['approved by its owner', 'pending_approval', move('approve', { actorLevel: 100 }), ['verb:field.action_approver']],
    ['approved by staff below a coordinator', 'pending_approval', move('approve', { actorLevel: 40, actorIsOwner: false }), ['verb:field.action_approver']],
    ['approved by a coordinator', 'pending_approval', move('approve', coordinator), []],
    [
      'approved after the evidence was taken off',
      'pending_approval',
      move('approve', { ...coordinator, evidenceRequired: true, evidenceCount: 0 }),
      ['evidence:field.action_evidence'],
    ],
    ['approved with its evidence', 'pending_approval', move('approve', { ...coordinator, evidenceRequired: true, evidenceCount: 1 }), []],
    ['rejected without a reason', 'pending_approval', move('reject', coordinator), ['reason:field.required']],
    ['rejected with a reason', 'pending_approval', move('reject', { ...coordinator, reason: 'No photo of the repaired sign.' }), []],
    ['closed once approved', 'approved', move('close'), []],
    ['closed before approval', 'in_progress', move('close'), ['verb:field.action_move']],
    ['cancelled with a reason', 'open', move('cancel', { reason: 'Raised twice.' }), []],
    ['cancelled after approval', 'approved', move('cancel', { reason: 'x' }), ['verb:field.action_move']],
  ])('%s', (_case, from, m, expected) => {
    expect(pxActionMoveProblems(from, m).map((p) => `${p.field}:${p.key}`)).toEqual(expected);
  });

  it('sends a rejection back to work, and offers approval only to a second pair of eyes', () => {
    expect(pxActionTarget('pending_approval', 'reject')).toBe('in_progress');
    expect(pxActionVerbs('pending_approval', { level: 100, isOwner: true })).toEqual([]);
    expect(pxActionVerbs('pending_approval', { level: 50, isOwner: false })).toEqual(['approve', 'reject']);
    expect(pxActionVerbs('in_progress', { level: 20, isOwner: true })).toEqual(['submit', 'cancel']);
    for (const status of ['closed', 'cancelled'] as const) expect(pxActionVerbs(status, { level: 100, isOwner: false })).toEqual([]);
  });
});

describe('the taxonomy', () => {
  it('puts each HCAT category in its domain, with words in both languages', () => {
    expect(HCAT_CATEGORY_CODES).toHaveLength(7);
    expect(domainOf('safety')).toBe('clinical');
    expect(domainOf('institutional_processes')).toBe('management');
    expect(domainOf('respect_and_patient_rights')).toBe('relationships');
    for (const group of Object.values(LABELS))
      for (const label of Object.values(group)) {
        expect(label.en.length).toBeGreaterThan(0);
        expect(label.ar).toMatch(/[\u0600-\u06FF]/);
      }
  });
});
