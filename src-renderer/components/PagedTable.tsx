import { Group, Loader, Pagination, Paper, Stack, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconChevronsLeft, IconChevronsRight } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.js';
import { DataTable, type Column } from './DataTable.js';
import { EmptyState, ErrorState, LoadingState } from './StateViews.js';

export type { Column } from './DataTable.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface PagedTableProps<T> {
  /** accessible name of the table */
  label: string;
  query: UseQueryResult<Page<T>, ApiError>;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  page: number;
  onPage: (page: number) => void;
  emptyText: string;
  /** extra content shown under a row (e.g. audit before/after), or null */
  expanded?: (row: T) => ReactNode | null;
}

/** One page of a list from the station, with its loading, empty and error states, total and pages. */
export function PagedTable<T>({ label, query, columns, rowKey, page, onPage, emptyText, expanded }: PagedTableProps<T>) {
  const { t } = useTranslation();
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <LoadingState />;
  const { items, total, pageSize } = query.data;

  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        {items.length === 0 ? (
          <EmptyState text={emptyText} />
        ) : (
          <DataTable label={label} columns={columns} rows={items} rowKey={rowKey} busy={query.isFetching} expanded={expanded} />
        )}
      </Paper>
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('common.total', { count: total })}
          </Text>
          {query.isFetching ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
        </Group>
        <Pager total={total} pageSize={pageSize} page={page} onPage={onPage} />
      </Group>
    </Stack>
  );
}

/** Page buttons under a list, when it has more than one page. */
export function Pager({ total, pageSize, page, onPage }: { total: number; pageSize: number; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Pagination
      total={pages}
      value={Math.min(page, pages)}
      onChange={onPage}
      size="sm"
      withEdges
      // Mantine's own icons drop the class that mirrors them in RTL; these keep it
      previousIcon={IconChevronLeft}
      nextIcon={IconChevronRight}
      firstIcon={IconChevronsLeft}
      lastIcon={IconChevronsRight}
      aria-label={t('common.pagination')}
      getControlProps={(control) => ({
        'aria-label': t(
          control === 'first' ? 'common.firstPage' : control === 'last' ? 'common.lastPage' : control === 'next' ? 'common.nextPage' : 'common.previousPage',
        ),
      })}
      getItemProps={(item) => ({ 'aria-label': t('common.goToPage', { page: item }) })}
    />
  );
}
