import type { CallInput } from '../../../../src-shared/contract/index.js';
import type { ComplaintType } from '../../../../src-shared/complaints/taxonomy.js';
import {
  complaintMoveProblems,
  isReopening,
  type CloseReason,
  type ComplaintStatus,
  type ResolutionCategory,
  type ResolutionOutcome,
} from '../../../../src-shared/complaints/workflow.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { MESSAGES, type MessageKey } from '../../../../src-shared/messages.js';

/**
 * The workflow's buttons on a complaint and the small form each opens,
 * from the same pure rules the station checks (src-shared/complaints/
 * workflow.ts): the button names the move as the PX officer thinks of it,
 * and its form asks exactly what the move needs.
 */

/** What a move's form asks. */
export type MoveForm =
  /** why (required) */
  | 'reopen'
  /** the outcome, what was done, and a summary the complainant may read */
  | 'resolve'
  /** an inquiry's answer, which the complainant may read */
  | 'answer'
  /** why it is closed without a resolution, and which complaint a duplicate repeats */
  | 'closeUnresolved'
  /** nothing needed: a note for the timeline if the officer wants one */
  | 'plain';

export function moveForm(type: ComplaintType, from: ComplaintStatus, to: ComplaintStatus): MoveForm {
  if (isReopening(from, to)) return 'reopen';
  if (to === 'resolved') return type === 'complaint' ? 'resolve' : type === 'inquiry' ? 'answer' : 'plain';
  if (to === 'closed' && from !== 'resolved' && type !== 'compliment') return 'closeUnresolved';
  return 'plain';
}

/** The name of a move's button: a key of the area's `move` texts. */
export type MoveLabel =
  | 'open'
  | 'in_progress'
  | 'resume'
  | 'reopen'
  | 'waiting_patient'
  | 'waiting_department'
  | 'resolved'
  | 'answer'
  | 'acknowledge'
  | 'closed'
  | 'closeUnresolved';

export function moveLabel(type: ComplaintType, from: ComplaintStatus, to: ComplaintStatus): MoveLabel {
  if (isReopening(from, to)) return 'reopen';
  switch (to) {
    case 'in_progress':
      return from === 'waiting_patient' || from === 'waiting_department' ? 'resume' : 'in_progress';
    case 'resolved':
      return type === 'inquiry' ? 'answer' : 'resolved';
    case 'closed':
      if (from === 'resolved') return 'closed';
      return type === 'compliment' ? 'acknowledge' : 'closeUnresolved';
    case 'new':
      return 'open'; // no move leads back to new; named as opening should one ever be offered
    default:
      return to;
  }
}

/** The move form's values: text in every field, '' for nothing given. `duplicateOf` holds a complaint number as typed. */
export const BLANK_MOVE = {
  reason: '',
  resolutionOutcome: '',
  resolutionCategory: '',
  resolutionSummary: '',
  closeReason: '',
  duplicateOf: '',
  /** where the station's refusal of the move itself is shown */
  to: '',
};
export type MoveValues = typeof BLANK_MOVE;

/** The input of `complaints.move` for what the form asks (fields it does not ask are not sent); `duplicateOf` is the id looked up from the number. */
export function moveInput(id: string, to: ComplaintStatus, form: MoveForm, values: MoveValues, duplicateId?: string): CallInput<'complaints.move'> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const input: Record<string, unknown> = { id, to };
  if (form === 'resolve') {
    input.resolutionOutcome = (values.resolutionOutcome || undefined) as ResolutionOutcome | undefined;
    input.resolutionCategory = (values.resolutionCategory || undefined) as ResolutionCategory | undefined;
  }
  if (form === 'resolve' || form === 'answer') input.resolutionSummary = text(values.resolutionSummary);
  else input.reason = text(values.reason);
  if (form === 'closeUnresolved') {
    input.closeReason = (values.closeReason || undefined) as CloseReason | undefined;
    if (values.closeReason === 'duplicate') input.duplicateOf = duplicateId;
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as CallInput<'complaints.move'>;
}

/**
 * What the workflow says is missing, field by field, before anything is
 * sent: every problem at once (the station answers the first it finds).
 * A duplicate's number counts as given here; whether it names a complaint
 * is asked of the station.
 */
export function moveProblems(type: ComplaintType, from: ComplaintStatus, to: ComplaintStatus, form: MoveForm, values: MoveValues): FieldError[] {
  const move = moveInput('', to, form, values, values.duplicateOf.trim() || undefined);
  return complaintMoveProblems(type, from, move).map(({ field, key }) => {
    const known: MessageKey = isMessageKey(key) ? key : 'field.invalid';
    return { path: field, key: known, message: MESSAGES[known] };
  });
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key);
}
