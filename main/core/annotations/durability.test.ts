/**
 * Crash durability of the annotations file: a child process (durability-child.ts) writes
 * annotations through openAnnotations and AnnotationStore, acknowledging each write once its
 * transaction has committed, and is killed with SIGKILL at seeded random moments — while it
 * opens the file, after a number of acknowledged writes, just as a write starts, or after a
 * delay. After each kill the file is opened afresh and must pass PRAGMA integrity_check and hold
 * exactly the state every acknowledged write left, give or take the one write in flight, which
 * is there whole or not at all. The same file is used round after round, so it keeps growing and
 * the next writer starts from whatever the last one left (WAL included).
 *
 * A SIGKILL loses nothing the process handed to the kernel, so this checks that an acknowledged
 * write is committed and a transaction atomic, not that fsync is used (synchronous=FULL is for
 * power cuts, which a test cannot make).
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it, onTestFinished } from 'vitest';
import { ANNOTATIONS_FILE, openAnnotations } from './db';
import { noteText, prng, TEXT, type Write } from '../../../test-support/durability-child';
import { AnnotationStore } from './store';

const ROUNDS = 120;
const SEED = 0x7e4d11;
const CHILD = join(import.meta.dirname, '../../../test-support/durability-child.ts');
/** A round whose kill has not come by then is stuck. */
const ROUND_LIMIT_MS = 15_000;

/** What an annotation's acknowledged writes leave, as compared. */
interface Kept {
  library: string;
  kind: string;
  exact: string;
  note: string;
  tags: string[];
  colour: string;
  deleted: boolean;
}
type State = Map<string, Kept>;

function apply(state: State, write: Write): void {
  const sortTags = (tags: string[]) => [...tags].sort();
  switch (write.op) {
    case 'add':
      state.set(write.id, {
        library: write.library,
        kind: write.kind,
        exact: write.kind === 'highlight' ? TEXT.slice(write.start, write.end) : '',
        note: noteText(write.note),
        tags: sortTags(write.tags),
        colour: write.colour,
        deleted: false,
      });
      break;
    case 'update': {
      const a = state.get(write.id)!;
      if (write.note !== undefined) a.note = noteText(write.note);
      if (write.tags !== undefined) a.tags = sortTags(write.tags);
      if (write.colour !== undefined) a.colour = write.colour;
      break;
    }
    case 'remove':
    case 'restore':
      state.get(write.id)!.deleted = write.op === 'remove';
      break;
    case 'emptyBin':
      for (const [id, a] of state) if (a.library === write.library && a.deleted) state.delete(id);
      break;
  }
}

const copy = (state: State): State => new Map([...state].map(([id, a]) => [id, { ...a, tags: [...a.tags] }]));

/** The first few differences between what the file holds and what was expected (none: the same). */
function differences(found: State, expected: State): string[] {
  const out: string[] = [];
  const brief = (a: Kept | undefined) =>
    a
      ? JSON.stringify({ ...a, note: a.note.length > 40 ? `${a.note.slice(0, 40)}… (${a.note.length})` : a.note })
      : 'missing';
  const same = (a: Kept | undefined, b: Kept) =>
    a !== undefined &&
    (['library', 'kind', 'exact', 'note', 'colour', 'deleted'] as const).every((k) => a[k] === b[k]) &&
    a.tags.join() === b.tags.join();
  for (const [id, a] of expected)
    if (!same(found.get(id), a)) out.push(`${id}: expected ${brief(a)}, found ${brief(found.get(id))}`);
  for (const [id, a] of found) if (!expected.has(id)) out.push(`${id}: not expected, found ${brief(a)}`);
  return out.slice(0, 5);
}

/** Opens the file as a fresh process would after the crash: integrity, foreign keys, and every annotation as kept. */
function readFile(path: string, readonly: boolean): { integrity: string; foreignKeys: number; state: State } {
  const state: State = new Map();
  // Killed before it made the file, or before the first migration committed: nothing yet.
  if (!existsSync(path)) return { integrity: 'ok', foreignKeys: 0, state };
  const db = new Database(path, { readonly });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
    if (db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'annotations'").pluck().get() === 0)
      return { integrity, foreignKeys, state };
    const rows = db
      .prepare(
        `SELECT a.id, a.library, a.kind, a.exact, a.note, a.colour, a.deleted IS NOT NULL AS deleted,
           (SELECT json_group_array(tag) FROM (SELECT tag FROM tags t WHERE t.annotation_id = a.id ORDER BY tag)) AS tags
         FROM annotations a`,
      )
      .all() as (Omit<Kept, 'deleted' | 'tags'> & { id: string; deleted: number; tags: string })[];
    for (const { id, deleted, tags, ...rest } of rows)
      state.set(id, { ...rest, tags: JSON.parse(tags) as string[], deleted: deleted === 1 });
    return { integrity, foreignKeys, state };
  } finally {
    db.close();
  }
}

/**
 * How to start the child. Bundled with esbuild (which tsx runs on) it is ready several times
 * sooner than through `node --import tsx`, which is kept as the fallback.
 */
async function childCommand(dir: string): Promise<{ args: string[]; how: string }> {
  try {
    const { build } = await import('esbuild');
    const outfile = join(dir, 'durability-child.mjs');
    const require = createRequire(import.meta.url);
    await build({
      entryPoints: [CHILD],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'native-in-place',
          // better-sqlite3 loads its native addon relative to itself: import it from node_modules.
          setup: (b) =>
            b.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({
              path: pathToFileURL(require.resolve(args.path)).href,
              external: true,
            })),
        },
      ],
    });
    return { args: [outfile], how: 'bundled with esbuild' };
  } catch {
    return { args: ['--import', 'tsx', CHILD], how: 'node --import tsx' };
  }
}

