import { Stack, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { RecordListScreen, useListState, usePlaceName } from '../../components/listScreen.js';
import type { Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import type { ScreenProps } from '../../kit/area.js';
import { PatientForm } from './PatientForm.js';

/** Find a patient by MRN, national ID/iqama, phone or name; register and correct patient records. */
export function PatientsScreen({ me }: ScreenProps) {
  const { t } = useTranslation('patients');
  const language = useLanguage();
  const can = usePermission();
  const place = usePlaceName();
  const list = useListState<Patient>(me);
  const query = useCallQuery('patients.search', { ...list.paging, ...list.filters }, { keepPrevious: true });
  const setActive = useCallMutation('patients.setActive', ['patients.search']);

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

  return (
    <RecordListScreen
      me={me}
      list={list}
      query={query}
      texts={t('patients', { returnObjects: true })}
      columns={columns}
      writable={can('patients.write')}
      createIcon={<IconUserPlus size={16} aria-hidden />}
      setActive={(p, active) => setActive.mutateAsync({ id: p.id, active })}
    >
      <PatientForm {...list.form} hospitalId={list.hospitalId} />
    </RecordListScreen>
  );
}
