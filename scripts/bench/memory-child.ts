/**
 * One cold index for memory-probe.ts: like index-child.ts, but it tells each phase as it begins
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
    const { heapTotal, external } = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    writeSync(1, `phase ${phase} ${Date.now()} main heap ${mb(heapTotal)} MB, external ${mb(external)} MB\n`);
    // The workers' heaps, as the second pass ends.
    if (phase === 'grouping' && 'settings' in pool)
      void pool
        .settings()
        .then((workers) => writeSync(1, `workers ${workers.map((w) => Math.round(w.heapMb)).join(' ')} MB\n`));
  },
})
  .then(async (result) => {
    const { heapTotal } = process.memoryUsage();
    // CPU time of every thread (less moved than the wall clock by other tenants of the machine).
    const { user, system } = process.cpuUsage();
    writeSync(1, `cpu ${Math.round((user + system) / 1000)} ms\n`);
    writeSync(1, `posts ready ${Math.round(result.postsReadyMs)} ms\n`);
    writeSync(
      1,
      `done ${Date.now()} ${Math.round(performance.now() - started)} ${result.posts} main heap ${Math.round(heapTotal / 2 ** 20)} MB\n`,
    );
    db.close();
    await pool.close();
  })
  .catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  });
