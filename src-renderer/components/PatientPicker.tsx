import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../src-shared/contract/index.js';
import { useCallQuery } from '../api/hooks.js';
import { localName, useLanguage } from '../i18n/index.js';
import { usePlaceName } from './listScreen.js';

/**
 * Find a patient by MRN, name, national ID or mobile number (the station
 * searches; nothing is filtered here) and choose one. The chosen patient
 * stays an option while the search text changes, so the choice never
 * disappears from the field.
 */
export function PatientPicker({
  value,
  onChange,
  error,
  groupWide,
  hospitalId,
  label,
  required = true,
  autoFocus = false,
}: {
  value: Patient | null;
  onChange: (patient: Patient | null) => void;
  error: string | undefined;
  /** the reader sees several hospitals: each option names its hospital */
  groupWide: boolean;
  /** only this hospital's patients */
  hospitalId?: string | null;
  /** the field's name, when "Patient" does not say it */
  label?: string;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const place = usePlaceName();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const optionLabel = (p: Patient) => `${localName(p, language)} — ${p.mrn}${groupWide ? ` — ${place(p.hospitalId, null)}` : ''}`;
  const searching = q.length >= 2 && (value === null || q !== optionLabel(value));
  const results = useCallQuery('patients.search', { q, pageSize: 20, ...(hospitalId ? { hospitalId } : {}) }, { enabled: searching, keepPrevious: true });
  const found = searching ? (results.data?.items ?? []) : [];
  const patients = value && !found.some((p) => p.id === value.id) ? [value, ...found] : found;

  return (
    <Select
      label={label ?? t('patientPicker.label')}
      placeholder={t('patientPicker.placeholder')}
      description={t('patientPicker.hint')}
      required={required}
      searchable
      clearable
      autoFocus={autoFocus}
      data={patients.map((p) => ({ value: p.id, label: optionLabel(p) }))}
      // the station found these by MRN, ID, phone or name: none is hidden for not matching the label
      filter={({ options }) => options}
      selectFirstOptionOnChange
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(patients.find((p) => p.id === id) ?? null)}
      nothingFoundMessage={searching && results.isFetched ? t('patientPicker.noPatients') : undefined}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
