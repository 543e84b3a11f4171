import { Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { ActiveBadge, CreateButton, DateTimeText, Ltr, PageHeader, SearchBox } from '../../components/bits.js';
import { RowActions } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { HospitalForm } from './HospitalForm.js';

const PAGE_SIZE = 25;

export function HospitalsScreen() {
  const { t } = useTranslation('hospitals');
  const language = useLanguage();
  const can = usePermission();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Hospital | null | undefined>(undefined);
  const onSearch = useCallback((text: string) => {
    setQ(text);
    setPage(1);
  }, []);
  const list = useCallQuery('hospitals.list', { page, pageSize: PAGE_SIZE, ...(q ? { q } : {}) }, { keepPrevious: true });
  const setActive = useCallMutation('hospitals.setActive', ['hospitals.list']);
  const writable = can('hospitals.write');

  const columns: Column<Hospital>[] = [
    { key: 'code', header: t('fields.code'), render: (h) => <Ltr>{h.code}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (h) => localName(h, language), minWidth: 180 },
    { key: 'other', header: language === 'ar' ? t('fields.nameEn') : t('fields.nameAr'), render: (h) => localName(h, language === 'ar' ? 'en' : 'ar') },
    { key: 'tz', header: t('fields.timeZone'), render: (h) => <Ltr>{h.timeZone}</Ltr>, nowrap: true },
    { key: 'created', header: t('fields.createdAt'), render: (h) => <DateTimeText value={h.createdAt} /> },
    { key: 'status', header: t('common.status'), render: (h) => <ActiveBadge active={h.active} />, nowrap: true },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (h) => (
        <RowActions
          name={localName(h, language)}
          active={h.active}
          onEdit={() => setEditing(h)}
          onActive={(active) => setActive.mutateAsync({ id: h.id, active })}
        />
      ),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('hospitals.title')}
        actions={writable ? <CreateButton label={t('hospitals.create')} icon={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)} /> : null}
      />
      <SearchBox label={t('hospitals.searchLabel')} placeholder={t('hospitals.searchPlaceholder')} onSearch={onSearch} />
      <PagedTable
        label={t('hospitals.tableLabel')}
        query={list}
        columns={columns}
        rowKey={(h) => h.id}
        page={page}
        onPage={setPage}
        emptyText={t('hospitals.empty')}
      />
      <HospitalForm opened={editing !== undefined} hospital={editing ?? null} onClose={() => setEditing(undefined)} />
    </Stack>
  );
}
