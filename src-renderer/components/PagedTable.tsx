import { Group, Loader, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconChevronsLeft, IconChevronsRight } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.js';
import { EmptyState, ErrorState, LoadingState } from './StateViews.js';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** keep narrow columns (status, buttons) from wrapping */
  nowrap?: boolean;
  /** keep names readable when the table is crowded */
  minWidth?: number;
}

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
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        {items.length === 0 ? (
          <EmptyState text={emptyText} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label={label} aria-busy={query.isFetching} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column.key} scope="col" style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {column.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((row) => {
                  const extra = expanded?.(row) ?? null;
                  return (
                    <Fragment key={rowKey(row)}>
                      <Table.Tr>
                        {columns.map((column) => (
                          <Table.Td key={column.key} style={{ whiteSpace: column.nowrap ? 'nowrap' : undefined, minWidth: column.minWidth }}>
                            {column.render(row)}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                      {extra ? (
                        <Table.Tr>
                          <Table.Td colSpan={columns.length}>{extra}</Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Group justify="space-between" gap="sm">
        <Group gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('common.total', { count: total })}
          </Text>
          {query.isFetching ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
        </Group>
        {pages > 1 ? (
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
        ) : null}
      </Group>
    </Stack>
  );
}
