import { Button, Group, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const [values, setValues] = useState<AuditFilterValues>(NO_FILTERS);
  const bind = (name: keyof AuditFilterValues) => ({
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((previous) => ({ ...previous, [name]: value }));
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(values);
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        <TextInput label={t('audit.action')} placeholder="hospitals.create" dir="ltr" {...bind('action')} />
        <TextInput label={t('audit.entityType')} placeholder="hospital" dir="ltr" {...bind('entityType')} />
        <TextInput label={t('audit.actor')} {...bind('actor')} />
        <TextInput label={t('audit.from')} placeholder="2025-01-31" dir="ltr" error={dateErrors.from} {...bind('from')} />
        <TextInput label={t('audit.to')} placeholder="2025-12-31" dir="ltr" error={dateErrors.to} {...bind('to')} />
      </SimpleGrid>
      <Group justify="flex-end" gap="sm" mt="md">
        <Button
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => {
            setValues(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          {t('audit.clear')}
        </Button>
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('audit.apply')}
        </Button>
      </Group>
    </Paper>
  );
}
