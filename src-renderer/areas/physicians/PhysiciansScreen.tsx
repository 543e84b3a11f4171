import { useTranslation } from 'react-i18next';
import type { Physician } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { Ltr } from '../../components/bits.js';
import { RecordListScreen, useListState, usePlaceName } from '../../components/listScreen.js';
import type { Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';
import { PhysicianForm } from './PhysicianForm.js';

export function PhysiciansScreen({ me }: ScreenProps) {
  const { t } = useTranslation('physicians');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Physician>(me);
  const query = useCallQuery('physicians.list', { ...list.paging, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('physicians.setActive', ['physicians.list']);

  const columns: Column<Physician>[] = [
    { key: 'license', header: t('fields.licenseNumber'), render: (p) => <Ltr>{p.licenseNumber}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (p) => localName(p, language), minWidth: 180 },
    { key: 'specialty', header: t('fields.specialty'), render: (p) => p.specialty ?? '—' },
    { key: 'place', header: `${t('fields.hospital')} / ${t('fields.department')}`, render: (p) => place(p.hospitalId, p.departmentId) || '—' },
    { key: 'phone', header: t('fields.phone'), render: (p) => (p.phone ? <Ltr>{p.phone}</Ltr> : '—'), nowrap: true },
  ];

  return (
    <RecordListScreen
      me={me}
      list={list}
      query={query}
      texts={t('physicians', { returnObjects: true })}
      columns={columns}
      writable={can('physicians.write')}
      setActive={(p, active) => setActive.mutateAsync({ id: p.id, active })}
    >
      <PhysicianForm {...list.form} hospitalId={list.hospitalId} />
    </RecordListScreen>
  );
}
