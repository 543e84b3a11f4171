import { Badge, Group, List, Paper, Progress, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconClockPause, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, SlaBadge as Badged, SlaClockView } from '../../../src-shared/contract/index.js';
import { dateTimeParts } from '../../../src-shared/dates.js';
import { DateTimeText } from '../../components/bits.js';
import { useLanguage } from '../../i18n/index.js';
import { useTimeZone } from '../../shell/useTimeZone.js';

/**
 * A complaint's SLA clocks on screen (docs/sla-design.md): the badge the
 * queues show (the business time left, or how late), and the detail
 * screen's card with each clock, its due time and its steps. The station
 * computes the clocks from the record's history; nothing here counts.
 */

/** Business minutes in words: "3 h 20 min", "45 min". */
export function useBusinessTime() {
  const { t } = useTranslation('complaints');
  return (minutes: number): string => {
    const whole = Math.round(Math.abs(minutes));
    const h = Math.floor(whole / 60);
    const m = whole % 60;
    return h > 0 ? t('sla.hours', { h, m }) : t('sla.minutes', { m });
  };
}

/** What the badge says, and its colour: paused grey, met teal, late red, under an hour orange, else blue. */
type BadgeKey = 'sla.paused' | 'sla.missed' | 'sla.met' | 'sla.overdue' | 'sla.dueNow' | 'sla.left';

function look(sla: Badged): { color: string; key: BadgeKey } {
  if (sla.state === 'paused') return { color: 'gray', key: 'sla.paused' };
  if (sla.state === 'stopped') return sla.breached ? { color: 'red', key: 'sla.missed' } : { color: 'teal', key: 'sla.met' };
  // late by less than a minute reads as due now, not "overdue by 0 min"
  if (sla.breached) return { color: 'red', key: sla.remainingMinutes <= -1 ? 'sla.overdue' : 'sla.dueNow' };
  if (sla.remainingMinutes <= 0) return { color: 'red', key: 'sla.dueNow' };
  return { color: sla.remainingMinutes < 60 ? 'orange' : 'blue', key: 'sla.left' };
}

/** The badge of a complaint's clock of most concern, with its due time (and the clock's name) on hover and for screen readers. */
export function SlaBadge({ sla }: { sla: Badged | null }) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const timeZone = useTimeZone();
  const time = useBusinessTime();
  if (!sla) return null;
  const { color, key } = look(sla);
  const clock = t(`sla.clockTitle.${sla.clock}`);
  const due = sla.due ? (dateTimeParts(sla.due, { language, timeZone })?.gregorian ?? sla.due) : '';
  const title = sla.state === 'paused' ? t('sla.badgePaused', { clock }) : t('sla.badgeTitle', { clock, due });
  const words = t(key, { time: time(sla.remainingMinutes) });
  return (
    <Tooltip label={title} withArrow>
      <Badge
        color={color}
        variant={sla.breached && sla.state !== 'stopped' ? 'filled' : 'light'}
        leftSection={sla.state === 'paused' ? <IconClockPause size={12} aria-hidden /> : <IconHourglass size={12} aria-hidden />}
        aria-label={`${words}. ${title}`}
        style={{ flexShrink: 0 }}
      >
        {words}
      </Badge>
    </Tooltip>
  );
}

function ClockBlock({ clock }: { clock: SlaClockView }) {
  const { t } = useTranslation('complaints');
  const time = useBusinessTime();
  const name = t(`sla.clockTitle.${clock.clock}`);
  const used = clock.target > 0 ? Math.min(100, Math.round((clock.elapsed / clock.target) * 100)) : 100;
  const badge: Badged = { clock: clock.clock, state: clock.state, remainingMinutes: clock.remaining, due: clock.due, breached: clock.breached };
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} size="sm" component="h4" m={0}>
          {name}
          {clock.cycles > 1 ? (
            <Text span size="xs" c="dimmed" ms={6}>
              {t('sla.cycle', { n: clock.cycle })}
            </Text>
          ) : null}
        </Text>
        <SlaBadge sla={badge} />
      </Group>
      <Progress
        value={used}
        color={clock.breached ? 'red' : used >= 80 ? 'orange' : 'teal'}
        aria-label={t('sla.progress', { clock: name, percent: used })}
        size="sm"
      />
      <Group gap="md" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('sla.target', { time: time(clock.target) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sla.counted', { time: time(clock.elapsed) })}
        </Text>
      </Group>
      {clock.due ? (
        <Group gap={6} align="flex-start">
          <Text size="xs" c="dimmed">
            {t('sla.due')}
          </Text>
          <DateTimeText value={clock.due} />
        </Group>
      ) : null}
      {clock.steps.length > 0 ? (
        <List size="xs" spacing={2} aria-label={`${name}: ${t('sla.steps')}`}>
          {clock.steps.map((step) => (
            <List.Item
              key={step.id}
              icon={
                <ThemeIcon size={16} radius="xl" color={step.fired ? 'teal' : 'gray'} variant="light" aria-hidden>
                  {step.fired ? <IconCheck size={10} /> : <IconHourglass size={10} />}
                </ThemeIcon>
              }
            >
              {step.kind === 'reminder' ? t('sla.stepReminder', { percent: step.percent ?? '' }) : t('sla.stepEscalation', { level: step.level ?? '' })}
              {' — '}
              {step.fired ? t('sla.stepFired') : t('sla.stepWaiting')}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

/** The detail screen's card: each clock of the complaint, with what it counted, when it is due, and which steps went out. */
export function ClocksCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation('complaints');
  if (complaint.clocks.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-clocks">
      <Title order={3} size="h4" id="complaint-clocks" mb={4}>
        {t('sla.card')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('sla.cardIntro')}
      </Text>
      <Stack gap="md">
        {complaint.clocks.map((clock) => (
          <ClockBlock key={clock.clock} clock={clock} />
        ))}
      </Stack>
    </Paper>
  );
}
