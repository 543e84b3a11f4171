import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../../src-shared/contract/index.js';
import type { Column } from '../../../components/DataTable.js';
import { DateTimeText, Ltr } from '../../../components/bits.js';
import { href } from '../../../shell/router.js';
import { surveyPath } from '../filters.js';
import { OPT_OUT_CONFIRMATION } from '../../../../src-shared/surveys/invitations.js';
import { messageReason } from '../../../../src-shared/notifications/reasons.js';
import { useLanguage } from '../../../i18n/index.js';
import { Figure, MessageStatusBadge, useChannelLabel, useFigureFormat } from '../labels.js';

/** "Invitation", "Reminder 1": a message's kind as stored (`invitation`, `reminder_1`) in words. */
export function useMessageKind(): (kind: string) => string {
  const { t } = useTranslation('surveys');
  return (kind) => {
    if (kind === 'invitation') return t('messages.invitation');
    if (kind === OPT_OUT_CONFIRMATION) return t('messages.optOutConfirmation');
    const reminder = /^reminder_(\d+)$/.exec(kind);
    return reminder ? t('messages.reminder', { n: reminder[1] }) : kind;
  };
}

/** When the message reached its status: read, delivered, sent or failed (nothing yet while it waits). */
function statusTime(m: NotificationView): string | null {
  switch (m.status) {
    case 'read':
      return m.readAt;
    case 'delivered':
      return m.deliveredAt;
    case 'sent':
      return m.sentAt;
    case 'failed':
      return m.failedAt;
    default:
      return null;
  }
}

/**
 * The columns of a message: what it was, to whom (a hint, never the whole
 * number), its status and the provider's reason when it failed, its
 * attempts and the next one, and its SMS parts. The message log and a
 * survey's own messages show the same; in the log a message opens its survey.
 */
export function useMessageColumns({ linkToSurvey = false }: { linkToSurvey?: boolean } = {}): Column<NotificationView>[] {
  const { t } = useTranslation('surveys');
  const channelLabel = useChannelLabel();
  const kindLabel = useMessageKind();
  const f = useFigureFormat();
  // the outboxes' own reasons in the reader's language; a provider's words as it gave them
  const language = useLanguage();
  return [
    {
      key: 'kind',
      header: t('messages.kind'),
      nowrap: true,
      render: (m) => (
        <Stack gap={0} align="flex-start">
          {linkToSurvey ? (
            <Anchor href={href(surveyPath(m.instanceId))} size="sm" title={t('messages.openSurvey')}>
              {kindLabel(m.kind)}
            </Anchor>
          ) : (
            <Text size="sm">{kindLabel(m.kind)}</Text>
          )}
          <Text size="xs" c="dimmed">
            {channelLabel(m.channel)} · {t(`language.${m.language}`)}
          </Text>
        </Stack>
      ),
    },
    { key: 'recipient', header: t('messages.recipient'), nowrap: true, render: (m) => (m.recipientHint ? <Ltr>{m.recipientHint}</Ltr> : '—') },
    {
      key: 'status',
      header: t('common.status'),
      nowrap: true,
      render: (m) => (
        <Stack gap={2} align="flex-start">
          <MessageStatusBadge status={m.status} />
          {statusTime(m) ? <DateTimeText value={statusTime(m)} /> : null}
        </Stack>
      ),
    },
    {
      key: 'error',
      header: t('messages.error'),
      minWidth: 160,
      render: (m) =>
        m.error ? (
          <Text size="sm" c="red.8" dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {messageReason(m.error)?.[language] ?? m.error}
          </Text>
        ) : (
          '—'
        ),
    },
    { key: 'provider', header: t('messages.provider'), nowrap: true, render: (m) => (m.provider ? <Ltr>{m.provider}</Ltr> : '—') },
    {
      key: 'attempts',
      header: t('messages.attempts'),
      render: (m) => (
        <Stack gap={2}>
          <Figure>{f.count(m.attempts)}</Figure>
          {m.nextAttemptAt ? (
            <Text size="xs" c="dimmed" component="div">
              {t('messages.nextAttempt')} <DateTimeText value={m.nextAttemptAt} />
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'segments', header: t('messages.segments'), nowrap: true, render: (m) => <Figure>{m.segments === null ? '—' : f.count(m.segments)}</Figure> },
    { key: 'sendAt', header: t('messages.sendAt'), render: (m) => <DateTimeText value={m.sendAt} /> },
  ];
}
