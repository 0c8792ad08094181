import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/**
 * Runs a TypeScript script of the bench in a process of its own (node --import tsx), so that its
 * memory is its own, and returns the JSON line it prints last on stdout. `what` names it in errors.
 */
export function runJsonChild<T>(script: string, args: string[], what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) return resolvePromise(JSON.parse(line) as T);
      const why = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? ', over the time limit?' : ''})`
        : `exited with ${code}`;
      reject(new Error(`${what} ${why}: ${stderr.trim().split('\n').slice(-5).join(' | ').slice(0, 600)}`));
    });
  });
}
