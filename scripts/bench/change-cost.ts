/**
 * What one change to a library costs: a file edited, added or removed, then updateIndex until the
 * index has it (re-indexed, regrouped) and a search finds it (or no longer finds it). The index
 * and a warm parse pool are open before the change, as in the app with the library open.
 *
 *   npx tsx scripts/bench/change-cost.ts <library copy> <index.sqlite> [edit|add|remove …] [--watched] [--worker <parse-worker.js>]
 *
 * It writes into the library: give it a copy, never a corpus other runs read. The index is
 * brought up to date first (untimed; a cold index when there is none).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listLibraryFiles } from '../../main/core/library/load';
import { openIndexDb } from '../../main/core/index/db';
import { ParsePool } from '../../main/core/index/pool';
import { search } from '../../main/core/index/search';
import type { IndexProgress } from '../../main/core/index/types';
import { updateIndex, type UpdateResult } from '../../main/core/index/update';

export type ChangeKind = 'edit' | 'add' | 'remove';

export interface ChangeCost {
  kind: ChangeKind;
  /** Told the changed path, as an open library's watcher tells it (else the folder was listed). */
  watched: boolean;
  /** The file changed, relative to the library. */
  file: string;
  /** From the change on disk to the search that sees it: updateIndex and the search. */
  ms: number;
  updateMs: number;
  /** The grouping step of the update. */
  groupingMs: number;
  searchMs: number;
  /** When each phase of the update began, ms from the change. */
  phases: Partial<Record<IndexProgress['phase'], number>>;
  /** The search saw the change: found the new word (edit, add), or no longer found the removed post's word. */
  seen: boolean;
  result: UpdateResult;
}

/** Files this module adds are named so, with the word a search finds them by. */
const ADDED = /^change-cost-([a-z0-9]+)\.txt$/;

/** A word no text of a library holds: letters and digits, one token to FTS5. */
const freshWord = () => `chgcost${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Adds a line at the end of a file (after its last comment). */
const appendLine = (path: string, line: string) =>
  writeFileSync(path, `${readFileSync(path, 'utf8').replace(/\s*$/, '')}\n${line}\n`);

/** The post's title line (the first non-blank line after the date) replaced, so that the copy is a post of its own. */
function retitled(text: string, title: string): string {
  const lines = text.split(/\r?\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++)
    if (lines[i]!.trim() && ++seen === 2) {
      lines[i] = title;
      break;
    }
  return lines.join('\n');
}

/**
 * Makes one change to the library at `root` and times until the index at `indexPath` has it and
 * a search sees it. Pass one `pool` to several calls to measure them as an open library's
 * changes; without one, a pool is made and warmed by an untimed change first. `watched`: the
 * update is told the changed path, as the app's folder watcher tells it (UpdateOptions.changed);
 * otherwise it lists the folder and compares every file, as `threadline index` does. edit: appends a line with a new word to the middle file; add: a copy of the
 * middle file as a new post (its articles join the groups of the original's), with a new word in
 * its title; remove: deletes the newest file `add` made (or, when there is none, the middle file).
 */
export async function measureChange(
  root: string,
  indexPath: string,
  kind: ChangeKind,
  options: { workerFile?: string; pool?: ParsePool; watched?: boolean } = {},
): Promise<ChangeCost> {
  const db = openIndexDb(indexPath);
  const pool = options.pool ?? new ParsePool(Math.max(1, availableParallelism()), options);
  try {
    await updateIndex(db, root, { pool });
    const files = await listLibraryFiles(root);
    const middle = files.filter((file) => !ADDED.test(file))[Math.floor(files.length / 2)]!;
    // The workers running with their connections to the index open, as in an open library
    // (the app keeps its pool): a change of its own, untimed, when the pool is new.
    if (!options.pool) {
      appendLine(join(root, middle), 'And a line to warm up.');
      await updateIndex(db, root, { pool });
    }

    let file = middle;
    let word = freshWord();
    const text = readFileSync(join(root, middle), 'utf8');
    if (kind === 'edit') appendLine(join(root, file), `And one more line: ${word}.`);
    else if (kind === 'add') {
      file = `change-cost-${word}.txt`;
      writeFileSync(join(root, file), retitled(text, `Change cost ${word}`));
    }
    const added = readdirSync(root)
      .filter((name) => ADDED.test(name))
      .sort();
    const started = performance.now();
    if (kind === 'remove') {
      file = added.at(-1) ?? middle;
      word = ADDED.exec(file)?.[1] ?? word;
      rmSync(join(root, file));
    }
    const phases: Partial<Record<IndexProgress['phase'], number>> = {};
    const result = await updateIndex(db, root, {
      pool,
      ...(options.watched ? { changed: [file] } : {}),
      onProgress: (p) => (phases[p.phase] ??= performance.now()),
    });
    const updated = performance.now();
    const found = search(db, word).groups.length > 0;
    const ended = performance.now();
    return {
      kind,
      watched: Boolean(options.watched),
      file,
      ms: ended - started,
      updateMs: updated - started,
      groupingMs: phases.grouping !== undefined ? (phases.done ?? updated) - phases.grouping : 0,
      searchMs: ended - updated,
      phases: Object.fromEntries(Object.entries(phases).map(([phase, at]) => [phase, at - started])),
      seen: kind === 'remove' ? !found : found,
      result,
    };
  } finally {
    if (!options.pool) await pool.close();
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--worker');
  const workerFile = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const watchedAt = args.indexOf('--watched');
  const watched = watchedAt >= 0 && args.splice(watchedAt, 1).length > 0;
  const [root, indexPath, ...kinds] = args;
  if (!root || !indexPath) throw new Error('usage: change-cost.ts <library copy> <index.sqlite> [edit|add|remove …]');
  for (const kind of (kinds.length ? kinds : ['edit', 'add', 'remove']) as ChangeKind[]) {
    const { result, ...cost } = await measureChange(root, indexPath, kind, {
      watched,
      ...(workerFile ? { workerFile } : {}),
    });
    console.log(
      JSON.stringify({ ...cost, parsed: result.parsed, removed: result.removed, articles: result.articles }, (_, v) =>
        typeof v === 'number' ? Math.round(v * 10) / 10 : v,
      ),
    );
  }
}
