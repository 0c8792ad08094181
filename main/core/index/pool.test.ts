import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndexDb } from './db';
import { ParsePool } from './pool';
import { indexQueries } from './queries';
import { updateIndex } from './update';

/** A stand-in worker: answers with an empty result, and dies on "boom.txt" as a worker out of memory would (after the pool has sent it more files). */
const FAKE_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, task: { file } }) => {
  if (file === 'boom.txt') process.exit(3);
  parentPort.postMessage({ id, result: { file, size: 1, mtimeMs: 1, hash: 'h-' + file, post: null, articleCount: 0, problems: [], articles: [], docs: [] } });
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
      expect(problems[0]!.message).toMatch(/^Indexing the file failed: the parse worker stopped .* tried again the next time/);
      // Its size is unknown, so the next update parses it again.
      expect((db.prepare("SELECT size FROM files WHERE path = 'boom.txt'").get() as { size: number }).size).toBe(-1);
      db.close();
    } finally {
      await pool.close();
    }
  });
});
