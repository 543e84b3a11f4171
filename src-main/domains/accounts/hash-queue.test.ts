import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors.js';
import { HashQueue } from './hash-queue.js';

/** A job that runs until released, recording that it started. */
function held(started: string[], name: string) {
  let release = () => {};
  const done = new Promise<string>((resolve) => (release = () => resolve(name)));
  return { job: () => (started.push(name), done), release: () => release() };
}

describe('HashQueue', () => {
  it('runs at most `concurrency` jobs at once, the rest in the order they came', async () => {
    const queue = new HashQueue(2, 10);
    const started: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((name) => held(started, name));
    const results = jobs.map((j) => queue.run(j.job));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect({ active: queue.active, queued: queue.queued }).toEqual({ active: 2, queued: 2 });
    jobs[1]!.release();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const j of jobs) j.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect({ active: queue.active, queued: queue.queued }).toEqual({ active: 0, queued: 0 });
  });

  it('refuses a job at once, as BUSY (503, bilingual), when the line is full', async () => {
    const queue = new HashQueue(1, 1);
    const started: string[] = [];
    const first = held(started, 'first');
    const second = held(started, 'second');
    const running = [queue.run(first.job), queue.run(second.job)];
    expect(queue.full).toBe(true);
    const refused = await queue.run(async () => 'third').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).toBody().error).toMatchObject({ code: 'BUSY', key: 'error.busy', message: { ar: expect.stringContaining('مشغولة') } });
    first.release();
    second.release();
    await Promise.all(running);
    expect(await queue.run(async () => 'fourth')).toBe('fourth');
  });

  it('frees the slot when a job fails', async () => {
    const queue = new HashQueue(1, 0);
    await expect(queue.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
