/**
 * A token bucket per key: `perMinute` a minute on average, with bursts up to
 * one minute's worth. The station's HIS listener counts events per source
 * (a batch of 1,000 weighs what 1,000 single posts weigh); the hub counts
 * failed sign-ins per address.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(key: string, perMinute: number, count: number, now = Date.now()): boolean {
    const bucket = this.refill(key, perMinute, now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < count) return false;
    bucket.tokens -= count;
    return true;
  }

  /** Whether `count` could be taken now, without taking it. */
  allows(key: string, perMinute: number, count = 1, now = Date.now()): boolean {
    return this.refill(key, perMinute, now).tokens >= count;
  }

  /** Forgets buckets that have refilled (keys seen once must not pile up for ever). */
  prune(perMinute: number, now = Date.now()): void {
    for (const [key, bucket] of this.buckets) if (bucket.tokens + ((now - bucket.at) * perMinute) / 60_000 >= perMinute) this.buckets.delete(key);
  }

  private refill(key: string, perMinute: number, now: number): { tokens: number; at: number } {
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }
}
