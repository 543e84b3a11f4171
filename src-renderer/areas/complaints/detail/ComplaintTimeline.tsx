import { Anchor, Badge, Group, List, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconArrowsExchange, IconClock, IconFilePlus, IconMessage, IconPaperclip, IconRefresh, IconTags, IconUser, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, ComplaintEvent } from '../../../../src-shared/contract/index.js';
import { usePermission } from '../../../api/hooks.js';
import { useAllDepartments } from '../../../api/lookups.js';
import { DateTimeText } from '../../../components/bits.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href } from '../../../shell/router.js';
import { ComplaintNumber, useTaxonomy } from '../labels.js';
import { SLA_RECIPIENTS, type SlaRecipient } from '../../../../src-shared/sla/policies.js';
import { assignmentFacts, classificationChanges, patientLink, createdFacts, slaFacts, statusFacts, type ClassificationChange } from './timeline.js';
import { usePersonName } from '../people.js';

const isRecipient = (role: string): role is SlaRecipient => (SLA_RECIPIENTS as readonly string[]).includes(role);

const LOOK: Record<ComplaintEvent['kind'], { icon: Icon; color: string }> = {
  created: { icon: IconFilePlus, color: 'blue' },
  status: { icon: IconArrowsExchange, color: 'indigo' },
  note: { icon: IconMessage, color: 'gray' },
  assignment: { icon: IconUser, color: 'cyan' },
  classification: { icon: IconTags, color: 'grape' },
  duplicate: { icon: IconArrowsExchange, color: 'gray' },
  sla: { icon: IconClock, color: 'orange' },
  attachment: { icon: IconPaperclip, color: 'grape' },
};

/** Words the officer or the complainant wrote: in their own direction, lines kept. */
function Written({ children }: { children: string }) {
  return (
    <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
      {children}
    </Text>
  );
}

function VisibilityBadge({ visibility }: { visibility: ComplaintEvent['visibility'] }) {
  const { t } = useTranslation('complaints');
  return visibility === 'patient' ? (
    <Badge color="teal" variant="light" size="sm">
      {t('timeline.visible')}
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" size="sm">
      {t('timeline.internal')}
    </Badge>
  );
}

/** One value of a classification change in words: a label of the taxonomy, a department's name, or "none". */
function useChangeValue() {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const { label } = useTaxonomy();
  const { byId: departments } = useAllDepartments();
  return (field: ClassificationChange['field'], value: string | number | null): string => {
    if (value === null || value === '') return t('classified.none');
    switch (field) {
      case 'hcat_category':
        return label('category', value);
      case 'hcat_domain':
        return label('domain', value);
      case 'severity':
        return label('severity', value);
      case 'priority':
        return label('priority', value);
      case 'harm_level':
        return label('harm', value);
      case 'stage_of_care':
        return label('stage', value);
      case 'department_id': {
        const department = departments.get(String(value));
        return department ? localName(department, language) : '—';
      }
      default:
        return String(value);
    }
  };
}

