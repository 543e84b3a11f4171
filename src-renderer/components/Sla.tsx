import { Badge, Group, List, Paper, Progress, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconClockPause, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SlaBadge as Badged, SlaClockView } from '../../src-shared/contract/index.js';
import { dateTimeParts } from '../../src-shared/dates.js';
import { DateTimeText } from './bits.js';
import { useLanguage } from '../i18n/index.js';
import { useTimeZone } from '../shell/useTimeZone.js';

/**
 * A complaint's SLA clocks on screen (docs/sla-design.md): the badge the
 * queues show (the business time left, or how late), and the detail
 * screen's card with each clock, its due time and its steps. The station
 * computes the clocks from the record's history; nothing here counts.
 */

/** Business minutes in words: "3 h 20 min", "45 min". */
export function useBusinessTime() {
  const { t } = useTranslation();
  return (minutes: number): string => {
    const whole = Math.round(Math.abs(minutes));
    const h = Math.floor(whole / 60);
    const m = whole % 60;
    return h > 0 ? t('slaClock.hours', { h, m }) : t('slaClock.minutes', { m });
  };
}

/** What the badge says, and its colour: paused grey, met teal, late red, under an hour orange, else blue. */
type BadgeKey = 'slaClock.paused' | 'slaClock.missed' | 'slaClock.met' | 'slaClock.overdue' | 'slaClock.dueNow' | 'slaClock.left';

function look(sla: Badged): { color: string; key: BadgeKey } {
  if (sla.state === 'paused') return { color: 'gray', key: 'slaClock.paused' };
  if (sla.state === 'stopped') return sla.breached ? { color: 'red', key: 'slaClock.missed' } : { color: 'teal', key: 'slaClock.met' };
  // late by less than a minute reads as due now, not "overdue by 0 min"
  if (sla.breached) return { color: 'red', key: sla.remainingMinutes <= -1 ? 'slaClock.overdue' : 'slaClock.dueNow' };
  if (sla.remainingMinutes <= 0) return { color: 'red', key: 'slaClock.dueNow' };
  return { color: sla.remainingMinutes < 60 ? 'orange' : 'blue', key: 'slaClock.left' };
}

/** The badge of a complaint's clock of most concern, with its due time (and the clock's name) on hover and for screen readers. */
export function SlaBadge({ sla }: { sla: Badged | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const time = useBusinessTime();
  if (!sla) return null;
  const { color, key } = look(sla);
  const clock = t(`slaClock.clockTitle.${sla.clock}`);
  const due = sla.due ? (dateTimeParts(sla.due, { language, timeZone })?.gregorian ?? sla.due) : '';
  const title = sla.state === 'paused' ? t('slaClock.badgePaused', { clock }) : t('slaClock.badgeTitle', { clock, due });
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
  const { t } = useTranslation();
  const time = useBusinessTime();
  const name = t(`slaClock.clockTitle.${clock.clock}`);
  const used = clock.target > 0 ? Math.min(100, Math.round((clock.elapsed / clock.target) * 100)) : 100;
  const badge: Badged = { clock: clock.clock, state: clock.state, remainingMinutes: clock.remaining, due: clock.due, breached: clock.breached };
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} size="sm" component="h4" m={0}>
          {name}
          {clock.cycles > 1 ? (
            <Text span size="xs" c="dimmed" ms={6}>
              {t('slaClock.cycle', { n: clock.cycle })}
            </Text>
          ) : null}
        </Text>
        <SlaBadge sla={badge} />
      </Group>
      <Progress
        value={used}
        color={clock.breached ? 'red' : used >= 80 ? 'orange' : 'teal'}
        aria-label={t('slaClock.progress', { clock: name, percent: used })}
        size="sm"
      />
      <Group gap="md" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('slaClock.target', { time: time(clock.target) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('slaClock.counted', { time: time(clock.elapsed) })}
        </Text>
      </Group>
      {clock.due ? (
        <Group gap={6} align="flex-start">
          <Text size="xs" c="dimmed">
            {t('slaClock.due')}
          </Text>
          <DateTimeText value={clock.due} />
        </Group>
      ) : null}
      {clock.steps.length > 0 ? (
        <List size="xs" spacing={2} aria-label={`${name}: ${t('slaClock.steps')}`}>
          {clock.steps.map((step) => (
            <List.Item
              key={step.id}
              icon={
                <ThemeIcon size={16} radius="xl" color={step.fired ? 'teal' : 'gray'} variant="light" aria-hidden>
                  {step.fired ? <IconCheck size={10} /> : <IconHourglass size={10} />}
                </ThemeIcon>
              }
            >
              {step.kind === 'reminder'
                ? t('slaClock.stepReminder', { percent: step.percent ?? '' })
                : t('slaClock.stepEscalation', { level: step.level ?? '' })}
              {' — '}
              {step.fired ? t('slaClock.stepFired') : t('slaClock.stepWaiting')}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

/** A detail screen's card: each clock of the record, with what it counted, when it is due, and which steps went out. */
export function ClocksCard({ clocks }: { clocks: readonly SlaClockView[] }) {
  const { t } = useTranslation();
  if (clocks.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="record-clocks">
      <Title order={3} size="h4" id="record-clocks" mb={4}>
        {t('slaClock.card')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('slaClock.cardIntro')}
      </Text>
      <Stack gap="md">
        {clocks.map((clock) => (
          <ClockBlock key={clock.clock} clock={clock} />
        ))}
      </Stack>
    </Paper>
  );
}
