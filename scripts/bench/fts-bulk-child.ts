/**
 * The plain full-text bulk load the cold index is held to, in a process of its own: one thread
 * reads and parses every file with the app's parser, takes the texts the index stores (a post's
 * title and body, each comment, each quoted article: docsOf()) and inserts them into a bare FTS5
 * table with the same tokenizer, durability off (no journal, no syncs) and in one transaction.
 *
 *   node --import tsx scripts/bench/fts-bulk-child.ts <library> <files.json> <out.sqlite>
 *
 * Prints one JSON line (FtsBulkRun) on stdout. The time counts from opening the database to
 * closing it, modules loaded before.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { articlesOf } from '../../main/core/articles';
import { docsOf } from '../../main/core/index/parse-full';
import { parseSeed } from '../../main/core/parse';
import { BARE_FTS_DDL } from './fts-baseline';

export interface FtsBulkRun {
  ms: number;
  /** Of `ms`: reading and parsing the files and taking their texts. */
  parseMs: number;
  rows: number;
  files: number;
  maxRssBytes: number;
}

function run(root: string, files: string[], out: string): FtsBulkRun {
  const started = performance.now();
  let parseMs = 0;
  let rows = 0;
  const db = new Database(out);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(BARE_FTS_DDL);
    const insert = db.prepare('INSERT INTO t(title, body) VALUES (?, ?)');
    db.transaction(() => {
      for (const file of files) {
        const before = performance.now();
        let docs: { title: string; body: string }[] = [];
        try {
          const { post } = parseSeed(readFileSync(join(root, file)), file);
          if (post) docs = docsOf(post, articlesOf(post));
        } catch {
          // The app keeps a file its parser stops on as a problem: it has no texts.
        }
        parseMs += performance.now() - before;
        for (const doc of docs) insert.run(doc.title, doc.body);
        rows += docs.length;
      }
    })();
  } finally {
    db.close();
  }
  return {
    ms: performance.now() - started,
    parseMs,
    rows,
    files: files.length,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

const [root, list, out] = process.argv.slice(2);
if (!root || !list || !out) {
  process.stderr.write('usage: fts-bulk-child.ts <library> <files.json> <out.sqlite>\n');
  process.exitCode = 2;
} else {
  try {
    const result = run(root, JSON.parse(readFileSync(list, 'utf8')) as string[], out);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
