import { type BusinessCalendar, nextBusinessInstant } from './business-time.js';
import type { SlaRecipient } from './policies.js';

/**
 * The email of a staff notification (docs/sla-design.md): what the bell
 * says, for a person away from the console. It names the record by its
 * number only — no patient, no complaint text leaves in an email — and
 * says when the step came due, in the hospital's time and the reader's
 * language. One definition for the hub and a station that sends itself.
 */
export interface StaffEmailInput {
  readonly kind: 'sla_reminder' | 'sla_escalation';
  readonly recordType: 'complaint' | 'px_action';
  readonly recordNumber: string;
  readonly clock: 'first_response' | 'resolution';
  readonly level: number | null;
  readonly percent: number | null;
  /** when the step came due (ISO) */
  readonly reachedAt: string;
  readonly role: SlaRecipient | string;
  readonly recipientName: string;
  readonly hospitalName: string;
  readonly timeZone: string;
  readonly language: 'ar' | 'en';
}

const TEXTS = {
  en: {
    record: { complaint: 'complaint', px_action: 'PX action' },
    clock: { first_response: 'first response', resolution: 'resolution' },
    role: {
      assignee: 'the person it is assigned to',
      department_manager: 'its department manager',
      px_coordinator: 'a PX coordinator of the hospital',
      hospital_admin: 'an administrator of the hospital',
      px_admin: 'a PX administrator',
    } as Record<string, string>,
    reminderSubject: (p: Words) => `Reminder: ${p.record} ${p.number} has used ${p.percent} % of its ${p.clock} time`,
    escalationSubject: (p: Words) => `Escalation level ${p.level}: ${p.record} ${p.number} is past its ${p.clock} time`,
    greeting: (name: string) => `Dear ${name},`,
    reminderLine: (p: Words) => `The ${p.record} ${p.number} at ${p.hospital} has used ${p.percent} % of the time allowed for its ${p.clock}.`,
    escalationLine: (p: Words) =>
      `The ${p.record} ${p.number} at ${p.hospital} is past the time allowed for its ${p.clock}; it is escalated to you (level ${p.level}).`,
    due: (when: string) => `This step came due on ${when}.`,
    act: 'Open it in PX360 to act on it. Its details stay in PX360: this email carries none.',
    why: (role: string) => `You receive this as ${role}.`,
  },
  ar: {
    record: { complaint: 'الشكوى', px_action: 'إجراء التحسين' },
    clock: { first_response: 'الرد الأول', resolution: 'الحل' },
    role: {
      assignee: 'المكلَّف بها',
      department_manager: 'مدير القسم المعني',
      px_coordinator: 'منسق تجربة المريض في المستشفى',
      hospital_admin: 'مسؤول المستشفى',
      px_admin: 'مدير تجربة المريض',
    } as Record<string, string>,
    reminderSubject: (p: Words) => `تذكير: استُهلك ${p.percent} % من مهلة ${p.clock} لـ${p.record} ${p.number}`,
    escalationSubject: (p: Words) => `تصعيد المستوى ${p.level}: تجاوزت ${p.record} ${p.number} مهلة ${p.clock}`,
    greeting: (name: string) => `${name}، تحية طيبة،`,
    reminderLine: (p: Words) => `استُهلك ${p.percent} % من المهلة المحددة لـ${p.clock} في ${p.record} ${p.number} في ${p.hospital}.`,
    escalationLine: (p: Words) => `تجاوزت ${p.record} ${p.number} في ${p.hospital} المهلة المحددة لـ${p.clock}، وصُعِّدت إليك (المستوى ${p.level}).`,
    due: (when: string) => `حلّ موعد هذه الخطوة في ${when}.`,
    act: 'افتحها في PX360 لمتابعتها. تبقى تفاصيلها في PX360، ولا يحمل هذا البريد شيئاً منها.',
    why: (role: string) => `وصلك هذا البريد بصفتك ${role}.`,
  },
} as const;

