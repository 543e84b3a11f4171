import { Alert, Anchor, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBan, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveyDetail } from '../../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import { BackLink, DateTimeText, Fact, Ltr, PageHeader } from '../../../components/bits.js';
import { ConfirmAction } from '../../../components/ConfirmAction.js';
import { DataTable } from '../../../components/DataTable.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href } from '../../../shell/router.js';
import { TimeZoneContext, useTimeZone } from '../../../shell/useTimeZone.js';
import { RESPONSES_PATH } from '../filters.js';
import { Figure, NegativeFlag, SurveyStatusBadge, useChannelLabel, useFigureFormat } from '../labels.js';
import { useMessageColumns } from '../messages/messageColumns.js';
import { AnswerTable, Comments, NegativeReasons } from './AnswerList.js';
import { responseView } from './answerRows.js';
import { SurveyTimeline } from './SurveyTimeline.js';

/** A survey that can still be answered can be withdrawn; an answered, withdrawn, expired or unsent one cannot. */
const REVOCABLE = new Set<SurveyDetail['status']>(['scheduled', 'invited', 'opened', 'started']);

/** The date of the version the survey asked (templates are shown by version date, not number). */
function VersionDate({ templateId, versionId }: { templateId: string; versionId: string }) {
  const { t } = useTranslation('surveys');
  const template = useCallQuery('surveyTemplates.get', { id: templateId });
  const version = template.data?.versions.find((v) => v.id === versionId);
  if (!version) return null;
  // a built-in template's first version is the same row on every station, dated at the epoch: it has no date of its own
  if (Date.parse(version.createdAt) <= 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('detail.versionShipped')}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" component="div">
      {t('detail.version')}
      <DateTimeText value={version.createdAt} />
    </Text>
  );
}

function Answers({ survey }: { survey: SurveyDetail }) {
  const { t } = useTranslation('surveys');
  if (!survey.response) return <EmptyState text={t('detail.noResponse')} />;
  if (!survey.content) {
    return (
      <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {t('detail.contentUnreadable')}
      </Alert>
    );
  }
  const view = responseView(survey.content, survey.response.answers);
  return (
    <Stack gap="md">
      {survey.response.finishedAt ? null : (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('detail.inProgress')}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('detail.answersLanguage', { language: t(`language.${survey.response.language}`) })}
      </Text>
      <NegativeReasons view={view} />
      <AnswerTable view={view} />
      <Comments view={view} />
    </Stack>
  );
}

/**
 * One survey: the patient, the template and its version, the journey stage,
 * the way it went out, what happened to it, the answers in the console's
 * language with the score and the negative flag, and the messages sent.
 */
export function SurveyScreen({ id }: { id: string }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const can = usePermission();
  const channelLabel = useChannelLabel();
  const f = useFigureFormat();
  const fallbackZone = useTimeZone();
  const { byId: hospitals } = useHospitals();
  const messageColumns = useMessageColumns();
  const survey = useCallQuery('surveys.get', { id }, { refetchInterval: 10_000 });
  const revoke = useCallMutation('surveys.revoke', ['surveys.list', 'surveys.get', 'surveys.figures', 'notifications.list']);
  const back = <BackLink to={RESPONSES_PATH} label={t('detail.back')} />;

  if (survey.isError) {
    return (
      <Stack gap="lg">
        {back}
        <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />
      </Stack>
    );
  }
  if (survey.isPending) return <LoadingState />;
  const s = survey.data;
  const hospital = hospitals.get(s.hospitalId);
  const stageName = s.stageNameEn !== null || s.stageNameAr !== null ? localName({ nameEn: s.stageNameEn ?? '', nameAr: s.stageNameAr ?? '' }, language) : null;
  const response = s.response;

  const actions =
    can('surveys.write') && REVOCABLE.has(s.status) ? (
      <ConfirmAction
        trigger="button"
        label={t('detail.revoke')}
        icon={<IconBan size={16} aria-hidden />}
        title={t('detail.revokeTitle')}
        body={t('detail.revokeBody')}
        confirmLabel={t('detail.revokeConfirm')}
        doneText={t('detail.revokeDone')}
        onConfirm={() => revoke.mutateAsync({ id: s.id })}
      />
    ) : null;

  return (
    // times are read in the survey's own hospital's zone, whoever reads them
    <TimeZoneContext value={hospital?.timeZone ?? fallbackZone}>
      <Stack gap="lg">
        {back}
        <PageHeader
          title={localName(s.patient, language)}
          intro={localName({ nameEn: s.templateNameEn, nameAr: s.templateNameAr }, language)}
          actions={actions}
        />
        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md">
            <Fact label={t('detail.mrn')}>
              <Ltr>{s.patient.mrn}</Ltr>
            </Fact>
            <Fact label={t('detail.template')}>
              {localName({ nameEn: s.templateNameEn, nameAr: s.templateNameAr }, language)}
              <VersionDate templateId={s.templateId} versionId={s.versionId} />
            </Fact>
            <Fact label={t('detail.stage')}>
              {stageName ?? (
                <Text size="sm" c="dimmed">
                  {t('detail.noStage')}
                </Text>
              )}
              {s.journeyInstanceId && can('journeys.read') ? (
                <Anchor href={href(`/journeys/${s.journeyInstanceId}`)} size="xs" display="block">
                  {t('detail.openJourney')}
                </Anchor>
              ) : null}
            </Fact>
            <Fact label={t('fields.hospital')}>{hospital ? localName(hospital, language) : '—'}</Fact>
            <Fact label={t('detail.channel')}>{channelLabel(s.channel)}</Fact>
            <Fact label={t('detail.language')}>{t(`language.${s.language}`)}</Fact>
            <Fact label={t('detail.status')}>
              <SurveyStatusBadge status={s.status} />
            </Fact>
            <Fact label={t('detail.expires')}>
              <DateTimeText value={s.expiresAt} />
            </Fact>
            <Fact label={t('detail.score')}>
              <Figure>{f.score(response?.score ?? null)}</Figure>
            </Fact>
            <Fact label={t('detail.weightedScore')}>
              <Figure>{f.score(response?.weightedScore ?? null)}</Figure>
            </Fact>
            <Fact label={t('detail.answered')}>
              <Figure>{response ? f.count(response.answeredCount) : '—'}</Figure>
            </Fact>
            <Fact label={t('detail.negative')}>
              {response?.negative ? (
                <NegativeFlag />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('detail.negativeNo')}
                </Text>
              )}
            </Fact>
            <Fact label={t('detail.reminders')}>
              <Figure>{f.count(s.remindersSent)}</Figure>
            </Fact>
          </SimpleGrid>
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-timeline">
              <Title order={3} size="h4" id="survey-timeline" mb="md">
                {t('detail.timeline')}
              </Title>
              <SurveyTimeline survey={s} />
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-answers">
              <Group justify="space-between" mb="md">
                <Title order={3} size="h4" id="survey-answers">
                  {t('detail.answers')}
                </Title>
              </Group>
              <Answers survey={s} />
            </Paper>
          </Grid.Col>
        </Grid>
        <Paper withBorder radius="md" component="section" aria-labelledby="survey-messages">
          <Title order={3} size="h4" id="survey-messages" p="md" pb={0}>
            {t('detail.messages')}
          </Title>
          {s.messages.length === 0 ? (
            <EmptyState text={t('detail.noMessages')} />
          ) : (
            <DataTable label={t('detail.messagesLabel')} columns={messageColumns} rows={s.messages} rowKey={(m) => m.id} busy={survey.isFetching} />
          )}
        </Paper>
      </Stack>
    </TimeZoneContext>
  );
}
