import { type EventCode, isEventCode, type JourneyType } from '../../../src-shared/his-events.js';
import type { Store } from '../../core/db/store.js';

/**
 * What a new source's HL7 trigger events mean, before anyone edits them.
 * A key may carry the journey type after a colon: `A03:OPD` (an outpatient
 * "discharge" is the end of the clinic visit) is tried before `A03`.
 */
export const DEFAULT_HL7_MAPPINGS: Readonly<Record<string, EventCode>> = {
  A01: 'IP_ADMITTED',
  'A01:EMS': 'EMS_ARRIVED',
  A02: 'IP_TRANSFERRED',
  A03: 'IP_DISCHARGED',
  'A03:OPD': 'OPD_VISIT_COMPLETED',
  'A03:EMS': 'EMS_DISPOSITION',
  A04: 'OPD_REGISTERED',
  'A04:EMS': 'EMS_ARRIVED',
  A08: 'PATIENT_UPDATED',
  A11: 'ADMISSION_CANCELLED',
  A13: 'DISCHARGE_CANCELLED',
  R01: 'LAB_RESULT_READY',
};

/** The codes to try for an external code, most specific first. */
export function mappingKeys(externalCode: string, journeyType: JourneyType | null): string[] {
  const base = externalCode.trim().toUpperCase();
  return journeyType ? [`${base}:${journeyType}`, base] : [base];
}

/** Source code → station event code: the source's mapping table, else a station code passed through as is. */
export function resolveEventCode(store: Store, sourceSystem: string, externalCode: string, journeyType: JourneyType | null): EventCode | null {
  const lookup = store.statement('SELECT event_code FROM event_mappings WHERE source_system = ? AND external_code = ? AND deleted_at IS NULL').pluck();
  for (const key of mappingKeys(externalCode, journeyType)) {
    const mapped = lookup.get(sourceSystem, key) as string | undefined;
    if (mapped && isEventCode(mapped)) return mapped;
  }
  const direct = externalCode.trim().toUpperCase();
  return isEventCode(direct) ? direct : null;
}
