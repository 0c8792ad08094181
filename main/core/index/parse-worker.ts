/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort } from 'node:worker_threads';
import { failedFile, parseFileForIndex, type ParseMode } from './parse-file';

parentPort!.on('message', async (message: { root: string; file: string; mode: ParseMode }) => {
  let result;
  try {
    result = await parseFileForIndex(message.root, message.file, message.mode);
  } catch (error) {
    result = failedFile(message.file, `the parser stopped with "${(error as Error).message}"`);
  }
  parentPort!.postMessage({ result });
});
