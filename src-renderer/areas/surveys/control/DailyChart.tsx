import { Box, Paper, SimpleGrid, Stack, Table, Text, Title, useDirection } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { EmptyState } from '../../../components/StateViews.js';
import { useLanguage } from '../../../i18n/index.js';
import { Figure, useFigureFormat } from '../labels.js';
import { axisTicks, axisX, barWidth, everyDay, labelledDays, linePath, niceCeiling, slotX, valueY, type DayPoint, type PlotArea } from './chart.js';

const PLOT: PlotArea = { width: 640, height: 180, axis: 40, top: 10, bottom: 28 };
const INK = 'var(--mantine-color-dimmed)';
const GRID = 'var(--mantine-color-gray-3)';

function useDayLabel(): (day: string) => string {
  const language = useLanguage();
  return useMemo(() => {
    // the day is already the hospital's calendar day: written as it is, not moved by a zone
    const format = new Intl.DateTimeFormat(language === 'ar' ? 'ar-SA-u-nu-latn-ca-gregory' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  }, [language]);
}

interface SeriesChartProps {
  title: string;
  points: readonly DayPoint[];
  kind: 'bars' | 'line';
  /** the value drawn for a day; null leaves the day empty */
  value: (point: DayPoint) => number | null;
  max: number;
  format: (n: number) => string;
}

/**
 * One series per day as SVG. The days run from the reading start (left in
 * English, right in Arabic) and the value axis stands on that side too;
 * labels are placed by hand, so the SVG itself is laid out left to right.
 */
function SeriesChart({ title, points, kind, value, max, format }: SeriesChartProps) {
  const { t } = useTranslation('surveys');
  const rtl = useDirection().dir === 'rtl';
  const dayLabel = useDayLabel();
  const count = points.length;
  const ticks = axisTicks(max);
  const axis = axisX(PLOT, rtl);
  const bottom = valueY(0, max, PLOT);
  const values = points.map(value);
  const best = values.reduce<number>((top, v, i) => (v !== null && v > (values[top] ?? -1) ? i : top), 0);
  const summary = t('surveys.dailyChartLabel', {
    title,
    first: dayLabel(points[0]?.day ?? ''),
    last: dayLabel(points.at(-1)?.day ?? ''),
    max: format(values[best] ?? 0),
    maxDay: dayLabel(points[best]?.day ?? ''),
  });
  const [innerStart, innerEnd] = rtl ? [0, PLOT.width - PLOT.axis] : [PLOT.axis, PLOT.width];

  return (
    <Stack gap={6} component="figure" m={0}>
      <Text size="sm" fw={600} component="figcaption">
        {title}
      </Text>
      <svg
        viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
        width="100%"
        role="img"
        aria-label={summary}
        style={{ direction: 'ltr', display: 'block', overflow: 'visible', fontFamily: 'inherit' }}
      >
        {ticks.map((tick) => {
          const y = valueY(tick, max, PLOT);
          return (
            <g key={tick}>
              <line x1={innerStart} x2={innerEnd} y1={y} y2={y} stroke={GRID} strokeWidth={1} />
              <text x={rtl ? axis + 6 : axis - 6} y={y} dy="0.35em" textAnchor={rtl ? 'start' : 'end'} fontSize={12} fill={INK}>
                {format(tick)}
              </text>
            </g>
          );
        })}
        <line x1={axis} x2={axis} y1={PLOT.top} y2={bottom} stroke={INK} strokeWidth={1} />
        {kind === 'bars'
          ? points.map((point, i) => {
              const v = values[i] ?? null;
              if (v === null || v <= 0) return null;
              const width = barWidth(count, PLOT);
              const top = valueY(v, max, PLOT);
              return (
                <rect
                  key={point.day}
                  x={slotX(i, count, PLOT, rtl) - width / 2}
                  y={top}
                  width={width}
                  height={bottom - top}
                  rx={2}
                  fill="var(--mantine-color-teal-6)"
                >
                  <title>{`${dayLabel(point.day)}: ${format(v)}`}</title>
                </rect>
              );
            })
          : null}
        {kind === 'line' ? (
          <>
            <path
              d={linePath(points.map((_, i) => ({ x: slotX(i, count, PLOT, rtl), y: values[i] === null ? null : valueY(values[i] ?? 0, max, PLOT) })))}
              fill="none"
              stroke="var(--mantine-color-indigo-6)"
              strokeWidth={2}
            />
            {points.map((point, i) => {
              const v = values[i] ?? null;
              if (v === null) return null;
              return (
                <circle key={point.day} cx={slotX(i, count, PLOT, rtl)} cy={valueY(v, max, PLOT)} r={3.5} fill="var(--mantine-color-indigo-6)">
                  <title>{`${dayLabel(point.day)}: ${format(v)}`}</title>
                </circle>
              );
            })}
          </>
        ) : null}
        {labelledDays(count).map((i) => (
          // a date in Arabic reads right to left ("7 ديسمبر"): the SVG is laid out left to right, its words are not
          <text key={i} x={slotX(i, count, PLOT, rtl)} y={PLOT.height - 8} textAnchor="middle" direction={rtl ? 'rtl' : 'ltr'} fontSize={12} fill={INK}>
            {dayLabel(points[i]?.day ?? '')}
          </text>
        ))}
      </svg>
    </Stack>
  );
}

/** Completed surveys and their mean score per day, as two charts over the same days, and the same figures as a table. */
export function DailyChart({ byDay, range }: { byDay: SurveyFigures['byDay']; range: { from?: string | undefined; to?: string | undefined } }) {
  const { t } = useTranslation('surveys');
  const f = useFigureFormat();
  const dayLabel = useDayLabel();
  const points = everyDay(byDay, range);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-daily" h="100%">
      <Title order={3} size="h4" id="survey-daily" mb="md">
        {t('surveys.dailyTitle')}
      </Title>
      {points.length === 0 ? (
        <EmptyState text={t('surveys.dailyNone')} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={1} spacing="lg">
            <SeriesChart
              title={t('surveys.dailyCompleted')}
              points={points}
              kind="bars"
              value={(p) => p.completed}
              max={niceCeiling(Math.max(...points.map((p) => p.completed)))}
              format={f.count}
            />
            <SeriesChart title={t('surveys.dailyScore')} points={points} kind="line" value={(p) => p.score} max={100} format={(n) => f.score(n)} />
          </SimpleGrid>
          <Box component="details">
            <Text component="summary" size="sm" c="teal.8" style={{ cursor: 'pointer' }}>
              {t('surveys.dailyTable')}
            </Text>
            {/* a small table of its own: three columns fit the card, no sideways scrolling */}
            <Table aria-label={t('surveys.dailyTableLabel')} striped mt="sm" maw={480}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('surveys.day')}</Table.Th>
                  <Table.Th scope="col">{t('surveys.completed')}</Table.Th>
                  <Table.Th scope="col">{t('surveys.score')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points
                  .filter((p) => p.completed > 0)
                  .map((p) => (
                    <Table.Tr key={p.day}>
                      <Table.Td>{dayLabel(p.day)}</Table.Td>
                      <Table.Td>
                        <Figure>{f.count(p.completed)}</Figure>
                      </Table.Td>
                      <Table.Td>
                        <Figure>{f.score(p.score)}</Figure>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Box>
        </Stack>
      )}
    </Paper>
  );
}
