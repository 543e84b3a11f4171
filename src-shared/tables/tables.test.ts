import { describe, expect, it } from 'vitest';
import { defineTable, key, local, nullable, synced } from './define.js';
import { describeTables, GROUP_COUNTED_TABLES, SNAPSHOT_ORDER, SYNCED_TABLE_NAMES, tableInfo } from './index.js';

interface Thing {
  id: string;
  hospital_id: string;
  parent_id: string | null;
}

const thing = (patch: object = {}) =>
  defineTable<Thing>()({
    name: 'things',
    domain: 'tests',
    sync: 'hospital',
    scope: 'hospital',
    hospitalColumn: 'hospital_id',
    columns: { id: key, hospital_id: synced(undefined, 'hospitals'), parent_id: nullable(synced(undefined, 'things')) },
    ...patch,
  });
const hospitals = defineTable<{ id: string; code: string }>()({
  name: 'hospitals',
  domain: 'tests',
  sync: 'group',
  scope: 'group',
  columns: { id: key, code: synced() },
});

describe('table specs', () => {
  it('describe a table once, with its allowlist in column order', () => {
    const tables = describeTables([hospitals, thing()]);
    expect(tables.get('things')?.syncedColumns).toEqual(['hospital_id', 'parent_id']);
  });

  const mistakes: [string, object[], RegExp][] = [
    ['a table described twice', [hospitals, thing(), thing({ domain: 'other' })], /"things" is described twice \(domains tests and other\)/],
    ['a reference to a table nobody describes', [thing()], /column hospital_id references "hospitals", which no spec describes/],
    [
      'hospital scope without a hospital column',
      [hospitals, thing({ hospitalColumn: undefined })],
      /"things" \(tests\) is hospital-scoped but names no hospitalColumn/,
    ],
    ['a key field it does not have', [hospitals, thing({ keyField: 'mrn' })], /names the column "mrn", which it does not have/],
    ['a local table with synced columns', [hospitals, thing({ sync: 'station' })], /is not synced but marks columns hospital_id, parent_id as synced/],
    [
      'a synced table with nothing synced',
      [hospitals, thing({ columns: { id: key, hospital_id: local(), parent_id: nullable(local()) } })],
      /"things" \(tests\) is synced but has no synced column/,
    ],
  ];
  it.each(mistakes)('refuse %s, naming what and where', (_name, specs, message) => {
    expect(() => describeTables(specs as Parameters<typeof describeTables>[0])).toThrow(message);
  });

  it('put every synced table in the snapshot once, after the tables it references', () => {
    expect([...SNAPSHOT_ORDER].sort()).toEqual([...SYNCED_TABLE_NAMES].sort());
    for (const [position, table] of SNAPSHOT_ORDER.entries()) {
      for (const column of Object.values(tableInfo(table).columns)) {
        if (!column.references || column.references === table || column.role !== 'synced') continue;
        expect(SNAPSHOT_ORDER.indexOf(column.references as (typeof SNAPSHOT_ORDER)[number]), `${table} → ${column.references}`).toBeLessThan(position);
      }
    }
  });

  it('give the group overview its columns in the order people read them', () => {
    // pinned: the overview's columns, as the central team knows them
    expect(GROUP_COUNTED_TABLES).toEqual([
      'patients',
      'journey_instances',
      'journey_templates',
      'departments',
      'physicians',
      'employees',
      'users',
      'survey_instances',
    ]);
  });

  it('never sync a secret or a derived column', () => {
    for (const table of SYNCED_TABLE_NAMES) {
      const { columns, syncedColumns } = tableInfo(table);
      for (const column of syncedColumns) expect(['secret', 'derived']).not.toContain(columns[column]!.role);
    }
    expect(tableInfo('users').redacted).toEqual(new Set(['password_hash']));
    expect(tableInfo('integration_sources').redacted).toEqual(new Set(['token_hash', 'hmac_secret']));
  });
});
