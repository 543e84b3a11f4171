import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageStatus, InstanceChannel } from '../../../src-shared/tables/surveys.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ListStatus } from './filters.js';

/**
 * How surveys are named on screen across the area: statuses as coloured
 * badges, the negative flag, channels, numbers with Latin digits in both
 * languages (as everywhere in the console), and the group's templates by name.
 */

const STATUS_COLOR: Record<ListStatus, string> = {
  scheduled: 'gray',
  skipped: 'gray',
  invited: 'blue',
  opened: 'cyan',
  started: 'indigo',
  completed: 'teal',
  revoked: 'dark',
  expired: 'orange',
};

export function SurveyStatusBadge({ status }: { status: ListStatus }) {
  const { t } = useTranslation('surveys');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}

const MESSAGE_COLOR: Record<MessageStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'cyan',
  delivered: 'teal',
  read: 'green',
  failed: 'red',
  cancelled: 'dark',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation('surveys');
  return (
    <Badge color={MESSAGE_COLOR[status]} variant="light">
      {t(`messageStatus.${status}`)}
    </Badge>
  );
}

/** A negative response, said in words and colour both (never by colour alone). */
export function NegativeFlag() {
  const { t } = useTranslation('surveys');
  return (
    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {t('list.negativeFlag')}
    </Badge>
  );
}

export function useChannelLabel(): (channel: InstanceChannel) => string {
  const { t } = useTranslation('surveys');
  return (channel) => t(`channelName.${channel}`);
}

/** Numbers as the control center writes them: counts, 0–100 scores, NPS with its sign, percentages. */
export function useFigureFormat() {
  const language = useLanguage();
  return useMemo(() => {
    const locale = language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB';
    const count = new Intl.NumberFormat(locale);
    const score = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const dash = '—';
    return {
      count: (n: number) => count.format(n),
      score: (n: number | null) => (n === null ? dash : score.format(n)),
      nps: (n: number | null) => (n === null ? dash : signed.format(n)),
      /** a share given in percent points (25 → 25%) */
      percent: (n: number | null) => (n === null ? dash : percent.format(n / 100)),
    };
  }, [language]);
}

/** A figure in a table cell: digits that line up, kept left to right inside Arabic. */
export function Figure({ children, dimmed = false }: { children: string; dimmed?: boolean }) {
  return (
    <Text component="bdi" size="sm" c={dimmed ? 'dimmed' : undefined} dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }}>
      {children}
    </Text>
  );
}

/** A score, and beside it the number of responses behind it: a figure without its base misleads. */
export function FigureWithBase({ value, base }: { value: string; base: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text fw={600} size="sm" component="bdi" dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {base}
      </Text>
    </Group>
  );
}

/** The group's survey templates (retired ones too: old surveys still name them), and their names in the reader's language. */
export function useSurveyTemplates() {
  const can = usePermission();
  const language = useLanguage();
  const query = useCallQuery('surveyTemplates.list', { includeInactive: true }, { enabled: can('surveys.read') });
  const templates = query.data ?? [];
  return {
    query,
    templates,
    options: templates.map((template) => ({ value: template.id, label: localName(template, language) })),
    sendable: templates.filter((template) => template.active && template.currentVersionId !== null),
  };
}
