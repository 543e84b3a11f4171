import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallMutation } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { useNotify } from '../../../components/notify.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { useAssignees } from '../detail/useAssignees.js';

/**
 * The selected complaints of one hospital given to one person at once
 * (`complaints.assignMany`): each gets its own timeline entry. Complaints of
 * several hospitals cannot go to one person, and the bar says so.
 */
export function BulkAssign({ me, selected, hospitalIds, onDone }: { me: Me; selected: readonly string[]; hospitalIds: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation('complaints');
  const notify = useNotify();
  const oneHospital = new Set(hospitalIds).size === 1 ? hospitalIds[0]! : null;
  const assignees = useAssignees(me, oneHospital);
  const assign = useCallMutation('complaints.assignMany', ['complaints.list', 'complaints.get']);
  const [userId, setUserId] = useState<string | null>(null);
  if (selected.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={t('bulk.title', { n: selected.length })} bg="var(--mantine-color-blue-light)">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('bulk.title', { n: selected.length })}
        </Text>
        {oneHospital ? (
          <>
            <Select
              label={t('bulk.to')}
              data={assignees.options}
              value={userId}
              onChange={setUserId}
              searchable
              disabled={assignees.loading}
              w={320}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              leftSection={<IconUsers size={16} aria-hidden />}
              disabled={!userId}
              loading={assign.isPending}
              onClick={() =>
                userId &&
                assign.mutate(
                  { ids: [...selected], userId },
                  {
                    onSuccess: (result) => {
                      notify.done(t('bulk.done', { n: result.assigned }));
                      setUserId(null);
                      onDone();
                    },
                  },
                )
              }
            >
              {t('bulk.assign')}
            </Button>
          </>
        ) : (
          <Text size="sm">{t('bulk.oneHospital')}</Text>
        )}
        <Button variant="subtle" onClick={onDone}>
          {t('bulk.clear')}
        </Button>
      </Group>
      {assign.error ? <ErrorAlert error={assign.error} /> : null}
    </Paper>
  );
}
