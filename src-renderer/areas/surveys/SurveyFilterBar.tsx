import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INSTANCE_CHANNELS } from '../../../src-shared/tables/surveys.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { FilterForm, useFilterValues } from '../../components/FilterForm.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { LIST_STATUSES, readFormFilter, type SurveyListFilter } from './filters.js';
import { useChannelLabel, useSurveyTemplates } from './labels.js';

/** The filter as the form holds it: text in every field, '' for nothing chosen. */
interface FilterValues {
  hospitalId: string;
  departmentId: string;
  templateId: string;
  stageId: string;
  physicianId: string;
  channel: string;
  from: string;
  to: string;
  status: string;
  negative: string;
  q: string;
}

const EMPTY: FilterValues = {
  hospitalId: '',
  departmentId: '',
  templateId: '',
  stageId: '',
  physicianId: '',
  channel: '',
  from: '',
  to: '',
  status: '',
  negative: '',
  q: '',
};

function toValues(filter: Partial<SurveyListFilter>): FilterValues {
  return {
    ...EMPTY,
    ...Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value ?? '')])),
  };
}

/**
 * The control center's filter (hospital, department, template, journey
 * stage, physician, channel, period), and on the list its status, negative
 * flag and MRN too. Applied on submit: the screen puts it in the address.
 */
export function SurveyFilterBar({
  me,
  filter,
  onApply,
  list = false,
}: {
  me: Me;
  filter: Partial<SurveyListFilter>;
  onApply: (filter: SurveyListFilter) => void;
  /** the list's own fields too */
  list?: boolean;
}) {
  const { t } = useTranslation('surveys');
  const can = usePermission();
  const language = useLanguage();
  const channelLabel = useChannelLabel();
  const { options: templateOptions } = useSurveyTemplates();
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the same filter arrives as a new object on every render of the route
  const initial = useMemo(() => toValues(filter), [key]);
  const { values, set, bind, choose, dayError, form } = useFilterValues(initial, (next) => onApply(readFormFilter(next)), EMPTY);

  // a department, stage or physician belongs to one hospital: the chosen one, or the reader's own
  const hospitalId = values.hospitalId || me.scope.hospitalId || '';
  const stages = useCallQuery('journeyTemplates.list', { hospitalId }, { enabled: Boolean(hospitalId) && can('journeys.read') });
  const physicians = useCallQuery(
    'physicians.list',
    { hospitalId, pageSize: 500, ...(values.departmentId ? { departmentId: values.departmentId } : {}) },
    { enabled: Boolean(hospitalId) && can('physicians.read') },
  );
  const stageOptions = (stages.data ?? [])
    .filter((template) => template.stages.length > 0)
    .map((template) => ({
      group: localName(template, language),
      items: template.stages.map((stage) => ({ value: stage.id, label: localName(stage, language) })),
    }));
  const physicianOptions = (physicians.data?.items ?? []).map((p) => ({ value: p.id, label: `${localName(p, language)} (${p.licenseNumber})` }));

  return (
    <FilterForm label={t('filters.label')} {...form}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {me.scope.kind === 'group' ? (
          <HospitalSelect
            value={values.hospitalId || null}
            onChange={(value) => {
              set('hospitalId', value ?? '');
              set('departmentId', '');
              set('stageId', '');
              set('physicianId', '');
            }}
            clearable
            placeholder={t('common.all')}
          />
        ) : null}
        <DepartmentSelect
          hospitalId={hospitalId || null}
          value={values.departmentId || null}
          onChange={(value) => {
            set('departmentId', value ?? '');
            set('physicianId', '');
          }}
          clearable
          placeholder={hospitalId ? t('common.all') : t('filters.stageHint')}
        />
        <Select label={t('filters.template')} data={templateOptions} searchable {...choose('templateId')} />
        <Select
          label={t('filters.stage')}
          data={stageOptions}
          searchable
          disabled={!hospitalId}
          {...choose('stageId')}
          placeholder={hospitalId ? t('common.all') : t('filters.stageHint')}
        />
        <Select
          label={t('filters.physician')}
          data={physicianOptions}
          searchable
          disabled={!hospitalId}
          {...choose('physicianId')}
          placeholder={hospitalId ? t('common.all') : t('filters.stageHint')}
        />
        <Select label={t('filters.channel')} data={INSTANCE_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} {...choose('channel')} />
        <TextInput label={t('fields.from')} placeholder="2026-01-31" dir="ltr" {...bind('from')} error={dayError('from')} />
        <TextInput label={t('fields.to')} placeholder="2026-12-31" dir="ltr" {...bind('to')} error={dayError('to')} />
        {list ? (
          <>
            <Select label={t('filters.status')} data={LIST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} {...choose('status')} />
            <Select
              label={t('filters.negative')}
              data={[
                { value: 'yes', label: t('filters.negativeOnly') },
                { value: 'no', label: t('filters.notNegative') },
              ]}
              {...choose('negative')}
            />
            <TextInput label={t('filters.search')} placeholder={t('filters.searchPlaceholder')} type="search" dir="auto" {...bind('q')} />
          </>
        ) : null}
      </SimpleGrid>
    </FilterForm>
  );
}
