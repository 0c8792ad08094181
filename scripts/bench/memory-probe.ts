/**
 * Where the memory goes, measured from outside the process (/proc/<pid>/status):
 *
 *   npx tsx scripts/bench/memory-probe.ts index  <library> <profile> [<built parse-worker.js>]
 *   npx tsx scripts/bench/memory-probe.ts reader <library> <profile>
 *
 * `index` runs one cold index of the library into the profile (memory-child.ts) and samples the
 * child every 20 ms: its peak resident size (VmHWM), the peaks of its anonymous memory (RssAnon:
 * heaps, SQLite's page caches) and of its mapped file pages (RssFile), and the anonymous peak in
 * each phase of the update (scanning, parsing, extracting, grouping). Without a built worker,
 * the workers run from source through tsx. `reader` opens
 * the indexed library as the app's service does, lists the posts, opens a few, runs the bench's
 * fifty searches (drawn from the index in this process, not the reader's), and reports the
 * same. Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openIndexDb } from '../../main/core/index/db';
import { indexPathFor } from '../../main/core/service';
import { statusOf, type MemorySample } from './proc-status';
import { buildQueries } from './queries';

const REPO = resolve(import.meta.dirname, '../..');

/** A memory sample of the child: when (epoch ms), and its resident memory then. */
type Timed = MemorySample & { at: number };

/** Runs a child (node --import tsx), sampling its memory every 20 ms until it exits; resolves with the samples and its stdout. */
function sampled(args: string[]): Promise<{ samples: Timed[]; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const samples: Timed[] = [];
    const timer = setInterval(() => {
      const now = statusOf(child.pid!);
      if (now) samples.push({ ...now, at: Date.now() });
    }, 20);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) fail(new Error(`${args[0]} exited with ${code}`));
      else done({ samples, stdout });
    });
  });
}

/** The highest of each figure over some samples. */
function peakOf(samples: MemorySample[]): MemorySample {
  const peak: MemorySample = { hwmMb: 0, anonMb: 0, fileMb: 0 };
  for (const sample of samples) {
    peak.hwmMb = Math.max(peak.hwmMb, sample.hwmMb);
    peak.anonMb = Math.max(peak.anonMb, sample.anonMb);
    peak.fileMb = Math.max(peak.fileMb, sample.fileMb);
  }
  return peak;
}

/** The peak anonymous memory in each phase the child announced ("phase <name> <epoch ms>"). */
function byPhase(samples: Timed[], stdout: string): Record<string, number> {
  const marks = [...stdout.matchAll(/^(phase (\S+)|done) (\d+)/gm)].map((m) => ({
    name: m[2] ?? 'done',
    at: Number(m[3]),
  }));
  const result: Record<string, number> = {};
  marks.forEach((mark, i) => {
    const until = marks[i + 1]?.at ?? Infinity;
    const inPhase = samples.filter((s) => s.at >= mark.at && s.at < until);
    if (inPhase.length) result[mark.name] = Math.round(peakOf(inPhase).anonMb);
  });
  return result;
}

const round = (sample: MemorySample) =>
  Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, Math.round(value)]));

async function main(): Promise<void> {
  const [mode, library, profile, workerFile] = process.argv.slice(2);
  if ((mode !== 'index' && mode !== 'reader') || !library || !profile) {
    process.stderr.write('usage: memory-probe.ts index|reader <library> <profile> [<built parse-worker.js>]\n');
    process.exitCode = 2;
    return;
  }
  const root = resolve(library);
  const indexPath = indexPathFor(resolve(profile), root);
  if (mode === 'index') {
    const child = join(import.meta.dirname, 'memory-child.ts');
    const { samples, stdout } = await sampled([child, root, indexPath, ...(workerFile ? [resolve(workerFile)] : [])]);
    const done = /^done \d+ (\d+) (\d+)/m.exec(stdout);
    process.stdout.write(
      `${JSON.stringify({ mode, root, worker: workerFile ? 'built' : 'tsx', peak: round(peakOf(samples)), anonByPhase: byPhase(samples, stdout), totalMs: Number(done?.[1]), posts: Number(done?.[2]), heaps: stdout.match(/(main heap|workers) .*MB/g), cpuMs: Number(/^cpu (\d+)/m.exec(stdout)?.[1]), postsReadyMs: Number(/^posts ready (\d+)/m.exec(stdout)?.[1]) })}\n`,
    );
    return;
  }
  const db = openIndexDb(indexPath);
  const queries = buildQueries(db).map((q) => q.text);
  db.close();
  const child = join(import.meta.dirname, 'memory-reader-child.ts');
  const { samples, stdout } = await sampled([child, root, resolve(profile), JSON.stringify(queries)]);
  const reader = JSON.parse(stdout.trim().split('\n').pop()!) as unknown;
  process.stdout.write(`${JSON.stringify({ mode, root, peak: round(peakOf(samples)), reader })}\n`);
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
