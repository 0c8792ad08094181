/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { failedFile, scanFileForIndex, type ParsedFile, type ParseMode } from './parse-file';
import type { ParseWorkerData, Task } from './pool';
import { WriteLock } from './write-lock';

const writeLock = new WriteLock((workerData as ParseWorkerData).writeLock);

/**
 * The full parse, the article extractor and SQLite, loaded on the first task that needs them:
 * the first pass (the post list) needs none of them, and loading them (the public-suffix table
 * above all) held back a starting worker's first answer by about 60 ms.
 */
type Full = typeof import('./parse-worker-full');
let full: Promise<Full> | null = null;
const loadFull = (): Promise<Full> => (full ??= import('./parse-worker-full'));

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
  task.kind === 'articles' ||
  (task.kind === 'parse' ? task.mode === 'full' : task.kind === 'parse-many' && task.files.some((f) => f.mode === 'full'));

/** The answer to one task, computed synchronously (files are read with blocking calls). */
function answer(task: Task, lib: Full | null): unknown {
  switch (task.kind) {
    case 'extract':
      return lib!.extractBatch(task.batch, (write) => writeLock.with(threadId, write));
    case 'articles':
      return lib!.articlesOfFile(task.root, task.file);
    case 'parse-many':
      return task.files.map(({ file, mode }) => parse(task.root, file, mode, lib));
    case 'parse':
      return parse(task.root, task.file, task.mode, lib);
  }
}

// Tasks are answered one after another, in the order sent (the pool relies on it), while the
// next ones wait in the message queue; a task that needs the full parser waits for it to load,
// and the tasks behind it wait their turn.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', ({ id, task }: { id: number; task: Task }) => {
  const run = (lib: Full | null) => {
    try {
      parentPort!.postMessage({ id, result: answer(task, lib) });
    } catch (error) {
      parentPort!.postMessage({ id, error: (error as Error).message });
    }
  };
  queue = needsFull(task)
    ? queue.then(loadFull).then(run, (error: Error) => parentPort!.postMessage({ id, error: `the full parser could not be loaded: ${error.message}` }))
    : queue.then(() => run(null));
});