interface Words {
  readonly record: string;
  readonly number: string;
  readonly clock: string;
  readonly hospital: string;
  readonly level: number | string;
  readonly percent: number | string;
}

/** A Latin number or name inside Arabic text (or the other way round) in its own direction. */
const isolate = (text: string) => `\u2068${text}\u2069`;

export function staffEmailText(input: StaffEmailInput): { subject: string; body: string } {
  const texts = TEXTS[input.language];
  const words: Words = {
    record: texts.record[input.recordType],
    number: isolate(input.recordNumber),
    clock: texts.clock[input.clock],
    hospital: isolate(input.hospitalName),
    level: input.level ?? '',
    percent: input.percent ?? '',
  };
  const when = new Intl.DateTimeFormat(input.language === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: input.timeZone,
  }).format(new Date(input.reachedAt));
  const escalation = input.kind === 'sla_escalation';
  const subject = escalation ? texts.escalationSubject(words) : texts.reminderSubject(words);
  const lines = [
    texts.greeting(isolate(input.recipientName)),
    '',
    escalation ? texts.escalationLine(words) : texts.reminderLine(words),
    texts.due(when),
    '',
    texts.act,
    texts.why(texts.role[input.role] ?? input.role),
  ];
  return { subject, body: lines.join('\n') };
}

/** An address a staff email may go to, or null. */
export function staffEmailAddress(email: string | null | undefined): string | null {
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? email.trim() : null;
}

type Cells = Readonly<Record<string, unknown>>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * What the email says, from the rows as a station or the hub holds them (a
 * cell of a peer's writing is read tolerantly: a missing one reads empty).
 * Null when the notification's details cannot be read.
 */
export function staffEmailInputOf(notification: Cells, user: Cells, hospital: Cells | undefined, language: 'ar' | 'en'): StaffEmailInput | null {
  const details = detailsOf(notification);
  if (details === null) return null;
  const kind = notification.kind === 'sla_escalation' ? 'sla_escalation' : notification.kind === 'sla_reminder' ? 'sla_reminder' : null;
  const recordType = notification.record_type === 'px_action' ? 'px_action' : notification.record_type === 'complaint' ? 'complaint' : null;
  const clock = details.clock === 'first_response' || details.clock === 'resolution' ? details.clock : null;
  if (!kind || !recordType || !clock || typeof details.reachedAt !== 'string') return null;
  return {
    kind,
    recordType,
    recordNumber: text(notification.record_number),
    clock,
    level: typeof details.level === 'number' ? details.level : null,
    percent: typeof details.percent === 'number' ? details.percent : null,
    reachedAt: details.reachedAt,
    role: text(details.role),
    recipientName: text(language === 'ar' ? user.name_ar : user.name_en) || text(user.username),
    hospitalName: text(language === 'ar' ? hospital?.name_ar : hospital?.name_en),
    timeZone: text(hospital?.time_zone) || 'Asia/Riyadh',
    language,
  };
}

/** A notification's details as written (JSON), or null when they cannot be read. */
function detailsOf(notification: Cells): Record<string, unknown> | null {
  try {
    return JSON.parse(text(notification.details)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * When an email held to business hours may go, if not now: the next
 * business instant of the hospital's calendar. Checked when it is sent as
 * well as when it is queued, so a retry, a late sync or a hub catching up
 * on a backlog never mails anyone at night (Zammad #4432). A step that may
 * reach people any time (the notification's `anyTime`) is never held; a
 * notification from before `anyTime` was kept goes as it was queued.
 */
export function heldUntil(notification: Cells, calendar: BusinessCalendar, now: number): string | null {
  const details = detailsOf(notification);
  if (details === null) return null;
  if (details.anyTime !== false) return null;
  const next = nextBusinessInstant(new Date(now), calendar);
  return next !== null && next.getTime() > now ? next.toISOString() : null;
}
