import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FilterForm, useFilterValues } from '../../components/FilterForm.js';

export interface AuditFilterValues {
  action: string;
  entityType: string;
  actor: string;
  /** calendar days `YYYY-MM-DD` in the hospital's zone */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilterValues = { action: '', entityType: '', actor: '', from: '', to: '' };

/** The filter form: applied on submit, so typing does not fire a query per key. */
export function AuditFilters({ onApply, dateErrors }: { onApply: (filters: AuditFilterValues) => void; dateErrors: { from?: string; to?: string } }) {
  const { t } = useTranslation('audit');
  const { bind, form } = useFilterValues(NO_FILTERS, onApply, NO_FILTERS);
  return (
    <FilterForm label={t('audit.filters')} {...form}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <TextInput label={t('audit.action')} placeholder="hospitals.create" dir="ltr" {...bind('action')} />
        <TextInput label={t('audit.entityType')} placeholder="hospital" dir="ltr" {...bind('entityType')} />
        <TextInput label={t('audit.actor')} {...bind('actor')} />
        <TextInput label={t('fields.from')} placeholder="2025-01-31" dir="ltr" error={dateErrors.from} {...bind('from')} />
        <TextInput label={t('fields.to')} placeholder="2025-12-31" dir="ltr" error={dateErrors.to} {...bind('to')} />
      </SimpleGrid>
    </FilterForm>
  );
}
