import { describe, expect, it } from 'vitest';
import { backgroundErrorOf } from './background-errors.js';
import { AppError } from './errors.js';

class SqliteLike extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

describe('what a failed run keeps of its error', () => {
  it.each([
    ['a TypeError: its name', new TypeError("Cannot read properties of undefined (reading 'mrn')"), { code: 'TypeError', key: 'job.failed' }],
    [
      'a SQLite error: its system code',
      new SqliteLike('UNIQUE constraint failed: patients.mrn', 'SQLITE_CONSTRAINT_UNIQUE'),
      { code: 'SQLITE_CONSTRAINT_UNIQUE', key: 'job.failed' },
    ],
    ['an AppError: its code and key', new AppError('CONFLICT', 'error.conflict'), { code: 'CONFLICT', key: 'error.conflict' }],
    ['a key of its own', Object.assign(new Error('x'), { key: 'intake.unknown_hospital' }), { code: 'Error', key: 'intake.unknown_hospital' }],
    ['an unknown key: the fallback', Object.assign(new Error('x'), { key: 'made.up' }), { code: 'Error', key: 'job.failed' }],
    [
      'a code that is free text: the class name instead',
      Object.assign(new Error('x'), { code: 'Layla Alshehri, MRN 1234' }),
      { code: 'Error', key: 'job.failed' },
    ],
    ['a thrown string', 'patient 1234 broke it', { code: 'Error', key: 'job.failed' }],
    ['undefined', undefined, { code: 'Error', key: 'job.failed' }],
  ] as const)('%s', (_label, error, kept) => {
    expect(backgroundErrorOf(error, 'job.failed')).toEqual(kept);
  });

  it('never keeps the message, which may quote a patient', () => {
    const kept = backgroundErrorOf(new Error('Layla Alshehri has no phone'), 'job.delivery_failed');
    expect(JSON.stringify(kept)).not.toContain('Layla');
    expect(kept.key).toBe('job.delivery_failed');
  });
});
