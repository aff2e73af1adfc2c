/** Thrown when a bounded wait for a turn ends: answered BUSY (HTTP 503, Retry-After) by errors.ts. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor(message = 'No free turn within the bounded wait') {
    super(message);
  }
}

/**
 * At most `limit` holders at once; the others wait in order, each at most the time it gives, then
 * get a BusyError. Used for the downloads' own connection budget and for each organization's
 * share of the interactive work.
 */
export class Semaphore {
  private held = 0;
  private readonly queue: { grant: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly limit: number) {}

  get running(): number {
    return this.held;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the release function (call it exactly once); rejects with BusyError after `waitMs`. */
  acquire(waitMs: number): Promise<() => void> {
    if (this.held < this.limit && this.queue.length === 0) {
      this.held++;
      return Promise.resolve(this.releaser());
    }
    if (waitMs <= 0) return Promise.reject(new BusyError());
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          this.held++;
          resolve(this.releaser());
        },
        timer: setTimeout(() => {
          const i = this.queue.indexOf(entry);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new BusyError());
        }, waitMs),
      };
      this.queue.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      const next = this.queue.shift();
      if (next) next.grant();
    };
  }
}

/** One Semaphore per key (an organization), made on first use and forgotten when idle. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();

  constructor(private readonly limit: number) {}

  async acquire(key: string, waitMs: number): Promise<() => void> {
    let semaphore = this.byKey.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.byKey.set(key, semaphore);
    }
    const s = semaphore;
    try {
      const release = await s.acquire(waitMs);
      return () => {
        release();
        this.forgetIfIdle(key, s);
      };
    } catch (error) {
      this.forgetIfIdle(key, s);
      throw error;
    }
  }

  /** Holders and waiters of `key` now. */
  load(key: string): number {
    const s = this.byKey.get(key);
    return s ? s.running + s.waiting : 0;
  }

  private forgetIfIdle(key: string, s: Semaphore): void {
    if (s.running === 0 && s.waiting === 0 && this.byKey.get(key) === s) this.byKey.delete(key);
  }
}
