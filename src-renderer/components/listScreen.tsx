import { Group } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllDepartments, useHospitals } from '../api/lookups.js';
import type { Me } from '../api/session.js';
import { localName, useLanguage } from '../i18n/index.js';
import { ActiveToggle } from './ActiveToggle.js';
import { EditButton, SearchBox } from './bits.js';
import { HospitalSelect } from './pickers.js';

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
  /** the filter part of a `*.list` input: only what is set */
  const filters = { ...(q ? { q } : {}), ...(hospitalId ? { hospitalId } : {}) };
  return { q, page, setPage, onSearch, hospitalId, onHospital, filters, editing, setEditing };
}

/** The search box, and for a group-wide reader a hospital filter. */
export function ListFilters(props: {
  me: Me;
  searchLabel: string;
  searchPlaceholder: string;
  onSearch: (q: string) => void;
  hospitalId: string | null;
  onHospital: (value: string | null) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <SearchBox label={props.searchLabel} placeholder={props.searchPlaceholder} onSearch={props.onSearch} />
      {props.children}
      {props.me.scope.kind === 'group' ? (
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
