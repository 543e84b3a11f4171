import { Anchor, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNEY_STATUSES, type JourneySummary } from '../../../src-shared/contract/index.js';
import type { JourneyType } from '../../../src-shared/his-events.js';
import { useCallQuery } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { DateTimeText, Ltr, PageHeader } from '../../components/bits.js';
import { JourneyStatusBadge, useJourneyTypeOptions } from './hisLabels.js';
import { ListFilters, useListState, usePlaceName } from '../../components/listScreen.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';

type JourneyStatus = JourneySummary['status'];

export function journeyPath(journey: Pick<JourneySummary, 'id'>): string {
  return `/journeys/${journey.id}`;
}

/** "3/5" and a bar: how far along its stages a journey is. */
export function JourneyProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation('journeys');
  const label = t('journeys.progressOf', { done, total });
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" dir="ltr" style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums' }} aria-hidden>
        {`${done}/${total}`}
      </Text>
      <Progress
        value={total > 0 ? (done / total) * 100 : 0}
        w={90}
        size="sm"
        color={done === total && total > 0 ? 'teal' : 'blue'}
        aria-label={label}
        title={label}
      />
    </Group>
  );
}

/** Patient journeys built from HIS events, newest first, found by MRN or encounter. */
export function JourneysScreen({ me }: { me: Me }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const place = usePlaceName();
  const typeOptions = useJourneyTypeOptions();
  const list = useListState<JourneySummary>(me);
  const [journeyType, setJourneyType] = useState<JourneyType | null>(null);
  const [status, setStatus] = useState<JourneyStatus | null>(null);
  const query = useCallQuery(
    'journeys.list',
    { ...list.paging, ...list.filters, ...(journeyType ? { journeyType } : {}), ...(status ? { status } : {}) },
    { keepPrevious: true, refetchInterval: 10_000 },
  );

  const columns: Column<JourneySummary>[] = [
    {
      key: 'patient',
      header: t('journeys.patient'),
      minWidth: 180,
      render: (j) => (
        <Stack gap={0} align="flex-start">
          <Anchor href={href(journeyPath(j))} fw={500} size="sm">
            {localName(j.patient, language)}
          </Anchor>
          <Ltr dimmed>{j.patient.mrn}</Ltr>
        </Stack>
      ),
    },
    { key: 'type', header: t('journeys.type'), nowrap: true, render: (j) => t(`journeyType.${j.journeyType}`) },
    { key: 'encounter', header: t('events.encounter'), nowrap: true, render: (j) => <Ltr>{j.encounterId}</Ltr> },
    { key: 'status', header: t('common.status'), nowrap: true, render: (j) => <JourneyStatusBadge status={j.status} /> },
    { key: 'progress', header: t('journeys.progress'), nowrap: true, render: (j) => <JourneyProgress done={j.stagesCompleted} total={j.stagesTotal} /> },
    { key: 'started', header: t('journeys.started'), render: (j) => <DateTimeText value={j.startedAt} /> },
    { key: 'completed', header: t('journeys.completed'), render: (j) => <DateTimeText value={j.completedAt} /> },
  ];
  if (me.scope.kind === 'group') columns.splice(3, 0, { key: 'hospital', header: t('fields.hospital'), render: (j) => place(j.hospitalId, null) || '—' });

  return (
    <Stack gap="lg">
      <PageHeader title={t('journeys.title')} intro={t('journeys.intro')} />
      <ListFilters
        me={me}
        searchLabel={t('journeys.searchLabel')}
        searchPlaceholder={t('journeys.searchPlaceholder')}
        onSearch={list.onSearch}
        hospitalId={list.hospitalId}
        onHospital={list.onHospital}
      >
        <Select
          label={t('journeys.type')}
          placeholder={t('common.all')}
          data={typeOptions}
          value={journeyType}
          onChange={(value) => {
            setJourneyType(typeOptions.find((o) => o.value === value)?.value ?? null);
            list.setPage(1);
          }}
          clearable
          w={200}
        />
        <Select
          label={t('common.status')}
          placeholder={t('common.all')}
          data={JOURNEY_STATUSES.map((s) => ({ value: s, label: t(`journeyStatus.${s}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(JOURNEY_STATUSES.find((s) => s === value) ?? null);
            list.setPage(1);
          }}
          clearable
          w={180}
        />
      </ListFilters>
      <PagedTable
        label={t('journeys.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(j) => j.id}
        page={list.page}
        onPage={list.setPage}
        emptyText={t('journeys.empty')}
      />
    </Stack>
  );
}
