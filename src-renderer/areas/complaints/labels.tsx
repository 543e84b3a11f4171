import { Anchor, Badge, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_TYPES,
  CONTACT_PREFERENCES,
  HARM_LEVELS,
  HCAT_CATEGORY_CODES,
  LABELS,
  PRIORITIES,
  SEVERITIES,
  STAGES_OF_CARE,
  type Priority,
} from '../../../src-shared/complaints/taxonomy.js';
import type { ComplaintStatus } from '../../../src-shared/complaints/workflow.js';
import { useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { complaintPath } from './filters.js';

/**
 * How complaints are named on screen across the area: the station's own
 * words for its taxonomy (`LABELS`) in the reader's language, statuses and
 * priorities as coloured badges that say it in words too, and complaint
 * numbers kept left to right inside Arabic.
 */

type LabelGroup = keyof typeof LABELS;

/** The label of a taxonomy value in the reader's language; the code itself for one this console does not know (a newer station). */
export function useTaxonomy() {
  const language = useLanguage();
  const label = (group: LabelGroup, value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return '';
    const words = (LABELS[group] as Record<string | number, { en: string; ar: string }>)[value];
    return words ? words[language] : String(value);
  };
  const options = (group: LabelGroup, values: readonly (string | number)[]) => values.map((value) => ({ value: String(value), label: label(group, value) }));
  return {
    label,
    types: options('type', COMPLAINT_TYPES),
    channels: options('channel', COMPLAINT_CHANNELS),
    categories: options('category', HCAT_CATEGORY_CODES),
    severities: options('severity', SEVERITIES),
    priorities: options('priority', PRIORITIES),
    harms: options('harm', HARM_LEVELS),
    stages: options('stage', STAGES_OF_CARE),
    contacts: options('contact', CONTACT_PREFERENCES),
  };
}

const STATUS_COLOR: Record<ComplaintStatus, string> = {
  new: 'blue',
  open: 'cyan',
  in_progress: 'indigo',
  waiting_patient: 'yellow',
  waiting_department: 'orange',
  resolved: 'teal',
  closed: 'gray',
};

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation('complaints');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`complaintStatus.${status}`)}
    </Badge>
  );
}

const PRIORITY_COLOR: Record<Priority, string> = { low: 'gray', medium: 'blue', high: 'orange', urgent: 'red' };

/** The priority in words and colour, and beside it the severity (1–4) when it is set. */
export function PriorityBadges({ priority, severity, stacked = false }: { priority: Priority; severity: number | null; stacked?: boolean }) {
  const { t } = useTranslation('complaints');
  const { label } = useTaxonomy();
  const badges = (
    <>
      <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'urgent' ? 'filled' : 'light'}>
        {label('priority', priority)}
      </Badge>
      {severity === null ? null : (
        <Badge color="gray" variant="outline" title={label('severity', severity)}>
          {t('complaints.severity', { severity })}
        </Badge>
      )}
    </>
  );
  // stacked in a table cell, so a crowded table does not grow sideways
  return stacked ? (
    <Stack gap={4} align="flex-start">
      {badges}
    </Stack>
  ) : (
    <Group gap={4} wrap="nowrap">
      {badges}
    </Group>
  );
}

/** A complaint number: Latin, read left to right inside Arabic too, and never broken across lines. */
export function ComplaintNumber({ number }: { number: string }) {
  return (
    <bdi dir="ltr" style={{ unicodeBidi: 'isolate', whiteSpace: 'nowrap' }}>
      {number}
    </bdi>
  );
}

/** A complaint number as a link to the complaint. */
export function ComplaintLink({ id, number }: { id: string; number: string }) {
  const { t } = useTranslation('complaints');
  return (
    <Anchor href={href(complaintPath(id))} size="sm" fw={500} aria-label={t('complaints.open', { number })}>
      <ComplaintNumber number={number} />
    </Anchor>
  );
}
