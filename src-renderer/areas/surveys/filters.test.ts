import { describe, expect, it } from 'vitest';
import { figuresInput, isFiltered, readFilter, readFormFilter, readListFilter, readMessageFilter, withFilter } from './filters.js';

const HOSPITAL = '0190a6a0-0000-7000-8000-000000000001';
const TEMPLATE = '0190a6a0-0000-7000-8000-000000000002';

describe('the filter in the address', () => {
  it('reads what it wrote, in either direction', () => {
    const filter = {
      hospitalId: HOSPITAL,
      templateId: TEMPLATE,
      channel: 'sms' as const,
      from: '2026-01-01',
      to: '2026-01-31',
      status: 'expired' as const,
      negative: true,
      q: 'MRN-7',
      page: 3,
    };
    const path = withFilter('/surveys/responses', filter);
    expect(path).toBe(
      `/surveys/responses?hospital=${HOSPITAL}&template=${TEMPLATE}&channel=sms&from=2026-01-01&to=2026-01-31&status=expired&negative=yes&q=MRN-7&page=3`,
    );
    expect(readListFilter(new URLSearchParams(path.split('?')[1]))).toEqual(filter);
  });

  it('leaves out page 1 and empty values', () => {
    expect(withFilter('/surveys', { page: 1, q: '' })).toBe('/surveys');
    expect(withFilter('/surveys', { negative: false })).toBe('/surveys?negative=no');
  });

  it.each([
    ['hospital=1; DROP TABLE', {}],
    ['channel=pigeon', {}],
    ['from=2026-02-31x&to=yesterday', {}],
    ['from=2026-13-45', {}],
    ['from=2026-02-31&to=2026-02-28', { to: '2026-02-28' }],
    ['channel=qr&from=2026-02-01', { channel: 'qr', from: '2026-02-01' }],
  ])('drops what is not a value the station accepts: %s', (query, expected) => {
    expect(readFilter(new URLSearchParams(query))).toEqual(expected);
  });

  it('keeps a list on page 1 when the page is not a page', () => {
    for (const page of ['0', '-2', '1.5', 'two', '']) expect(readListFilter(new URLSearchParams(`page=${page}`)).page).toBe(1);
    expect(readListFilter(new URLSearchParams('status=lost&negative=maybe'))).toEqual({ page: 1 });
  });

  it('reads a form the same way: blanks left out, what is not a value dropped', () => {
    expect(readFormFilter({ hospitalId: HOSPITAL, templateId: '', from: '2026-1-5', negative: 'no', q: ' MRN-7 ' })).toEqual({
      hospitalId: HOSPITAL,
      negative: false,
      q: 'MRN-7',
      page: 1,
    });
  });

  it('reads the message log filter', () => {
    expect(readMessageFilter(new URLSearchParams(`status=failed&hospital=${HOSPITAL}&page=2`))).toEqual({ status: 'failed', hospitalId: HOSPITAL, page: 2 });
    expect(readMessageFilter(new URLSearchParams('status=expired'))).toEqual({ page: 1 });
  });

  it('hands the figures and the export only the control center part', () => {
    expect(figuresInput({ hospitalId: HOSPITAL, status: 'completed', q: 'x', page: 2 } as never)).toEqual({ hospitalId: HOSPITAL });
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ to: '2026-01-01' })).toBe(true);
  });
});
