import { Alert, Anchor, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import type { Me } from '../../../api/session.js';
import { BackLink, DateTimeText, Fact, Ltr } from '../../../components/bits.js';
import { ErrorState, LoadingState } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href } from '../../../shell/router.js';
import { TimeZoneContext, useTimeZone } from '../../../shell/useTimeZone.js';
import { complaintPath, COMPLAINTS_PATH } from '../filters.js';
import { ComplaintNumber, ComplaintStatusBadge, PriorityBadges, useTaxonomy } from '../labels.js';
import { AttachmentsCard } from '../../../components/Attachments.js';
import { ClocksCard, SlaBadge } from '../../../components/Sla.js';
import { ActionsCard } from './ActionsCard.js';
import { AssignmentCard } from './AssignmentCard.js';
import { ClassificationCard } from './ClassificationCard.js';
import { ComplaintTimeline } from './ComplaintTimeline.js';
import { MoveButtons } from './MoveButtons.js';
import { NoteBox } from './NoteBox.js';

function Dimmed({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" component="span">
      {children}
    </Text>
  );
}

/** Who complains and how to reach them: the patient on record, or the complainant as they gave themselves. */
function WhoCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const { label } = useTaxonomy();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-who">
      <Title order={3} size="h4" id="complaint-who" mb="sm">
        {t('complaint.who')}
      </Title>
      <SimpleGrid cols={2} spacing="sm">
        {complaint.patient ? (
          <>
            <Fact label={t('complaint.patient')}>{localName(complaint.patient, language)}</Fact>
            <Fact label={t('complaint.mrn')}>
              <Ltr>{complaint.patient.mrn}</Ltr>
            </Fact>
          </>
        ) : null}
        {complaint.complainantName || !complaint.patient ? (
          <Fact label={t('complaint.complainant')}>{complaint.complainantName ?? <Dimmed>{t('complaints.anonymous')}</Dimmed>}</Fact>
        ) : null}
        {complaint.reportedMrn ? (
          <Fact label={t('complaint.reportedMrn')}>
            <Ltr>{complaint.reportedMrn}</Ltr>
          </Fact>
        ) : null}
        <Fact label={t('complaint.contactPhone')}>{complaint.contactPhone ? <Ltr>{complaint.contactPhone}</Ltr> : <Dimmed>—</Dimmed>}</Fact>
        <Fact label={t('complaint.contactEmail')}>{complaint.contactEmail ? <Ltr>{complaint.contactEmail}</Ltr> : <Dimmed>—</Dimmed>}</Fact>
        <Fact label={t('complaint.contactPreference')}>{label('contact', complaint.contactPreference)}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** The complaint in the complainant's words: Arabic right to left, English left to right, each marked with its language. */
