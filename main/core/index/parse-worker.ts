/** A parse worker: reads and parses the seed files it is sent, off the thread that writes the index. */
import { parentPort } from 'node:worker_threads';
import { parseFileForIndex, type ParseMode } from './parse-file';

parentPort!.on('message', async (message: { id: number; root: string; file: string; mode: ParseMode }) => {
  const result = await parseFileForIndex(message.root, message.file, message.mode);
  parentPort!.postMessage({ id: message.id, result });
});
