import { Anchor, Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JourneyDetail } from '../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { useAllDepartments, useHospitals } from '../../api/lookups.js';
import { BackLink, DateTimeText, Fact, Ltr, PageHeader } from '../../components/bits.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EventStatusBadge, JourneyStatusBadge, mappedCode, useEventCodeLabel } from './hisLabels.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { href } from '../../shell/router.js';
import { TimeZoneContext, useTimeZone } from '../../shell/useTimeZone.js';
import { JourneyTimeline } from './JourneyTimeline.js';
import { JourneyProgress } from './JourneysScreen.js';

type ReceivedEvent = JourneyDetail['events'][number];

/** One patient's journey: its stages as a timeline, and every event the HIS sent for the encounter. */
export function JourneyScreen({ id }: { id: string }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const can = usePermission();
  const eventLabel = useEventCodeLabel();
  const fallbackZone = useTimeZone();
  const { byId: hospitals } = useHospitals();
  const { byId: departments } = useAllDepartments();
  const journey = useCallQuery('journeys.get', { id }, { refetchInterval: 5_000 });
  const monitor = can('integrations.manage');
  const back = <BackLink to="/journeys" label={t('journeys.back')} />;

  if (journey.isError) {
    return (
      <Stack gap="lg">
        {back}
        <ErrorState error={journey.error} onRetry={() => void journey.refetch()} />
      </Stack>
    );
  }
  if (journey.isPending) return <LoadingState />;
  const j = journey.data;
  const hospital = hospitals.get(j.hospitalId);
  const department = j.departmentId ? departments.get(j.departmentId) : undefined;

  const eventColumns: Column<ReceivedEvent>[] = [
    { key: 'occurred', header: t('events.occurred'), render: (e) => <DateTimeText value={e.occurredAt} /> },
    { key: 'received', header: t('events.received'), render: (e) => <DateTimeText value={e.receivedAt} /> },
    { key: 'source', header: t('events.source'), nowrap: true, render: (e) => <Ltr>{e.sourceSystem}</Ltr> },
    {
      key: 'code',
      header: t('events.code'),
      minWidth: 200,
      render: (e) => {
        const code = mappedCode(e.externalCode, e.eventCode);
        return (
          <Stack gap={0} align="flex-start">
            {monitor ? (
              // the event's own line in the monitor: payload, reason, reprocess
              <Anchor
                href={href(`/journeys/events?event=${encodeURIComponent(e.id)}`)}
                size="sm"
                title={t('journeys.openInMonitor')}
                dir="ltr"
                style={{ unicodeBidi: 'isolate' }}
              >
                {code}
              </Anchor>
            ) : (
              <Ltr>{code}</Ltr>
            )}
            {e.eventCode ? (
              <Text size="xs" c="dimmed">
                {eventLabel(e.eventCode)}
              </Text>
            ) : null}
          </Stack>
        );
      },
    },
    { key: 'status', header: t('common.status'), nowrap: true, render: (e) => <EventStatusBadge status={e.status} /> },
  ];

  return (
    // stage times are read in the journey's own hospital's zone, whoever reads them
    <TimeZoneContext value={hospital?.timeZone ?? fallbackZone}>
      <Stack gap="lg">
        {back}
        <PageHeader title={localName(j.patient, language)} intro={localName({ nameAr: j.templateNameAr, nameEn: j.templateNameEn }, language)} />
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md">
            <Fact label={t('fields.mrn')}>
              <Ltr>{j.patient.mrn}</Ltr>
            </Fact>
            <Fact label={t('events.encounter')}>
              <Ltr>{j.encounterId}</Ltr>
            </Fact>
            <Fact label={t('journeys.type')}>{t(`journeyType.${j.journeyType}`)}</Fact>
            <Fact label={t('common.status')}>
              <JourneyStatusBadge status={j.status} />
            </Fact>
            <Fact label={t('fields.hospital')}>{hospital ? localName(hospital, language) : '—'}</Fact>
            <Fact label={t('fields.department')}>{department ? localName(department, language) : '—'}</Fact>
            <Fact label={t('journeys.progress')}>
              <JourneyProgress done={j.stagesCompleted} total={j.stagesTotal} />
            </Fact>
            <Fact label={t('journeys.started')}>
              <DateTimeText value={j.startedAt} />
            </Fact>
            <Fact label={t('journeys.completed')}>
              <DateTimeText value={j.completedAt} />
            </Fact>
          </SimpleGrid>
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="journey-stages">
              <Title order={3} size="h4" id="journey-stages" mb="md">
                {t('journeys.stages')}
              </Title>
              {j.stages.length === 0 ? <EmptyState text={t('journeys.noStages')} /> : <JourneyTimeline stages={j.stages} />}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="journey-events">
              <Title order={3} size="h4" id="journey-events" mb="md">
                {t('journeys.events')}
              </Title>
              {j.events.length === 0 ? (
                <EmptyState text={t('journeys.noEvents')} />
              ) : (
                <DataTable label={t('journeys.eventsLabel')} columns={eventColumns} rows={j.events} rowKey={(e) => e.id} busy={journey.isFetching} />
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </TimeZoneContext>
  );
}
