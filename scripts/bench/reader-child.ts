/**
 * The reader's memory, in a process of its own: opens a built index through the service as the
 * app does (createService, openLibrary), lists the posts, opens a few (the longest thread among
 * them: its start, all of it, its quoted articles) and runs the bench's queries, reading this
 * process's memory from /proc/self/status after each step.
 *
 *   node --import tsx scripts/bench/reader-child.ts <library> <profile> <queries.json> [<built parse-worker.js>]
 *
 * Prints one JSON line (ReaderRun) on stdout.
 */
import { readFileSync } from 'node:fs';
import { createService } from '../../main/core/service';
import type { PostSummary } from '../../preload/api';
import { parseStatus, type Memory } from './memory';

export interface ReaderRun {
  /** After the library is open and its post list read. */
  opened: Memory;
  /** After the posts were opened. */
  postsOpened: Memory;
  /** After every query ran. */
  searched: Memory;
  /** The largest anonymous memory seen after any step, and the file pages mapped then. */
  maxRssAnon: number;
  rssFileAtMax: number;
  maxRssFile: number;
  posts: number;
  openedPosts: number;
  queries: number;
}

const memory = (): Memory => parseStatus(readFileSync('/proc/self/status', 'utf8'));

async function run(root: string, profileDir: string, queries: string[], workerFile?: string): Promise<ReaderRun> {
  let maxRssAnon = 0;
  let rssFileAtMax = 0;
  let maxRssFile = 0;
  const sample = (): Memory => {
    const m = memory();
    if (m.rssAnon > maxRssAnon) {
      maxRssAnon = m.rssAnon;
      rssFileAtMax = m.rssFile;
    }
    maxRssFile = Math.max(maxRssFile, m.rssFile);
    return m;
  };
  const service = createService({
    defaultLibrary: root,
    profileDir,
    watch: false,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    warn: () => undefined,
    ...(workerFile ? { parseWorkerFile: workerFile } : {}),
  });
  try {
    const h = service.handlers;
    await service.openLibrary(root);
    await service.whenIndexed();
    const posts: PostSummary[] = await h['posts.list']({});
    const opened = sample();
    if (!posts.length) throw new Error('the library has no posts');
    const longest = posts.reduce((a, b) => (b.foundCommentCount > a.foundCommentCount ? b : a));
    const chosen = [longest, ...[0.1, 0.35, 0.6, 0.85].map((at) => posts[Math.floor(at * posts.length)]!)];
    for (const post of chosen) {
      await h['posts.get']({ id: post.id, part: 'start' });
      await h['posts.get']({ id: post.id });
      await h['posts.articles']({ id: post.id });
      sample();
    }
    const postsOpened = sample();
    for (const query of queries) {
      await h['search.query']({ query });
      sample();
    }
    const searched = sample();
    return {
      opened,
      postsOpened,
      searched,
      maxRssAnon,
      rssFileAtMax,
      maxRssFile,
      posts: posts.length,
      openedPosts: chosen.length,
      queries: queries.length,
    };
  } finally {
    await service.close();
  }
}

const [root, profileDir, queriesFile, workerFile] = process.argv.slice(2);
if (!root || !profileDir || !queriesFile) {
  process.stderr.write('usage: reader-child.ts <library> <profile> <queries.json> [<parse-worker.js>]\n');
  process.exitCode = 2;
} else {
  run(root, profileDir, JSON.parse(readFileSync(queriesFile, 'utf8')) as string[], workerFile).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
