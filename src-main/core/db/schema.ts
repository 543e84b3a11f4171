import type { Insertable, Selectable, Updateable } from 'kysely';
import type { StationDatabase, TableName } from '../../../src-shared/tables/index.js';

/**
 * The station database as the code sees it now (migrations type it as it
 * was), built from the table specs in src-shared/tables: each table's row
 * type sits beside its spec in the domain's file there, and
 * src-main/core/db/schema.test.ts holds both against a migrated database.
 * Booleans are SQLite integers (0/1); times are ISO-8601 UTC text.
 */
export type Database = StationDatabase;

/** Kysely's advice: a row as read, as inserted, as updated. */
export type RowOf<T extends TableName> = Selectable<Database[T]>;
export type NewRowOf<T extends TableName> = Insertable<Database[T]>;
export type RowUpdateOf<T extends TableName> = Updateable<Database[T]>;

export type * from '../../../src-shared/tables/index.js';
