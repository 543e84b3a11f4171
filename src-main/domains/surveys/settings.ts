import type { ParsedInput, SurveySettingsView } from '../../../src-shared/contract/index.js';
import { AppError, type FieldError, fieldError, invalidField } from '../../../src-shared/errors.js';
import { messageTemplateProblems } from '../../../src-shared/notifications/message-template.js';
import { DEFAULT_FATIGUE_DAYS, DEFAULT_SEND_WINDOW, type SendWindow } from '../../../src-shared/surveys/send-rules.js';
import { fromJson, type MessageTexts, SURVEY_CHANNELS, type SurveyChannel, type SurveySettingsTable, toJson } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import { type DataLayer, type WriteTx } from '../../core/data-layer.js';
import { settingsId } from '../../../src-shared/surveys/ids.js';
import type { Store } from '../../core/db/store.js';
import type { StationRole } from '../organizations/group-settings.js';

/** One hospital's survey rules, as the sending code reads them. */
export interface HospitalSurveyRules {
  readonly hospitalId: string;
  readonly sendingEnabled: boolean;
  readonly window: SendWindow;
  readonly fatigueDays: number;
  readonly expiryDays: number;
  readonly digits: 'latn' | 'arab';
  readonly channels: readonly SurveyChannel[];
  readonly reminderAfterHours: number;
  readonly reminderMax: number;
  readonly linkBaseUrl: string | null;
  readonly messageTexts: MessageTexts;
  readonly timeZone: string;
  readonly saved: boolean;
}

export const DEFAULT_EXPIRY_DAYS = 7;
export const DEFAULT_REMINDER_AFTER_HOURS = 48;

/**
 * Survey settings per hospital (docs/surveys-design.md): defaults until
 * someone saves them; saved as one hospital row with a deterministic id.
 */
