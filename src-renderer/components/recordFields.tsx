import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect, HospitalSelect } from './pickers.js';
import type { FieldsOf, TextBinding } from './useForm.js';

/** The name in Arabic and in English, each typed in its own direction. */
export function BilingualNameFields({ form }: { form: FieldsOf<'nameAr' | 'nameEn'> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
      <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
    </>
  );
}

interface PlacementFieldsProps {
  form: FieldsOf<'hospitalId' | 'departmentId'>;
  /** the hospital cannot change: a record already placed, or a user bound to their own hospital */
  hospitalLocked: boolean;
  /** may belong to no hospital (a user of the whole group); otherwise one is required */
  hospitalOptional?: boolean;
  /** choosing another hospital empties the department; this empties what else belonged to the old one */
  onHospitalChange?: () => void;
}

/** Where a person works: a hospital, and optionally one of its departments. */
export function PlacementFields({ form, hospitalLocked, hospitalOptional = false, onHospitalChange }: PlacementFieldsProps) {
  return (
    <>
      <HospitalSelect
        required={!hospitalOptional}
        clearable={hospitalOptional && !hospitalLocked}
        disabled={hospitalLocked}
        {...form.choice('hospitalId')}
        onChange={(value) => {
          form.set('hospitalId', value ?? '');
          form.set('departmentId', '');
          onHospitalChange?.();
        }}
      />
      <DepartmentSelect hospitalId={form.values.hospitalId || null} clearable {...form.choice('departmentId')} />
    </>
  );
}

export function PhoneField(props: TextBinding) {
  const { t } = useTranslation();
  return <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" dir="ltr" {...props} />;
}

export function EmailField(props: TextBinding) {
  const { t } = useTranslation();
  return <TextInput label={t('fields.email')} type="email" dir="ltr" {...props} />;
}
