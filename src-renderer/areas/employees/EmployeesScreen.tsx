import { Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { ActiveBadge, CreateButton, Ltr, PageHeader } from '../../components/bits.js';
import { ListFilters, RowActions, useListState, usePlaceName } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { EmployeeForm } from './EmployeeForm.js';

const PAGE_SIZE = 25;

export function EmployeesScreen({ me }: { me: Me }) {
  const { t } = useTranslation('employees');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Employee>(me);
  const query = useCallQuery('employees.list', { page: list.page, pageSize: PAGE_SIZE, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('employees.setActive', ['employees.list']);
  const writable = can('employees.write');

  const columns: Column<Employee>[] = [
    { key: 'number', header: t('fields.employeeNumber'), render: (e) => <Ltr>{e.employeeNumber}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (e) => localName(e, language), minWidth: 180 },
    { key: 'title', header: t('fields.jobTitle'), render: (e) => e.jobTitle ?? '—' },
    { key: 'place', header: `${t('fields.hospital')} / ${t('fields.department')}`, render: (e) => place(e.hospitalId, e.departmentId) || '—' },
    { key: 'phone', header: t('fields.phone'), render: (e) => (e.phone ? <Ltr>{e.phone}</Ltr> : '—'), nowrap: true },
    { key: 'status', header: t('common.status'), render: (e) => <ActiveBadge active={e.active} />, nowrap: true },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (e) => (
        <RowActions
          name={localName(e, language)}
          active={e.active}
          onEdit={() => list.setEditing(e)}
          onActive={(active) => setActive.mutateAsync({ id: e.id, active })}
        />
      ),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('employees.title')}
        actions={
          writable ? <CreateButton label={t('employees.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => list.setEditing(null)} /> : null
        }
      />
      <ListFilters
        me={me}
        searchLabel={t('employees.searchLabel')}
        searchPlaceholder={t('employees.searchPlaceholder')}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
      />
      <PagedTable
        label={t('employees.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(e) => e.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={t('employees.empty')}
      />
      <EmployeeForm
        opened={list.editing !== undefined}
        employee={list.editing ?? null}
        hospitalId={list.hospitalId}
        onClose={() => list.setEditing(undefined)}
      />
    </Stack>
  );
}
