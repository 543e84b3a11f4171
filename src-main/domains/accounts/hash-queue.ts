import { AppError } from '../../../src-shared/errors.js';

/**
 * At most `concurrency` jobs at once, at most `maxWaiting` more in line;
 * beyond that a job is refused at once (503, error.busy) rather than queued.
 *
 * Why password hashing needs it: scrypt at OWASP's cost takes 128 MiB and
 * ~0.1–0.3 s of a core per hash, on libuv's thread pool (4 threads, shared
 * with file reads and the rest). Forty logins at once would take 5 GiB and
 * every thread of the pool, and the console's other calls, the static files
 * and the HIS listener would wait behind them. In line, the cost of a burst
 * is the burst's own waiting, and a flood is turned away before it costs
 * anything.
 */
export class HashQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private concurrency: number,
    private maxWaiting: number,
  ) {}

  /** New limits (the load bench compares them); jobs already in line stay in line. */
  resize(concurrency: number, maxWaiting: number): void {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Whether a job offered now would be refused. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.maxWaiting;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('BUSY', 'error.busy');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // hand the slot straight to the next in line, so a newcomer cannot overtake it
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
