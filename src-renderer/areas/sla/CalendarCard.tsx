import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconCalendarPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaCalendarView } from '../../../src-shared/contract/index.js';
import type { BusinessCalendar, Weekday } from '../../../src-shared/sla/business-time.js';
import { isApiError } from '../../api/client.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { DateTimeText } from '../../components/bits.js';
import { useNotify } from '../../components/notify.js';
import { ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { pick, useLanguage } from '../../i18n/index.js';

/** Sunday first, as a Saudi week reads. */
const DAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

type Segment = [string, string];
type Override = NonNullable<BusinessCalendar['overrides']>[number];

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

/** One day's working periods (split shifts): each a start and an end; none is a day off. */
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
        <Stack gap={4}>
          {segments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('calendar.dayOff')}
            </Text>
          ) : null}
          {segments.map(([from, to], index) => (
            <Group key={index} gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                w={90}
                dir="ltr"
                placeholder="08:00"
                aria-label={t('calendar.from', { day: name, n: index + 1 })}
                value={from}
                onChange={(e) => onChange(segments.map((s, i) => (i === index ? [e.currentTarget.value, s[1]] : [...s])))}
              />
              <Text size="sm" aria-hidden>
                –
              </Text>
              <TextInput
                size="xs"
                w={90}
                aria-label={t('calendar.to', { day: name, n: index + 1 })}
                placeholder="16:00"
                value={to}
                dir="ltr"
                onChange={(e) => onChange(segments.map((s, i) => (i === index ? [s[0], e.currentTarget.value] : [...s])))}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('calendar.removePeriod', { day: name, n: index + 1 })}
                onClick={() => onChange(segments.filter((_, i) => i !== index).map((s) => [...s]))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {error ? (
            <Text size="xs" c="red.8" role="alert">
              {error}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td w={160}>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...segments.map((s) => [...s] as Segment), segments.length === 0 ? ['08:00', '16:00'] : ['17:00', '21:00']])}
          aria-label={t('calendar.addPeriodTo', { day: name })}
        >
          {t('calendar.addPeriod')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function copyOf(calendar: BusinessCalendar): BusinessCalendar {
  return JSON.parse(JSON.stringify(calendar)) as BusinessCalendar;
}

/**
 * A hospital's business calendar: the weekly hours with split shifts, the
 * special periods (Ramadan hours, a closed day), and the year's holidays
 * proposed from the Umm al-Qura calendar, which apply only once an officer
 * adds them and saves. Each save is a new version from now: open clocks are
 * recomputed, closed ones keep what they were measured by.
 */
export function CalendarCard({ hospitalId }: { hospitalId: string }) {
  const { t } = useTranslation('sla');
  const notify = useNotify();
  const language = useLanguage();
  const year = new Date().getFullYear();
  const query = useCallQuery('sla.calendar', { hospitalId, year });
  const save = useCallMutation('sla.saveCalendar', ['sla.calendar']);
  const [draft, setDraft] = useState<BusinessCalendar | null>(null);
  const [note, setNote] = useState('');
  const errors = useFieldErrors(save.error);

  const shown: SlaCalendarView['current'] | null = query.data ? (query.data.upcoming ?? query.data.current) : null;
  useEffect(() => {
    if (shown) setDraft(copyOf(shown.calendar));
    // a fresh copy when the saved version changes, not on every refetch
  }, [shown?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || !draft || !shown) return <LoadingState />;
  const view = query.data;
  const overrides = draft.overrides ?? [];
  const setOverrides = (next: Override[]) => setDraft({ ...draft, overrides: next });
  const covered = (from: string, to: string) => overrides.some((o) => o.hours === 'closed' && o.from <= from && to <= o.to);

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

        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('calendar.overrides')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.overridesIntro')}
          </Text>
          {overrides.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('calendar.noOverrides')}
            </Text>
          ) : (
            <Table withTableBorder aria-label={t('calendar.overrides')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calendar.firstDay')}</Table.Th>
                  <Table.Th>{t('calendar.lastDay')}</Table.Th>
                  <Table.Th>{t('calendar.hours')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('calendar.remove')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overrides.map((override, index) => {
                  const set = (patch: Partial<Override>) => setOverrides(overrides.map((o, i) => (i === index ? ({ ...o, ...patch } as Override) : o)));
                  const closed = override.hours === 'closed';
                  const hours = closed ? (['', ''] as Segment) : (override.hours[0] ?? ['', '']);
                  return (
                    <Table.Tr key={index}>
                      <Table.Td>
                        <TextInput
                          type="date"
                          size="xs"
                          aria-label={t('calendar.firstDayN', { n: index + 1 })}
                          value={override.from}
                          error={errors.at(`calendar.overrides.${index}.from`)}
                          onChange={(e) => set({ from: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          type="date"
                          size="xs"
                          aria-label={t('calendar.lastDayN', { n: index + 1 })}
                          value={override.to}
                          error={errors.at(`calendar.overrides.${index}.to`)}
                          onChange={(e) => set({ to: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Checkbox
                            label={t('calendar.closed')}
                            checked={closed}
                            onChange={(e) => set({ hours: e.currentTarget.checked ? 'closed' : [['10:00', '15:00']] })}
                          />
                          {closed ? null : (
                            <>
                              <TextInput
                                size="xs"
                                w={90}
                                dir="ltr"
                                placeholder="10:00"
                                aria-label={t('calendar.overrideFrom', { n: index + 1 })}
                                value={hours[0]}
                                onChange={(e) => set({ hours: [[e.currentTarget.value, hours[1]]] })}
                              />
                              <TextInput
                                size="xs"
                                w={90}
                                dir="ltr"
                                aria-label={t('calendar.overrideTo', { n: index + 1 })}
                                value={hours[1]}
                                error={errors.at(`calendar.overrides.${index}.hours`)}
                                onChange={(e) => set({ hours: [[hours[0], e.currentTarget.value]] })}
                              />
                            </>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('calendar.removeOverride', { n: index + 1 })}
                          onClick={() => setOverrides(overrides.filter((_, i) => i !== index))}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setOverrides([...overrides, { from: `${year}-01-01`, to: `${year}-01-01`, hours: [['10:00', '15:00']] }])}
            >
              {t('calendar.addOverride')}
            </Button>
          </Group>
        </Stack>

        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('calendar.holidays', { year })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.holidaysIntro')}
          </Text>
          <Table withTableBorder aria-label={t('calendar.holidays', { year })}>
            <Table.Tbody>
              {view.proposedHolidays.map((holiday) => {
                const inDraft = covered(holiday.from, holiday.to);
                return (
                  <Table.Tr key={holiday.key}>
                    <Table.Td>{pick({ en: holiday.nameEn, ar: holiday.nameAr }, language)}</Table.Td>
                    <Table.Td>
                      <bdi dir="ltr">
                        {holiday.from}
                        {holiday.to === holiday.from ? '' : ` → ${holiday.to}`}
                      </bdi>
                    </Table.Td>
                    <Table.Td>
                      {holiday.confirmed ? (
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
                          aria-label={t('calendar.confirmHoliday', { name: pick({ en: holiday.nameEn, ar: holiday.nameAr }, language) })}
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
        </Stack>

        {errors.all.length > 0 ? (
          <Alert color="red" variant="light" role="alert" title={t('calendar.notSaved')}>
            {errors.all.join(' ')}
          </Alert>
        ) : (
          <ErrorAlert error={save.error && !isApiError(save.error) ? save.error : undefined} />
        )}
        <Group align="flex-end">
          <TextInput label={t('calendar.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { hospitalId, calendar: draft, ...(note.trim() ? { note: note.trim() } : {}) },
                {
                  onSuccess: () => {
                    setNote('');
                    notify.done(t('calendar.savedNotice'));
                  },
                },
              )
            }
          >
            {t('calendar.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
