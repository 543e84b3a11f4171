import { Alert, Button, Loader, Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupOverview } from '../../../src-shared/contract/index.js';
import { formatAgo } from '../../../src-shared/dates.js';
import { GROUP_COUNTED, type GroupCounts, type HospitalFigures, groupTotals } from '../../../src-shared/group-figures.js';
import { useCallQuery } from '../../api/hooks.js';
import { DateTimeText, Fact, Ltr, PageHeader } from '../../components/bits.js';
import { EmptyState, ErrorAlert, ErrorState, LoadingState } from '../../components/StateViews.js';
import { localName, useLanguage, useNumberFormat } from '../../i18n/index.js';

// Latin digits line up by place value when right-aligned, in either reading direction.
const NUMERIC: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

/** For the central team: records per hospital on the hub and on this station, and where the two differ. */
export function GroupOverviewScreen() {
  const { t } = useTranslation('group');
  const overview = useCallQuery('group.overview', {});
  const refresh = (
    // not `loading`: a disabled button would drop the keyboard focus while the hub is asked
    <Button
      leftSection={overview.isFetching ? <Loader size={16} color="white" aria-hidden /> : <IconRefresh size={16} aria-hidden />}
      aria-busy={overview.isFetching}
      onClick={() => void overview.refetch()}
    >
      {t('group.refresh')}
    </Button>
  );
  return (
    <Stack gap="lg">
      <PageHeader title={t('group.title')} intro={t('group.intro')} actions={refresh} />
      {overview.isPending ? (
        <LoadingState />
      ) : overview.isError && !overview.data ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          {/* the last figures stay on screen when a refresh fails */}
          {overview.isError ? <ErrorAlert error={overview.error} /> : null}
          <HubState overview={overview.data} />
          {overview.data.hospitals.length === 0 ? (
            <Paper withBorder radius="md">
              <EmptyState text={t('group.empty')} />
            </Paper>
          ) : (
            <FiguresTable overview={overview.data} busy={overview.isFetching} />
          )}
        </>
      )}
    </Stack>
  );
}

/** Where the figures come from: the hub now, its last answer and why, or this station alone and why. */
function HubState({ overview }: { overview: GroupOverview }) {
  const { t } = useTranslation('group');
  const language = useLanguage();
  const sync = useCallQuery('sync.connection', {});
  const { hub } = overview;
  const problem = hub.problem?.message[language] ?? '';
  return (
    <Stack gap="md" aria-live="polite">
      {hub.state === 'cached' ? (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('group.cachedTitle')} role="status">
          {`${problem} ${t('group.cachedBody', { age: formatAgo(hub.ageMs ?? 0, language) })}`}
        </Alert>
      ) : null}
      {hub.state === 'none' ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('group.stationOnlyTitle')} role="status">
          {`${problem} ${t('group.stationOnlyBody')}`}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact label={t('group.hubAsOf')}>
          <DateTimeText value={hub.fetchedAt} />
        </Fact>
        <Fact label={t('group.lastSync')}>
          <DateTimeText value={sync.data?.lastSyncAt} />
        </Fact>
      </SimpleGrid>
    </Stack>
  );
}

function FiguresTable({ overview, busy }: { overview: GroupOverview; busy: boolean }) {
  const { t } = useTranslation('group');
  const withHub = overview.hub.state !== 'none';
  const totals = groupTotals(overview.hospitals, withHub);
  return (
    <Stack gap="xs">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={960}>
          <Table captionSide="top" aria-busy={busy} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
            <Table.Caption fw={500} style={{ textAlign: 'start', paddingInline: 'var(--mantine-spacing-sm)' }}>
              {t('group.tableLabel')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fields.hospital')}</Table.Th>
                <Table.Th scope="col">{t('fields.code')}</Table.Th>
                {GROUP_COUNTED.map((table) => (
                  <Table.Th key={table} scope="col" style={NUMERIC}>
                    {t(`group.columns.${table}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overview.hospitals.map((row) => (
                <Table.Tr key={row.hospitalId}>
                  <Table.Th scope="row" fw={500}>
                    <HospitalName row={row} />
                  </Table.Th>
                  <Table.Td>{row.code ? <Ltr>{row.code}</Ltr> : '—'}</Table.Td>
                  <Figures hub={row.hub} station={row.station} withHub={withHub} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr style={{ borderTop: '2px solid var(--table-border-color)' }}>
                <Table.Th scope="row" colSpan={2}>
                  {t('group.total')}
                </Table.Th>
                <Figures hub={totals.hub} station={totals.station} withHub={withHub} strong />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {withHub ? (
        <Text size="sm" c="dimmed">
          {t('group.legend')}
        </Text>
      ) : null}
    </Stack>
  );
}

function HospitalName({ row }: { row: HospitalFigures }) {
  const { t } = useTranslation('group');
  const language = useLanguage();
  if (row.nameEn === null && row.nameAr === null) {
    return (
      <Stack gap={0}>
        {t('group.unknownHospital')}
        <Ltr dimmed>{row.hospitalId}</Ltr>
      </Stack>
    );
  }
  return <>{localName({ nameEn: row.nameEn ?? '', nameAr: row.nameAr ?? '' }, language)}</>;
}

/**
 * One cell per counted table: the hub's count, and beneath it this station's
 * where it differs; this station's alone when there are no hub figures.
 */
function Figures({ hub, station, withHub, strong = false }: { hub: GroupCounts | null; station: GroupCounts; withHub: boolean; strong?: boolean }) {
  const { t } = useTranslation('group');
  const number = useNumberFormat();
  return (
    <>
      {GROUP_COUNTED.map((table) => {
        const here = station[table];
        const there = hub?.[table] ?? null;
        return (
          <Table.Td key={table} style={NUMERIC} fw={strong ? 700 : undefined}>
            {!withHub ? (
              number.format(here)
            ) : (
              <>
                {there === null ? (
                  <Text component="div" size="sm" c="dimmed" title={t('group.notOnHub')}>
                    <span aria-hidden>—</span>
                    <VisuallyHidden>{t('group.notOnHub')}</VisuallyHidden>
                  </Text>
                ) : (
                  <Text component="div" size="sm" fw={strong ? 700 : undefined}>
                    {number.format(there)}
                  </Text>
                )}
                {there !== here ? (
                  // dark text for contrast; the orange mark draws the eye to a gap
                  <Text component="div" size="xs" c="gray.8" data-station-figure>
                    <span aria-hidden style={{ color: 'var(--mantine-color-orange-6)' }}>
                      ●{' '}
                    </span>
                    {t('group.onStation', { figure: number.format(here) })}
                  </Text>
                ) : null}
              </>
            )}
          </Table.Td>
        );
      })}
    </>
  );
}
