import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES } from '../../../../src-shared/complaints/workflow.js';
import type { Me } from '../../../api/session.js';
import { FilterForm, useFilterValues } from '../../../components/FilterForm.js';
import { DepartmentSelect, HospitalSelect } from '../../../components/pickers.js';
import { readFormFilter, type ComplaintFilter } from '../filters.js';
import { useTaxonomy } from '../labels.js';

/** The filter as the form holds it: text in every field, '' for nothing chosen (the queue is chosen above the form). */
interface FilterValues {
  hospitalId: string;
  departmentId: string;
  status: string;
  type: string;
  channel: string;
  hcatCategory: string;
  q: string;
  from: string;
  to: string;
}

const EMPTY: FilterValues = { hospitalId: '', departmentId: '', status: '', type: '', channel: '', hcatCategory: '', q: '', from: '', to: '' };

function toValues(filter: ComplaintFilter): FilterValues {
  const values = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as (keyof FilterValues)[]) values[key] = filter[key] ?? '';
  return values;
}

/**
 * The list's filters: search by number, MRN or name; status, type,
 * channel, HCAT category, department (and hospital for a group-wide
 * reader) and the period received. Applied on submit, into the address;
 * the queue stays as chosen.
 */
export function ComplaintFilterBar({ me, filter, onApply }: { me: Me; filter: ComplaintFilter; onApply: (filter: ComplaintFilter) => void }) {
  const { t } = useTranslation('complaints');
  const taxonomy = useTaxonomy();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the same filter arrives as a new object on every render of the route
  const initial = useMemo(() => toValues(filter), [key]);
  const { values, set, bind, choose, dayError, form } = useFilterValues(initial, (next) => onApply({ ...readFormFilter(next), queue: filter.queue }), EMPTY);
  const hospitalId = values.hospitalId || me.scope.hospitalId || '';

  return (
    <FilterForm label={t('complaintFilters.label')} {...form}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t('complaintFilters.search')}
          placeholder={t('complaintFilters.searchPlaceholder')}
          type="search"
          dir="auto"
          leftSection={<IconSearch size={16} aria-hidden />}
          {...bind('q')}
        />
        <Select
          label={t('complaintFilters.status')}
          data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaintStatus.${s}`) }))}
          {...choose('status')}
        />
        <Select label={t('complaintFilters.type')} data={taxonomy.types} {...choose('type')} />
        <Select label={t('complaintFilters.channel')} data={taxonomy.channels} {...choose('channel')} />
        <Select label={t('complaintFilters.category')} data={taxonomy.categories} {...choose('hcatCategory')} />
        {me.scope.kind === 'group' ? (
          <HospitalSelect
            value={values.hospitalId || null}
            onChange={(value) => {
              set('hospitalId', value ?? '');
              set('departmentId', '');
            }}
            clearable
            placeholder={t('common.all')}
          />
        ) : null}
        <DepartmentSelect
          hospitalId={hospitalId || null}
          value={values.departmentId || null}
          onChange={(value) => set('departmentId', value ?? '')}
          clearable
          placeholder={hospitalId ? t('common.all') : t('complaintFilters.chooseHospital')}
        />
        <TextInput label={t('complaintFilters.from')} placeholder="2026-01-31" dir="ltr" {...bind('from')} error={dayError('from')} />
        <TextInput label={t('complaintFilters.to')} placeholder="2026-12-31" dir="ltr" {...bind('to')} error={dayError('to')} />
      </SimpleGrid>
    </FilterForm>
  );
}
