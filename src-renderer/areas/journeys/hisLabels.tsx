import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboundEvent, JourneyDetail, JourneySummary } from '../../../src-shared/contract/index.js';
import { EVENT_CODES, isEventCode, JOURNEY_TYPES, type JourneyType } from '../../../src-shared/his-events.js';

/**
 * How HIS events and journeys are named on screen (here and in the
 * integrations area, whose code mappings speak of the same events): a station event code by
 * what it means in the reader's language (the code itself stays beside it
 * for the integrator), statuses as coloured badges.
 */
export function useEventCodeLabel(): (code: string) => string {
  const { t } = useTranslation('journeys');
  return (code) => (isEventCode(code) ? t(`eventCode.${code}`) : code);
}

/** `A03 → OPD_VISIT_COMPLETED`: the source's code and what the station read it as (once processed). */
export function mappedCode(externalCode: string, eventCode: string | null): string {
  return eventCode && eventCode !== externalCode ? `${externalCode} → ${eventCode}` : externalCode;
}

/** Options of an event-code Select: meaning first, code after it. */
export function useEventCodeOptions(): { value: string; label: string }[] {
  const label = useEventCodeLabel();
  return EVENT_CODES.map((code) => ({ value: code, label: `${label(code)} — ${code}` }));
}

export function useJourneyTypeLabel(): (type: JourneyType) => string {
  const { t } = useTranslation('journeys');
  return (type) => t(`journeyType.${type}`);
}

export function useJourneyTypeOptions(): { value: JourneyType; label: string }[] {
  const label = useJourneyTypeLabel();
  return JOURNEY_TYPES.map((type) => ({ value: type, label: label(type) }));
}

const EVENT_STATUS_COLOR: Record<InboundEvent['status'], string> = { pending: 'blue', processed: 'teal', failed: 'red', quarantined: 'orange' };

export function EventStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('journeys');
  const known = status in EVENT_STATUS_COLOR ? (status as InboundEvent['status']) : null;
  return (
    <Badge color={known ? EVENT_STATUS_COLOR[known] : 'gray'} variant="light">
      {known ? t(`eventStatus.${known}`) : status}
    </Badge>
  );
}

const JOURNEY_STATUS_COLOR: Record<JourneySummary['status'], string> = { active: 'blue', completed: 'teal', cancelled: 'gray' };

export function JourneyStatusBadge({ status }: { status: JourneySummary['status'] }) {
  const { t } = useTranslation('journeys');
  return (
    <Badge color={JOURNEY_STATUS_COLOR[status]} variant="light">
      {t(`journeyStatus.${status}`)}
    </Badge>
  );
}

type StageStatus = JourneyDetail['stages'][number]['status'];
export const STAGE_STATUS_COLOR: Record<StageStatus, string> = { completed: 'teal', pending: 'gray', skipped: 'yellow' };

export function StageStatusBadge({ status }: { status: StageStatus }) {
  const { t } = useTranslation('journeys');
  return (
    <Badge color={STAGE_STATUS_COLOR[status]} variant="light">
      {t(`stageStatus.${status}`)}
    </Badge>
  );
}
