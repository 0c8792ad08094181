import { resolve } from 'node:path';
import { timeCommand } from './tools';

const REPO = resolve(import.meta.dirname, '../..');

export interface CliStart {
  /** `node bin/threadline.mjs --help`, ms, one per run. */
  cli: number[];
  /** `node -e 0`, ms, one per run, each just before the CLI's. */
  node: number[];
}

/** Times the command line's start (`--help`) against Node's own, interleaved, `runs` times each. */
export async function timeCliStart(runs: number): Promise<CliStart> {
  const out: CliStart = { cli: [], node: [] };
  // One of each first, not counted: the file system's cache warm for both.
  await timeCommand(process.execPath, ['-e', '0'], { cwd: REPO });
  await timeCommand(process.execPath, ['bin/threadline.mjs', '--help'], { cwd: REPO });
  for (let run = 0; run < runs; run++) {
    out.node.push(await timeCommand(process.execPath, ['-e', '0'], { cwd: REPO }));
    out.cli.push(await timeCommand(process.execPath, ['bin/threadline.mjs', '--help'], { cwd: REPO }));
  }
  return out;
}
