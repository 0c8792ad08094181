import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndexDb } from './db';
import { ParsePool } from './pool';
import { indexQueries } from './queries';
import { updateIndex } from './update';

/** A stand-in worker: answers with an empty result, and dies on "boom.txt" (alone or in a chunk of files) as a worker out of memory would (after the pool has sent it more files). */
const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
const parse = (file) => {
  if (file === 'boom.txt') process.exit(3);
  return { file, size: 1, mtimeMs: 1, hash: 'h-' + file, format: null, posts: [], problems: [] };
};
parentPort.on('message', ({ id, task }) => {
  parentPort.postMessage({ id, result: task.kind === 'parse-many' ? task.files.map(({ file }) => parse(file)) : parse(task.file) });
});
`;

describe('the parse pool', () => {
  it('fails only the file a dying worker was on, and carries on with a fresh worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-pool-'));
    const workerFile = join(dir, 'worker.mjs');
    await writeFile(workerFile, FAKE_WORKER);
    const pool = new ParsePool(1, { workerFile });
    try {
      await expect(pool.parse(dir, 'boom.txt')).rejects.toThrow(/exit code 3/);
      await expect(pool.parse(dir, 'fine.txt')).resolves.toMatchObject({ file: 'fine.txt', hash: 'h-fine.txt' });

      const library = join(dir, 'library');
      await mkdir(library);
      await writeFile(join(library, 'boom.txt'), 'x');
      await writeFile(join(library, 'fine.txt'), 'x');
      const db = openIndexDb(join(dir, 'index.sqlite'));
      const result = await updateIndex(db, library, { pool });
      expect(result.cancelled).toBe(false);
      const problems = indexQueries(db).problems();
      expect(problems.map((p) => [p.file, p.severity])).toEqual([['boom.txt', 'error']]);
      expect(problems[0]!.message).toMatch(
        /^Indexing the file failed: the parse worker stopped .* tried again the next time/,
      );
      // Its size is unknown, so the next update parses it again.
      expect((db.prepare("SELECT size FROM files WHERE path = 'boom.txt'").get() as { size: number }).size).toBe(-1);
      db.close();
    } finally {
      await pool.close();
    }
  });
});

/** A stand-in worker whose first pass finds a post in every file, and which dies on a second-pass batch holding "boom.txt". */
const DIES_IN_SECOND_PASS = `
import { parentPort } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { join } from 'node:path';
parentPort.on('message', ({ id, task }) => {
  if (task.kind === 'merge-terms') {
    parentPort.postMessage({ id, result: { words: 0 } });
    return;
  }
  if (task.kind === 'release') {
    parentPort.postMessage({ id, result: null });
    return;
  }
  if (task.kind === 'extract') {
    if (task.batch.jobs.some((job) => job.path === 'boom.txt')) process.exit(3);
    parentPort.postMessage({ id, result: { written: task.batch.jobs.length } });
    return;
  }
  const parse = (file) => {
    const { size, mtimeMs } = statSync(join(task.root, file));
    const post = { id: 'post-' + file, date: null, dateText: null, title: file, lead: '', declaredCommentCount: 0, foundCommentCount: 0, file, line: 1, author: null, time: null, format: 'text', part: 0, labels: [], draft: false };
    return { file, size, mtimeMs, hash: '', format: 'text', posts: [{ post, articleCount: 0, commentKeys: '', articles: [], docs: [] }], problems: [] };
  };
  parentPort.postMessage({ id, result: task.kind === 'parse-many' ? task.files.map(({ file }) => parse(file)) : parse(task.file) });
});
`;

describe('a real parse worker', () => {
  const SEEDS = join(import.meta.dirname, '../../../seeds');
  const FILE = '004_72f7fc2b7a245681.txt';

  it('answers in the order asked while it loads the full parser for a task that needs it', async () => {
    const pool = new ParsePool(1);
    try {
      const order: string[] = [];
      const ask = <T>(name: string, task: Promise<T>) => task.then((result) => (order.push(name), result));
      const [first, articles, full, last] = await Promise.all([
        ask('structure', pool.parseMany(SEEDS, [{ file: FILE, mode: 'new' }])),
        ask('articles', pool.articles(SEEDS, FILE)),
        ask('full', pool.parse(SEEDS, FILE, 'full')),
        ask('structure again', pool.parse(SEEDS, FILE, 'structure')),
      ]);
      expect(order).toEqual(['structure', 'articles', 'full', 'structure again']);
      expect(first[0]).toMatchObject({ file: FILE, hash: '' });
      expect(first[0]!.posts[0]!.docs).toEqual([]);
      expect(articles.articles.length).toBeGreaterThan(3);
      expect(full.posts[0]!.docs.length).toBeGreaterThan(10);
      expect(last.hash).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      await pool.close();
    }
  });
});

describe('the second pass in the workers', () => {
  it('runs a batch whose worker died again a file at a time, and fails only the file that kills it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-pool2-'));
    const workerFile = join(dir, 'worker.mjs');
    await writeFile(workerFile, DIES_IN_SECOND_PASS);
    const library = join(dir, 'library');
    await mkdir(library);
    for (const name of ['a.txt', 'boom.txt', 'c.txt']) await writeFile(join(library, name), 'x');
    const pool = new ParsePool(1, { workerFile });
    const db = openIndexDb(join(dir, 'index.sqlite'));
    try {
      const result = await updateIndex(db, library, { pool });
      expect(result.cancelled).toBe(false);
      expect(
        indexQueries(db)
          .problems()
          .map((p) => [p.file, p.severity]),
      ).toEqual([['boom.txt', 'error']]);
      expect((db.prepare("SELECT size FROM files WHERE path = 'boom.txt'").get() as { size: number }).size).toBe(-1);
      expect((db.prepare("SELECT size FROM files WHERE path = 'a.txt'").get() as { size: number }).size).toBe(1);
    } finally {
      db.close();
      await pool.close();
    }
  });
});

/** A stand-in worker that needs about 150 MB of heap for "huge.xml": a pool worker runs out of memory on it; one with room does not. */
const HUNGRY_WORKER = `
import { parentPort } from 'node:worker_threads';
const parse = (file) => {
  const held = [];
  if (file === 'huge.xml') for (let i = 0; i < 150; i++) held.push(new Array(1 << 17).fill(i + 0.5));
  return { file, size: 1, mtimeMs: 1, hash: 'h-' + file + held.length, format: null, posts: [], problems: [] };
};
parentPort.on('message', ({ id, task }) => {
  parentPort.postMessage({ id, result: task.kind === 'parse-many' ? task.files.map(({ file }) => parse(file)) : parse(task.file) });
});
`;

describe('a file too big for a pool worker', () => {
  it('is read again in a worker of its own with room for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-pool-'));
    const workerFile = join(dir, 'worker.mjs');
    await writeFile(workerFile, HUNGRY_WORKER);
    const pool = new ParsePool(1, { workerFile });
    try {
      // Really out of memory in a pool worker.
      await expect(pool.parse(dir, 'huge.xml')).rejects.toThrow(/memory/);
      const library = join(dir, 'library');
      await mkdir(library);
      await writeFile(join(library, 'huge.xml'), '<feed/>');
      await writeFile(join(library, 'fine.txt'), 'x');
      const db = openIndexDb(join(dir, 'index.sqlite'));
      await updateIndex(db, library, { pool });
      expect(indexQueries(db).problems()).toEqual([]);
      expect(db.prepare('SELECT path, hash FROM files ORDER BY path').all()).toEqual([
        { path: 'fine.txt', hash: 'h-fine.txt0' },
        { path: 'huge.xml', hash: 'h-huge.xml150' },
      ]);
      db.close();
    } finally {
      await pool.close();
    }
  });
});
