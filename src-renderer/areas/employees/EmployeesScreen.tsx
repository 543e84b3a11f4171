import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { Ltr } from '../../components/bits.js';
import { RecordListScreen, useListState, usePlaceName } from '../../components/listScreen.js';
import type { Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';
import { EmployeeForm } from './EmployeeForm.js';

export function EmployeesScreen({ me }: ScreenProps) {
  const { t } = useTranslation('employees');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Employee>(me);
  const query = useCallQuery('employees.list', { ...list.paging, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('employees.setActive', ['employees.list']);

  const columns: Column<Employee>[] = [
    { key: 'number', header: t('fields.employeeNumber'), render: (e) => <Ltr>{e.employeeNumber}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (e) => localName(e, language), minWidth: 180 },
    { key: 'title', header: t('fields.jobTitle'), render: (e) => e.jobTitle ?? '—' },
    { key: 'place', header: `${t('fields.hospital')} / ${t('fields.department')}`, render: (e) => place(e.hospitalId, e.departmentId) || '—' },
    { key: 'phone', header: t('fields.phone'), render: (e) => (e.phone ? <Ltr>{e.phone}</Ltr> : '—'), nowrap: true },
  ];

  return (
    <RecordListScreen
      me={me}
      list={list}
      query={query}
      texts={t('employees', { returnObjects: true })}
      columns={columns}
      writable={can('employees.write')}
      setActive={(e, active) => setActive.mutateAsync({ id: e.id, active })}
    >
      <EmployeeForm {...list.form} hospitalId={list.hospitalId} />
    </RecordListScreen>
  );
}
