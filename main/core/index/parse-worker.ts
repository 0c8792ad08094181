/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { extractArticles } from '../articles';
import { readSeedBytesSync } from '../library/load';
import { parseSeed } from '../parse';
import { extractBatch } from './extract-batch';
import { failedFile, parseFileForIndex, type ParseMode } from './parse-file';
import type { ParseWorkerData, Task } from './pool';
import { WriteLock } from './write-lock';

const writeLock = new WriteLock((workerData as ParseWorkerData).writeLock);

// Files are read and parsed synchronously, one message after another: in the order sent (the
// pool relies on it), while the next ones wait in the message queue.
parentPort!.on('message', ({ id, task }: { id: number; task: Task }) => {
  if (task.kind === 'extract') {
    try {
      parentPort!.postMessage({ id, result: extractBatch(task.batch, (write) => writeLock.with(threadId, write)) });
    } catch (error) {
      parentPort!.postMessage({ id, error: (error as Error).message });
    }
    return;
  }
  if (task.kind === 'articles') {
    try {
      const read = readSeedBytesSync(task.root, task.file);
      const post = read.bytes ? parseSeed(read.bytes, task.file).post : null;
      if (!post) throw new Error(`${task.file} can no longer be read`);
      parentPort!.postMessage({ id, result: extractArticles(post) });
    } catch (error) {
      parentPort!.postMessage({ id, error: (error as Error).message });
    }
    return;
  }
  const parse = (file: string, mode: ParseMode) => {
    try {
      return parseFileForIndex(task.root, file, mode);
    } catch (error) {
      return failedFile(file, `the parser stopped with "${(error as Error).message}"`);
    }
  };
  if (task.kind === 'parse-many') parentPort!.postMessage({ id, result: task.files.map(({ file, mode }) => parse(file, mode)) });
  else parentPort!.postMessage({ id, result: parse(task.file, task.mode) });
});