function Descriptions({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const texts = [
    { lang: 'ar', dir: 'rtl', label: t('complaint.descriptionAr'), text: complaint.descriptionAr },
    { lang: 'en', dir: 'ltr', label: t('complaint.descriptionEn'), text: complaint.descriptionEn },
  ].filter((d) => d.text);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-descriptions">
      <Title order={3} size="h4" id="complaint-descriptions" mb="sm">
        {t('complaint.descriptions')}
      </Title>
      <Stack gap="md">
        {texts.map((d) => (
          <Stack key={d.lang} gap={4}>
            {texts.length > 1 ? (
              <Text size="xs" c="dimmed" fw={500}>
                {d.label}
              </Text>
            ) : null}
            <Text size="sm" lang={d.lang} dir={d.dir} style={{ whiteSpace: 'pre-wrap' }}>
              {d.text}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

/** How it ended: the resolution's outcome, what was done and the summary, or why it closed without one. */
function Resolution({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const resolved = complaint.resolutionOutcome || complaint.resolutionCategory || complaint.resolutionSummary;
  if (!resolved && !complaint.closeReason) return null;
  // reopened, the complaint keeps its last resolution until it is resolved again: said as the one before
  const ended = complaint.status === 'resolved' || complaint.status === 'closed';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-resolution">
      <Title order={3} size="h4" id="complaint-resolution" mb="sm">
        {ended ? t('complaint.resolution') : t('complaint.previousResolution')}
      </Title>
      <SimpleGrid cols={2} spacing="sm">
        {complaint.resolutionOutcome ? <Fact label={t('complaint.outcome')}>{t(`outcome.${complaint.resolutionOutcome}`)}</Fact> : null}
        {complaint.resolutionCategory ? <Fact label={t('complaint.whatWasDone')}>{t(`resolution.${complaint.resolutionCategory}`)}</Fact> : null}
        {complaint.closeReason ? <Fact label={t('complaint.closeReason')}>{t(`closeReason.${complaint.closeReason}`)}</Fact> : null}
        {complaint.duplicateOf ? (
          <Fact label={t('complaint.duplicateOf')}>
            <Anchor href={href(complaintPath(complaint.duplicateOf.id))} size="sm">
              <ComplaintNumber number={complaint.duplicateOf.number} />
            </Anchor>
          </Fact>
        ) : null}
      </SimpleGrid>
      {complaint.resolutionSummary ? (
        <Stack gap={2} mt="sm">
          <Text size="xs" c="dimmed" fw={500}>
            {t('complaint.summary')}
          </Text>
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {complaint.resolutionSummary}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  );
}

/**
 * One complaint: its number, status and facts, the complainant and how to
 * reach them, what they said, the classification and the assignment, the
 * moves its status allows now (each asking what it needs), notes, and the
 * timeline of everything that happened to it, and a way to open a PX
 * action linked to it (for a role that may). A reader without
 * complaints.write sees it all and is offered no change (the station
 * refuses them anyway).
 */
export function ComplaintScreen({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const can = usePermission();
  const { label } = useTaxonomy();
  const fallbackZone = useTimeZone();
  const { byId: hospitals } = useHospitals();
  const complaint = useCallQuery('complaints.get', { id }, { refetchInterval: 30_000 });
  const back = <BackLink to={COMPLAINTS_PATH} label={t('complaint.back')} />;

  if (complaint.isError) {
    return (
      <Stack gap="lg">
        {back}
        <ErrorState error={complaint.error} onRetry={() => void complaint.refetch()} />
      </Stack>
    );
  }
  if (complaint.isPending) return <LoadingState />;
  const c = complaint.data;
  const writable = can('complaints.write');
  const hospital = hospitals.get(c.hospitalId);

  return (
    // times are read in the complaint's own hospital's zone, whoever reads them
    <TimeZoneContext value={hospital?.timeZone ?? fallbackZone}>
      <Stack gap="lg">
        {back}
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={6}>
            <Title order={2}>
              {label('type', c.type)} <ComplaintNumber number={c.number} />
            </Title>
            <Group gap="xs">
              <ComplaintStatusBadge status={c.status} />
              <PriorityBadges priority={c.priority} severity={c.severity} />
              <SlaBadge sla={c.sla} />
            </Group>
          </Stack>
          {writable ? <MoveButtons complaint={c} /> : null}
        </Group>
        {writable ? null : (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('complaint.readOnly')}
          </Alert>
        )}
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-facts">
          <Title order={3} size="h4" id="complaint-facts" mb="sm">
            {t('complaint.facts')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
            <Fact label={t('complaint.type')}>{label('type', c.type)}</Fact>
            <Fact label={t('complaint.channel')}>{label('channel', c.channel)}</Fact>
            <Fact label={t('fields.hospital')}>{hospital ? localName(hospital, language) : '—'}</Fact>
            <Fact label={t('complaint.language')}>{t(`language.${c.language}`)}</Fact>
            <Fact label={t('complaint.received')}>
              <DateTimeText value={c.receivedAt} />
            </Fact>
            <Fact label={t('complaint.occurred')}>{c.occurredAt ? <DateTimeText value={c.occurredAt} /> : <Dimmed>—</Dimmed>}</Fact>
            <Fact label={t('complaint.firstResponse')}>
              {c.firstResponseAt ? <DateTimeText value={c.firstResponseAt} /> : <Dimmed>{t('complaint.notYet')}</Dimmed>}
            </Fact>
            <Fact label={t('complaint.reopened')}>
              <Ltr>{String(c.reopenedCount)}</Ltr>
            </Fact>
            <Fact label={t('complaint.source')}>
              {c.sourceSystem ? (
                <>
                  <Ltr>{c.sourceSystem}</Ltr>
                  {c.externalId ? (
                    <Text size="xs" c="dimmed" component="div">
                      {t('complaint.externalId')}: <Ltr dimmed>{c.externalId}</Ltr>
                    </Text>
                  ) : null}
                </>
              ) : (
                t('complaint.sourceConsole')
              )}
            </Fact>
          </SimpleGrid>
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg">
              <Descriptions complaint={c} />
              <Resolution complaint={c} />
              <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-timeline">
                <Title order={3} size="h4" id="complaint-timeline" mb="md">
                  {t('timeline.title')}
                </Title>
                <ComplaintTimeline complaint={c} />
              </Paper>
              {writable ? <NoteBox complaintId={c.id} /> : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="lg">
              <ClocksCard clocks={c.clocks} />
              <AttachmentsCard host="complaint" recordId={c.id} attachments={c.attachments} canAdd={writable} />
              <WhoCard complaint={c} />
              <ClassificationCard complaint={c} writable={writable} />
              <AssignmentCard me={me} complaint={c} writable={writable} />
              <ActionsCard complaint={c} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </TimeZoneContext>
  );
}
