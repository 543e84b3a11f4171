import { Button, Checkbox, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ComplaintSummary } from '../../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { DateTimeText, Ltr, PageHeader } from '../../../components/bits.js';
import { LIST_PAGE_SIZE, usePlaceName } from '../../../components/listScreen.js';
import { PagedTable, type Column } from '../../../components/PagedTable.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href, navigate } from '../../../shell/router.js';
import { isFiltered, listInput, NEW_COMPLAINT_PATH, QUEUES, readFilter, withFilter, type Queue } from '../filters.js';
import { ComplaintLink, ComplaintStatusBadge, PriorityBadges, useTaxonomy } from '../labels.js';
import { usePersonName } from '../people.js';
import { BulkAssign } from './BulkAssign.js';
import { ComplaintFilterBar } from './ComplaintFilterBar.js';
import { SlaBadge } from '../../../components/Sla.js';

/** Who the complaint is from: the patient on record with the MRN, or the complainant's name, or "anonymous"; and the hospital for a group-wide reader. */
function FromWhom({ complaint, hospital }: { complaint: ComplaintSummary; hospital: string | null }) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  return (
    <Stack gap={0} align="flex-start">
      {complaint.patient ? (
        <>
          <Text size="sm">{localName(complaint.patient, language)}</Text>
          <Ltr dimmed>{complaint.patient.mrn}</Ltr>
        </>
      ) : complaint.complainantName ? (
        <Text size="sm">{complaint.complainantName}</Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('complaints.anonymous')}
        </Text>
      )}
      {hospital ? (
        <Text size="xs" c="dimmed">
          {hospital}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The complaints of a queue (open, mine, unassigned, closed, all), newest
 * first, narrowed by the filters; the queue, the filters and the page are
 * in the address. Each number opens the complaint.
 */
export function ComplaintsScreen({ me, params }: { me: Me; params: URLSearchParams }) {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation();
  const can = usePermission();
  const taxonomy = useTaxonomy();
  const place = usePlaceName();
  const personName = usePersonName();
  // a group-wide reader sees several hospitals: each complaint says which, under who it is from
  const hospitalOf = (c: ComplaintSummary) => (me.scope.kind === 'group' ? place(c.hospitalId, null) || null : null);
  const filter = readFilter(params);
  const query = useCallQuery('complaints.list', listInput(filter, LIST_PAGE_SIZE), { keepPrevious: true, refetchInterval: 30_000 });

  // the queue worked in bulk: complaints ticked on this page, given to one person at once
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const toggle = (c: ComplaintSummary, on: boolean) =>
    setSelected((previous) => {
      const next = new Map(previous);
      if (on) next.set(c.id, c.hospitalId);
      else next.delete(c.id);
      return next;
    });
  const pageItems = query.data?.items ?? [];
  const allOnPage = pageItems.length > 0 && pageItems.every((c) => selected.has(c.id));
  const selectColumn: Column<ComplaintSummary> = {
    key: 'select',
    header: (
      <Checkbox
        aria-label={t('bulk.selectPage')}
        checked={allOnPage}
        indeterminate={!allOnPage && pageItems.some((c) => selected.has(c.id))}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          pageItems.forEach((c) => toggle(c, on));
        }}
      />
    ),
    render: (c) => (
      <Checkbox aria-label={t('bulk.select', { number: c.number })} checked={selected.has(c.id)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
    ),
  };
  const columns: Column<ComplaintSummary>[] = [
    ...(can('complaints.write') ? [selectColumn] : []),
    { key: 'number', header: t('complaints.number'), nowrap: true, render: (c) => <ComplaintLink id={c.id} number={c.number} /> },
    { key: 'patient', header: t('complaints.patient'), minWidth: 120, render: (c) => <FromWhom complaint={c} hospital={hospitalOf(c)} /> },
    {
      key: 'excerpt',
      header: t('complaints.excerpt'),
      minWidth: 160,
      render: (c) => (
        <Text size="sm" lineClamp={2} dir="auto" maw={320}>
          {c.excerpt}
        </Text>
      ),
    },
    {
      key: 'category',
      header: t('complaints.category'),
      render: (c) =>
        c.hcatCategory ? (
          taxonomy.label('category', c.hcatCategory)
        ) : (
          <Text size="sm" c="dimmed">
            {t('complaint.notSet')}
          </Text>
        ),
    },
    { key: 'priority', header: t('complaints.priority'), render: (c) => <PriorityBadges priority={c.priority} severity={c.severity} stacked /> },
    { key: 'status', header: t('complaints.status'), nowrap: true, render: (c) => <ComplaintStatusBadge status={c.status} /> },
    { key: 'sla', header: tc('slaClock.column'), nowrap: true, render: (c) => <SlaBadge sla={c.sla} /> },
    {
      key: 'assignee',
      header: t('complaints.assignee'),
      render: (c) =>
        personName(c.assignedUserId, c.assignedUserName) ?? (
          <Text size="sm" c="dimmed">
            {t('complaints.unassigned')}
          </Text>
        ),
    },
    { key: 'received', header: t('complaints.received'), render: (c) => <DateTimeText value={c.receivedAt} /> },
  ];

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('complaints.title')}
        intro={t('complaints.intro')}
        actions={
          can('complaints.write') ? (
            <Button component="a" href={href(NEW_COMPLAINT_PATH)} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('complaints.create')}
            </Button>
          ) : null
        }
      />
      <SegmentedControl
        aria-label={t('complaints.queue')}
        value={filter.queue}
        onChange={(queue) => navigate(withFilter({ ...filter, queue: queue as Queue, page: 1 }))}
        data={QUEUES.map((queue) => ({ value: queue, label: t(`queue.${queue}`) }))}
        w="fit-content"
        maw="100%"
      />
      <ComplaintFilterBar me={me} filter={filter} onApply={(next) => navigate(withFilter({ ...next, page: 1 }))} />
      <BulkAssign me={me} selected={[...selected.keys()]} hospitalIds={[...selected.values()]} onDone={() => setSelected(new Map())} />
      <PagedTable
        label={t('complaints.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(c) => c.id}
        page={filter.page}
        onPage={(page) => navigate(withFilter({ ...filter, page }))}
        emptyText={isFiltered(filter) ? t('complaints.emptyFiltered') : t('complaints.empty')}
      />
    </Stack>
  );
}
