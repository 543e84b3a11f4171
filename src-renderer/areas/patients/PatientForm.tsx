import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { FormModal } from '../../components/FormModal.js';
import { GenderSelect, HospitalSelect, LanguageSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';

interface PatientFormProps {
  opened: boolean;
  patient: Patient | null;
  /** the hospital a new patient is registered in */
  hospitalId: string | null;
  onClose: () => void;
}

const LISTS = ['patients.search', 'patients.get'] as const;

export function PatientForm({ opened, patient, hospitalId, onClose }: PatientFormProps) {
  const { t } = useTranslation('patients');
  const form = useForm({
    hospitalId: '',
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
  const create = useCallMutation('patients.create', [...LISTS]);
  const update = useCallMutation('patients.update', [...LISTS]);
  const { reset } = form;

  useEffect(() => {
    if (!opened) return;
    const p = patient;
    reset({
      hospitalId: p?.hospitalId ?? hospitalId ?? '',
      mrn: p?.mrn ?? '',
      nationalId: p?.nationalId ?? '',
      nameAr: p?.nameAr ?? '',
      nameEn: p?.nameEn ?? '',
      phone: p?.phone ?? '',
      email: p?.email ?? '',
      preferredLanguage: p?.preferredLanguage ?? 'ar',
      birthDate: p?.birthDate ?? '',
      gender: p?.gender ?? '',
    });
  }, [opened, patient, hospitalId, reset]);

  const submit = async () => {
    const { hospitalId: hospital, preferredLanguage, gender, ...v } = form.values;
    const fields = {
      ...v,
      preferredLanguage: preferredLanguage === 'en' ? ('en' as const) : ('ar' as const),
      gender: gender === 'M' || gender === 'F' ? gender : null,
    };
    const saved = patient
      ? await form.submit('patients.update', { id: patient.id, ...fields }, update.mutateAsync)
      : await form.submit('patients.create', { hospitalId: hospital, ...fields }, create.mutateAsync);
    if (saved) {
      notifications.show({ color: 'teal', message: patient ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={patient ? t('patients.edit') : t('patients.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <HospitalSelect required disabled={patient !== null} {...form.choice('hospitalId')} />
        <TextInput label={t('fields.mrn')} required dir="ltr" {...form.text('mrn')} />
        <TextInput label={t('fields.nationalId')} inputMode="numeric" dir="ltr" {...form.text('nationalId')} />
        <TextInput label={t('fields.birthDate')} description={t('fields.birthDateHint')} placeholder="1990-07-15" dir="ltr" {...form.text('birthDate')} />
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
        <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" dir="ltr" {...form.text('phone')} />
        <TextInput label={t('fields.email')} type="email" dir="ltr" {...form.text('email')} />
        <GenderSelect {...form.choice('gender')} />
        <LanguageSelect {...form.choice('preferredLanguage')} />
      </SimpleGrid>
    </FormModal>
  );
}
