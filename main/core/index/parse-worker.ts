/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort } from 'node:worker_threads';
import { failedFile, parseFileForIndex, type ParseMode } from './parse-file';

// Files are read and parsed synchronously, one message after another: in the order sent (the
// pool relies on it), while the next ones wait in the message queue.
parentPort!.on('message', (message: { id: number; root: string; file: string; mode: ParseMode }) => {
  let result;
  try {
    result = parseFileForIndex(message.root, message.file, message.mode);
  } catch (error) {
    result = failedFile(message.file, `the parser stopped with "${(error as Error).message}"`);
  }
  parentPort!.postMessage({ id: message.id, result });
});
