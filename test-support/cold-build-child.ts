/**
 * The cold build that cold-build.test.ts kills: indexes the library given on the command line
 * into an empty index and, once `after` second-pass batches are written, prints "killing" and
 * kills its own process with SIGKILL (no cleanup, no finally: as a crash would).
 *
 *   node --import tsx test-support/cold-build-child.ts <library> <index.sqlite> <after>
 */
import { writeSync } from 'node:fs';
import { openIndexDb } from '../main/core/index/db';
import { ParsePool } from '../main/core/index/pool';
import { updateIndex } from '../main/core/index/update';

const [library, indexPath, after] = process.argv.slice(2);
const db = openIndexDb(indexPath!);
const pool = new ParsePool(2);
let batches = 0;
void updateIndex(db, library!, {
  pool,
  onProgress: (progress) => {
    if (progress.phase !== 'extracting' || progress.done === 0) return;
    if (++batches < Number(after)) return;
    writeSync(1, 'killing\n');
    process.kill(process.pid, 'SIGKILL');
  },
}).then(() => writeSync(1, 'finished\n'));
