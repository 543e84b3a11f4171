import { Stack, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { ActiveBadge, CreateButton, DateTimeText, Ltr, PageHeader } from '../../components/bits.js';
import { ListFilters, RowActions, useListState, usePlaceName } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { PatientForm } from './PatientForm.js';

const PAGE_SIZE = 25;

/** Find a patient by MRN, national ID/iqama, phone or name; register and correct patient records. */
export function PatientsScreen({ me }: { me: Me }) {
  const { t } = useTranslation('patients');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Patient>(me);
  const query = useCallQuery('patients.search', { page: list.page, pageSize: PAGE_SIZE, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('patients.setActive', ['patients.search']);
  const writable = can('patients.write');

  const columns: Column<Patient>[] = [
    { key: 'mrn', header: t('fields.mrn'), render: (p) => <Ltr>{p.mrn}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (p) => localName(p, language), minWidth: 140 },
    {
      key: 'identity',
      header: t('patients.identity'),
      render: (p) => (
        <Stack gap={0} align="flex-start">
          {p.nationalId ? <Ltr>{p.nationalId}</Ltr> : <Text size="sm">—</Text>}
          {p.phone ? <Ltr dimmed>{p.phone}</Ltr> : null}
        </Stack>
      ),
    },
    { key: 'birth', header: t('fields.birthDate'), render: (p) => <DateTimeText value={p.birthDate} /> },
    {
      key: 'gender',
      header: t('fields.gender'),
      render: (p) => (p.gender === 'M' ? t('fields.genderM') : p.gender === 'F' ? t('fields.genderF') : '—'),
      nowrap: true,
    },
  ];
  if (me.scope.kind === 'group') columns.push({ key: 'hospital', header: t('fields.hospital'), render: (p) => place(p.hospitalId, null) || '—' });
  columns.push({ key: 'status', header: t('common.status'), render: (p) => <ActiveBadge active={p.active} />, nowrap: true });
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
        title={t('patients.title')}
        intro={t('patients.typeToSearch')}
        actions={
          writable ? <CreateButton label={t('patients.create')} icon={<IconUserPlus size={16} aria-hidden />} onClick={() => list.setEditing(null)} /> : null
        }
      />
      <ListFilters
        me={me}
        searchLabel={t('patients.searchLabel')}
        searchPlaceholder={t('patients.searchPlaceholder')}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
      />
      <PagedTable
        label={t('patients.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(p) => p.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={t('patients.empty')}
      />
      <PatientForm opened={list.editing !== undefined} patient={list.editing ?? null} hospitalId={list.hospitalId} onClose={() => list.setEditing(undefined)} />
    </Stack>
  );
}
