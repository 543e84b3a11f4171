import { List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { useFigureFormat } from '../labels.js';

function FigureCard({ label, value, hint, tone }: { label: string; value: string; hint: ReactNode; tone?: 'alert' }) {
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={label}>
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <Text
          fz={28}
          fw={700}
          lh={1.2}
          c={tone === 'alert' ? 'red.8' : undefined}
          component="bdi"
          dir="ltr"
          style={{ unicodeBidi: 'isolate', fontVariantNumeric: 'tabular-nums', alignSelf: 'flex-start' }}
        >
          {value}
        </Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The counts of the control center, each with what it counts in words, and the response rate with its own sum written out. */
export function FigureCards({ figures }: { figures: SurveyFigures }) {
  const { t } = useTranslation('surveys');
  const f = useFigureFormat();
  // the sum reads left to right in either language: isolated, so Arabic text around it cannot reorder it
  const rateHint = t('surveys.responseRateHint', {
    sum: `\u2066${f.count(figures.completed)}\u00a0÷\u00a0(${f.count(figures.invited)}\u00a0−\u00a0${f.count(figures.undeliverable)})\u2069`,
  });
  return (
    <section aria-labelledby="survey-figures">
      <Title order={3} size="h4" id="survey-figures" mb="sm">
        {t('surveys.figures')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <FigureCard label={t('surveys.invited')} value={f.count(figures.invited)} hint={t('surveys.invitedHint')} />
        <FigureCard label={t('surveys.delivered')} value={f.count(figures.delivered)} hint={t('surveys.deliveredHint')} />
        <FigureCard label={t('surveys.opened')} value={f.count(figures.opened)} hint={t('surveys.openedHint')} />
        <FigureCard label={t('surveys.started')} value={f.count(figures.started)} hint={t('surveys.startedHint')} />
        <FigureCard label={t('surveys.completed')} value={f.count(figures.completed)} hint={t('surveys.completedHint')} />
        <FigureCard label={t('surveys.responseRate')} value={f.percent(figures.responseRate)} hint={rateHint} />
        <FigureCard
          label={t('surveys.negative')}
          value={f.count(figures.negative)}
          hint={t('surveys.negativeHint')}
          {...(figures.negative > 0 ? { tone: 'alert' as const } : {})}
        />
        <FigureCard
          label={t('surveys.afterReminder')}
          value={f.count(figures.completedAfterReminder)}
          hint={
            figures.completedAfterReminder > 0
              ? t('surveys.afterReminderHint', { count: f.count(figures.completedAfterReminder), completed: f.count(figures.completed) })
              : t('surveys.afterReminderNone')
          }
        />
      </SimpleGrid>
    </section>
  );
}

/** The surveys that were due but not sent, and why, in words a PX officer reads aloud. */
export function SkippedNote({ skipped }: { skipped: SurveyFigures['skipped'] }) {
  const { t } = useTranslation('surveys');
  const f = useFigureFormat();
  const lines = [
    skipped.fatigue > 0 ? t('surveys.skippedFatigue', { count: f.count(skipped.fatigue) }) : null,
    skipped.optedOut > 0 ? t('surveys.skippedOptedOut', { count: f.count(skipped.optedOut) }) : null,
    skipped.noContact > 0 ? t('surveys.skippedNoContact', { count: f.count(skipped.noContact) }) : null,
  ].filter((line): line is string => line !== null);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-skipped">
      <Title order={3} size="h5" id="survey-skipped" mb={6}>
        {t('surveys.skippedTitle')}
      </Title>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('surveys.skippedNone')}
        </Text>
      ) : (
        <List size="sm" spacing={4}>
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
