import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../../api/hooks.js';
import { FilterForm, useFilterValues } from '../../../components/FilterForm.js';

export interface EventFilterValues {
  sourceSystem: string;
  /** the source's code or the station's */
  code: string;
  /** an external id or an encounter id */
  q: string;
  /** calendar days `YYYY-MM-DD` in the hospital's zone */
  from: string;
  to: string;
}

export const NO_EVENT_FILTERS: EventFilterValues = { sourceSystem: '', code: '', q: '', from: '', to: '' };

interface EventFiltersProps {
  initial: EventFilterValues;
  onApply: (filters: EventFilterValues) => void;
  dateErrors: { from?: string; to?: string };
}

/** The monitor's filters: applied on submit, so typing does not fire a query per key. */
export function EventFilters({ initial, onApply, dateErrors }: EventFiltersProps) {
  const { t } = useTranslation('journeys');
  const sources = useCallQuery('integrations.list', {});
  const { values, set, bind, form } = useFilterValues(initial, onApply, NO_EVENT_FILTERS);

  return (
    <FilterForm label={t('events.filters')} {...form}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <Select
          label={t('events.source')}
          placeholder={t('common.all')}
          data={(sources.data ?? []).map((s) => ({ value: s.sourceSystem, label: `${s.sourceSystem} — ${s.name}` }))}
          value={values.sourceSystem || null}
          onChange={(value) => set('sourceSystem', value ?? '')}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput label={t('events.code')} placeholder="A04 / OPD_REGISTERED" dir="ltr" {...bind('code')} />
        <TextInput label={t('events.search')} placeholder="ENC-10023" dir="ltr" {...bind('q')} />
        <TextInput label={t('fields.from')} placeholder="2025-01-31" dir="ltr" error={dateErrors.from} {...bind('from')} />
        <TextInput label={t('fields.to')} placeholder="2025-12-31" dir="ltr" error={dateErrors.to} {...bind('to')} />
      </SimpleGrid>
    </FilterForm>
  );
}
