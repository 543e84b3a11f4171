import { ActionIcon, Button, Checkbox, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSearch, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INBOUND_STATUSES, type InboundEvent } from '../../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import { DateTimeText, Ltr, PageHeader } from '../../../components/bits.js';
import { useDayRange } from '../../../components/FilterForm.js';
import { EventStatusBadge, mappedCode, useEventCodeLabel } from '../hisLabels.js';
import { PagedTable, type Column } from '../../../components/PagedTable.js';
import { errorText } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { navigate } from '../../../shell/router.js';
import { canReprocess, EventDrawer } from './EventDrawer.js';
import { EventFilters, NO_EVENT_FILTERS, type EventFilterValues } from './EventFilters.js';

const PAGE_SIZE = 50;
type StatusFilter = InboundEvent['status'] | 'all';

function isStatusFilter(value: string): value is StatusFilter {
  return value === 'all' || (INBOUND_STATUSES as readonly string[]).includes(value);
}

/** What the HIS sent and what became of it, newest first; failed events can be sent through again. */
export function EventMonitorScreen({ openEventId, initialSearch }: { openEventId: string | null; initialSearch: string }) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const eventLabel = useEventCodeLabel();
  const { hospitals } = useHospitals();
  const [status, setStatus] = useState<StatusFilter>('all');
  const initialFilters = useMemo(() => ({ ...NO_EVENT_FILTERS, q: initialSearch }), [initialSearch]);
  const [filters, setFilters] = useState<EventFilterValues>(initialFilters);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(openEventId);
  useEffect(() => setOpenId(openEventId), [openEventId]);
  useEffect(() => setFilters(initialFilters), [initialFilters]);
  // a selection is of rows in view: another page or filter starts afresh
  useEffect(() => setSelected(new Set()), [page, status, filters]);

  const days = useDayRange(filters);
  const input = {
    page,
    pageSize: PAGE_SIZE,
    ...(status === 'all' ? {} : { status }),
    ...(filters.sourceSystem ? { sourceSystem: filters.sourceSystem } : {}),
    ...(filters.code.trim() ? { code: filters.code.trim() } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...days.range,
  };
  const list = useCallQuery('events.list', input, { keepPrevious: true, refetchInterval: 5_000 });
  const reprocess = useCallMutation('events.reprocess', ['events.list', 'events.get', 'journeys.list', 'journeys.get']);

  const counts = list.data?.counts;
  const all = counts ? INBOUND_STATUSES.reduce((sum, s) => sum + counts[s], 0) : null;
  const countText = (n: number | null | undefined) => (n === null || n === undefined ? '' : ` (${n})`);
  const hospitalName = (code: string | null) => {
    if (!code) return '—';
    const hospital = hospitals.find((h) => h.code === code);
    return hospital ? `${localName(hospital, language)} (${code})` : code;
  };
  const rows = list.data?.items ?? [];
  const selectable = rows.filter(canReprocess);
  // rows that were processed since they were ticked drop out of the selection
  const chosen = selectable.filter((e) => selected.has(e.id)).map((e) => e.id);
  const allSelected = selectable.length > 0 && chosen.length === selectable.length;

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const sendAgain = async (ids: string[]) => {
    try {
      const { queued } = await reprocess.mutateAsync({ ids });
      notifications.show({ color: 'teal', message: t('events.queued', { count: queued }) });
      setSelected(new Set());
    } catch (error) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(error, language) });
    }
  };

  const columns: Column<InboundEvent>[] = [
    {
      key: 'select',
      header: (
        <Checkbox
          aria-label={t('events.selectAll')}
          checked={allSelected}
          indeterminate={!allSelected && chosen.length > 0}
          disabled={selectable.length === 0}
          onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((e) => e.id)))}
        />
      ),
      render: (e) =>
        canReprocess(e) ? (
          <Checkbox aria-label={t('events.selectOne', { id: e.externalId })} checked={selected.has(e.id)} onChange={() => toggle(e.id)} />
        ) : null,
    },
    { key: 'received', header: t('events.received'), render: (e) => <DateTimeText value={e.receivedAt} /> },
    {
      key: 'external',
      header: t('events.externalId'),
      nowrap: true,
      render: (e) => (
        <Stack gap={0} align="flex-start">
          <Ltr>{e.externalId}</Ltr>
          <Ltr dimmed>{e.sourceSystem}</Ltr>
        </Stack>
      ),
    },
    {
      key: 'code',
      header: t('events.code'),
      minWidth: 170,
      render: (e) => (
        <Stack gap={0} align="flex-start">
          <Ltr>{mappedCode(e.externalCode, e.eventCode)}</Ltr>
          {e.eventCode ? (
            <Text size="xs" c="dimmed">
              {eventLabel(e.eventCode)}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'encounter',
      header: `${t('fields.hospital')} / ${t('events.encounter')}`,
      minWidth: 150,
      render: (e) => (
        <Stack gap={0} align="flex-start">
          <Text size="sm">{hospitalName(e.hospitalCode)}</Text>
          {e.encounterId ? <Ltr dimmed>{e.encounterId}</Ltr> : null}
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('common.status'),
      nowrap: true,
      render: (e) => (
        <Stack gap={2} align="flex-start">
          <EventStatusBadge status={e.status} />
          <Text size="xs" c="dimmed">
            {t('events.attemptsCount', { count: e.attempts })}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'error',
      header: t('events.error'),
      minWidth: 220,
      render: (e) =>
        e.error ? (
          <Text size="xs" c={e.status === 'pending' ? 'dimmed' : 'red.8'}>
            {e.error.message[language]}
          </Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      nowrap: true,
      render: (e) => {
        const detailsLabel = t('events.detailsOf', { id: e.externalId });
        const againLabel = t('events.reprocessOne', { id: e.externalId });
        return (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={detailsLabel} withinPortal>
              <ActionIcon variant="subtle" aria-label={detailsLabel} onClick={() => setOpenId(e.id)}>
                <IconFileSearch size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            {canReprocess(e) ? (
              <Tooltip label={againLabel} withinPortal>
                <ActionIcon variant="subtle" color="orange" aria-label={againLabel} loading={reprocess.isPending} onClick={() => void sendAgain([e.id])}>
                  <IconRefresh size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
            ) : null}
          </Group>
        );
      },
    },
  ];

  return (
    <Stack gap="lg">
      <PageHeader title={t('events.title')} intro={t('events.intro')} />
      <SegmentedControl
        aria-label={t('events.statusFilter')}
        value={status}
        onChange={(value) => {
          if (!isStatusFilter(value)) return;
          setStatus(value);
          setPage(1);
        }}
        data={[
          { value: 'all', label: `${t('common.all')}${countText(all)}` },
          ...INBOUND_STATUSES.map((s) => ({ value: s, label: `${t(`eventStatus.${s}`)}${countText(counts?.[s])}` })),
        ]}
        w="fit-content"
        maw="100%"
      />
      <EventFilters
        initial={initialFilters}
        dateErrors={days.errors}
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <Group gap="sm">
        <Button
          variant="light"
          color="orange"
          leftSection={<IconRefresh size={16} aria-hidden />}
          disabled={chosen.length === 0}
          loading={reprocess.isPending}
          onClick={() => void sendAgain(chosen)}
        >
          {t('events.reprocessSelected', { count: chosen.length })}
        </Button>
        <Text size="sm" c="dimmed">
          {t('events.reprocessHint')}
        </Text>
      </Group>
      <PagedTable
        label={t('events.tableLabel')}
        query={list}
        columns={columns}
        rowKey={(e) => e.id}
        page={page}
        onPage={setPage}
        emptyText={t('events.empty')}
      />
      <EventDrawer
        id={openId}
        hospitalName={hospitalName}
        reprocessing={reprocess.isPending}
        onReprocess={sendAgain}
        onClose={() => {
          setOpenId(null);
          if (openEventId) navigate('/journeys/events');
        }}
      />
    </Stack>
  );
}
