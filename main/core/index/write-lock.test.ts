import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ParsePool } from './pool';
import { WriteLock } from './write-lock';

/** A thread that takes the lock as `holder`, says so, holds it `ms`, and lets it go. */
const HOLDER = `
import { parentPort, workerData } from 'node:worker_threads';
const word = new Int32Array(workerData.buffer);
for (;;) {
  const current = Atomics.compareExchange(word, 0, 0, workerData.holder);
  if (current === 0) break;
  Atomics.wait(word, 0, current, 1000);
}
// Times on one clock for every thread (each thread's performance.now() starts at its own origin).
const now = () => performance.timeOrigin + performance.now();
const took = now();
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
// Said before it lets go: the other thread's "took" may reach the main thread first.
parentPort.postMessage({ took, released: now() });
Atomics.compareExchange(word, 0, workerData.holder, 0);
Atomics.notify(word, 0, 1);
`;

describe('the write lock', () => {
  it('lets one holder in at a time; release by another thread id does nothing', () => {
    const lock = new WriteLock();
    expect(lock.holder).toBe(0);
    lock.acquire(7);
    expect(lock.holder).toBe(7);
    expect(lock.release(8)).toBe(false);
    expect(lock.holder).toBe(7);
    expect(lock.release(7)).toBe(true);
    expect(lock.holder).toBe(0);
    expect(lock.with(9, () => lock.holder)).toBe(9);
    expect(lock.holder).toBe(0);
  });

  it('makes a second thread wait until the first lets go, and wakes it then', async () => {
    const lock = new WriteLock();
    const events: { who: string; took: number; released: number }[] = [];
    const run = (holder: number, ms: number) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(HOLDER, { eval: true, workerData: { buffer: lock.buffer, holder, ms } });
        worker.on('message', (m: { took: number; released: number }) => events.push({ who: String(holder), ...m }));
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    lock.acquire(1);
    const a = run(2, 50);
    const b = run(3, 50);
    // Both wait for this thread's hold.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    const freed = performance.timeOrigin + performance.now();
    lock.release(1);
    await Promise.all([a, b]);
    // One took it, held it, let go, and only then did the other take it (never two at once).
    expect(events.map((e) => e.who).sort()).toEqual(['2', '3']);
    const [first, second] = [...events].sort((x, y) => x.took - y.took);
    expect(first!.took).toBeGreaterThanOrEqual(freed);
    expect(second!.took).toBeGreaterThanOrEqual(first!.released);
    expect(lock.holder).toBe(0);
  });
});

/** A stand-in parse worker that takes the pool's index lock and its shard's lock and dies holding them, or takes them and answers. */
const TAKES_LOCK = `
import { parentPort, threadId, workerData } from 'node:worker_threads';
const words = [new Int32Array(workerData.shardLocks[workerData.shard]), new Int32Array(workerData.indexLock)];
parentPort.on('message', ({ id, task }) => {
  for (const word of words) {
    for (;;) {
      const current = Atomics.compareExchange(word, 0, 0, threadId);
      if (current === 0) break;
      Atomics.wait(word, 0, current, 1000);
    }
  }
  if (task.file === 'boom.txt') process.exit(3);
  for (const word of words) {
    Atomics.compareExchange(word, 0, threadId, 0);
    Atomics.notify(word, 0, 1);
  }
  parentPort.postMessage({ id, result: { file: task.file, size: 1, mtimeMs: 1, hash: 'h', post: null, articleCount: 0, problems: [], articles: [], docs: [] } });
});
`;

describe('the parse pool and the write lock', () => {
  it('frees the locks of a worker that died holding them, so the next worker can write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-lock-'));
    const workerFile = join(dir, 'worker.mjs');
    await writeFile(workerFile, TAKES_LOCK);
    const pool = new ParsePool(1, { workerFile });
    try {
      await expect(pool.parse(dir, 'boom.txt')).rejects.toThrow(/exit code 3/);
      // Without the pool freeing it, the fresh worker would wait on the dead one's lock for ever.
      await expect(pool.parse(dir, 'fine.txt')).resolves.toMatchObject({ file: 'fine.txt' });
    } finally {
      await pool.close();
    }
  }, 10_000);
});
