import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { GenderSelect, HospitalSelect, LanguageSelect } from '../../components/pickers.js';
import { BilingualNameFields, EmailField, PhoneField } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';

const LISTS = ['patients.search', 'patients.get'] as const;

/** `hospitalId`: the hospital a new patient is registered in. */
export function PatientForm({ opened, record: patient, hospitalId, onClose }: RecordFormProps<Patient> & { hospitalId: string | null }) {
  const { t } = useTranslation('patients');
  const form = useRecordForm(opened, patient, {
    hospitalId: hospitalId ?? '',
    mrn: '',
    nationalId: '',
    nameAr: '',
    nameEn: '',
    phone: '',
    email: '',
    preferredLanguage: 'ar',
    birthDate: '',
    gender: '',
  });
  const create = useCallMutation('patients.create', LISTS);
  const update = useCallMutation('patients.update', LISTS);

  const submit = () => {
    const { hospitalId: hospital, preferredLanguage, gender, ...v } = form.values;
    const fields = {
      ...v,
      preferredLanguage: preferredLanguage === 'en' ? ('en' as const) : ('ar' as const),
      gender: gender === 'M' || gender === 'F' ? gender : null,
    };
    return patient
      ? form.submit('patients.update', { id: patient.id, ...fields }, update.mutateAsync)
      : form.submit('patients.create', { hospitalId: hospital, ...fields }, create.mutateAsync);
  };

  return (
    <RecordFormModal
      form={form}
      opened={opened}
      editing={patient !== null}
      title={patient ? t('patients.edit') : t('patients.create')}
      onClose={onClose}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <HospitalSelect required disabled={patient !== null} {...form.choice('hospitalId')} />
        <TextInput label={t('fields.mrn')} required dir="ltr" {...form.text('mrn')} />
        <TextInput label={t('fields.nationalId')} inputMode="numeric" dir="ltr" {...form.text('nationalId')} />
        <TextInput label={t('fields.birthDate')} description={t('fields.birthDateHint')} placeholder="1990-07-15" dir="ltr" {...form.text('birthDate')} />
        <BilingualNameFields form={form} />
        <PhoneField {...form.text('phone')} />
        <EmailField {...form.text('email')} />
        <GenderSelect {...form.choice('gender')} />
        <LanguageSelect {...form.choice('preferredLanguage')} />
      </SimpleGrid>
    </RecordFormModal>
  );
}
