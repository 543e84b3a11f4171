import { Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Physician } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { ActiveBadge, CreateButton, Ltr, PageHeader } from '../../components/bits.js';
import { ListFilters, RowActions, useListState, usePlaceName } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { PhysicianForm } from './PhysicianForm.js';

const PAGE_SIZE = 25;

export function PhysiciansScreen({ me }: { me: Me }) {
  const { t } = useTranslation('physicians');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Physician>(me);
  const query = useCallQuery('physicians.list', { page: list.page, pageSize: PAGE_SIZE, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('physicians.setActive', ['physicians.list']);
  const writable = can('physicians.write');

  const columns: Column<Physician>[] = [
    { key: 'license', header: t('fields.licenseNumber'), render: (p) => <Ltr>{p.licenseNumber}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (p) => localName(p, language), minWidth: 180 },
    { key: 'specialty', header: t('fields.specialty'), render: (p) => p.specialty ?? '—' },
    { key: 'place', header: `${t('fields.hospital')} / ${t('fields.department')}`, render: (p) => place(p.hospitalId, p.departmentId) || '—' },
    { key: 'phone', header: t('fields.phone'), render: (p) => (p.phone ? <Ltr>{p.phone}</Ltr> : '—'), nowrap: true },
    { key: 'status', header: t('common.status'), render: (p) => <ActiveBadge active={p.active} />, nowrap: true },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (p) => (
        <RowActions
          name={localName(p, language)}
          active={p.active}
          onEdit={() => list.setEditing(p)}
          onActive={(active) => setActive.mutateAsync({ id: p.id, active })}
        />
      ),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('physicians.title')}
        actions={
          writable ? <CreateButton label={t('physicians.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => list.setEditing(null)} /> : null
        }
      />
      <ListFilters
        me={me}
        searchLabel={t('physicians.searchLabel')}
        searchPlaceholder={t('physicians.searchPlaceholder')}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
      />
      <PagedTable
        label={t('physicians.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(p) => p.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={t('physicians.empty')}
      />
      <PhysicianForm
        opened={list.editing !== undefined}
        physician={list.editing ?? null}
        hospitalId={list.hospitalId}
        onClose={() => list.setEditing(undefined)}
      />
    </Stack>
  );
}
