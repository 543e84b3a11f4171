import { Alert, Badge, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventMapping } from '../../../src-shared/contract/index.js';
import { JOURNEY_TYPES, type JourneyType } from '../../../src-shared/his-events.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { CreateButton, DateTimeText, EditButton, Ltr } from '../../components/bits.js';
import { ConfirmAction } from '../../components/ConfirmAction.js';
import { ListTable, type Column } from '../../components/DataTable.js';
import { useEventCodeLabel, useJourneyTypeLabel } from '../journeys/hisLabels.js';
import { MappingForm } from './MappingForm.js';

/** `A03:OPD` → code A03, only for an outpatient encounter; `A03` → every encounter. */
export function splitExternalCode(externalCode: string): { code: string; journeyType: JourneyType | null } {
  const [code = externalCode, qualifier] = externalCode.split(':', 2);
  const journeyType = JOURNEY_TYPES.find((type) => type === qualifier) ?? null;
  return journeyType ? { code, journeyType } : { code: externalCode, journeyType: null };
}

/** A source's table from its own codes to the station's event codes: add, change and remove rows. */
export function MappingsEditor({ sourceSystem }: { sourceSystem: string }) {
  const { t } = useTranslation('integrations');
  const eventLabel = useEventCodeLabel();
  const journeyTypeLabel = useJourneyTypeLabel();
  const mappings = useCallQuery('mappings.list', { sourceSystem });
  const remove = useCallMutation('mappings.remove', ['mappings.list']);
  const [editing, setEditing] = useState<EventMapping | null | undefined>(undefined);

  const columns: Column<EventMapping>[] = [
    {
      key: 'external',
      header: t('mappings.externalCode'),
      nowrap: true,
      render: (m) => {
        const { code, journeyType } = splitExternalCode(m.externalCode);
        return (
          <Group gap="xs" wrap="nowrap">
            <Ltr>{code}</Ltr>
            {journeyType ? (
              <Badge variant="outline" color="gray">
                {t('mappings.onlyFor', { type: journeyTypeLabel(journeyType) })}
              </Badge>
            ) : null}
          </Group>
        );
      },
    },
    {
      key: 'event',
      header: t('mappings.eventCode'),
      minWidth: 220,
      render: (m) => (
        <Stack gap={0} align="flex-start">
          <Text size="sm">{eventLabel(m.eventCode)}</Text>
          <Ltr dimmed>{m.eventCode}</Ltr>
        </Stack>
      ),
    },
    { key: 'updated', header: t('mappings.updatedAt'), render: (m) => <DateTimeText value={m.updatedAt} /> },
    {
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (m) => (
        <Group gap={4} wrap="nowrap">
          <EditButton name={m.externalCode} onClick={() => setEditing(m)} />
          <ConfirmAction
            label={t('mappings.removeItem', { code: m.externalCode })}
            icon={<IconTrash size={18} aria-hidden />}
            title={t('mappings.removeTitle', { code: m.externalCode })}
            body={t('mappings.removeBody')}
            confirmLabel={t('mappings.remove')}
            doneText={t('mappings.removed')}
            onConfirm={() => remove.mutateAsync({ id: m.id })}
          />
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="md" component="section" aria-labelledby="mappings-title">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="mappings-title">
          {t('mappings.title')}
        </Title>
        <CreateButton label={t('mappings.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)} />
      </Group>
      <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} role="note">
        <Stack gap={4}>
          <Text size="sm">{t('mappings.explain')}</Text>
          <Text size="sm">
            {t('mappings.explainQualifier')} <Code dir="ltr">A03:OPD</Code>
          </Text>
          <Text size="sm">{t('mappings.explainPassThrough')}</Text>
        </Stack>
      </Alert>
      <ListTable
        label={t('mappings.tableLabel', { code: sourceSystem })}
        query={mappings}
        columns={columns}
        rowKey={(m) => m.id}
        emptyText={t('mappings.empty')}
      />
      <MappingForm opened={editing !== undefined} sourceSystem={sourceSystem} mapping={editing ?? null} onClose={() => setEditing(undefined)} />
    </Stack>
  );
}
