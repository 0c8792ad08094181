import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PostArticles } from '../articles';
import type { ConnectionSettings, ExtractBatch } from './extract-batch';
import { parseWorkerLocation } from './packaged-paths';
import type { ParsedFile, ParseMode } from './parse-file';
import { SHARDS } from './schema';
import { WriteLock } from './write-lock';

/** What every parse worker is started with. */
export interface ParseWorkerData {
  /** The TypeScript entry, when the worker runs from source through tsx. */
  entry?: string;
  /** The lock the workers take to write into the index itself (write-lock.ts). */
  indexLock: SharedArrayBuffer;
  /** The lock of each full-text shard, taken to write into it. */
  shardLocks: SharedArrayBuffer[];
  /** The shard this worker writes its second-pass texts into. */
  shard: number;
}

/**
 * How to start the parse worker: the built `parse-worker.js` beside the bundle (the app; in a
 * package, its app.asar.unpacked copy; the command line's out/cli/parse-worker.js), or the TypeScript source
 * through tsx (tests run from source).
 */
function workerSpec(workerFile?: string): { url: URL; workerData?: { entry: string }; execArgv?: string[] } {
  // A built worker runs as the app runs it: without this process's loaders (the bench runs under tsx).
  if (workerFile) return { url: pathToFileURL(workerFile), execArgv: [] };
  // import.meta.dirname, not import.meta.url: test environments such as jsdom give modules http: URLs.
  const location = parseWorkerLocation(import.meta.dirname, existsSync);
  if (location.kind === 'built') return { url: pathToFileURL(location.file) };
  return { url: pathToFileURL(location.boot), workerData: { entry: pathToFileURL(location.entry).href } };
}

/**
 * Memory a parse worker may use. Parsing the longest thread (2,000 comments, 1 MB) needs well
 * under this; without limits each worker's heap grows to a hundred megabytes or more before it
 * collects, and the indexing process's memory with it.
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 } as const;

/**
 * Files sent to a worker before it answers the first: a worker reads the next file while it
 * parses one, and no file waits for a round trip through the writing thread (on a busy machine
 * each round trip waits for the scheduler, which a worker sent one file at a time sits out idle).
 */
const DEPTH = 4;

/** What a worker runs with (ParsePool.settings()). */
export interface WorkerSettings {
  resourceLimits: Record<string, number>;
  /** The worker's heap now, MB (V8's total heap size: what its isolate holds from the system). */
  heapMb: number;
  connection: ConnectionSettings | null;
}

/** What a worker is asked for: a file parsed for the index, or a post's quoted articles for the reader. */
export type Task =
  | { kind: 'parse'; root: string; file: string; mode: ParseMode }
  | { kind: 'parse-many'; root: string; files: { file: string; mode: ParseMode }[] }
  | { kind: 'articles'; root: string; file: string; part: number }
  | { kind: 'extract'; batch: ExtractBatch }
  | { kind: 'merge-terms'; dbPath: string; nativeBinding?: string; building?: boolean }
  | { kind: 'release' }
  | { kind: 'settings' };

