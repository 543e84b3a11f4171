import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RemoveButton } from './RowsSection.js';

export type Segment = [string, string];

/** The names a screen reader gives the inputs of working period n (from 1). */
export interface SegmentLabels {
  readonly from: (n: number) => string;
  readonly to: (n: number) => string;
  readonly remove: (n: number) => string;
}

/** The segments with one more: `first` when there are none, else `later` (the evening of a split shift). */
export function withNextSegment(segments: readonly Segment[], first: Segment, later: Segment): Segment[] {
  return [...segments.map((s) => [...s] as Segment), [...(segments.length === 0 ? first : later)] as Segment];
}

/**
 * Working periods (split shifts), each a start and an end: one day of the
 * week or a special period edits them alike. None is a day without work.
 */
export function SegmentList({
  segments,
  onChange,
  labels,
  empty,
  error,
}: {
  segments: readonly Segment[];
  onChange: (next: Segment[]) => void;
  labels: SegmentLabels;
  /** what no segment means here: a day off, a special period closed all day */
  empty: string;
  error: string | undefined;
}) {
  const edit = (index: number, at: 0 | 1, value: string) =>
    onChange(segments.map((s, i): Segment => (i !== index ? [...s] : at === 0 ? [value, s[1]] : [s[0], value])));
  return (
    <Stack gap={4}>
      {segments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : null}
      {segments.map(([from, to], index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            w={90}
            dir="ltr"
            placeholder="08:00"
            aria-label={labels.from(index + 1)}
            value={from}
            onChange={(e) => edit(index, 0, e.currentTarget.value)}
          />
          <Text size="sm" aria-hidden>
            –
          </Text>
          <TextInput
            size="xs"
            w={90}
            dir="ltr"
            placeholder="16:00"
            aria-label={labels.to(index + 1)}
            value={to}
            onChange={(e) => edit(index, 1, e.currentTarget.value)}
          />
          <RemoveButton label={labels.remove(index + 1)} onClick={() => onChange(segments.filter((_, i) => i !== index).map((s) => [...s] as Segment))} />
        </Group>
      ))}
      {error ? (
        <Text size="xs" c="red.8" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

/** "Add a period", named for the day or special period it adds to. */
export function AddPeriodButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation('sla');
  return (
    <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} aria-label={label} onClick={onClick}>
      {t('calendar.addPeriod')}
    </Button>
  );
}
