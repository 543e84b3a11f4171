import { describe, expect, it } from 'vitest';
import { countsFromHub, GROUP_COUNTED, type GroupCounts, groupTotals, type HospitalFigures, mergeGroupFigures, zeroCounts } from './group-figures.js';
import type { GroupSummary } from './hub-api.js';
import { HOSPITAL_TABLES } from './tables/index.js';

const counts = (patch: Partial<GroupCounts>): GroupCounts => ({ ...zeroCounts(), ...patch });
const onHub = (hospitalId: string, code: string | null, patch: Record<string, number>): GroupSummary['hospitals'][number] => ({
  hospitalId,
  code,
  nameEn: code && `Hub ${code}`,
  nameAr: code && `مركز ${code}`,
  counts: { ...Object.fromEntries(HOSPITAL_TABLES.map((t) => [t, 0])), ...patch },
});
const here = (hospitalId: string, code: string) => ({ hospitalId, code, nameEn: `Station ${code}`, nameAr: `محطة ${code}` });

describe('the counted tables', () => {
  it('are hospital-scoped synced tables, each once', () => {
    for (const table of GROUP_COUNTED) expect(HOSPITAL_TABLES).toContain(table);
    expect(new Set(GROUP_COUNTED).size).toBe(GROUP_COUNTED.length);
  });

  it('are read out of the hub’s counts, a table the hub did not name reading 0', () => {
    expect(countsFromHub({ patients: 7, journey_stage_instances: 40, users: 2 })).toEqual(counts({ patients: 7, users: 2 }));
  });
});

describe('mergeGroupFigures', () => {
  const cases: {
    name: string;
    hub: GroupSummary['hospitals'] | null;
    station: { hospitals: ReturnType<typeof here>[]; counts: [string, GroupCounts][] };
    expected: HospitalFigures[];
  }[] = [
    {
      name: 'no hub figures: this station’s hospitals with their counts, the hub side null',
      hub: null,
      station: { hospitals: [here('b', 'RUH'), here('a', 'KFH')], counts: [['a', counts({ patients: 3 })]] },
      expected: [
        { ...here('a', 'KFH'), hub: null, station: counts({ patients: 3 }) },
        { ...here('b', 'RUH'), hub: null, station: zeroCounts() },
      ],
    },
    {
      name: 'both sides, the station’s names winning; a hospital only on the hub counts 0 here; one only here is unknown to the hub',
      hub: [onHub('a', 'KFH', { patients: 5, departments: 2 }), onHub('c', 'DMM', { patients: 1 })],
      station: {
        hospitals: [here('a', 'KFH'), here('b', 'RUH')],
        counts: [
          ['a', counts({ patients: 3, departments: 2 })],
          ['b', counts({ users: 1 })],
        ],
      },
      expected: [
        { hospitalId: 'c', code: 'DMM', nameEn: 'Hub DMM', nameAr: 'مركز DMM', hub: counts({ patients: 1 }), station: zeroCounts() },
        { ...here('a', 'KFH'), hub: counts({ patients: 5, departments: 2 }), station: counts({ patients: 3, departments: 2 }) },
        { ...here('b', 'RUH'), hub: null, station: counts({ users: 1 }) },
      ],
    },
    {
      name: 'rows of a hospital no one names are kept, by id, last',
      hub: [onHub('x', null, { patients: 2 })],
      station: { hospitals: [here('a', 'KFH')], counts: [['y', counts({ patients: 1 })]] },
      expected: [
        { ...here('a', 'KFH'), hub: null, station: zeroCounts() },
        { hospitalId: 'x', code: null, nameEn: null, nameAr: null, hub: counts({ patients: 2 }), station: zeroCounts() },
        { hospitalId: 'y', code: null, nameEn: null, nameAr: null, hub: null, station: counts({ patients: 1 }) },
      ],
    },
    { name: 'nothing anywhere', hub: [], station: { hospitals: [], counts: [] }, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(mergeGroupFigures(c.hub, { hospitals: c.station.hospitals, counts: new Map(c.station.counts) })).toEqual(c.expected);
    });
  }
});

describe('groupTotals', () => {
  const rows: HospitalFigures[] = [
    { ...here('a', 'KFH'), hub: counts({ patients: 5, users: 1 }), station: counts({ patients: 3, users: 1 }) },
    { ...here('b', 'RUH'), hub: null, station: counts({ patients: 2 }) },
  ];

  it('sums each side; the hub’s skips the hospitals it does not know', () => {
    expect(groupTotals(rows, true)).toEqual({ hub: counts({ patients: 5, users: 1 }), station: counts({ patients: 5, users: 1 }) });
  });

  it('has no hub side without hub figures', () => {
    expect(groupTotals(rows, false)).toEqual({ hub: null, station: counts({ patients: 5, users: 1 }) });
  });
});