/** When to kill: after so many acknowledged or started writes, or so many ms after "go" (while it opens the file) or after "ready". */
type Plan = { after: 'acks' | 'tries'; count: number } | { after: 'go' | 'ready'; ms: number };

function planFor(random: () => number): Plan {
  const roll = random();
  // Counts and delays spread over orders of magnitude: kills early and late in a run.
  const spread = (max: number) => Math.floor(Math.exp(random() * Math.log(max + 1)));
  if (roll < 0.1) return { after: 'go', ms: Math.floor(random() * 5) };
  if (roll < 0.4) return { after: 'acks', count: spread(300) };
  if (roll < 0.7) return { after: 'tries', count: spread(300) }; // as a write starts: mid-transaction
  return { after: 'ready', ms: spread(60) };
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs, and the file intact`, { timeout: 240_000 }, async () => {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'threadline-durability-'));
  temps.push(dir);
  const path = join(dir, ANNOTATIONS_FILE);
  const { args, how } = await childCommand(dir);
  const random = prng(SEED);

  // The next round's child is started while this round runs, and waits for "go" before it opens the file.
  const start = (n: number) =>
    spawn(process.execPath, [...args, path, String(Math.floor(random() * 2 ** 32)), `r${n}`], { stdio: 'pipe' });
  let next: ChildProcessWithoutNullStreams = start(0);
  onTestFinished(() => void next.kill('SIGKILL'));

  let model: State = new Map();
  const totals = { acked: 0, inFlight: 0, inFlightKept: 0, beforeReady: 0, checks: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const child = next;
    if (round + 1 < ROUNDS) next = start(round + 1);
    const plan = planFor(random);
    let out = '';
    let err = '';
    let ready = false;
    let tries = 0;
    let acks = 0;
    let pending: { seq: number; write: Write } | null = null;
    let timer: NodeJS.Timeout | undefined;
    const problems: string[] = [];
    const kill = () => child.kill('SIGKILL');
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const [word, seq, ...rest] = line.split(' ');
        if (word === 'ready') {
          ready = true;
          if (plan.after === 'ready') timer = setTimeout(kill, plan.ms);
        } else if (word === 'try') {
          pending = { seq: Number(seq), write: JSON.parse(rest.join(' ')) as Write };
          tries++;
          if (plan.after === 'tries' && tries === plan.count) kill();
        } else if (word === 'ack') {
          if (pending?.seq !== Number(seq)) problems.push(`ack ${seq} of a write not started (${pending?.seq})`);
          else {
            apply(model, pending.write);
            pending = null;
            totals.acked++;
            acks++;
            if (plan.after === 'acks' && acks === plan.count) kill();
          }
        } else problems.push(`the child said: ${line}`);
      }
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('close', (code, signal) => resolve(signal ?? code)),
    );
    child.stdin.end('go\n');
    const limit = setTimeout(kill, ROUND_LIMIT_MS);
    if (plan.after === 'go') timer = setTimeout(kill, plan.ms);
    const ended = await exited;
    clearTimeout(limit);
    clearTimeout(timer);
    if (ended !== 'SIGKILL')
      problems.push(`the child ended by itself (${ended}): ${err.trim().split('\n').slice(-5).join(' | ')}`);

    const p = pending as { seq: number; write: Write } | null;
    if (!ready) totals.beforeReady++;
    if (p) totals.inFlight++;
    // Odd rounds read the file read-only, so the next writer finds the WAL as the crash left it.
    const found = readFile(path, round % 2 === 1);
    if (found.integrity !== 'ok') problems.push(`integrity_check: ${found.integrity}`);
    if (found.foreignKeys) problems.push(`${found.foreignKeys} rows fail foreign_key_check`);
    const asAcked = differences(found.state, model);
    if (asAcked.length) {
      // Only the write in flight may differ, and then only as a whole.
      const withPending = p ? copy(model) : null;
      if (p && withPending) apply(withPending, p.write);
      if (withPending && !differences(found.state, withPending).length) {
        model = withPending;
        totals.inFlightKept++;
      } else
        problems.push(
          `the file is not as acknowledged (in flight: ${p ? JSON.stringify(p.write) : 'nothing'}):`,
          ...asAcked,
          ...(withPending ? ['with the write in flight:', ...differences(found.state, withPending)] : []),
        );
    }
    totals.checks += model.size;
    expect(problems, `round ${round} (${JSON.stringify(plan)}; ${acks} acks, ${tries} tries)`).toEqual([]);
  }

  // Last, as the app opens it.
  const opened = await openAnnotations(path);
  expect(opened.status.state).toBe('ok');
  const store = new AnnotationStore(opened.db!);
  expect(store.list().length + store.list({ deleted: true }).length).toBe(model.size);
  opened.db!.close();

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `durability: ${ROUNDS} SIGKILLs (${how}), ${totals.acked} acknowledged writes checked (${totals.checks} annotation states compared), ` +
      `${totals.inFlight} kills with a write in flight (${totals.inFlightKept} of them committed), ${totals.beforeReady} before the file was open, ` +
      `${model.size} annotations at the end, ${seconds} s`,
  );
});
