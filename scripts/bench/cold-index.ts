import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { ColdIndexRun } from './index-child';

export type { ColdIndexRun } from './index-child';

const REPO = resolve(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'index-child.ts');
/** A cold index that takes longer than this is stuck. */
const TIMEOUT_MS = 20 * 60_000;

/** Runs one cold index of `root` into `indexPath` in a child process (node --import tsx), with the built parse worker when given. */
export function runColdIndex(root: string, indexPath: string, workerFile?: string): Promise<ColdIndexRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, root, indexPath, ...(workerFile ? [workerFile] : [])],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) return resolvePromise(JSON.parse(line) as ColdIndexRun);
      const why = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? ', over the time limit?' : ''})`
        : `exited with ${code}`;
      reject(
        new Error(`the indexing process ${why}: ${stderr.trim().split('\n').slice(-5).join(' | ').slice(0, 600)}`),
      );
    });
  });
}
