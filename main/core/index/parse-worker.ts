/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { getHeapStatistics } from 'node:v8';
import { parentPort, resourceLimits, threadId, workerData } from 'node:worker_threads';
import { failedFile, scanFileForIndex, type ParsedFile, type ParseMode } from './parse-file';
import type { ParseWorkerData, Task } from './pool';
import { TaskLoop, type Started } from './task-loop';
import { WriteLock } from './write-lock';

const data = workerData as ParseWorkerData;
/** The lock of the index itself, and of the full-text shard this worker writes (pool.ts). */
const indexLock = new WriteLock(data.indexLock);
const shardLock = new WriteLock(data.shardLocks[data.shard]!);

/**
 * The full parse, the article extractor and SQLite, loaded on the first task that needs them:
 * the first pass (the post list) needs none of them, and loading them (the public-suffix table
 * above all) would hold back a starting worker's first answer, and with it the post list.
 */
type Full = typeof import('./parse-worker-full');
let full: Full | null = null;
let loading: Promise<Full> | null = null;
const loadFull = (): Promise<Full> => (loading ??= import('./parse-worker-full').then((lib) => (full = lib)));

/** Parses one file; a parser bug becomes the file's problem, not the worker's death. */
function parse(root: string, file: string, mode: ParseMode, lib: Full | null): ParsedFile {
  try {
    return mode === 'full' ? lib!.parseFileForIndex(root, file, mode) : scanFileForIndex(root, file, mode);
  } catch (error) {
    return failedFile(file, `the parser stopped with "${(error as Error).message}"`);
  }
}

const needsFull = (task: Task): boolean =>
  task.kind === 'extract' ||
  task.kind === 'merge-terms' ||
  task.kind === 'articles' ||
  (task.kind === 'parse'
    ? task.mode === 'full'
    : task.kind === 'parse-many' && task.files.some((f) => f.mode === 'full'));

/** The answer to a task other than the writing ones ('extract', 'merge-terms'), computed synchronously (files are read with blocking calls). */
function answer(task: Exclude<Task, { kind: 'extract' | 'merge-terms' }>, lib: Full | null): unknown {
  switch (task.kind) {
    case 'release':
      // No connection without the full parser: it is what opens one.
      return lib?.releaseConnection() ?? null;
    case 'settings':
      return {
        resourceLimits,
        heapMb: getHeapStatistics().total_heap_size / 2 ** 20,
        connection: lib?.connectionSettings() ?? null,
      };
    case 'articles':
      return lib!.articlesOfFile(task.root, task.file, task.part);
    case 'parse-many':
      return task.files.map(({ file, mode }) => parse(task.root, file, mode, lib));
    case 'parse':
      return parse(task.root, task.file, task.mode, lib);
  }
}

/** Starts a task: a second-pass batch is parsed now and written when this worker's shard is free (task-loop.ts). */
async function start(task: Task): Promise<Started> {
  let lib = full;
  if (needsFull(task) && !lib) {
    try {
      lib = await loadFull();
    } catch (error) {
      throw new Error(`the full parser could not be loaded: ${(error as Error).message}`, { cause: error });
    }
  }
  if (task.kind === 'merge-terms')
    return {
      write: () => lib!.mergeTermLists(task.dbPath, data.shard, task.nativeBinding, task.building),
      lock: shardLock,
    };
  if (task.kind !== 'extract') return { answer: answer(task, lib) };
  const parsed = lib!.parseBatch(task.batch);
  return { write: () => lib!.writeBatch(parsed, data.shard, indexLock, threadId), lock: shardLock };
}

const loop = new TaskLoop<Task>(threadId, start, (id, reply) => parentPort!.postMessage({ id, ...reply }));
parentPort!.on('message', ({ id, task }: { id: number; task: Task }) => loop.push(id, task));
