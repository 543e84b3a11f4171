import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlaylistAdd } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import { href } from '../../../shell/router.js';
import { ActionLink, ActionStatusBadge } from '../../actions/parts.js';
import { newActionPath } from '../../actions/paths.js';

const LISTED = 10;

/**
 * PX actions for the complaint: the ones opened from it (newest first,
 * each a link), and a way to open another — the new-action form with the
 * complaint as its source and its number filled in. Shown to a role that
 * reads actions; the button only to one that may open them.
 */
export function ActionsCard({ complaint }: { complaint: ComplaintDetail }) {
  const can = usePermission();
  if (!can('actions.read')) return null;
  return <LinkedActions complaint={complaint} canOpen={can('actions.write')} />;
}

function LinkedActions({ complaint, canOpen }: { complaint: ComplaintDetail; canOpen: boolean }) {
  const { t } = useTranslation('complaints');
  const linked = useCallQuery('actions.list', { queue: 'all', sourceType: 'complaint', sourceId: complaint.id, pageSize: LISTED });
  const path = newActionPath({ sourceType: 'complaint', sourceId: complaint.number, hospitalId: complaint.hospitalId });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-actions">
      <Title order={3} size="h4" id="complaint-actions" mb="sm">
        {t('complaint.actions')}
      </Title>
      <Stack gap="sm" align="flex-start">
        {linked.isPending ? (
          <Loader size="sm" aria-label={t('complaint.actionsLoading')} />
        ) : linked.isError ? (
          <Alert color="red" role="alert">
            <Stack gap="xs" align="flex-start">
              {t('complaint.actionsError')}
              <Button size="xs" variant="light" onClick={() => void linked.refetch()}>
                {t('complaint.actionsRetry')}
              </Button>
            </Stack>
          </Alert>
        ) : linked.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('complaint.actionsNone')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('complaint.actions')}>
            {linked.data.items.map((action) => (
              <Stack key={action.id} gap={0} component="li">
                <Group gap="xs" wrap="nowrap">
                  <ActionLink id={action.id} number={action.number} />
                  <ActionStatusBadge status={action.status} />
                </Group>
                <Text size="sm" lineClamp={2}>
                  {action.title}
                </Text>
              </Stack>
            ))}
            {linked.data.total > linked.data.items.length && (
              <Text size="xs" c="dimmed" component="li">
                {t('complaint.actionsMore', { shown: linked.data.items.length, total: linked.data.total })}
              </Text>
            )}
          </Stack>
        )}
        {canOpen && (
          <>
            <Text size="sm" c="dimmed">
              {t('complaint.actionsIntro')}
            </Text>
            <Button component="a" href={href(path)} variant="light" leftSection={<IconPlaylistAdd size={16} aria-hidden />}>
              {t('complaint.openAction')}
            </Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
