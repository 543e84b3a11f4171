import { Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.js';
import { useAllDepartments, useHospitals } from '../api/lookups.js';
import type { Me } from '../api/session.js';
import { localName, useLanguage } from '../i18n/index.js';
import { ActiveToggle } from './ActiveToggle.js';
import { ActiveBadge, CreateButton, EditButton, PageHeader, SearchBox } from './bits.js';
import { PagedTable, type Column, type Page } from './PagedTable.js';
import { HospitalSelect } from './pickers.js';
import type { RecordFormProps } from './recordForm.js';

/** Rows of a list screen: one page of this many at a time. */
export const LIST_PAGE_SIZE = 25;

/**
 * What every admin list screen keeps: the search text, the page, the
 * hospital filter, and the record open in the form (`null` = a new one,
 * `undefined` = form closed). Changing a filter goes back to page 1.
 */
export function useListState<T>(me: Me) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [hospitalId, setHospitalId] = useState<string | null>(me.scope.hospitalId);
  const [editing, setEditing] = useState<T | null | undefined>(undefined);
  const onSearch = useCallback((text: string) => {
    setQ(text);
    setPage(1);
  }, []);
  const onHospital = useCallback((value: string | null) => {
    setHospitalId(value);
    setPage(1);
  }, []);
  /** the paging part of a `*.list` input */
  const paging = { page, pageSize: LIST_PAGE_SIZE };
  /** the filter part of a `*.list` input: only what is set */
  const filters = { ...(q ? { q } : {}), ...(hospitalId ? { hospitalId } : {}) };
  /** props of the create/edit dialog */
  const form: RecordFormProps<T> = { opened: editing !== undefined, record: editing ?? null, onClose: () => setEditing(undefined) };
  return { q, page, setPage, paging, onSearch, hospitalId, onHospital, filters, editing, setEditing, form };
}

export type ListState<T> = ReturnType<typeof useListState<T>>;

/** The search box, and for a group-wide reader a hospital filter (unless the list is of hospitals). */
export function ListFilters(props: {
  me: Me;
  searchLabel: string;
  searchPlaceholder: string;
  onSearch: (q: string) => void;
  hospitalId: string | null;
  onHospital: (value: string | null) => void;
  byHospital?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <SearchBox label={props.searchLabel} placeholder={props.searchPlaceholder} onSearch={props.onSearch} />
      {props.children}
      {props.me.scope.kind === 'group' && props.byHospital !== false ? (
        <HospitalSelect value={props.hospitalId} onChange={props.onHospital} clearable placeholder={t('common.all')} w={300} />
      ) : null}
    </Group>
  );
}

/** Edit and (de)activate buttons of one row, named after the record for screen readers. */
export function RowActions(props: {
  name: string;
  active: boolean;
  onEdit: () => void;
  onActive?: (active: boolean) => Promise<unknown>;
  children?: ReactNode;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <EditButton name={props.name} onClick={props.onEdit} />
      {props.children}
      {props.onActive ? <ActiveToggle name={props.name} active={props.active} onChange={props.onActive} /> : null}
    </Group>
  );
}

/** "Hospital — Department" in the reader's language, from the cached reference lists. */
export function usePlaceName(): (hospitalId: string | null, departmentId: string | null) => string {
  const language = useLanguage();
  const { byId: hospitals } = useHospitals();
  const { byId: departments } = useAllDepartments();
  return (hospitalId, departmentId) => {
    const hospital = hospitalId ? hospitals.get(hospitalId) : undefined;
    const department = departmentId ? departments.get(departmentId) : undefined;
    return [hospital && localName(hospital, language), department && localName(department, language)].filter(Boolean).join(' — ');
  };
}

/** The texts of a list screen: a group of its area's texts with these keys, `t('<group>', { returnObjects: true })`. */
export interface RecordListTexts {
  title: string;
  intro?: string;
  create: string;
  searchLabel: string;
  searchPlaceholder: string;
  tableLabel: string;
  empty: string;
}

interface ListedRecord {
  id: string;
  active: boolean;
  nameAr: string;
  nameEn: string;
}

interface RecordListScreenProps<T extends ListedRecord> {
  me: Me;
  list: ListState<T>;
  query: UseQueryResult<Page<T>, ApiError>;
  texts: RecordListTexts;
  /** the record's own columns; its status follows, and its actions for a writer */
  columns: readonly Column<T>[];
  /** may create, edit and (de)activate (a convenience: the station enforces) */
  writable: boolean;
  createIcon?: ReactNode;
  setActive: (record: T, active: boolean) => Promise<unknown>;
  /** records whose active state is not offered (one's own account) */
  keepsActive?: (record: T) => boolean;
  /** more buttons on a row, between edit and (de)activate */
  rowActions?: (record: T) => ReactNode;
  /** more filters after the search box */
  filters?: ReactNode;
  /** a group-wide reader may filter by hospital (not on the list of hospitals itself) */
  byHospital?: boolean;
  /** the create/edit dialog (`list.form`), and any other a row opens */
  children: ReactNode;
}

/**
 * A list screen of records that have a name in both languages and can be
 * (de)activated: title and create button, search and filters, one page of
 * the table with its loading, empty and error states, and the dialogs.
 */
export function RecordListScreen<T extends ListedRecord>(props: RecordListScreenProps<T>) {
  const { me, list, texts, writable, setActive, keepsActive, rowActions } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: Column<T>[] = [
    ...props.columns,
    { key: 'status', header: t('common.status'), render: (record) => <ActiveBadge active={record.active} />, nowrap: true },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (record) => (
        <RowActions
          name={localName(record, language)}
          active={record.active}
          onEdit={() => list.setEditing(record)}
          {...(keepsActive?.(record) ? {} : { onActive: (active: boolean) => setActive(record, active) })}
        >
          {rowActions?.(record)}
        </RowActions>
      ),
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={texts.title}
        intro={texts.intro}
        actions={
          writable ? (
            <CreateButton label={texts.create} icon={props.createIcon ?? <IconPlus size={16} aria-hidden />} onClick={() => list.setEditing(null)} />
          ) : null
        }
      />
      <ListFilters
        me={me}
        searchLabel={texts.searchLabel}
        searchPlaceholder={texts.searchPlaceholder}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
        byHospital={props.byHospital ?? true}
      >
        {props.filters}
      </ListFilters>
      <PagedTable
        label={texts.tableLabel}
        query={props.query}
        columns={columns}
        rowKey={(record) => record.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={texts.empty}
      />
      {props.children}
    </Stack>
  );
}
