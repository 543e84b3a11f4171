import type { ClockDefinition } from '../sla/clock.js';
import type { ComplaintType } from './taxonomy.js';

/**
 * The complaint and PX action workflows (issue 12), pure: which moves are
 * allowed and what each needs. The station's service checks a move here
 * before it writes; the console asks the same functions which buttons to
 * offer, so a button is never offered that the station would refuse.
 */

// ---- complaints

export const COMPLAINT_STATUSES = ['new', 'open', 'in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Waiting on someone else: the SLA clocks do not run. */
export const PAUSED_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['waiting_patient', 'waiting_department'];
const ENDED: readonly ComplaintStatus[] = ['resolved', 'closed'];

const COMPLAINT_MOVES: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> = {
  new: ['open', 'in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'closed'],
  open: ['in_progress', 'waiting_patient', 'waiting_department', 'resolved', 'closed'],
  in_progress: ['waiting_patient', 'waiting_department', 'resolved', 'closed'],
  waiting_patient: ['in_progress', 'waiting_department', 'resolved', 'closed'],
  waiting_department: ['in_progress', 'waiting_patient', 'resolved', 'closed'],
  // back to in progress: a reopening, with its reason
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** How a complaint's handling ended (as complaint bodies report it). */
export const RESOLUTION_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

/** What was done about it. */
export const RESOLUTION_CATEGORIES = [
  'explanation',
  'apology',
  'process_change',
  'staff_feedback',
  'clinical_review',
  'compensation',
  'referred',
  'other',
] as const;
export type ResolutionCategory = (typeof RESOLUTION_CATEGORIES)[number];

/** Why a complaint was closed without being resolved. */
export const CLOSE_REASONS = ['duplicate', 'withdrawn', 'out_of_scope'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface ComplaintMove {
  readonly to: ComplaintStatus;
  /** why it is reopened (required to reopen) */
  readonly reason?: string | undefined;
  readonly resolutionOutcome?: ResolutionOutcome | undefined;
  readonly resolutionCategory?: ResolutionCategory | undefined;
  /** what was done, in words the patient may read */
  readonly resolutionSummary?: string | undefined;
  readonly closeReason?: CloseReason | undefined;
  /** the complaint this one repeats (closing as a duplicate) */
  readonly duplicateOf?: string | undefined;
}

/** A field of the move and the message key (src-shared/messages.ts) of what is wrong with it. */
export interface MoveProblem {
  readonly field: string;
  readonly key: string;
}

export function isReopening(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return ENDED.includes(from) && !ENDED.includes(to);
}

/** The statuses a complaint may move to from here. */
export function complaintMoves(from: ComplaintStatus): readonly ComplaintStatus[] {
  return COMPLAINT_MOVES[from];
}

/**
 * What is wrong with a move, field by field (none: it may be made).
 * - Resolving a complaint needs its outcome, what was done and a summary
 *   the patient can read; an inquiry needs the answer (the summary); a compliment neither.
 * - Closing without resolving needs a reason (a duplicate names the
 *   complaint it repeats); a compliment is closed as acknowledged.
 * - Reopening needs a reason.
 */
export function complaintMoveProblems(type: ComplaintType, from: ComplaintStatus, move: ComplaintMove): MoveProblem[] {
  if (from === move.to) return [{ field: 'to', key: 'field.complaint_same_status' }];
  if (!COMPLAINT_MOVES[from].includes(move.to)) return [{ field: 'to', key: 'field.complaint_move' }];
  const problems: MoveProblem[] = [];
  const blank = (text: string | undefined) => (text ?? '').trim().length === 0;
  if (isReopening(from, move.to) && blank(move.reason)) problems.push({ field: 'reason', key: 'field.reopen_reason' });
  if (move.to === 'resolved') {
    if (type === 'complaint' && !move.resolutionOutcome) problems.push({ field: 'resolutionOutcome', key: 'field.required' });
    if (type === 'complaint' && !move.resolutionCategory) problems.push({ field: 'resolutionCategory', key: 'field.required' });
    if (type !== 'compliment' && blank(move.resolutionSummary)) problems.push({ field: 'resolutionSummary', key: 'field.required' });
  }
  if (move.to === 'closed' && from !== 'resolved' && type !== 'compliment') {
    if (!move.closeReason) problems.push({ field: 'closeReason', key: 'field.close_reason' });
    else if (move.closeReason === 'duplicate' && !move.duplicateOf) problems.push({ field: 'duplicateOf', key: 'field.duplicate_of' });
  }
  return problems;
}

/** The clocks a complaint runs (docs/sla-design.md): to the first response, and to resolution (again after a reopening). */
export const COMPLAINT_CLOCKS: readonly ClockDefinition[] = [
  { kind: 'first_response', pausedStatuses: PAUSED_COMPLAINT_STATUSES, stopStatuses: ENDED, stopOnResponse: true, restartOnReopen: false },
  { kind: 'resolution', pausedStatuses: PAUSED_COMPLAINT_STATUSES, stopStatuses: ENDED, stopOnResponse: false, restartOnReopen: true },
];

// ---- PX actions

export const PX_ACTION_STATUSES = ['open', 'in_progress', 'pending_approval', 'approved', 'closed', 'cancelled'] as const;
export type PxActionStatus = (typeof PX_ACTION_STATUSES)[number];

export const PX_ACTION_VERBS = ['start', 'submit', 'approve', 'reject', 'close', 'cancel'] as const;
export type PxActionVerb = (typeof PX_ACTION_VERBS)[number];

/** Each verb: from where, to where. A rejection goes back to work, with its reason kept in the timeline. */
const PX_ACTION_MOVES: Readonly<Record<PxActionVerb, { readonly from: readonly PxActionStatus[]; readonly to: PxActionStatus }>> = {
  start: { from: ['open'], to: 'in_progress' },
  submit: { from: ['in_progress'], to: 'pending_approval' },
  approve: { from: ['pending_approval'], to: 'approved' },
  reject: { from: ['pending_approval'], to: 'in_progress' },
  close: { from: ['approved'], to: 'closed' },
  cancel: { from: ['open', 'in_progress'], to: 'cancelled' },
};

/** An action's clock (docs/sla-design.md): to approval. Waiting for approval is not the owner's time; approved, closed or cancelled stops it. */
export const PX_ACTION_CLOCKS: readonly ClockDefinition[] = [
  {
    kind: 'resolution',
    pausedStatuses: ['pending_approval'],
    stopStatuses: ['approved', 'closed', 'cancelled'],
    stopOnResponse: false,
    restartOnReopen: false,
  },
];

/** Where a PX action comes from. */
export const PX_ACTION_SOURCES = ['survey', 'complaint', 'call', 'social', 'qi', 'manual'] as const;
export type PxActionSource = (typeof PX_ACTION_SOURCES)[number];

/** The lowest role level that approves or rejects (PX Coordinator; src-shared/roles.ts). */
export const APPROVER_LEVEL = 50;

export interface PxActionMove {
  readonly verb: PxActionVerb;
  readonly reason?: string | undefined;
  /** notes and files attached to the action so far */
  readonly evidenceCount: number;
  /** the action's policy asks for evidence before approval */
  readonly evidenceRequired: boolean;
  /** the role level of the person making the move */
  readonly actorLevel: number;
  /** the person making the move owns the action, or submitted it for approval: the work is theirs */
  readonly actorIsOwner: boolean;
}

export function pxActionTarget(from: PxActionStatus, verb: PxActionVerb): PxActionStatus | null {
  const move = PX_ACTION_MOVES[verb];
  return move.from.includes(from) ? move.to : null;
}

/** The verbs the console offers for an action in this status, to this person (`isOwner`: owns it or submitted it). */
export function pxActionVerbs(from: PxActionStatus, person: { readonly level: number; readonly isOwner: boolean }): PxActionVerb[] {
  return PX_ACTION_VERBS.filter((verb) => {
    if (pxActionTarget(from, verb) === null) return false;
    if (verb === 'approve' || verb === 'reject') return person.level >= APPROVER_LEVEL && !person.isOwner;
    return true;
  });
}

/**
 * What is wrong with a PX action move, field by field (none: it may be
 * made). Approval is a second pair of eyes: a PX Coordinator or above who
 * neither owns the action nor submitted it. Evidence comes before approval
 * where the policy asks for it, checked at submission and again at approval
 * (a file taken off meanwhile); a rejection and a cancellation say why.
 */
export function pxActionMoveProblems(from: PxActionStatus, move: PxActionMove): MoveProblem[] {
  if (pxActionTarget(from, move.verb) === null) return [{ field: 'verb', key: 'field.action_move' }];
  const problems: MoveProblem[] = [];
  if ((move.verb === 'approve' || move.verb === 'reject') && (move.actorLevel < APPROVER_LEVEL || move.actorIsOwner))
    problems.push({ field: 'verb', key: 'field.action_approver' });
  if ((move.verb === 'submit' || move.verb === 'approve') && move.evidenceRequired && move.evidenceCount === 0)
    problems.push({ field: 'evidence', key: 'field.action_evidence' });
  if ((move.verb === 'reject' || move.verb === 'cancel') && (move.reason ?? '').trim().length === 0) problems.push({ field: 'reason', key: 'field.required' });
  return problems;
}
