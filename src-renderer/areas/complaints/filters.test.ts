import { describe, expect, it } from 'vitest';
import { isFiltered, listInput, readFilter, readFormFilter, withFilter } from './filters.js';

const HOSPITAL = '0190a6a0-0000-7000-8000-000000000001';

describe('the complaints list in the address', () => {
  it('reads what it wrote', () => {
    const filter = {
      queue: 'mine' as const,
      hospitalId: HOSPITAL,
      status: 'waiting_patient' as const,
      type: 'inquiry' as const,
      channel: 'moh_937' as const,
      hcatCategory: 'communication',
      q: 'CMP-OLAYA-K7Q2-000123',
      from: '2026-01-01',
      to: '2026-01-31',
      page: 2,
    };
    const path = withFilter(filter);
    expect(path).toBe(
      `/complaints?queue=mine&hospital=${HOSPITAL}&status=waiting_patient&type=inquiry&channel=moh_937&category=communication&q=CMP-OLAYA-K7Q2-000123&from=2026-01-01&to=2026-01-31&page=2`,
    );
    expect(readFilter(new URLSearchParams(path.split('?')[1]))).toEqual(filter);
  });

  it('opens on the open queue, page 1, and leaves both out of the address', () => {
    expect(readFilter(new URLSearchParams(''))).toEqual({ queue: 'open', page: 1 });
    expect(withFilter({ queue: 'open', page: 1, q: '' })).toBe('/complaints');
  });

  it.each([
    ['queue=everything&page=0', { queue: 'open', page: 1 }],
    ['status=lost&type=rant&channel=pigeon&category=food', { queue: 'open', page: 1 }],
    ['hospital=1; DROP TABLE&from=2026-02-31&to=yesterday', { queue: 'open', page: 1 }],
    ['queue=closed&to=2026-02-28&page=3', { queue: 'closed', to: '2026-02-28', page: 3 }],
  ])('drops what the station would refuse: %s', (query, expected) => {
    expect(readFilter(new URLSearchParams(query))).toEqual(expected);
  });

  it('reads a filter typed into the form, with its search trimmed', () => {
    expect(readFormFilter({ status: 'resolved', q: '  MRN-7 ', channel: '' })).toEqual({ queue: 'open', status: 'resolved', q: 'MRN-7', page: 1 });
  });

  it('asks the station for only what is set', () => {
    expect(listInput({ queue: 'unassigned', page: 3, type: 'complaint' }, 25)).toEqual({ queue: 'unassigned', page: 3, type: 'complaint', pageSize: 25 });
  });

  it('knows a narrowed queue from a plain one', () => {
    expect(isFiltered({ queue: 'closed', page: 4 })).toBe(false);
    expect(isFiltered({ queue: 'closed', page: 1, channel: 'web' })).toBe(true);
  });
});