export class SurveySettings {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
    private readonly stationRole: () => StationRole,
  ) {}

  rules(hospitalId: string): HospitalSurveyRules {
    const row = this.store.statement('SELECT * FROM survey_settings WHERE id = ? AND deleted_at IS NULL').get(settingsId(hospitalId)) as
      SurveySettingsTable | undefined;
    const timeZone = (this.store.statement('SELECT time_zone FROM hospitals WHERE id = ?').pluck().get(hospitalId) as string | undefined) ?? 'Asia/Riyadh';
    if (!row) {
      return {
        hospitalId,
        sendingEnabled: false,
        window: DEFAULT_SEND_WINDOW,
        fatigueDays: DEFAULT_FATIGUE_DAYS,
        expiryDays: DEFAULT_EXPIRY_DAYS,
        digits: 'latn',
        channels: SURVEY_CHANNELS,
        reminderAfterHours: DEFAULT_REMINDER_AFTER_HOURS,
        reminderMax: 1,
        linkBaseUrl: null,
        messageTexts: {},
        timeZone,
        saved: false,
      };
    }
    return {
      hospitalId,
      sendingEnabled: row.sending_enabled === 1,
      window: { startMinute: row.window_start_minute, endMinute: row.window_end_minute },
      fatigueDays: row.fatigue_days,
      expiryDays: row.expiry_days,
      digits: row.digits === 'arab' ? 'arab' : 'latn',
      channels: readChannels(row.channels),
      reminderAfterHours: row.reminder_after_hours,
      reminderMax: row.reminder_max,
      linkBaseUrl: row.link_base_url,
      messageTexts: row.message_texts ? fromJson(row.message_texts) : {},
      timeZone,
      saved: true,
    };
  }

  view(hospitalId: string): SurveySettingsView {
    const rules = this.rules(hospitalId);
    return {
      hospitalId,
      sendingEnabled: rules.sendingEnabled,
      windowStartMinute: rules.window.startMinute,
      windowEndMinute: rules.window.endMinute,
      fatigueDays: rules.fatigueDays,
      expiryDays: rules.expiryDays,
      digits: rules.digits,
      channels: [...rules.channels],
      reminderAfterHours: rules.reminderAfterHours,
      reminderMax: rules.reminderMax,
      linkBaseUrl: rules.linkBaseUrl,
      messageTexts: rules.messageTexts,
      sender: this.stationRole() === 'not_enrolled' ? 'station' : 'hub',
      saved: rules.saved,
    };
  }

  update(caller: Caller, input: ParsedInput<'surveySettings.update'>): SurveySettingsView {
    this.data.write(caller.actor, (tx) => this.save(tx, input));
    return this.view(input.hospitalId);
  }

  /** Writes the fields given; the first save makes the row with the defaults for the rest. */
  save(tx: WriteTx, input: ParsedInput<'surveySettings.update'>): void {
    if (input.messageTexts) checkMessageTexts(input.messageTexts);
    const current = this.rules(input.hospitalId);
    const start = input.windowStartMinute ?? current.window.startMinute;
    const end = input.windowEndMinute ?? current.window.endMinute;
    if (start >= end) throw windowProblem();
    const values = {
      sending_enabled: input.sendingEnabled === undefined ? undefined : input.sendingEnabled ? 1 : 0,
      window_start_minute: input.windowStartMinute,
      window_end_minute: input.windowEndMinute,
      fatigue_days: input.fatigueDays,
      expiry_days: input.expiryDays,
      digits: input.digits,
      channels: input.channels ? toJson([...new Set(input.channels)]) : undefined,
      reminder_after_hours: input.reminderAfterHours,
      reminder_max: input.reminderMax,
      link_base_url: input.linkBaseUrl,
      message_texts: input.messageTexts ? toJson(input.messageTexts) : undefined,
    };
    const id = settingsId(input.hospitalId);
    if (tx.get('survey_settings', id)) {
      tx.update('survey_settings', id, values);
      return;
    }
    tx.insertShared('survey_settings', {
      id,
      hospital_id: input.hospitalId,
      sending_enabled: values.sending_enabled ?? 0,
      window_start_minute: start,
      window_end_minute: end,
      fatigue_days: values.fatigue_days ?? current.fatigueDays,
      expiry_days: values.expiry_days ?? current.expiryDays,
      digits: values.digits ?? current.digits,
      channels: values.channels ?? toJson([...current.channels]),
      reminder_after_hours: values.reminder_after_hours ?? current.reminderAfterHours,
      reminder_max: values.reminder_max ?? current.reminderMax,
      link_base_url: values.link_base_url ?? null,
      message_texts: values.message_texts ?? null,
    });
  }
}

/** Texts with only known {{variables}}; an invitation or reminder that carries its link. Each problem at its field, in both languages. */
function checkMessageTexts(texts: MessageTexts): void {
  const problems: FieldError[] = [];
  const bilingual = { sms: texts.sms, reminder_sms: texts.reminder_sms, email_subject: texts.email_subject, email_body: texts.email_body };
  for (const [name, text] of Object.entries(bilingual)) {
    for (const language of ['ar', 'en'] as const) {
      const value = text?.[language];
      if (value === undefined) continue;
      const path = `messageTexts.${name}.${language}`;
      const problem = messageTemplateProblems(value)[0];
      if (problem) problems.push(fieldError(path, problem.key, { at: problem.at }));
      else if (name !== 'email_subject' && !/\{\{\s*link\s*\}\}/.test(value)) problems.push(fieldError(path, 'field.message_template_link'));
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION', 'error.validation', problems);
}

function windowProblem() {
  return invalidField('windowEndMinute', 'field.survey_window');
}

function readChannels(text: string): SurveyChannel[] {
  try {
    const parsed: unknown = JSON.parse(text);
    const channels = Array.isArray(parsed) ? parsed.filter((c): c is SurveyChannel => (SURVEY_CHANNELS as readonly unknown[]).includes(c)) : [];
    return channels.length > 0 ? channels : [...SURVEY_CHANNELS];
  } catch {
    return [...SURVEY_CHANNELS];
  }
}
