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

/** A pool of parse workers, one per core (at least one), that parses files in parallel. Workers start on the first file, so a warm reopen starts none. */
export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<number, { resolve: (r: ParsedFile) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private started = false;

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
    const spec = workerSpec(this.options.workerFile);
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(spec.url, spec.workerData ? { workerData: spec.workerData } : {});
      worker.on('message', ({ id, result }: { id: number; result: ParsedFile }) => {
        this.pending.get(id)?.resolve(result);
        this.pending.delete(id);
        this.release(worker);
      });
      worker.on('error', (error) => {
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private release(worker: Worker) {
    this.idle.push(worker);
    this.waiting.shift()?.();
  }

  private async acquire(): Promise<Worker> {
    if (!this.started) this.start();
    while (!this.idle.length) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.idle.pop()!;
  }

  /** Parses one file in a free worker. */
  async parse(root: string, file: string, mode: ParseMode = 'full'): Promise<ParsedFile> {
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, root, file, mode });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