interface Job {
  worker: Worker | null;
  task: Task;
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

/** A pool of parse workers, one per core (at least one), that parses files in parallel. Workers start on the first file, so a warm reopen starts none. */
export class ParsePool {
  private readonly workers = new Set<Worker>();
  /** Files in hand per worker. */
  private readonly load = new Map<Worker, number>();
  private readonly waiting: (() => void)[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  /** Each worker's thread id, kept past its exit (a dead worker's lock is freed by it). */
  private readonly threadIds = new Map<Worker, number>();
  private readonly indexLock = new WriteLock();
  private readonly shardLocks = Array.from({ length: SHARDS }, () => new WriteLock());
  /** The shard each worker writes (a worker that died is replaced by one writing the same shard). */
  private readonly shardOf = new Map<Worker, number>();
  private started = false;
  private closed = false;
  private writersLost = 0;

  /**
   * `workerFile`: a built worker to run (the bench runs the app's `out/main/parse-worker.js` from
   * the source tree); by default the one beside this module, else the source through tsx.
   */
  constructor(
    private readonly size = Math.max(1, availableParallelism()),
    private readonly options: { workerFile?: string } = {},
  ) {}

  /** How many workers the pool runs. */
  get workerCount(): number {
    return this.size;
  }

  /** Starts the workers now, when a caller knows files are coming. */
  warm(): void {
    if (!this.started && !this.closed) this.start();
  }

  private start() {
    this.started = true;
    // Worker i writes shard i mod SHARDS: with no more workers than shards, no two ever wait for each other's shard.
    for (let i = 0; i < this.size; i++) this.spawn(i % SHARDS);
  }

  private spawn(shard: number) {
    const spec = workerSpec(this.options.workerFile);
    const workerData: ParseWorkerData = {
      ...spec.workerData,
      indexLock: this.indexLock.buffer,
      shardLocks: this.shardLocks.map((lock) => lock.buffer),
      shard,
    };
    const worker = new Worker(spec.url, {
      workerData,
      ...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
      resourceLimits: WORKER_LIMITS,
    });
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      if (error !== undefined) job?.reject(new Error(error));
      else job?.resolve(result as never);
      this.release(worker);
    });
    // A worker that dies (out of memory on a huge file, or a bug) fails the file it was on only:
    // a worker answers in order, so that is its oldest unanswered one. The file is reported, a
    // fresh worker takes its place, and the files queued behind it are sent again.
    const died = (error: Error) => {
      if (!this.workers.delete(worker)) return;
      this.load.delete(worker);
      // A worker that died writing leaves a lock held: let the others write (SQLite rolled its transaction back).
      const threadId = this.threadIds.get(worker) ?? -1;
      let wasWriting = false;
      for (const lock of [this.indexLock, ...this.shardLocks]) wasWriting = lock.release(threadId) || wasWriting;
      if (wasWriting) this.writersLost++;
      this.threadIds.delete(worker);
      const shard = this.shardOf.get(worker) ?? 0;
      this.shardOf.delete(worker);
      const mine = [...this.jobs].filter(([, job]) => job.worker === worker);
      mine.forEach(([id]) => this.jobs.delete(id));
      mine[0]?.[1].reject(error);
      if (this.closed) {
        for (const [, job] of mine.slice(1)) job.reject(new Error('the parse pool was closed'));
        return;
      }
      this.spawn(shard);
      for (let i = 0; i < DEPTH; i++) this.waiting.shift()?.();
      for (const [, job] of mine.slice(1)) void this.send(job);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the parse worker stopped (exit code ${code})`)));
    this.workers.add(worker);
    this.threadIds.set(worker, worker.threadId);
    this.shardOf.set(worker, shard);
    this.load.set(worker, 0);
    return worker;
  }

  private release(worker: Worker) {
    const load = this.load.get(worker);
    if (load !== undefined) this.load.set(worker, load - 1);
    this.waiting.shift()?.();
  }

  /** The least busy worker with room, waiting for one when all are full. */
  private async acquire(): Promise<Worker> {
    if (!this.started) this.start();
    for (;;) {
      let best: Worker | null = null;
      for (const [worker, load] of this.load) if (load < DEPTH && (!best || load < this.load.get(best)!)) best = worker;
      if (best) {
        this.load.set(best, this.load.get(best)! + 1);
        return best;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Parses one file in a worker. Rejects when the worker dies on it. */
  parse(root: string, file: string, mode: ParseMode = 'full'): Promise<ParsedFile> {
    return this.run<ParsedFile>({ kind: 'parse', root, file, mode });
  }

  /** Parses several files in one worker, one message each way. Rejects when the worker dies on one of them. */
  parseMany(root: string, files: { file: string; mode: ParseMode }[]): Promise<ParsedFile[]> {
    return this.run<ParsedFile[]>({ kind: 'parse-many', root, files });
  }

  /**
   * A post's quoted articles and internal quotes, found in a worker: on a long thread this takes
   * a few hundred milliseconds, which the thread answering the window must not spend.
   */
  articles(root: string, file: string, part = 0): Promise<PostArticles> {
    return this.run<PostArticles>({ kind: 'articles', root, file, part });
  }

  /** The second pass for a batch of files, parsed and written into the index by a worker (see extract-batch.ts). */
  extract(batch: ExtractBatch): Promise<{ written: number }> {
    return this.run<{ written: number }>({ kind: 'extract', batch });
  }

  /**
   * Has every worker merge the top lists it collected for the index at `dbPath` into its shard
   * (term-lists.ts); run at the end of a second pass, before a cold build's files are swapped in.
   * A worker that died meanwhile took what it collected with it: its shard's lists then miss
   * those texts until the next rebuild, and search finds them through FTS5.
   */
  async mergeTermLists(dbPath: string, nativeBinding?: string, building = false): Promise<number> {
    if (!this.started || this.closed) return 0;
    const task: Task = { kind: 'merge-terms', dbPath, ...(nativeBinding ? { nativeBinding } : {}), building };
    const merged = await Promise.all([...this.workers].map((worker) => this.runOn<{ words: number }>(worker, task)));
    return merged.reduce((sum, m) => sum + m.words, 0);
  }

  /**
   * How many workers have died while writing into the index (holding a write lock): with a
   * journal, SQLite rolled their transaction back; without one (a cold build), the file may be half-written.
   */
  get diedWriting(): number {
    return this.writersLost;
  }

  /** Closes every worker's connection to the index, so that its files can be replaced (a cold build's end). */
  async releaseIndex(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => this.runOn(worker, { kind: 'release' })));
  }

  /**
   * What each worker runs with: its heap limits and its connection's page caches and journal
   * modes (that of the last connection it opened, when it has closed it; null when it never opened one).
   */
  settings(): Promise<WorkerSettings[]> {
    return Promise.all([...this.workers].map((worker) => this.runOn<WorkerSettings>(worker, { kind: 'settings' })));
  }

  /** Runs a task on one given worker (after what it has in hand). */
  private runOn<T>(worker: Worker, task: Task): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
      const id = this.nextId++;
      this.jobs.set(id, { worker, task, resolve: resolve as (r: never) => void, reject });
      worker.postMessage({ id, task });
    });
  }

  private run<T>(task: Task): Promise<T> {
    return new Promise<T>(
      (resolve, reject) => void this.send({ worker: null, task, resolve: resolve as (r: never) => void, reject }),
    );
  }

  private async send(job: Job): Promise<void> {
    const worker = await this.acquire();
    const id = this.nextId++;
    job.worker = worker;
    this.jobs.set(id, job);
    try {
      worker.postMessage({ id, task: job.task });
    } catch (error) {
      this.jobs.delete(id);
      this.release(worker);
      job.reject(error as Error);
    }
  }

  /**
   * Stops the workers when none has work in hand, freeing their heaps (about 30 MB each after a
   * cold build, kept for as long as a worker lives); the next task starts fresh ones. Returns
   * whether it did.
   */
  async rest(): Promise<boolean> {
    if (this.closed || this.jobs.size > 0 || this.waiting.length > 0 || this.workers.size === 0) return false;
    const workers = [...this.workers];
    // Forgotten first, so that their exit is not taken for a death (died() replaces only workers it knows).
    this.workers.clear();
    this.load.clear();
    this.threadIds.clear();
    this.shardOf.clear();
    this.started = false;
    await Promise.all(workers.map((w) => w.terminate()));
    return true;
  }

  /**
   * Runs tasks, in order, in a worker of its own with a heap of `heapMb`, then stops it: for a
   * file too big for the pool's workers (a blog export of hundreds of megabytes, whose posts are
   * held at once). It writes shard 0, under the same locks as the pool's workers. Answers the first task.
   */
  alone<T>(tasks: Task[], heapMb: number): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the parse pool was closed'));
    const spec = workerSpec(this.options.workerFile);
    const worker = new Worker(spec.url, {
      workerData: {
        ...spec.workerData,
        indexLock: this.indexLock.buffer,
        shardLocks: this.shardLocks.map((lock) => lock.buffer),
        shard: 0,
      } satisfies ParseWorkerData,
      ...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
      resourceLimits: { ...WORKER_LIMITS, maxOldGenerationSizeMb: heapMb },
    });
    const threadId = worker.threadId;
    return new Promise<T>((resolve, reject) => {
      let first: T | undefined;
      let answered = 0;
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        if (error) {
          let wasWriting = false;
          for (const lock of [this.indexLock, ...this.shardLocks]) wasWriting = lock.release(threadId) || wasWriting;
          if (wasWriting) this.writersLost++;
        }
        void worker.terminate();
        if (error) reject(error);
        else resolve(first as T);
      };
      worker.on('message', ({ result, error }: { result?: unknown; error?: string }) => {
        if (error !== undefined) return finish(new Error(error));
        if (answered++ === 0) first = result as T;
        if (answered === tasks.length) finish(null);
      });
      worker.on('error', finish);
      worker.on('exit', (code) => finish(new Error(`the parse worker stopped (exit code ${code})`)));
      tasks.forEach((task, id) => worker.postMessage({ id, task }));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
