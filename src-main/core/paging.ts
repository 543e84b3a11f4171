import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './db/schema.js';
import type { Store } from './db/store.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Runs a filtered query twice: once to count, once for the requested page. */
export function fetchPage<TB extends keyof Database, Row, Item>(
  store: Store,
  query: SelectQueryBuilder<Database, TB, object>,
  select: (q: SelectQueryBuilder<Database, TB, object>) => SelectQueryBuilder<Database, TB, Row>,
  paging: { page: number; pageSize: number },
  toItem: (row: Row) => Item,
): Page<Item> {
  const total = store.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = store.all(
    select(query)
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
  );
  return { items: rows.map(toItem), total: Number(total), page: paging.page, pageSize: paging.pageSize };
}
