import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBuildProblem } from './build-cli.mjs';

const ROOT = join(import.meta.dirname, '..');
/** Refuses TypeScript and tsx in every thread and logs what each thread loads (THREADLINE_LOADS_LOG). */
const GUARD = join(ROOT, 'test-support/no-typescript.mjs');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-cli-build-'));
  temps.push(dir);
  return dir;
};

/** A checkout in `root` with one source, built at `builtAt` into root/out/cli. */
function fakeBuild(builtAt: number, files: string[] = ['threadline.js', 'parse-worker.js', 'inputs.json']) {
  const root = temp();
  const out = join(root, 'out/cli');
  mkdirSync(join(root, 'main'), { recursive: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(root, 'main/cli.ts'), 'export {};\n');
  utimesSync(join(root, 'main/cli.ts'), new Date(builtAt - 60_000), new Date(builtAt - 60_000));
  for (const file of files)
    writeFileSync(
      join(out, file),
      file === 'inputs.json' ? JSON.stringify({ builtAt, inputs: ['main/cli.ts'] }) : 'export {};\n',
    );
  return { root, out };
}

describe('cliBuildProblem', () => {
  const builtAt = Date.now() - 3_600_000;

  it('finds an up-to-date build', () => {
    const { root, out } = fakeBuild(builtAt);
    expect(cliBuildProblem(out, root)).toBeNull();
  });

  it('names a source changed since the build, and one that is gone', () => {
    const { root, out } = fakeBuild(builtAt);
    utimesSync(join(root, 'main/cli.ts'), new Date(), new Date());
    expect(cliBuildProblem(out, root)).toBe('main/cli.ts changed since the command line was built');
    rmSync(join(root, 'main/cli.ts'));
    expect(cliBuildProblem(out, root)).toBe('main/cli.ts, which the command line was built from, is gone');
  });

  it('says when there is no build, or half of one', () => {
    expect(cliBuildProblem(...reverse(fakeBuild(builtAt, [])))).toBe(
      'the command line is not built yet (out/cli is missing)',
    );
    expect(cliBuildProblem(...reverse(fakeBuild(builtAt, ['threadline.js', 'inputs.json'])))).toBe(
      "the command line's build in out/cli is incomplete",
    );
  });
});

const reverse = ({ root, out }: { root: string; out: string }): [string, string] => [out, root];

describe('the built command line', () => {
  it('indexes a library with the built parse workers and loads no TypeScript in any thread', () => {
    const log = join(temp(), 'loads.log');
    const profile = temp();
    // bin/threadline.mjs builds out/cli first when it is missing or older than main/.
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        GUARD,
        join(ROOT, 'bin/threadline.mjs'),
        'index',
        join(ROOT, 'seeds'),
        '--profile',
        profile,
        '--json',
      ],
      { encoding: 'utf8', env: { ...process.env, THREADLINE_LOADS_LOG: log } },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 2, posts: 2, comments: 24 });
    const loads = readFileSync(log, 'utf8').trim().split('\n');
    expect(loads.filter((url) => url.startsWith('refused') || /\.(ts|tsx|mts|cts)$/.test(url))).toEqual([]);
    // Each worker thread loads the worker script itself, so it is listed once per worker started.
    expect(loads).toContain(pathToFileURL(join(ROOT, 'out/cli/parse-worker.js')).href);
    expect(loads).not.toContain(pathToFileURL(join(ROOT, 'main/core/index/worker-boot.mjs')).href);
  });

  it('has a guard that refuses a worker run from source through tsx', () => {
    const log = join(temp(), 'loads.log');
    const script = `import { Worker } from 'node:worker_threads';
const worker = new Worker(new URL(${JSON.stringify(pathToFileURL(join(ROOT, 'main/core/index/worker-boot.mjs')).href)}), { workerData: { entry: ${JSON.stringify(pathToFileURL(join(ROOT, 'main/core/index/write-lock.ts')).href)} } });
worker.on('error', (error) => { console.error(error.message); process.exitCode = 3; });`;
    const file = join(temp(), 'start-worker.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ['--import', GUARD, file], {
      encoding: 'utf8',
      env: { ...process.env, THREADLINE_LOADS_LOG: log },
    });
    expect(run.status, run.stderr).toBe(3);
    expect(run.stderr).toContain('no-typescript guard');
    expect(readFileSync(log, 'utf8')).toMatch(/^refused file:.*\/node_modules\/tsx\//m);
  });

  it('prints the usage through the package bin', () => {
    expect(
      execFileSync(process.execPath, [join(ROOT, 'bin/threadline.mjs'), '--help'], { encoding: 'utf8' }),
    ).toContain('Usage: threadline parse');
  });
});
