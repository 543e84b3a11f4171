import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../src-shared/contract/index.js';
import { DEFAULT_TIME_ZONE } from '../../../src-shared/dates.js';
import { useCallMutation } from '../../api/hooks.js';
import { BilingualNameFields } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';

/** Zones a Saudi group's hospitals are likely in; any IANA zone typed in is accepted too. */
const ZONES = ['Asia/Riyadh', 'Asia/Dubai', 'Asia/Kuwait', 'Asia/Bahrain', 'Asia/Qatar', 'Asia/Muscat', 'Africa/Cairo', 'Asia/Amman'];

export function HospitalForm({ opened, record: hospital, onClose }: RecordFormProps<Hospital>) {
  const { t } = useTranslation('hospitals');
  const form = useRecordForm(opened, hospital, { code: '', nameAr: '', nameEn: '', timeZone: DEFAULT_TIME_ZONE });
  const create = useCallMutation('hospitals.create', ['hospitals.list']);
  const update = useCallMutation('hospitals.update', ['hospitals.list', 'hospitals.get']);

  const submit = () => {
    const { code, nameAr, nameEn, timeZone } = form.values;
    return hospital
      ? form.submit('hospitals.update', { id: hospital.id, nameAr, nameEn, timeZone }, update.mutateAsync)
      : form.submit('hospitals.create', { code, nameAr, nameEn, timeZone }, create.mutateAsync);
  };

  const zones = ZONES.includes(form.values.timeZone) || !form.values.timeZone ? ZONES : [form.values.timeZone, ...ZONES];
  return (
    <RecordFormModal
      form={form}
      opened={opened}
      editing={hospital !== null}
      title={hospital ? t('hospitals.edit') : t('hospitals.create')}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextInput label={t('fields.code')} description={t('fields.codeHint')} required disabled={hospital !== null} dir="ltr" {...form.text('code')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <BilingualNameFields form={form} />
      </SimpleGrid>
      <Select label={t('fields.timeZone')} data={zones} searchable required allowDeselect={false} {...form.choice('timeZone')} />
    </RecordFormModal>
  );
}
