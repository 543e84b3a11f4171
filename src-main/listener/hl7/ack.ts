import { component, field, type Hl7Message } from './er7.js';
import { DEFAULT_DELIMITERS, encodeEr7Text, encodingCharacters, type Hl7Delimiters } from './escape.js';
import { formatHl7DateTime } from './hl7-time.js';

/*
 * Original-mode acknowledgements (v2.5 §2.9.2): one ACK per message received.
 * AA accepted; AE the message was understood but could not be used (the ERR
 * says where and why, so the HIS team can fix the feed); AR it could not be
 * read at all. An ACK always goes back, even for garbage, with whatever
 * routing the original let us read.
 */

export type AckCode = 'AA' | 'AE' | 'AR';

export interface AckError {
  /** HL7 table 0357 condition code, e.g. `101` */
  readonly code: string;
  /** table 0516; E when not given */
  readonly severity?: 'E' | 'W';
  /** for the HIS team (ERR-8); never patient data */
  readonly text: string;
  /** ERL as `SEG^sequence^field[^repetition^component]`, e.g. `PID^1^3` */
  readonly location?: string;
  /** ERR-5, the application's own code for a machine to act on (PX360 uses its message keys, e.g. `error.peer_not_listed`) */
  readonly application?: { readonly code: string; readonly text: string };
}

export interface AckOptions {
  /** MSA-3; for AE/AR it defaults to the error text */
  readonly text?: string;
  readonly error?: AckError;
  /** MSH-10 of the ACK itself */
  readonly controlId: string;
  readonly now: Date;
  /** MSH-3/MSH-4 when the original's MSH-5/MSH-6 does not name us */
  readonly sendingApp: string;
  readonly sendingFacility: string;
}

/** HL7 table 0357, message error condition codes. */
export const HL7_ERROR_CONDITIONS: Readonly<Record<string, string>> = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
};

const DEFAULT_PROCESSING_ID = 'P';
const DEFAULT_VERSION = '2.5';

/**
 * Builds the ACK for `original` (null when it could not be parsed) as an ER7
 * string, segments ending in CR. Written with the original's own delimiters
 * so the sender reads its answer the way it writes.
 */
export function buildAck(original: Hl7Message | null, code: AckCode, options: AckOptions): string {
  const delimiters = original?.delimiters ?? DEFAULT_DELIMITERS;
  const text = (value: string) => encodeEr7Text(value, delimiters);
  const msh = original?.header;
  // Copying the original's ER7 verbatim keeps every HD component (namespace^OID^ISO) intact;
  // it was read with these same delimiters, so it cannot break the segment.
  const echo = (n: number, fallback: string) => field(msh, n) || fallback;

  const trigger = component(msh, 9, 2);
  const header = [
    'MSH',
    encodingCharacters(delimiters),
    echo(5, text(options.sendingApp)),
    echo(6, text(options.sendingFacility)),
    field(msh, 3),
    field(msh, 4),
    formatHl7DateTime(options.now),
    '',
    trigger === '' ? 'ACK' : ['ACK', text(trigger), 'ACK'].join(delimiters.component),
    text(options.controlId),
    echo(11, DEFAULT_PROCESSING_ID),
    echo(12, DEFAULT_VERSION),
  ];

  const error = options.error ?? (code === 'AA' ? undefined : { code: '207', text: options.text ?? HL7_ERROR_CONDITIONS['207'] ?? '' });
  const ackText = options.text ?? (code === 'AA' ? '' : (error?.text ?? ''));
  const segments = [header, ['MSA', code, field(msh, 10), text(ackText)]];
  if (error) segments.push(errSegment(error, delimiters));

  return segments.map((fields) => trimEmpty(fields).join(delimiters.field) + '\r').join('');
}

function errSegment(error: AckError, delimiters: Hl7Delimiters): string[] {
  const text = (value: string) => encodeEr7Text(value, delimiters);
  const location = (error.location ?? '').split('^').map(text).join(delimiters.component);
  const condition = [text(error.code), text(HL7_ERROR_CONDITIONS[error.code] ?? ''), 'HL70357'].join(delimiters.component);
  const application = error.application ? [text(error.application.code), text(error.application.text), 'PX360'].join(delimiters.component) : '';
  return ['ERR', '', location, condition, error.severity ?? 'E', application, '', '', text(error.text)];
}

/** Trailing empty fields are left off, as senders expect. */
function trimEmpty(fields: string[]): string[] {
  let end = fields.length;
  while (end > 1 && fields[end - 1] === '') end -= 1;
  return fields.slice(0, end);
}
