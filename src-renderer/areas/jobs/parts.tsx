import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackgroundErrorView, JobStatus } from '../../../src-shared/contract/index.js';
import type { Bilingual } from '../../../src-shared/messages.js';
import { useCallMutation } from '../../api/hooks.js';
import { DateTimeText, Ltr } from '../../components/bits.js';
import { pick, useLanguage, useNumberFormat } from '../../i18n/index.js';
import { durationParts, intervalParts } from './jobStates.js';

/** A job's schedule and how long a run took, in the reader's language, plural forms and all ("كل ثانيتين", "Every 2 seconds"). */
export function useJobTimes(): { duration: (ms: number) => string; schedule: (schedule: JobStatus['schedule']) => ReactNode } {
  const { t } = useTranslation('jobs');
  const language = useLanguage();
  return useMemo(() => {
    const locale = language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB';
    const format = ({ value, unit }: { value: number; unit: string }, unitDisplay: 'long' | 'short') =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }).format(value);
    const ONE = { second: t('jobs.everySecond'), minute: t('jobs.everyMinute'), hour: t('jobs.everyHour') } as const;
    return {
      duration: (ms) => format(durationParts(ms), 'short'),
      schedule: (schedule) => {
        if (schedule.kind === 'on-demand') return t('jobs.onDemand');
        if (schedule.kind === 'cron') {
          return (
            <>
              {t('jobs.cron')} <Ltr>{schedule.expression}</Ltr>
            </>
          );
        }
        const parts = intervalParts(schedule.ms);
        return parts.value === 1 && parts.unit !== 'millisecond' ? ONE[parts.unit] : t('jobs.every', { interval: format(parts, 'long') });
      },
    };
  }, [language, t]);
}

/** The last failure, in the reader's language, with its code and when it happened; how many runs in a row failed while it still fails. */
export function ErrorCell({ error, failures }: { error: BackgroundErrorView | null; failures: number }) {
  const { t } = useTranslation('jobs');
  const language = useLanguage();
  const number = useNumberFormat();
  if (!error) return <Text size="sm">{t('jobs.noError')}</Text>;
  return (
    // flex-start: the start of the line in either direction (a code in Latin must not drift to the left in Arabic)
    <Stack gap={2} align="flex-start">
      <Text size="sm" c={failures > 0 ? 'red.8' : undefined}>
        {pick(error.message, language)}
      </Text>
      {failures > 0 ? (
        <Text size="xs" c="dimmed">
          {t('jobs.failuresInRow', { count: number.format(failures) })}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('jobs.errorCode')} <Ltr dimmed>{error.code}</Ltr>
      </Text>
      <Text size="xs" c="dimmed">
        {t('jobs.failedAt')}
      </Text>
      <DateTimeText value={error.at} seconds />
    </Stack>
  );
}

/** A job's or a reader's name in the reader's language, its code under it at the start of the line in either direction. */
export function NameCell({ label, name }: { label: Bilingual; name: string }) {
  const language = useLanguage();
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={500}>
        {pick(label, language)}
      </Text>
      <Ltr dimmed>{name}</Ltr>
    </Stack>
  );
}

/** Runs a job now (jobs.runNow) and says so; a refusal stays in `error` for the table to show. */
export function useRunNow() {
  const { t } = useTranslation('jobs');
  const language = useLanguage();
  const mutation = useCallMutation('jobs.runNow', ['jobs.list']);
  return {
    error: mutation.error,
    isRunning: (job: string) => mutation.isPending && mutation.variables?.name === job,
    run: async (job: string, label: Bilingual) => {
      try {
        await mutation.mutateAsync({ name: job });
        notifications.show({ color: 'teal', message: t('jobs.asked', { name: pick(label, language) }) });
      } catch {
        // kept in `error`
      }
    },
  };
}
