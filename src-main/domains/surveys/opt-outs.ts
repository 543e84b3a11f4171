import type { ParsedInput } from '../../../src-shared/contract/index.js';
import { AppError } from '../../../src-shared/errors.js';
import type { PatientsTable } from '../../../src-shared/tables/index.js';
import type { Caller } from '../../core/context.js';
import { type DataLayer, type WriteTx } from '../../core/data-layer.js';
import { optOutId } from '../../../src-shared/surveys/ids.js';
import type { Store } from '../../core/db/store.js';

export type OptOutChannel = 'sms' | 'whatsapp' | 'email' | 'all';

/**
 * A patient's "no more surveys" (docs/surveys-design.md): per channel or
 * all, from the form's link, a reply, or the console; opting back in keeps
 * the row (active 0), for the record. Sending reads it before every
 * message, not only when the survey was planned.
 */
export class OptOuts {
  constructor(
    private readonly store: Store,
    private readonly data: DataLayer,
  ) {}

  /** Records the opt-out; answers whether it is new (the patient was not opted out already). */
  record(tx: WriteTx, entry: { hospitalId: string; patientId: string; channel: OptOutChannel; source: string }): boolean {
    const id = optOutId(entry.patientId, entry.channel);
    const existing = tx.get('survey_opt_outs', id);
    if (existing) {
      tx.update('survey_opt_outs', id, { active: 1, source: entry.source, recorded_at: tx.now }, 'survey_opt_outs.opt_out');
      return existing.active !== 1 || existing.deleted_at !== null;
    }
    tx.insertShared('survey_opt_outs', {
      id,
      hospital_id: entry.hospitalId,
      patient_id: entry.patientId,
      channel: entry.channel,
      active: 1,
      source: entry.source,
      recorded_at: tx.now,
    });
    return true;
  }

  /** True when the patient declined this channel or all of them. */
  declined(patientId: string, channel: string): boolean {
    return (
      this.store
        .statement(`SELECT 1 FROM survey_opt_outs WHERE patient_id = ? AND channel IN (?, 'all') AND active = 1 AND deleted_at IS NULL`)
        .get(patientId, channel) !== undefined
    );
  }

  channelsOf(patientId: string): OptOutChannel[] {
    return this.store
      .statement('SELECT channel FROM survey_opt_outs WHERE patient_id = ? AND active = 1 AND deleted_at IS NULL ORDER BY channel')
      .pluck()
      .all(patientId) as OptOutChannel[];
  }

  set(caller: Caller, input: ParsedInput<'surveys.optOut'>): { patientId: string; channels: OptOutChannel[] } {
    const patient = this.store.statement('SELECT * FROM patients WHERE id = ? AND deleted_at IS NULL').get(input.patientId) as PatientsTable | undefined;
    if (!patient) throw new AppError('NOT_FOUND', 'error.not_found');
    caller.scope.checkRow('patients', patient);
    this.data.write(caller.actor, (tx) => {
      if (input.optedOut) {
        this.record(tx, { hospitalId: patient.hospital_id, patientId: patient.id, channel: input.channel, source: 'console' });
        return;
      }
      const id = optOutId(patient.id, input.channel);
      if (tx.get('survey_opt_outs', id)) tx.update('survey_opt_outs', id, { active: 0, source: 'console', recorded_at: tx.now }, 'survey_opt_outs.opt_in');
    });
    return { patientId: patient.id, channels: this.channelsOf(patient.id) };
  }
}
