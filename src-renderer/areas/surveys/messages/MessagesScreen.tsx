import { Group, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../../src-shared/contract/index.js';
import { MESSAGE_STATUSES } from '../../../../src-shared/tables/surveys.js';
import { useCallQuery } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { PageHeader } from '../../../components/bits.js';
import { LIST_PAGE_SIZE, usePlaceName } from '../../../components/listScreen.js';
import { PagedTable, type Column } from '../../../components/PagedTable.js';
import { HospitalSelect } from '../../../components/pickers.js';
import { navigate } from '../../../shell/router.js';
import { MESSAGES_PATH, readMessageFilter, withFilter } from '../filters.js';
import { useMessageColumns } from './messageColumns.js';

/** Every invitation and reminder, newest first, with its status and the provider's reason; filtered by status (and hospital) in the address. */
export function MessagesScreen({ me, params }: { me: Me; params: URLSearchParams }) {
  const { t } = useTranslation('surveys');
  const place = usePlaceName();
  const filter = readMessageFilter(params);
  const query = useCallQuery('notifications.list', { ...filter, pageSize: LIST_PAGE_SIZE }, { keepPrevious: true, refetchInterval: 10_000 });
  const go = (next: Partial<typeof filter>) => navigate(withFilter(MESSAGES_PATH, { ...filter, page: 1, ...next }));

  const columns: Column<NotificationView>[] = useMessageColumns({ linkToSurvey: true });
  if (me.scope.kind === 'group') columns.splice(1, 0, { key: 'hospital', header: t('fields.hospital'), render: (m) => place(m.hospitalId, null) || '—' });

  return (
    <Stack gap="lg">
      <PageHeader title={t('messages.title')} intro={t('messages.intro')} />
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('messages.status')}
          placeholder={t('common.all')}
          data={MESSAGE_STATUSES.map((status) => ({ value: status, label: t(`messageStatus.${status}`) }))}
          value={filter.status ?? null}
          onChange={(value) => go({ status: MESSAGE_STATUSES.find((s) => s === value) })}
          clearable
          w={220}
          comboboxProps={{ withinPortal: true }}
        />
        {me.scope.kind === 'group' ? (
          <HospitalSelect
            value={filter.hospitalId ?? null}
            onChange={(value) => go({ hospitalId: value ?? undefined })}
            clearable
            placeholder={t('common.all')}
            w={300}
          />
        ) : null}
      </Group>
      <PagedTable
        label={t('messages.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(m) => m.id}
        page={filter.page}
        onPage={(page) => navigate(withFilter(MESSAGES_PATH, { ...filter, page }))}
        emptyText={t('messages.empty')}
      />
    </Stack>
  );
}
