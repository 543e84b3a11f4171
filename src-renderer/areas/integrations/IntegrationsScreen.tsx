import { ActionIcon, Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconKey, IconPlus, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSource } from '../../../src-shared/contract/index.js';
import { useCallQuery } from '../../api/hooks.js';
import { CreateButton, DateTimeText, EditButton, Ltr, PageHeader } from '../../components/bits.js';
import { ListTable, type Column } from '../../components/DataTable.js';
import { useNumberFormat } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { ConnectionHelp } from './ConnectionHelp.js';
import { CredentialsDialog, type IssuedCredentials } from './CredentialsDialog.js';
import { RotateTokenModal } from './RotateTokenModal.js';
import { SourceForm } from './SourceForm.js';

export function sourcePath(source: Pick<IntegrationSource, 'sourceSystem'>): string {
  return `/admin/integrations/${encodeURIComponent(source.sourceSystem)}`;
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('integrations');
  return (
    <Badge color={enabled ? 'teal' : 'gray'} variant="light">
      {enabled ? t('integrations.enabledYes') : t('integrations.enabledNo')}
    </Badge>
  );
}

/** The systems allowed to push events to this station: tokens, signing, rate limits, and how to connect a HIS. */
export function IntegrationsScreen() {
  const { t } = useTranslation('integrations');
  const sources = useCallQuery('integrations.list', {});
  const [editing, setEditing] = useState<IntegrationSource | null | undefined>(undefined);
  const [rotating, setRotating] = useState<IntegrationSource | null>(null);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const number = useNumberFormat();

  const columns: Column<IntegrationSource>[] = [
    {
      key: 'system',
      header: t('integrations.sourceSystem'),
      nowrap: true,
      render: (s) => (
        <Anchor href={href(sourcePath(s))} fw={500}>
          <Ltr>{s.sourceSystem}</Ltr>
        </Anchor>
      ),
    },
    { key: 'name', header: t('integrations.name'), render: (s) => s.name, minWidth: 160 },
    { key: 'token', header: t('integrations.token'), nowrap: true, render: (s) => <Ltr>{`…${s.tokenHint}`}</Ltr> },
    {
      key: 'signed',
      header: t('integrations.signed'),
      nowrap: true,
      render: (s) =>
        s.signed ? (
          <Badge variant="light">{t('integrations.signedYes')}</Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('integrations.signedNo')}
          </Text>
        ),
    },
    {
      key: 'rate',
      header: t('integrations.rateLimit'),
      nowrap: true,
      render: (s) => t('integrations.perMinute', { value: number.format(s.rateLimitPerMinute) }),
    },
    {
      key: 'seen',
      header: t('integrations.lastSeen'),
      render: (s) =>
        s.lastSeenAt ? (
          <DateTimeText value={s.lastSeenAt} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('integrations.neverSeen')}
          </Text>
        ),
    },
    { key: 'enabled', header: t('common.status'), nowrap: true, render: (s) => <EnabledBadge enabled={s.enabled} /> },
    {
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (s) => {
        const rotateLabel = t('integrations.rotateItem', { name: s.name });
        const mappingsLabel = t('integrations.mappingsOf', { name: s.name });
        return (
          <Group gap={4} wrap="nowrap">
            <EditButton name={s.name} onClick={() => setEditing(s)} />
            <Tooltip label={rotateLabel} withinPortal>
              <ActionIcon variant="subtle" color="orange" aria-label={rotateLabel} onClick={() => setRotating(s)}>
                <IconKey size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={mappingsLabel} withinPortal>
              <ActionIcon component="a" href={href(sourcePath(s))} variant="subtle" aria-label={mappingsLabel}>
                <IconArrowsExchange size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        );
      },
    },
  ];

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('integrations.title')}
        intro={t('integrations.intro')}
        actions={
          <>
            <Anchor href={href(`/journeys/events`)} size="sm">
              <Group gap={4} wrap="nowrap" component="span">
                <IconTimelineEvent size={16} aria-hidden />
                {t('integrations.openMonitor')}
              </Group>
            </Anchor>
            <CreateButton label={t('integrations.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)} />
          </>
        }
      />
      <ListTable label={t('integrations.tableLabel')} query={sources} columns={columns} rowKey={(s) => s.id} emptyText={t('integrations.empty')} />
      <ConnectionHelp />
      <SourceForm opened={editing !== undefined} source={editing ?? null} onClose={() => setEditing(undefined)} onIssued={setIssued} />
      <RotateTokenModal source={rotating} onClose={() => setRotating(null)} onIssued={setIssued} />
      <CredentialsDialog issued={issued} onClose={() => setIssued(null)} />
    </Stack>
  );
}
