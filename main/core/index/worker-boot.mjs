// Runs a TypeScript worker from the source tree (tests, the CLI): registers tsx in this thread, then loads the entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
