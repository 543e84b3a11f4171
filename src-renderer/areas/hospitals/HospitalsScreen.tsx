import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { RecordListScreen, useListState } from '../../components/listScreen.js';
import type { Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';
import { HospitalForm } from './HospitalForm.js';

export function HospitalsScreen({ me }: ScreenProps) {
  const { t } = useTranslation('hospitals');
  const language = useLanguage();
  const can = usePermission();
  const list = useListState<Hospital>(me);
  const query = useCallQuery('hospitals.list', { ...list.paging, ...(list.q ? { q: list.q } : {}) }, { keepPrevious: true });
  const setActive = useCallMutation('hospitals.setActive', ['hospitals.list']);

  const columns: Column<Hospital>[] = [
    { key: 'code', header: t('fields.code'), render: (h) => <Ltr>{h.code}</Ltr>, nowrap: true },
    { key: 'name', header: t('fields.name'), render: (h) => localName(h, language), minWidth: 180 },
    { key: 'other', header: language === 'ar' ? t('fields.nameEn') : t('fields.nameAr'), render: (h) => localName(h, language === 'ar' ? 'en' : 'ar') },
    { key: 'tz', header: t('fields.timeZone'), render: (h) => <Ltr>{h.timeZone}</Ltr>, nowrap: true },
    { key: 'created', header: t('fields.createdAt'), render: (h) => <DateTimeText value={h.createdAt} /> },
  ];

  return (
    <RecordListScreen
      me={me}
      list={list}
      query={query}
      texts={t('hospitals', { returnObjects: true })}
      columns={columns}
      writable={can('hospitals.write')}
      setActive={(h, active) => setActive.mutateAsync({ id: h.id, active })}
      byHospital={false}
    >
      <HospitalForm {...list.form} />
    </RecordListScreen>
  );
}
