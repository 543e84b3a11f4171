import { ActionIcon, Box, Code, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../api/hooks.js';
import { DateTimeText, Ltr, PageHeader } from '../../components/bits.js';
import { useDayRange } from '../../components/FilterForm.js';
import { PagedTable, type Column } from '../../components/PagedTable.js';
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from './AuditFilters.js';
import { VerifyChain } from './VerifyChain.js';

const PAGE_SIZE = 50;

function Snapshot({ title, value, empty }: { title: string; value: Record<string, unknown> | null; empty: string }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text size="xs" fw={700} c="dimmed">
        {title}
      </Text>
      {value ? (
        <Code block dir="ltr" style={{ maxHeight: 320, overflow: 'auto', textAlign: 'left' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
    </Stack>
  );
}

/** Who changed what and when, newest first, with the before/after of each change and a chain check. */
export function AuditScreen() {
  const { t } = useTranslation('audit');
  const can = usePermission();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const days = useDayRange(filters);
  const input = {
    page,
    pageSize: PAGE_SIZE,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...days.range,
  };
  const list = useCallQuery('audit.list', input, { keepPrevious: true });

  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: Column<AuditEntry>[] = [
    { key: 'seq', header: '#', render: (e) => <Ltr>{e.seq}</Ltr>, nowrap: true },
    { key: 'time', header: t('audit.time'), render: (e) => <DateTimeText value={e.at} /> },
    { key: 'actor', header: t('audit.actor'), render: (e) => e.actorName },
    { key: 'action', header: t('audit.action'), render: (e) => <Code dir="ltr">{e.action}</Code>, nowrap: true },
    {
      key: 'entity',
      header: t('audit.entity'),
      render: (e) => (
        <Stack gap={0}>
          <Ltr>{e.entityType}</Ltr>
          {e.entityId ? (
            <Text size="xs" c="dimmed" dir="ltr" title={e.entityId} style={{ unicodeBidi: 'isolate' }}>
              {e.entityId.slice(0, 13)}…
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'details',
      header: t('audit.details'),
      nowrap: true,
      render: (e) => {
        const label = t('audit.showDetails', { seq: e.seq });
        const isOpen = open.has(e.id);
        return (
          <Tooltip label={label} withinPortal>
            <ActionIcon variant="subtle" aria-label={label} aria-expanded={isOpen} onClick={() => toggle(e.id)}>
              {isOpen ? <IconChevronUp size={18} aria-hidden /> : <IconChevronDown size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Box style={{ flex: 1, minWidth: 280 }}>
          <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
        </Box>
        {can('audit.verify') ? (
          <Box maw={420}>
            <VerifyChain />
          </Box>
        ) : null}
      </Group>
      <AuditFilters
        dateErrors={days.errors}
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <PagedTable
        label={t('audit.tableLabel')}
        query={list}
        columns={columns}
        rowKey={(e) => e.id}
        page={page}
        onPage={setPage}
        emptyText={t('audit.empty')}
        expanded={(e) =>
          open.has(e.id) ? (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Snapshot title={t('audit.before')} value={e.before} empty={t('audit.nothing')} />
              <Snapshot title={t('audit.after')} value={e.after} empty={t('audit.nothing')} />
            </SimpleGrid>
          ) : null
        }
      />
    </Stack>
  );
}
