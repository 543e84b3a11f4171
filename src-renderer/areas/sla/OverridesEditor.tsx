import { Checkbox, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendar } from '../../../src-shared/sla/business-time.js';
import { AddPeriodButton, type Segment, SegmentList, withNextSegment } from './HoursSegments.js';
import { RemoveButton, RowsSection, TOP } from './RowsSection.js';

export type Override = NonNullable<BusinessCalendar['overrides']>[number];

const RAMADAN_FIRST: Segment = ['10:00', '15:00'];
/** after the Taraweeh prayer: the evening half of Ramadan's split shift */
const RAMADAN_EVENING: Segment = ['21:00', '24:00'];

/**
 * Special periods: dates whose hours replace the week's, as a list of
 * working periods like a weekday's (Ramadan's split shift), or closed.
 * Where two cover a day the later in the list wins, as business time reads it.
 */
export function OverridesEditor({
  overrides,
  onChange,
  newFrom,
  errorAt,
}: {
  overrides: readonly Override[];
  onChange: (next: Override[]) => void;
  /** the first day a new special period proposes */
  newFrom: string;
  errorAt: (path: string) => string | undefined;
}) {
  const { t } = useTranslation('sla');
  return (
    <RowsSection
      title={t('calendar.overrides')}
      intro={t('calendar.overridesIntro')}
      empty={overrides.length === 0}
      columns={[t('calendar.firstDay'), t('calendar.lastDay'), t('calendar.hours')]}
      addLabel={t('calendar.addOverride')}
      onAdd={() => onChange([...overrides, { from: newFrom, to: newFrom, hours: [[...RAMADAN_FIRST]] }])}
    >
      {overrides.map((override, index) => {
        const n = index + 1;
        const set = (patch: Partial<Override>) => onChange(overrides.map((o, i) => (i === index ? ({ ...o, ...patch } as Override) : o)));
        return (
          <Table.Tr key={index}>
            <Table.Td style={TOP}>
              <TextInput
                type="date"
                size="xs"
                aria-label={t('calendar.firstDayN', { n })}
                value={override.from}
                error={errorAt(`calendar.overrides.${index}.from`)}
                onChange={(e) => set({ from: e.currentTarget.value })}
              />
            </Table.Td>
            <Table.Td style={TOP}>
              <TextInput
                type="date"
                size="xs"
                aria-label={t('calendar.lastDayN', { n })}
                value={override.to}
                error={errorAt(`calendar.overrides.${index}.to`)}
                onChange={(e) => set({ to: e.currentTarget.value })}
              />
            </Table.Td>
            <Table.Td style={TOP}>
              <Stack gap={6} align="flex-start">
                <Checkbox
                  label={t('calendar.closed')}
                  aria-label={t('calendar.closedN', { n })}
                  checked={override.hours === 'closed'}
                  onChange={(e) => set({ hours: e.currentTarget.checked ? 'closed' : [[...RAMADAN_FIRST]] })}
                />
                {override.hours === 'closed' ? null : (
                  <>
                    <SegmentList
                      segments={override.hours}
                      onChange={(hours) => set({ hours })}
                      empty={t('calendar.noHours')}
                      error={errorAt(`calendar.overrides.${index}.hours`)}
                      labels={{
                        from: (k) => t('calendar.overrideFrom', { n, k }),
                        to: (k) => t('calendar.overrideTo', { n, k }),
                        remove: (k) => t('calendar.removeOverridePeriod', { n, k }),
                      }}
                    />
                    <AddPeriodButton
                      label={t('calendar.addOverridePeriod', { n })}
                      onClick={() => set({ hours: withNextSegment(override.hours === 'closed' ? [] : override.hours, RAMADAN_FIRST, RAMADAN_EVENING) })}
                    />
                  </>
                )}
              </Stack>
            </Table.Td>
            <Table.Td style={TOP}>
              <RemoveButton label={t('calendar.removeOverride', { n })} onClick={() => onChange(overrides.filter((_, i) => i !== index))} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </RowsSection>
  );
}
