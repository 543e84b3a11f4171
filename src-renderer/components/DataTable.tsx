import { Paper, Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
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

interface DataTableProps<T> {
  /** accessible name of the table */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** a newer answer is on its way */
  busy?: boolean;
  /** extra content shown under a row (e.g. audit before/after), or null */
  expanded?: ((row: T) => ReactNode | null) | undefined;
}

/** Rows under column headers, in a bordered paper that scrolls sideways on a narrow window. */
export function DataTable<T>({ label, columns, rows, rowKey, busy = false, expanded }: DataTableProps<T>) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={label} aria-busy={busy} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
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
          {rows.map((row) => {
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
  );
}

interface ListTableProps<T> extends Omit<DataTableProps<T>, 'rows' | 'busy'> {
  query: UseQueryResult<T[], ApiError>;
  emptyText: string;
}

/** A whole (short) list from the station, with its loading, empty and error states. */
export function ListTable<T>({ query, emptyText, ...table }: ListTableProps<T>) {
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <LoadingState />;
  return (
    <Paper withBorder radius="md">
      {query.data.length === 0 ? <EmptyState text={emptyText} /> : <DataTable {...table} rows={query.data} busy={query.isFetching} />}
    </Paper>
  );
}
