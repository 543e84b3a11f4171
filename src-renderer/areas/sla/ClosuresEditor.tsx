import { Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTimeParts } from '../../../src-shared/dates.js';
import { MESSAGES } from '../../../src-shared/messages.js';
import { pick, useLanguage } from '../../i18n/index.js';
import { type ClosureRow, closureOfRow, newClosureRow } from './closureTimes.js';
import { RemoveButton, RowsSection, TOP } from './RowsSection.js';

type End = 'start' | 'end';

/**
 * Closures: spans when nothing counts, whatever the hours say (a holiday
 * from 16:00 on 29 Ramadan, a closure across midnight, an outage), entered
 * as dates and times on the hospital's clock and stored as instants.
 */
export function ClosuresEditor({
  rows,
  onChange,
  timeZone,
  showMissing,
  errorAt,
}: {
  rows: readonly ClosureRow[];
  onChange: (next: ClosureRow[]) => void;
  timeZone: string;
  /** say which dates and times are missing (after a save was tried); an end before its start is said at once */
  showMissing: boolean;
  errorAt: (path: string) => string | undefined;
}) {
  const { t } = useTranslation('sla');
  const language = useLanguage();
  return (
    <RowsSection
      title={t('calendar.closures')}
      intro={t('calendar.closuresIntro', { zone: timeZone })}
      empty={rows.length === 0}
      columns={[t('calendar.closureStarts'), t('calendar.closureEnds')]}
      addLabel={t('calendar.addClosure')}
      onAdd={() => onChange([...rows, newClosureRow(new Date(), timeZone)])}
    >
      {rows.map((row, index) => {
        const n = index + 1;
        const set = (patch: Partial<ClosureRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
        const { problems } = closureOfRow(row, timeZone);
        const problemAt = (end: End): string | undefined => {
          const key = problems?.[end];
          const shown = key === 'field.sla_closure_order' || (key !== undefined && showMissing) ? pick(MESSAGES[key], language) : undefined;
          return shown ?? errorAt(`calendar.closures.${index}.${end}`);
        };
        const cell = (end: End) => {
          const date = end === 'start' ? row.startDate : row.endDate;
          const time = end === 'start' ? row.startTime : row.endTime;
          // the Hijri date of the day entered: the officer reads the holiday's days by it ("29 Ramadan")
          const hijri = dateTimeParts(date, { language })?.hijri;
          const error = problemAt(end);
          const errorId = `sla-closure-${n}-${end}-error`;
          return (
            <Table.Td style={TOP}>
              <Stack gap={2}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <TextInput
                    type="date"
                    size="xs"
                    w={140}
                    aria-label={t(end === 'start' ? 'calendar.closureStartDate' : 'calendar.closureEndDate', { n })}
                    value={date}
                    error={Boolean(error)}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(e) => set(end === 'start' ? { startDate: e.currentTarget.value } : { endDate: e.currentTarget.value })}
                  />
                  <TextInput
                    size="xs"
                    w={80}
                    dir="ltr"
                    placeholder={end === 'start' ? '16:00' : '24:00'}
                    aria-label={t(end === 'start' ? 'calendar.closureStartTime' : 'calendar.closureEndTime', { n })}
                    value={time}
                    error={Boolean(error)}
                    aria-describedby={error ? errorId : undefined}
                    onChange={(e) => set(end === 'start' ? { startTime: e.currentTarget.value } : { endTime: e.currentTarget.value })}
                  />
                </Group>
                {hijri ? (
                  <Text size="xs" c="dimmed">
                    {hijri}
                  </Text>
                ) : null}
                {error ? (
                  <Text size="xs" c="red.8" role="alert" id={errorId}>
                    {error}
                  </Text>
                ) : null}
              </Stack>
            </Table.Td>
          );
        };
        return (
          <Table.Tr key={index}>
            {cell('start')}
            {cell('end')}
            <Table.Td style={TOP}>
              <RemoveButton label={t('calendar.removeClosure', { n })} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </RowsSection>
  );
}
