import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Physician } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { BilingualNameFields, EmailField, PhoneField, PlacementFields } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';

const LISTS = ['physicians.list', 'physicians.get'] as const;

/** `hospitalId`: the hospital a new physician starts in. */
export function PhysicianForm({ opened, record: physician, hospitalId, onClose }: RecordFormProps<Physician> & { hospitalId: string | null }) {
  const { t } = useTranslation('physicians');
  const form = useRecordForm(opened, physician, {
    hospitalId: hospitalId ?? '',
    departmentId: '',
    licenseNumber: '',
    nameAr: '',
    nameEn: '',
    specialty: '',
    phone: '',
    email: '',
  });
  const create = useCallMutation('physicians.create', LISTS);
  const update = useCallMutation('physicians.update', LISTS);

  const submit = () => {
    const { hospitalId: hospital, departmentId, ...v } = form.values;
    const fields = { ...v, departmentId: departmentId || null };
    return physician
      ? form.submit('physicians.update', { id: physician.id, ...fields }, update.mutateAsync)
      : form.submit('physicians.create', { hospitalId: hospital, ...fields }, create.mutateAsync);
  };

  return (
    <RecordFormModal
      form={form}
      opened={opened}
      editing={physician !== null}
      title={physician ? t('physicians.edit') : t('physicians.create')}
      onClose={onClose}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PlacementFields form={form} hospitalLocked={physician !== null} />
        <BilingualNameFields form={form} />
        <TextInput label={t('fields.licenseNumber')} required dir="ltr" {...form.text('licenseNumber')} />
        <TextInput label={t('fields.specialty')} {...form.text('specialty')} />
        <PhoneField {...form.text('phone')} />
        <EmailField {...form.text('email')} />
      </SimpleGrid>
    </RecordFormModal>
  );
}
