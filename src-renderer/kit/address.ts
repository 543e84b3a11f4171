/**
 * Reading a list's filter from the address (`#/surveys?from=…&page=2`):
 * what the reader or a bookmark put there is only taken when it is a value
 * the station accepts, so a hand-edited address never becomes a refused
 * call. Each area keeps its own fields; these are the values they share.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The value when it is one of `values`, else nothing. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A calendar day as the station takes it: `YYYY-MM-DD`, and a real date. */
export function isDay(value: string | null): value is string {
  if (value === null || !DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // 2026-02-31 is read as 3 March: a real day reads back as itself
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** The page asked for, `page=`: a whole number from 1, else the first page. */
export function pageParam(params: URLSearchParams, name = 'page'): number {
  const page = Number(params.get(name));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
