import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedFile, ParseMode } from './parse-file';

/**
 * How to start the parse worker: the built `parse-worker.js` beside the bundle (the app), or the
 * TypeScript source through tsx (tests and the CLI run from source).
 */
function workerSpec(workerFile?: string): { url: URL; workerData?: { entry: string } } {
  if (workerFile) return { url: pathToFileURL(workerFile) };
  // import.meta.dirname, not import.meta.url: test environments such as jsdom give modules http: URLs.
  const here = import.meta.dirname;
  const built = join(here, 'parse-worker.js');
  if (existsSync(built)) return { url: pathToFileURL(built) };
  return { url: pathToFileURL(join(here, 'worker-boot.mjs')), workerData: { entry: pathToFileURL(join(here, 'parse-worker.ts')).href } };
}

/**
 * Memory a parse worker may use. Parsing the longest thread (2,000 comments, 1 MB) needs well
 * under this; without limits each worker's heap grows to a hundred megabytes or more before it
 * collects, which is what pushed the indexing process over 300 MB.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** A pool of parse workers, one per core (at least one), that parses files in parallel. Workers start on the first file, so a warm reopen starts none. */
export class ParsePool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  /** The job each busy worker is on. */
  private readonly jobs = new Map<Worker, { file: string; resolve: (r: ParsedFile) => void; reject: (e: Error) => void }>();
  private started = false;
  private closed = false;

  /**
   * `workerFile`: a built worker to run (the bench runs the app's `out/main/parse-worker.js` from
   * the source tree); by default the one beside this module, else the source through tsx.
   */
  constructor(
    private readonly size = Math.max(1, availableParallelism()),
    private readonly options: { workerFile?: string } = {},
  ) {}

  private start() {
    this.started = true;
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  private spawn() {
    const spec = workerSpec(this.options.workerFile);
    const worker = new Worker(spec.url, { ...(spec.workerData ? { workerData: spec.workerData } : {}), resourceLimits: WORKER_LIMITS });
    worker.on('message', ({ result }: { result: ParsedFile }) => {
      const job = this.jobs.get(worker);
      this.jobs.delete(worker);
      job?.resolve(result);
      this.release(worker);
    });
    // A worker that dies (out of memory on a huge file, or a bug) fails its file only: the file
    // is reported, and a fresh worker takes its place for the rest.
    const died = (error: Error) => {
      if (!this.workers.delete(worker)) return;
      const job = this.jobs.get(worker);
      this.jobs.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      job?.reject(error);
      if (!this.closed) this.release(this.spawn());
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the parse worker stopped (exit code ${code})`)));
    this.workers.add(worker);
    this.idle.push(worker);
    return worker;
  }

  private release(worker: Worker) {
    if (!this.idle.includes(worker)) this.idle.push(worker);
    this.waiting.shift()?.();
  }

  private async acquire(): Promise<Worker> {
    if (!this.started) this.start();
    while (!this.idle.length) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.idle.pop()!;
  }

  /** Parses one file in a free worker. Rejects when the worker dies on it. */
  async parse(root: string, file: string, mode: ParseMode = 'full'): Promise<ParsedFile> {
    const worker = await this.acquire();
    return new Promise((resolve, reject) => {
      this.jobs.set(worker, { file, resolve, reject });
      worker.postMessage({ root, file, mode });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
