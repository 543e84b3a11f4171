import { Button, Group, Paper } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useEffect, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { endOfDayUtc, startOfDayUtc } from '../../src-shared/dates.js';
import { MESSAGES } from '../../src-shared/messages.js';
import { useLanguage } from '../i18n/index.js';
import { isDay } from '../kit/address.js';
import { useTimeZone } from '../shell/useTimeZone.js';

/**
 * A filter bar applied on submit, so typing does not fire a query per key:
 * the values being typed, the inputs bound to them, and the form around
 * them with its Clear and Apply buttons.
 */
export function useFilterValues<V extends Record<keyof V, string>>(initial: V, onApply: (values: V) => void, empty: V) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [values, setValues] = useState<V>(initial);
  useEffect(() => setValues(initial), [initial]);
  const set = <K extends keyof V>(name: K, value: V[K]) => setValues((previous) => ({ ...previous, [name]: value }));
  const bind = (name: keyof V & string) => ({
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.currentTarget.value as V[typeof name]),
  });
  /** a Select of the filter: nothing chosen is "All" */
  const choose = (name: keyof V & string) => ({
    value: values[name] || null,
    onChange: (value: string | null) => set(name, (value ?? '') as V[typeof name]),
    clearable: true,
    placeholder: t('common.all'),
    comboboxProps: { withinPortal: true },
  });
  /** a day typed that is not a date is said beside its field; the address keeps only real days */
  const dayError = (name: keyof V & string) => (values[name] === '' || isDay(values[name]) ? undefined : MESSAGES['field.date'][language]);
  const form = {
    onSubmit: () => onApply(values),
    onClear: () => {
      setValues(empty);
      onApply(empty);
    },
  };
  return { values, set, bind, choose, dayError, form };
}

export function FilterForm({ label, onSubmit, onClear, children }: { label: string; onSubmit: () => void; onClear: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label={label}>
      {children}
      <Group justify="flex-end" gap="sm" mt="md">
        <Button variant="default" leftSection={<IconX size={16} aria-hidden />} onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('common.applyFilters')}
        </Button>
      </Group>
    </Paper>
  );
}

/**
 * "From" and "to" calendar days typed by a reader, as the UTC bounds of
 * those days in the hospital's zone; a day that is not a date is an error
 * beside its field instead of a filter.
 */
export function useDayRange(days: { from: string; to: string }) {
  const timeZone = useTimeZone();
  const language = useLanguage();
  const from = days.from ? startOfDayUtc(days.from, timeZone) : undefined;
  const to = days.to ? endOfDayUtc(days.to, timeZone) : undefined;
  const bad = MESSAGES['field.date'][language];
  return {
    range: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    errors: { ...(from === null ? { from: bad } : {}), ...(to === null ? { to: bad } : {}) },
  };
}
