/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort } from 'node:worker_threads';
import { failedFile, parseFileForIndex, type ParseMode } from './parse-file';

/** Files are parsed one after another, in the order sent (the pool relies on it), while the next ones wait here. */
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (message: { id: number; root: string; file: string; mode: ParseMode }) => {
  queue = queue.then(async () => {
    let result;
    try {
      result = await parseFileForIndex(message.root, message.file, message.mode);
    } catch (error) {
      result = failedFile(message.file, `the parser stopped with "${(error as Error).message}"`);
    }
    parentPort!.postMessage({ id: message.id, result });
  });
});
