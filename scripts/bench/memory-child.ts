/**
 * One cold index for memory.ts: like index-child.ts, but it tells each phase as it begins
 * ("phase <name> <epoch ms>", one synchronous write each), so the parent can say which phase
 * its memory samples fall in, and ends with "done <epoch ms> <totalMs>".
 *
 *   node --import tsx scripts/bench/memory-child.ts <library> <index.sqlite> [<built parse-worker.js>]
 */
import { writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { openIndexDb } from '../../main/core/index/db';
import { ParsePool } from '../../main/core/index/pool';
import { updateIndex } from '../../main/core/index/update';

const [root, indexPath, workerFile] = process.argv.slice(2);
const db = openIndexDb(indexPath!);
const pool = new ParsePool(Math.max(1, availableParallelism()), workerFile ? { workerFile } : {});
let phase = '';
const started = performance.now();
updateIndex(db, root!, {
  pool,
  onProgress: (progress) => {
    if (progress.phase === phase) return;
    phase = progress.phase;
    writeSync(1, `phase ${phase} ${Date.now()}\n`);
  },
})
  .then(async (result) => {
    writeSync(1, `done ${Date.now()} ${Math.round(performance.now() - started)} ${result.posts}\n`);
    db.close();
    await pool.close();
  })
  .catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  });
