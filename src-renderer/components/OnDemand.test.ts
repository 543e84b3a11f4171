import { describe, expect, it } from 'vitest';
import { onDemand, PartNotLoadedError } from './OnDemand.js';

/** A fetch of a chunk that fails while `missing` says so, counting its attempts. */
function chunk(missing: { now: boolean }) {
  const attempts = { count: 0 };
  const fetchPart = async () => {
    attempts.count += 1;
    if (missing.now) throw new TypeError('Failed to fetch dynamically imported module: ./assets/JobsScreen-x.js');
    return { JobsScreen: 'the screen' };
  };
  return { attempts, fetchPart };
}

describe('a part of the console fetched on demand', () => {
  it('is fetched once, however many pages ask for it, and is at hand afterwards', async () => {
    const { attempts, fetchPart } = chunk({ now: false });
    const part = onDemand(fetchPart);
    expect(part.loaded()).toBeNull();
    const [first, second] = await Promise.all([part.load(), part.load()]);
    expect(first).toBe(second);
    expect(attempts.count).toBe(1);
    expect(part.loaded()).toEqual({ value: { JobsScreen: 'the screen' } });
    part.forgetFailure(); // nothing failed: nothing is fetched again
    await part.load();
    expect(attempts.count).toBe(1);
  });

  it('keeps a failed fetch until the reader tries again, then fetches anew', async () => {
    const missing = { now: true };
    const { attempts, fetchPart } = chunk(missing);
    const part = onDemand(fetchPart);

    const failure = await part.load().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PartNotLoadedError);
    expect((failure as PartNotLoadedError).cause).toBeInstanceOf(TypeError);
    // React renders again after the failure: that must not fetch again in a loop
    await expect(part.load()).rejects.toBe(failure);
    expect(attempts.count).toBe(1);
    expect(part.loaded()).toBeNull();

    missing.now = false; // the station is back, or the file restored
    part.forgetFailure(); // "Try again"
    await expect(part.load()).resolves.toEqual({ JobsScreen: 'the screen' });
    expect(attempts.count).toBe(2);
  });
});