/** The title and the body of one entry, by its kind. */
function useEntry(complaint: ComplaintDetail) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const can = usePermission();
  const { label } = useTaxonomy();
  const { byId: departments } = useAllDepartments();
  const personName = usePersonName();
  const changeValue = useChangeValue();
  const { t: tc } = useTranslation();
  const status = (value: ComplaintEvent['toStatus']) => (value ? t(`complaintStatus.${value}`) : '');
  const roleName = (role: string) => (isRecipient(role) ? tc(`slaClock.recipient.${role}`) : role);

  return (event: ComplaintEvent): { title: ReactNode; body: ReactNode[]; icon: Icon; color: string } => {
    const look = LOOK[event.kind];
    const body: ReactNode[] = [];
    switch (event.kind) {
      case 'created': {
        const facts = createdFacts(event.details);
        const channel = label('channel', facts.channel ?? complaint.channel);
        const title = facts.source ? t('timeline.createdBy', { source: facts.source, channel }) : t('timeline.created', { channel });
        if (event.text) body.push(<Written key="text">{event.text}</Written>);
        return { ...look, title, body };
      }
      case 'status': {
        const facts = statusFacts(event.details);
        const change = event.fromStatus
          ? t('timeline.status', { from: status(event.fromStatus), to: status(event.toStatus) })
          : t('timeline.statusFirst', { to: status(event.toStatus) });
        const title = facts.reopened ? (
          <>
            {t('timeline.reopened')} · {change}
          </>
        ) : (
          change
        );
        const lines: string[] = [];
        if (facts.outcome) lines.push(t('timeline.outcome', { outcome: t(`outcome.${facts.outcome}`) }));
        if (facts.category) lines.push(t('timeline.whatWasDone', { category: t(`resolution.${facts.category}`) }));
        if (facts.closeReason) lines.push(t('timeline.closeReason', { reason: t(`closeReason.${facts.closeReason}`) }));
        if (lines.length > 0)
          body.push(
            <Text key="facts" size="sm">
              {lines.join(' · ')}
            </Text>,
          );
        if (facts.duplicateOf) {
          const number = complaint.duplicateOf?.id === facts.duplicateOf ? complaint.duplicateOf.number : null;
          body.push(
            <Text key="duplicate" size="sm">
              {t('timeline.duplicateOf')}{' '}
              {number ? (
                <Anchor href={href(`/complaints/${facts.duplicateOf}`)} size="sm">
                  <ComplaintNumber number={number} />
                </Anchor>
              ) : null}
            </Text>,
          );
        }
        if (event.text) body.push(<Written key="text">{event.text}</Written>);
        const survey = facts.resolutionSurvey;
        if (survey) {
          const skipped = survey.skipped ?? null;
          body.push(
            <Group key="survey" gap="xs">
              <Text size="sm" c="dimmed">
                {skipped
                  ? t('timeline.surveySkipped', {
                      reason: skipped === 'fatigue' || skipped === 'opted_out' || skipped === 'no_contact' ? t(`surveySkip.${skipped}`) : skipped,
                    })
                  : t('timeline.survey')}
              </Text>
              {can('surveys.read') ? (
                <Anchor href={href(`/surveys/responses/${encodeURIComponent(survey.id)}`)} size="sm">
                  {t('timeline.openSurvey')}
                </Anchor>
              ) : null}
            </Group>,
          );
        }
        return { ...look, ...(facts.reopened ? { icon: IconRefresh, color: 'orange' } : {}), title, body };
      }
      case 'note':
        if (event.text) body.push(<Written key="text">{event.text}</Written>);
        return { ...look, color: event.visibility === 'patient' ? 'teal' : 'gray', title: t('timeline.note'), body };
      case 'assignment': {
        const facts = assignmentFacts(event.details);
        const name = personName(facts.userId, facts.userName);
        body.push(
          <Text key="person" size="sm">
            {facts.userId ? t('timeline.assignedTo', { name: name ?? '—' }) : t('timeline.assignedNobody')}
          </Text>,
        );
        const team = facts.departmentId ? departments.get(facts.departmentId) : undefined;
        if (team)
          body.push(
            <Text key="team" size="sm">
              {t('timeline.team', { name: localName(team, language) })}
            </Text>,
          );
        return { ...look, title: t('timeline.assignment'), body };
      }
      case 'classification': {
        // the physician is set through the API only (no form here names one): left out rather than shown as an id
        const changes = classificationChanges(event.details).filter((change) => change.field !== 'physician_id');
        const linked = patientLink(event.details);
        if (linked)
          body.push(
            <Text key="patient" size="sm">
              {linked.mrn ? t('timeline.patientMatched', { mrn: linked.mrn }) : t('timeline.patientLinked')}
            </Text>,
          );
        if (changes.length > 0) {
          body.push(
            <List key="changes" size="sm" spacing={2}>
              {changes.map((change) => (
                <List.Item key={change.field}>
                  {t('timeline.change', {
                    field: t(`classified.${change.field}`),
                    before: changeValue(change.field, change.before),
                    after: changeValue(change.field, change.after),
                  })}
                </List.Item>
              ))}
            </List>,
          );
        }
        return { ...look, title: t('timeline.classification'), body };
      }
      case 'sla': {
        const facts = slaFacts(event.details);
        const clock = facts.clock ? tc(`slaClock.clock.${facts.clock}`) : '';
        const title =
          facts.stepKind === 'escalation'
            ? t('timeline.slaEscalation', { level: facts.level ?? '', clock })
            : facts.stepKind === 'reminder'
              ? t('timeline.slaReminder', { percent: facts.percent ?? '', clock })
              : t('timeline.sla');
        const told = (facts.notified ?? []).map((person) => `${language === 'ar' ? person.nameAr : person.nameEn} (${roleName(person.role)})`);
        if (told.length > 0)
          body.push(
            <Text key="told" size="sm">
              {t('timeline.slaNotified', { names: told.join('، ') })}
            </Text>,
          );
        if ((facts.unfilled ?? []).length > 0)
          body.push(
            <Text key="unfilled" size="sm" c="red.8" role="note">
              {t('timeline.slaUnfilled', { roles: (facts.unfilled ?? []).map(roleName).join('، ') })}
            </Text>,
          );
        const unreachable = (facts.notified ?? []).filter((person) => (facts.noEmail ?? []).includes(person.id));
        if (unreachable.length > 0)
          body.push(
            <Text key="no-email" size="sm" c="orange.9" role="note">
              {t('timeline.slaNoEmail', { names: unreachable.map((person) => (language === 'ar' ? person.nameAr : person.nameEn)).join('، ') })}
            </Text>,
          );
        // a station that was off fires late: the entry is placed where it came due, and says when it went out
        if (facts.firedAt && facts.reachedAt && Date.parse(facts.firedAt) - Date.parse(facts.reachedAt) > 5 * 60_000)
          body.push(
            <Group key="late" gap={4}>
              <Text size="xs" c="dimmed">
                {t('timeline.slaFiredLate')}
              </Text>
              <DateTimeText value={facts.firedAt} />
            </Group>,
          );
        return { ...look, color: facts.stepKind === 'escalation' ? 'red' : 'orange', title, body };
      }
      case 'duplicate':
        if (event.text) body.push(<Written key="text">{event.text}</Written>);
        return { ...look, title: t(`timeline.${event.kind}`), body };
      case 'attachment': {
        const name = `\u2068${typeof event.details?.fileName === 'string' ? event.details.fileName : ''}\u2069`;
        const removed = event.details?.removed === true;
        if (event.text) body.push(<Written key="text">{event.text}</Written>);
        return {
          ...look,
          color: removed ? 'gray' : look.color,
          title: tc(removed ? 'attachments.timelineRemoved' : 'attachments.timelineAdded', { name }),
          body,
        };
      }
    }
  };
}

/** Everything that happened to the complaint, oldest first: what, who and when, and whether the complainant may read it. */
export function ComplaintTimeline({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  const entry = useEntry(complaint);
  if (complaint.timeline.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('timeline.empty')}
      </Text>
    );
  }
  return (
    <Timeline active={complaint.timeline.length - 1} bulletSize={28} lineWidth={2}>
      {complaint.timeline.map((event) => {
        const { title, body, icon: Bullet, color } = entry(event);
        return (
          <Timeline.Item
            key={event.id}
            color={color}
            bullet={
              <ThemeIcon size={28} radius="xl" color={color} variant="light" aria-hidden>
                <Bullet size={16} />
              </ThemeIcon>
            }
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm" component="h4" m={0}>
                  {title}
                </Text>
                {event.kind === 'note' || event.visibility === 'patient' ? <VisibilityBadge visibility={event.visibility} /> : null}
              </Group>
            }
          >
            <Stack gap={4} mt={4}>
              {body}
              <Group gap="xs" wrap="wrap" align="flex-start">
                <Text size="xs" c="dimmed">
                  {t('timeline.by', { name: event.actorName === 'sla' ? t('timeline.slaActor') : event.actorName })}
                </Text>
                <DateTimeText value={event.at} />
              </Group>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
