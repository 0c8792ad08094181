import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const RG = process.env['RG_PATH'] ?? '/usr/bin/rg';
export const CAT = process.env['CAT_PATH'] ?? '/usr/bin/cat';

/** Throws a clear message when a command-line tool the baselines need is missing. */
export function requireTool(path: string, name: string, install: string): string {
  if (!existsSync(path))
    throw new Error(`${name} is not at ${path} (install it with "${install}", or set ${name.toUpperCase()}_PATH)`);
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`${name} at ${path} cannot be run: ${probe.error.message}`);
  return (probe.stdout ?? '').split('\n')[0]!.trim();
}

/**
 * Runs a command with its output thrown away and returns how long it took, in milliseconds
 * (from spawning to exit). `okCodes` are the exit codes that count as success.
 */
export function timeCommand(
  command: string,
  args: string[],
  options: { cwd?: string; okCodes?: number[] } = {},
): Promise<number> {
  const okCodes = options.okCodes ?? [0];
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== null && okCodes.includes(code)) resolve(ms);
      else
        reject(
          new Error(`${command} ${args.slice(0, 4).join(' ')}… exited with ${code}: ${stderr.trim().slice(0, 300)}`),
        );
    });
  }).finally(() => closeSync(devNull));
}

/** `cat` of every file to /dev/null, in as few invocations as the argument limit allows. */
export async function timeCat(root: string, files: string[]): Promise<number> {
  let total = 0;
  for (let i = 0; i < files.length; i += 4000)
    total += await timeCommand(CAT, ['--', ...files.slice(i, i + 4000)], { cwd: root });
  return total;
}

/** `rg -c -i` for fixed strings over the whole folder (exit code 1, no match, is fine). */
export function timeRg(root: string, patterns: string[], options: { ignoreCase?: boolean } = {}): Promise<number> {
  const args = ['-c', '--no-ignore', '--hidden', '-F'];
  if (options.ignoreCase) args.push('-i');
  for (const p of patterns) args.push('-e', p);
  args.push('--', '.');
  return timeCommand(RG, args, { cwd: root, okCodes: [0, 1] });
}
