/**
 * A token bucket per source: `perMinute` events a minute on average, with
 * bursts up to one minute's worth. Counting events (not requests) means a
 * batch of 1,000 weighs what 1,000 single posts weigh.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(key: string, perMinute: number, count: number, now = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < count) return false;
    bucket.tokens -= count;
    return true;
  }
}
