import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Physician } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { FormModal } from '../../components/FormModal.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';

interface PhysicianFormProps {
  opened: boolean;
  physician: Physician | null;
  /** the hospital a new physician starts in */
  hospitalId: string | null;
  onClose: () => void;
}

const LISTS = ['physicians.list', 'physicians.get'] as const;

export function PhysicianForm({ opened, physician, hospitalId, onClose }: PhysicianFormProps) {
  const { t } = useTranslation('physicians');
  const form = useForm({ hospitalId: '', departmentId: '', licenseNumber: '', nameAr: '', nameEn: '', specialty: '', phone: '', email: '' });
  const create = useCallMutation('physicians.create', [...LISTS]);
  const update = useCallMutation('physicians.update', [...LISTS]);
  const { reset, set } = form;

  useEffect(() => {
    if (!opened) return;
    const p = physician;
    reset({
      hospitalId: p?.hospitalId ?? hospitalId ?? '',
      departmentId: p?.departmentId ?? '',
      licenseNumber: p?.licenseNumber ?? '',
      nameAr: p?.nameAr ?? '',
      nameEn: p?.nameEn ?? '',
      specialty: p?.specialty ?? '',
      phone: p?.phone ?? '',
      email: p?.email ?? '',
    });
  }, [opened, physician, hospitalId, reset]);

  const submit = async () => {
    const { hospitalId: hospital, departmentId, ...v } = form.values;
    const fields = { ...v, departmentId: departmentId || null };
    const saved = physician
      ? await form.submit('physicians.update', { id: physician.id, ...fields }, update.mutateAsync)
      : await form.submit('physicians.create', { hospitalId: hospital, ...fields }, create.mutateAsync);
    if (saved) {
      notifications.show({ color: 'teal', message: physician ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={physician ? t('physicians.edit') : t('physicians.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <HospitalSelect
          required
          disabled={physician !== null}
          {...form.choice('hospitalId')}
          onChange={(value) => {
            set('hospitalId', value ?? '');
            set('departmentId', '');
          }}
        />
        <DepartmentSelect hospitalId={form.values.hospitalId || null} clearable {...form.choice('departmentId')} />
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
        <TextInput label={t('fields.licenseNumber')} required dir="ltr" {...form.text('licenseNumber')} />
        <TextInput label={t('fields.specialty')} {...form.text('specialty')} />
        <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" dir="ltr" {...form.text('phone')} />
        <TextInput label={t('fields.email')} type="email" dir="ltr" {...form.text('email')} />
      </SimpleGrid>
    </FormModal>
  );
}
