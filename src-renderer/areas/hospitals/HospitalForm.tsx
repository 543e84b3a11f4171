import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../src-shared/contract/index.js';
import { DEFAULT_TIME_ZONE } from '../../../src-shared/dates.js';
import { useCallMutation } from '../../api/hooks.js';
import { FormModal } from '../../components/FormModal.js';
import { useForm } from '../../components/useForm.js';

/** Zones a Saudi group's hospitals are likely in; any IANA zone typed in is accepted too. */
const ZONES = ['Asia/Riyadh', 'Asia/Dubai', 'Asia/Kuwait', 'Asia/Bahrain', 'Asia/Qatar', 'Asia/Muscat', 'Africa/Cairo', 'Asia/Amman'];

interface HospitalFormProps {
  opened: boolean;
  /** null: a new hospital */
  hospital: Hospital | null;
  onClose: () => void;
}

export function HospitalForm({ opened, hospital, onClose }: HospitalFormProps) {
  const { t } = useTranslation('hospitals');
  const form = useForm({ code: '', nameAr: '', nameEn: '', timeZone: DEFAULT_TIME_ZONE });
  const create = useCallMutation('hospitals.create', ['hospitals.list']);
  const update = useCallMutation('hospitals.update', ['hospitals.list', 'hospitals.get']);
  const { reset } = form;

  useEffect(() => {
    if (!opened) return;
    reset(
      hospital
        ? { code: hospital.code, nameAr: hospital.nameAr, nameEn: hospital.nameEn, timeZone: hospital.timeZone }
        : { code: '', nameAr: '', nameEn: '', timeZone: DEFAULT_TIME_ZONE },
    );
  }, [opened, hospital, reset]);

  const submit = async () => {
    const { code, nameAr, nameEn, timeZone } = form.values;
    const saved = hospital
      ? await form.submit('hospitals.update', { id: hospital.id, nameAr, nameEn, timeZone }, update.mutateAsync)
      : await form.submit('hospitals.create', { code, nameAr, nameEn, timeZone }, create.mutateAsync);
    if (saved) {
      notifications.show({ color: 'teal', message: hospital ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  const zones = ZONES.includes(form.values.timeZone) || !form.values.timeZone ? ZONES : [form.values.timeZone, ...ZONES];
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={hospital ? t('hospitals.edit') : t('hospitals.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <TextInput label={t('fields.code')} description={t('fields.codeHint')} required disabled={hospital !== null} dir="ltr" {...form.text('code')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
      </SimpleGrid>
      <Select label={t('fields.timeZone')} data={zones} searchable required allowDeselect={false} {...form.choice('timeZone')} />
    </FormModal>
  );
}
