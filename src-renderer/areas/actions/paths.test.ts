import { describe, expect, it } from 'vitest';
import { NEW_ACTION_PATH, newActionPath, readActionPrefill } from './paths.js';

const HOSPITAL = '0b9c3f6e-2f1a-4c8e-9d7b-5a6e4f3c2b1a';

describe('the new-action form opened from a record', () => {
  it('reads back what the complaint screen sends', () => {
    const path = newActionPath({ sourceType: 'complaint', sourceId: 'CMP-OLAYA-AB12-000001', hospitalId: HOSPITAL });
    expect(path.startsWith(`${NEW_ACTION_PATH}?`)).toBe(true);
    expect(readActionPrefill(new URLSearchParams(path.split('?')[1]))).toEqual({
      sourceType: 'complaint',
      sourceId: 'CMP-OLAYA-AB12-000001',
      hospitalId: HOSPITAL,
    });
  });

  it('opens the plain form without a prefill', () => {
    expect(newActionPath({})).toBe(NEW_ACTION_PATH);
    expect(readActionPrefill(new URLSearchParams(''))).toEqual({});
  });

  it('drops what the station would refuse: a survey source, an unknown source, a long reference, a malformed hospital', () => {
    expect(readActionPrefill(new URLSearchParams('source=survey&ref=%20%20'))).toEqual({});
    expect(readActionPrefill(new URLSearchParams('source=fax&hospital=OLAYA'))).toEqual({});
    expect(readActionPrefill(new URLSearchParams(`source=call&ref=${'x'.repeat(121)}`))).toEqual({ sourceType: 'call' });
    expect(readActionPrefill(new URLSearchParams('source=qi&ref=%20QI-2026-04%20'))).toEqual({ sourceType: 'qi', sourceId: 'QI-2026-04' });
  });
});
