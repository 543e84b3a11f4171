import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/**
 * One search behaviour for every list: what a person types is matched
 * literally, anywhere in the field, case-insensitively for Latin letters
 * (SQLite's LIKE). `_` and `%` are characters like any other — a licence
 * `LIC_7781` or a figure `50%` is found as typed — because the pattern
 * escapes them and the query says which escape character it uses (without
 * ESCAPE, SQLite's LIKE has none, and `\_` would match nothing).
 */
const ESCAPE = '\\';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `${ESCAPE}${c}`);
}

/** The LIKE pattern for "contains", with the text's wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** The LIKE pattern for "starts with", with the text's wildcards taken literally. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/** `column LIKE pattern ESCAPE '\'` for raw SQL; pass the pattern as a parameter. */
export function likeClause(column: string): string {
  return `${column} LIKE ? ESCAPE '${ESCAPE}'`;
}

/** Any of `columns` contains `text`, literally (for a Kysely `where`). */
export function matchesText<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, columns: readonly string[], text: string): Expression<SqlBool> {
  const pattern = containsPattern(text);
  return eb.or(columns.map((column) => sql<SqlBool>`${sql.ref(column)} LIKE ${pattern} ESCAPE ${ESCAPE}`));
}

/** `column` starts with `text`, literally (for a Kysely `where`). */
export function startsWithText(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${prefixPattern(text)} ESCAPE ${ESCAPE}`;
}
