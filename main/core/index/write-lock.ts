/**
 * A lock the parse workers take before writing a batch into the index, in shared memory.
 *
 * SQLite lets one connection write at a time and makes the others wait in its busy handler,
 * which sleeps 1, 2, 5, … up to 100 ms between tries: a worker ready to write would often
 * sleep on long after the other has committed, leaving its core idle. A worker waiting here
 * wakes the moment the lock is let go. SQLite's own busy timeout still guards the file
 * against every other writer (the thread answering the window, another process).
 *
 * The lock word holds the thread id of its holder (0: free), so the pool can free a lock whose
 * holder died mid-batch.
 */
export class WriteLock {
  private readonly word: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer);
  }

  /** Waits until the lock is free and takes it for `holder` (a thread id, never 0). */
  acquire(holder: number): void {
    for (;;) {
      const current = Atomics.compareExchange(this.word, 0, 0, holder);
      if (current === 0) return;
      // Woken by release(); the timeout only bounds a wait on a holder that vanished unseen.
      Atomics.wait(this.word, 0, current, 1000);
    }
  }

  /** Takes the lock for `holder` if it is free, without waiting. Returns whether it did. */
  tryAcquire(holder: number): boolean {
    return Atomics.compareExchange(this.word, 0, 0, holder) === 0;
  }

  /**
   * Resolves when the lock is let go (or after `timeoutMs`, which bounds a wait on a holder that
   * vanished unseen), without blocking this thread: it goes on with other work meanwhile.
   */
  async freed(timeoutMs = 1000): Promise<void> {
    const current = Atomics.load(this.word, 0);
    if (current === 0) return;
    const wait = Atomics.waitAsync(this.word, 0, current, timeoutMs);
    if (wait.async) await wait.value;
  }

  /**
   * Lets the lock go, if `holder` has it, and wakes every waiting thread: a worker waiting
   * without blocking may be busy when woken, and another should not sleep on meanwhile.
   * Returns whether it had.
   */
  release(holder: number): boolean {
    const had = Atomics.compareExchange(this.word, 0, holder, 0) === holder;
    if (had) Atomics.notify(this.word, 0);
    return had;
  }

  /** The thread holding the lock, 0 when free. */
  get holder(): number {
    return Atomics.load(this.word, 0);
  }

  /** Runs `work` holding the lock. */
  with<T>(holder: number, work: () => T): T {
    this.acquire(holder);
    try {
      return work();
    } finally {
      this.release(holder);
    }
  }
}
