import { Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconBan, IconCheck, IconClock, IconEye, IconHourglassEmpty, IconPencil, IconSend } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyDetail } from '../../../../src-shared/contract/index.js';
import { DateTimeText } from '../../../components/bits.js';

const SKIP_REASONS = ['fatigue', 'opted_out', 'no_contact'] as const;

function isSkipReason(reason: string | null): reason is (typeof SKIP_REASONS)[number] {
  return (SKIP_REASONS as readonly (string | null)[]).includes(reason);
}

interface Step {
  key: string;
  label: string;
  at: string | null;
  icon: ComponentType<{ size?: number }>;
  color: string;
}

/**
 * What happened to one survey, top to bottom: when it was (or is) to be
 * sent, invited or handed out, opened, started, answered, and how it
 * ended if not answered (withdrawn, expired, not sent and why).
 */
export function SurveyTimeline({ survey }: { survey: SurveyDetail }) {
  const { t } = useTranslation('surveys');
  const inPerson = survey.channel === 'kiosk' || survey.channel === 'qr';
  const steps: Step[] = [];
  if (survey.status === 'skipped') {
    steps.push({
      key: 'skipped',
      label: `${t('detail.skipped')}: ${isSkipReason(survey.skipReason) ? t(`skipReason.${survey.skipReason}`) : (survey.skipReason ?? '—')}`,
      at: survey.createdAt,
      icon: IconBan,
      color: 'gray',
    });
  } else {
    if (!inPerson) steps.push({ key: 'scheduled', label: t('detail.scheduled'), at: survey.sendAt, icon: IconClock, color: 'gray' });
    steps.push({ key: 'invited', label: inPerson ? t('detail.handedOut') : t('detail.invited'), at: survey.invitedAt, icon: IconSend, color: 'blue' });
    steps.push({ key: 'opened', label: t('detail.opened'), at: survey.openedAt, icon: IconEye, color: 'cyan' });
    steps.push({ key: 'started', label: t('detail.started'), at: survey.startedAt, icon: IconPencil, color: 'indigo' });
    steps.push({ key: 'completed', label: t('detail.completed'), at: survey.completedAt, icon: IconCheck, color: 'teal' });
    if (survey.revokedAt) steps.push({ key: 'revoked', label: t('detail.revoked'), at: survey.revokedAt, icon: IconBan, color: 'dark' });
    if (survey.status === 'expired')
      steps.push({ key: 'expired', label: t('detail.expired'), at: survey.expiresAt, icon: IconHourglassEmpty, color: 'orange' });
  }
  const active = steps.reduce((last, step, index) => (step.at ? index : last), -1);

  return (
    <Timeline active={active} bulletSize={26} lineWidth={2} aria-label={t('detail.timelineLabel')}>
      {steps.map((step) => {
        const Icon = step.icon;
        const done = Boolean(step.at);
        return (
          <Timeline.Item
            key={step.key}
            color={done ? step.color : 'gray'}
            bullet={
              <ThemeIcon size={26} radius="xl" color={done ? step.color : 'gray'} variant={done ? 'filled' : 'light'} aria-hidden>
                <Icon size={14} />
              </ThemeIcon>
            }
            title={
              <Text fw={600} size="sm" component="h4" m={0}>
                {step.label}
              </Text>
            }
          >
            {done ? (
              <DateTimeText value={step.at} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('detail.notYet')}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
