import type { WriteLock } from './write-lock';

/**
 * What starting a task gives: its answer, or (a second-pass batch, parsed) the write that
 * answers it once `lock` (its shard's write lock) is held.
 */
export type Started = { answer: unknown } | { write: () => unknown; lock: WriteLock };

/** A task's reply, as the worker posts it. */
export type Reply = { result: unknown } | { error: string };

interface Entry<T> {
  id: number;
  task: T;
  reply?: Reply;
}

/**
 * A parse worker's loop over the tasks it is sent. A second-pass batch is parsed when its turn
 * comes, then written when its write lock is free; while another worker holds the
 * lock, this one starts its next task (parses its next batch) instead of sleeping, so that the
 * lock, which the whole second pass queues on, is idle as little as possible. A parsed batch
 * is written before the next task starts whenever the lock is free, and replies leave in the
 * order the tasks came (the pool relies on it).
 */
export class TaskLoop<T> {
  /** Tasks not started yet, in order. */
  private readonly inbox: Entry<T>[] = [];
  /** Every task not replied to yet, in order. */
  private readonly unanswered: Entry<T>[] = [];
  /** Batches parsed and waiting for the lock, in order. */
  private readonly toWrite: { entry: Entry<T>; write: () => unknown; lock: WriteLock }[] = [];
  private running = false;
  /** Ends the wait for the lock when a task arrives, so that it is started meanwhile. */
  private taskArrived: (() => void) | null = null;

  constructor(
    private readonly holder: number,
    /** Starts a task: may throw (that is its error reply) or reject (a module that failed to load). */
    private readonly start: (task: T) => Started | Promise<Started>,
    private readonly send: (id: number, reply: Reply) => void,
  ) {}

  /** Takes a task in; its reply is sent when it and every task before it are done. */
  push(id: number, task: T): void {
    const entry: Entry<T> = { id, task };
    this.inbox.push(entry);
    this.unanswered.push(entry);
    if (this.taskArrived) this.taskArrived();
    else void this.pump();
  }

  /** Batches parsed and not yet written. */
  get waitingToWrite(): number {
    return this.toWrite.length;
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.writeIfFree()) {
          this.sendReplies();
          continue;
        }
        const entry = this.inbox.shift();
        if (entry) {
          await this.begin(entry);
          this.sendReplies();
          continue;
        }
        const waiting = this.toWrite[0];
        if (!waiting) return;
        await Promise.race([waiting.lock.freed(), new Promise<void>((resolve) => (this.taskArrived = resolve))]);
        this.taskArrived = null;
      }
    } finally {
      this.running = false;
    }
  }

  private async begin(entry: Entry<T>) {
    try {
      const started = await this.start(entry.task);
      if ('write' in started) this.toWrite.push({ entry, write: started.write, lock: started.lock });
      else entry.reply = { result: started.answer };
    } catch (error) {
      entry.reply = { error: (error as Error).message };
    }
  }

  /** Writes the oldest parsed batch if the lock is free now. Returns whether it did. */
  private writeIfFree(): boolean {
    const next = this.toWrite[0];
    if (!next || !next.lock.tryAcquire(this.holder)) return false;
    this.toWrite.shift();
    try {
      next.entry.reply = { result: next.write() };
    } catch (error) {
      next.entry.reply = { error: (error as Error).message };
    } finally {
      next.lock.release(this.holder);
    }
    return true;
  }

  private sendReplies() {
    for (let head = this.unanswered[0]; head?.reply; head = this.unanswered[0]) {
      this.unanswered.shift();
      this.send(head.id, head.reply);
    }
  }
}
