/**
 * What one change to a library costs once its index is built: a file edited (a comment
 * appended), a file added, a file removed, each timed from the update's start until the index
 * has it re-indexed, regrouped and searchable (a search for a word only that change holds finds
 * it, or no longer finds it).
 *
 * It works on a copy of the library (see copyLibrary()): every file it changes is written as a
 * new file, never through a link into the original folder.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IndexDb } from '../../main/core/index/db';
import { ParsePool } from '../../main/core/index/pool';
import { search } from '../../main/core/index/search';
import type { IndexProgress } from '../../main/core/index/types';
import { updateIndex } from '../../main/core/index/update';

export type ChangeKind = 'edit' | 'add' | 'remove';

export interface ChangeRun {
  kind: ChangeKind;
  file: string;
  /** From the update's start until the search answered as it should. */
  ms: number;
  /** Of `ms`: the update, and its grouping phase. */
  updateMs: number;
  groupingMs: number;
  parsed: number;
  removed: number;
}

/**
 * Copies a library folder as hard links (cp -al: instant, no space), falling back to a real copy
 * on another file system. Hard links share their bytes with the original: change a copy only
 * through replaceFile().
 */
export function copyLibrary(from: string, to: string): void {
  const linked = spawnSync('cp', ['-al', from, to], { encoding: 'utf8' });
  if (linked.status === 0) return;
  rmSync(to, { recursive: true, force: true });
  const copied = spawnSync('cp', ['-r', from, to], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`could not copy ${from} to ${to}: ${copied.stderr.trim()}`);
}

/** Writes a file as a new one (unlinking first), so a hard link to another folder's file is never written through. */
export function replaceFile(path: string, text: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, text);
}

/** A top-level comment's number: two spaces or a tab, then "N. " (replies are indented further). */
const TOP_LEVEL = /^(?: {2}|\t)(\d+)\. /gm;
const COUNT_LINE = /^(\d+) comments?:$/gm;

/**
 * A seed file we can change by text: UTF-8 without a byte-order mark, "\n" line ends, and
 * numbered comments ("  1. …"). Other files (Windows-1252, CRLF, old "said..." pages) are skipped.
 */
export function isPlainNumbered(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !text.includes('\r') && new RegExp(TOP_LEVEL.source, 'm').test(text);
}

/** The seed text with one more top-level comment at its end, holding `word`, and its count line raised by one. */
export function appendComment(text: string, word: string): string {
  const numbers = [...text.matchAll(TOP_LEVEL)].map((m) => Number(m[1]));
  if (!numbers.length) throw new Error('the file has no numbered comments to append to');
  const next = Math.max(...numbers) + 1;
  const counts = [...text.matchAll(COUNT_LINE)];
  const count = counts[counts.length - 1];
  let out = text;
  if (count?.index !== undefined)
    out = `${out.slice(0, count.index)}${Number(count[1]) + 1} comments:${out.slice(count.index + count[0].length)}`;
  if (!out.endsWith('\n')) out += '\n';
  return `${out}  ${next}. A late comment from the bench: ${word} was the word for it.\n\n    ReplyDelete\n`;
}

/** The seed text with its title (the first non-blank line after the date line) ending in `word`. */
export function retitle(text: string, word: string): string {
  const lines = text.split('\n');
  const date = lines.findIndex((l) => l.trim() !== '');
  const title = lines.findIndex((l, i) => i > date && l.trim() !== '');
  if (date < 0 || title < 0) throw new Error('the file has no title line');
  lines[title] = `${lines[title]!.trimEnd()} ${word}`;
  return lines.join('\n');
}

/** A word no library holds: letters only, unique to the change and the run ("zqbencheditbx" for run 1). */
export function changeWord(kind: ChangeKind, run: number): string {
  let letters = '';
  let n = run;
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `zqbench${kind}${letters}x`;
}

/** Up to `count` files fit for changing by text, spread over the list (deterministic). */
export function pickFiles(root: string, files: string[], count: number): string[] {
  const picked: string[] = [];
  const step = Math.max(1, Math.floor(files.length / (count * 4 + 1)));
  for (let i = step; i < files.length && picked.length < count; i += step) {
    const file = files[i]!;
    if (isPlainNumbered(readFileSync(join(root, file)))) picked.push(file);
  }
  if (picked.length < count) throw new Error(`found only ${picked.length} plain UTF-8 files with numbered comments`);
  return picked;
}

/**
 * Measures `runs` rounds of edit, add and remove on the library at `root` (a copy: it is
 * changed) whose index `db` is up to date. The parse workers are started first, as the app's are
 * while it runs.
 */
export async function measureChangeCost(
  db: IndexDb,
  root: string,
  files: string[],
  runs: number,
  options: { workerFile?: string; log?: (line: string) => void } = {},
): Promise<ChangeRun[]> {
  const pool = new ParsePool(undefined, options.workerFile ? { workerFile: options.workerFile } : {});
  pool.warm();
  const out: ChangeRun[] = [];
  const picked = pickFiles(root, files, runs * 2);
  const timed = async (kind: ChangeKind, file: string, word: string, expectHits: boolean) => {
    const phases: Partial<Record<IndexProgress['phase'], number>> = {};
    const started = performance.now();
    const result = await updateIndex(db, root, {
      pool,
      onProgress: (p) => (phases[p.phase] ??= performance.now() - started),
    });
    const updateMs = performance.now() - started;
    // A word only the change holds: every match is read, so the count is there.
    const hits = search(db, word).groups.length;
    const ms = performance.now() - started;
    if (expectHits !== hits > 0)
      throw new Error(
        `after ${kind} of ${file}, a search for "${word}" found ${hits} posts (expected ${expectHits ? 'some' : 'none'})`,
      );
    const grouping = phases.grouping;
    const run: ChangeRun = {
      kind,
      file,
      ms,
      updateMs,
      groupingMs: grouping === undefined ? 0 : (phases.done ?? updateMs) - grouping,
      parsed: result.parsed,
      removed: result.removed,
    };
    out.push(run);
    options.log?.(`  ${kind} ${file}: ${Math.round(ms)} ms (grouping ${Math.round(run.groupingMs)} ms)`);
  };
  try {
    for (let run = 0; run < runs; run++) {
      // Edit: a comment appended to one file.
      const edited = picked[2 * run]!;
      const editWord = changeWord('edit', run);
      const editedPath = join(root, edited);
      replaceFile(editedPath, appendComment(readFileSync(editedPath, 'utf8'), editWord));
      await timed('edit', edited, editWord, true);

      // Add: another post (a file's text under a new title) in the same folder.
      const source = picked[2 * run + 1]!;
      const addWord = changeWord('add', run);
      const added = join(dirname(source), `bench-added-${run}.txt`);
      replaceFile(join(root, added), retitle(readFileSync(join(root, source), 'utf8'), addWord));
      await timed('add', added, addWord, true);

      // Remove: the file edited above (its word must no longer be found).
      rmSync(editedPath);
      await timed('remove', edited, editWord, false);
    }
  } finally {
    await pool.close();
  }
  return out;
}
