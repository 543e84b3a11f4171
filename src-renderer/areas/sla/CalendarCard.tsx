import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaCalendarView } from '../../../src-shared/contract/index.js';
import { MESSAGES } from '../../../src-shared/messages.js';
import type { BusinessCalendar, Weekday } from '../../../src-shared/sla/business-time.js';
import { isConfirmed } from '../../../src-shared/sla/holidays.js';
import { isApiError } from '../../api/client.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { DateTimeText } from '../../components/bits.js';
import { useNotify } from '../../components/notify.js';
import { ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';
import { ClosuresEditor } from './ClosuresEditor.js';
import { type ClosureRow, closureOfRow, closureRowOf } from './closureTimes.js';
import { AddPeriodButton, type Segment, SegmentList, withNextSegment } from './HoursSegments.js';
import { type Override, OverridesEditor } from './OverridesEditor.js';

/** Sunday first, as a Saudi week reads. */
const DAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** What the station refused, by field path, in the reader's language. */
function useFieldErrors(error: unknown) {
  const language = useLanguage();
  const fields = isApiError(error) ? error.fields : [];
  return {
    at: (path: string) => {
      const found = fields.filter((f) => f.path === path || f.path.startsWith(`${path}.`));
      return found.length > 0 ? found.map((f) => pick(f.message, language)).join(' ') : undefined;
    },
    all: fields.map((f) => pick(f.message, language)),
  };
}

/** One day of the week: its working periods (split shifts); none is a day off. */
function DayRow({
  day,
  segments,
  onChange,
  error,
}: {
  day: Weekday;
  segments: readonly Segment[];
  onChange: (next: Segment[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('sla');
  const name = t(`day.${DAY_KEYS[day]}`);
  return (
    <Table.Tr>
      <Table.Th scope="row" w={120}>
        {name}
      </Table.Th>
      <Table.Td>
        <SegmentList
          segments={segments}
          onChange={onChange}
          empty={t('calendar.dayOff')}
          error={error}
          labels={{
            from: (n) => t('calendar.from', { day: name, n }),
            to: (n) => t('calendar.to', { day: name, n }),
            remove: (n) => t('calendar.removePeriod', { day: name, n }),
          }}
        />
      </Table.Td>
      <Table.Td w={160}>
        <AddPeriodButton
          label={t('calendar.addPeriodTo', { day: name })}
          onClick={() => onChange(withNextSegment(segments, ['08:00', '16:00'], ['17:00', '21:00']))}
        />
      </Table.Td>
    </Table.Tr>
  );
}

function copyOf(calendar: BusinessCalendar): BusinessCalendar {
  return JSON.parse(JSON.stringify(calendar)) as BusinessCalendar;
}

/**
 * A hospital's business calendar: the weekly hours with split shifts, the
 * special periods (Ramadan hours, a closed day), the closures (from an
 * instant to an instant), and a year's holidays proposed from the Umm
 * al-Qura calendar, which apply only once an officer adds them and saves.
 * Each save is a new version from now: open clocks are recomputed, closed
 * ones keep what they were measured by.
 */
export function CalendarCard({ hospitalId }: { hospitalId: string }) {
  const { t } = useTranslation('sla');
  const notify = useNotify();
  const language = useLanguage();
  const thisYear = new Date().getFullYear();
  // the holidays an officer can confirm: this year's, and next year's in advance
  const years = [thisYear, thisYear + 1];
  const [year, setYear] = useState(thisYear);
  // another year's holidays load under the card as it is: the draft and the focus stay
  const query = useCallQuery('sla.calendar', { hospitalId, year }, { keepPrevious: true });
  const save = useCallMutation('sla.saveCalendar', ['sla.calendar']);
  const [draft, setDraft] = useState<BusinessCalendar | null>(null);
  const [closures, setClosures] = useState<ClosureRow[]>([]);
  const [closuresTried, setClosuresTried] = useState(false);
  const [note, setNote] = useState('');
  const errors = useFieldErrors(save.error);

  const shown: SlaCalendarView['current'] | null = query.data ? (query.data.upcoming ?? query.data.current) : null;
  useEffect(() => {
    if (!shown) return;
    setDraft(copyOf(shown.calendar));
    setClosures((shown.calendar.closures ?? []).map((c) => closureRowOf(c, shown.calendar.timeZone)));
    setClosuresTried(false);
    // a fresh copy when the saved version changes, not on every refetch
  }, [shown?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || !draft || !shown) return <LoadingState />;
  const view = query.data;
  const overrides = draft.overrides ?? [];
  const setOverrides = (next: Override[]) => setDraft({ ...draft, overrides: next });
  const read = closures.map((row) => closureOfRow(row, draft.timeZone).closure);
  const closuresReady = read.every((c) => c !== null);

  const saveCalendar = () => {
    if (!closuresReady) {
      setClosuresTried(true);
      return;
    }
    save.mutate(
      { hospitalId, calendar: { ...draft, closures: read.filter((c) => c !== null) }, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote('');
          notify.done(t('calendar.savedNotice'));
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sla-calendar">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h4" id="sla-calendar">
              {t('calendar.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('calendar.intro', { zone: draft.timeZone })}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Badge variant="light" color={shown.isDefault ? 'gray' : 'teal'}>
              {shown.isDefault ? t('calendar.default') : t('calendar.saved')}
            </Badge>
            {shown.isDefault ? null : <DateTimeText value={shown.effectiveFrom} />}
          </Stack>
        </Group>
        <Table withTableBorder aria-label={t('calendar.weekly')}>
          <Table.Tbody>
            {DAYS.map((day) => (
              <DayRow
                key={day}
                day={day}
                segments={draft.weekly[day]}
                error={errors.at(`calendar.weekly.${day}`)}
                onChange={(next) => setDraft({ ...draft, weekly: { ...draft.weekly, [day]: next } })}
              />
            ))}
          </Table.Tbody>
        </Table>

        <OverridesEditor overrides={overrides} onChange={setOverrides} newFrom={`${thisYear}-01-01`} errorAt={errors.at} />

        <ClosuresEditor rows={closures} onChange={setClosures} timeZone={draft.timeZone} showMissing={closuresTried} errorAt={errors.at} />

        <Stack gap="xs">
          <Group justify="space-between" align="flex-end" gap="xs">
            <Title order={4} size="h5">
              {t('calendar.holidays', { year })}
            </Title>
            <SegmentedControl
              size="xs"
              aria-label={t('calendar.holidayYear')}
              value={String(year)}
              onChange={(value) => setYear(Number(value))}
              data={years.map((y) => ({ value: String(y), label: String(y) }))}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {t('calendar.holidaysIntro')}
          </Text>
          {query.isPlaceholderData ? (
            <LoadingState />
          ) : (
            <Table withTableBorder aria-label={t('calendar.holidays', { year })}>
              <Table.Tbody>
                {view.proposedHolidays.map((holiday) => {
                  const name = pick({ en: holiday.nameEn, ar: holiday.nameAr }, language);
                  // as business time reads the draft: the last override covering a day decides it
                  const inDraft = isConfirmed(holiday, draft);
                  return (
                    <Table.Tr key={holiday.key}>
                      <Table.Td>{name}</Table.Td>
                      <Table.Td>
                        <bdi dir="ltr">
                          {holiday.from}
                          {holiday.to === holiday.from ? '' : ` → ${holiday.to}`}
                        </bdi>
                      </Table.Td>
                      <Table.Td>
                        {inDraft && holiday.confirmed ? (
                          <Badge color="teal" variant="light">
                            {t('calendar.confirmed')}
                          </Badge>
                        ) : inDraft ? (
                          <Badge color="blue" variant="light">
                            {t('calendar.addedUnsaved')}
                          </Badge>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconCalendarPlus size={14} aria-hidden />}
                            aria-label={t('calendar.confirmHoliday', { name })}
                            onClick={() => setOverrides([...overrides, { from: holiday.from, to: holiday.to, hours: 'closed' }])}
                          >
                            {t('calendar.addClosed')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Stack>

        {errors.all.length > 0 ? (
          <Alert color="red" variant="light" role="alert" title={t('calendar.notSaved')}>
            {errors.all.join(' ')}
          </Alert>
        ) : closuresTried && !closuresReady ? (
          <Alert color="red" variant="light" role="alert" title={t('calendar.notSaved')}>
            {pick(MESSAGES['error.validation'], language)}
          </Alert>
        ) : (
          <ErrorAlert error={save.error && !isApiError(save.error) ? save.error : undefined} />
        )}
        <Group align="flex-end">
          <TextInput label={t('calendar.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
          <Button loading={save.isPending} onClick={saveCalendar}>
            {t('calendar.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
