import { cp, mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openIndexDb, type IndexDb } from './db';
import { ParsePool } from './pool';
import { indexQueries } from './queries';
import { PARSER_VERSION, SHARD_SCHEMAS, shardPath, SHARDS } from './schema';
import { search } from './search';
import { updateIndex } from './update';
import { parseFileForIndex } from './parse-full';
import { writer, writeSecondPass, writeSecondPassTexts } from './write';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const pool = new ParsePool(2);
afterAll(() => pool.close());

let library: string;
let db: IndexDb;
beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-index-'));
  library = join(dir, 'library');
  await cp(SEEDS, library, { recursive: true });
  db = openIndexDb(join(dir, 'profile/index.sqlite'));
  return () => db.close();
});

const update = () => updateIndex(db, library, { pool });
const shards = SHARD_SCHEMAS;
/** Rows of a shard table, or of every shard's together. */
const countIn = (table: string, only?: string) =>
  (only ? [only] : shards).reduce(
    (n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}.${table}`).get() as { n: number }).n,
    0,
  );
const post = (title: string, body: string, date = 'Monday 20 May 2019') =>
  `${date}\n\n${title}\n\n${body}\n\nNo comments:\n`;

describe('the library index', () => {
  it('indexes the seeds: posts, comments, articles, problems and full text', async () => {
    const result = await update();
    expect(result).toMatchObject({
      files: 2,
      parsed: 2,
      posts: 2,
      comments: 24,
      articles: 23,
      problems: 1,
      cancelled: false,
    });
    const q = indexQueries(db);
    expect(q.posts().map((p) => p.title)).toEqual(['Latest From Napo 188', 'Omnishambles Update 48']);
    expect(q.sources()[0]).toMatchObject({ name: 'Ministry of Justice', articleCount: 4 });
    expect(search(db, 'tipping point').groups.map((g) => g.title)).toEqual(['Omnishambles Update 48']);
    // Every text is in the full-text index as docs holds it (FTS5 checks its index against docs, row by row).
    for (const t of shards)
      expect(() => db.exec(`INSERT INTO ${t}.docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(countIn('docs')).toBeGreaterThan(20);
    // Each shard holds the rowids ≡ its number (mod SHARDS).
    for (const [shard, t] of shards.entries())
      expect(db.prepare(`SELECT count(*) FROM ${t}.docs WHERE rowid % ${SHARDS} != ${shard}`).pluck().get()).toBe(0);
  });

  it('parses nothing again when nothing changed, and only what changed otherwise', async () => {
    await update();
    expect(await update()).toMatchObject({ parsed: 0, unchanged: 2, removed: 0 });
    // Touched but the same bytes: read and hashed, but not re-indexed.
    const file = join(library, '004_72f7fc2b7a245681.txt');
    await utimes(file, new Date(), new Date(2030, 0, 1));
    expect(await update()).toMatchObject({ parsed: 1, unchanged: 1, posts: 2 });
    // Changed: the new text is searchable, the old is gone.
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('Omnishambles Update 48', 'Omnishambles Update 49').replace('tipping point', 'breaking point'),
    );
    expect(await update()).toMatchObject({ parsed: 1, posts: 2 });
    expect(
      indexQueries(db)
        .posts()
        .map((p) => p.title),
    ).toContain('Omnishambles Update 49');
    expect(search(db, '"breaking point"').groups).toHaveLength(1);
    expect(search(db, 'Omnishambles').groups.map((g) => g.title)).toEqual(['Omnishambles Update 49']);
  });

  it('adds new files, drops removed ones and follows a rename', async () => {
    await update();
    await writeFile(join(library, 'new.txt'), post('A New Post', 'Something about zebras.'));
    expect(await update()).toMatchObject({ parsed: 1, posts: 3 });
    expect(search(db, 'zebras').groups.map((g) => g.title)).toEqual(['A New Post']);
    await rename(join(library, 'new.txt'), join(library, 'renamed.txt'));
    expect(await update()).toMatchObject({ parsed: 1, removed: 1, posts: 3 });
    expect(search(db, 'zebras').groups).toHaveLength(1);
    await rm(join(library, 'renamed.txt'));
    expect(await update()).toMatchObject({ removed: 1, posts: 2 });
    expect(search(db, 'zebras').groups).toEqual([]);
    expect(countIn('docs_fts')).toBe(countIn('docs'));
    // No text is left of the posts that are gone.
    for (const t of shards)
      expect(
        db.prepare(`SELECT count(*) FROM ${t}.docs WHERE post_id NOT IN (SELECT id FROM main.posts)`).pluck().get(),
      ).toBe(0);
  });

  it('writes the texts of a big library into every shard, and searches them all', async () => {
    for (let i = 0; i < 90; i++)
      await writeFile(
        join(library, `many-${String(i).padStart(2, '0')}.txt`),
        post(`Post ${i}`, `Words about quokkas number ${i}.`),
      );
    await update();
    // Three batches of 32 files or more, two workers: each writes its own shard.
    for (const t of shards) expect(countIn('docs', t)).toBeGreaterThan(20);
    const found = search(db, 'quokkas', { limit: 200 });
    expect(found.groups).toHaveLength(90);
    expect(new Set(found.groups.flatMap((g) => g.hits.map((h) => h.snippet.length > 0)))).toEqual(new Set([true]));
  });

  it.each([1, 3])('indexes every text with %i worker(s): one writes one shard, three share two', async (workers) => {
    for (let i = 0; i < 100; i++)
      await writeFile(
        join(library, `many-${String(i).padStart(3, '0')}.txt`),
        post(`Post ${i}`, `Words about wombats number ${i}.`),
      );
    const own = new ParsePool(workers);
    try {
      await updateIndex(db, library, { pool: own });
    } finally {
      await own.close();
    }
    expect(countIn('docs', 's0')).toBeGreaterThan(0);
    if (workers === 1) expect(countIn('docs', 's1')).toBe(0);
    else expect(countIn('docs', 's1')).toBeGreaterThan(0);
    for (const t of shards)
      expect(() => db.exec(`INSERT INTO ${t}.docs_fts(docs_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(search(db, 'wombats', { limit: 200 }).groups).toHaveLength(100);
    // Every post's texts once: as many as a post has (its body) for each of the hundred.
    expect(
      db
        .prepare(
          `SELECT count(*) FROM (${shards.map((t) => `SELECT post_id FROM ${t}.docs`).join(' UNION ALL ')}) WHERE post_id LIKE '%post-%'`,
        )
        .pluck()
        .get(),
    ).toBe(100);
  });

  it('deletes texts left by a second pass that stopped before marking its files done, so none is indexed twice', async () => {
    await update();
    const before = countIn('docs');
    const hits = search(db, 'tipping point').groups[0]!.hits;
    // As if a second pass had committed every text to the other shard too, and not the index itself.
    db.transaction(() => {
      const all = shards.map(
        (t) =>
          db
            .prepare(`SELECT rowid, post_id, kind, ref, source_key, title, body FROM ${t}.docs`)
            .raw()
            .all() as unknown[][],
      );
      for (const [shard, rows] of all.entries()) {
        const other = shards[(shard + 1) % SHARDS]!;
        const max =
          (db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${other}.docs`).pluck().get() as number) + SHARDS * 1000;
        const insert = db.prepare(
          `INSERT INTO ${other}.docs(rowid, post_id, kind, ref, source_key, title, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        const fts = db.prepare(`INSERT INTO ${other}.docs_fts(rowid, title, body) VALUES (?, ?, ?)`);
        for (const [rowid, ...rest] of rows) {
          const copy = max + (rowid as number) + 1;
          insert.run(copy, ...rest);
          fts.run(copy, rest[4], rest[5]);
        }
      }
    })();
    expect(countIn('docs')).toBe(2 * before);
    db.prepare('UPDATE files SET extracted = 0').run();
    await update();
    expect(countIn('docs')).toBe(before);
    expect(search(db, 'tipping point').groups[0]!.hits).toEqual(hits);
  });

  it('rebuilds everything when a shard is missing or left from another index', async () => {
    await update();
    const hits = search(db, 'tipping point').groups[0]!.hits;
    const path = db.name;
    db.close();
    await rm(shardPath(path, 1));
    db = openIndexDb(path);
    expect(await update()).toMatchObject({ parsed: 2, rebuilt: 'a full-text file was missing or from another index' });
    expect(search(db, 'tipping point').groups[0]!.hits).toEqual(hits);
    // The index itself deleted, its shards left: the new index starts them empty.
    db.close();
    for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
    db = openIndexDb(path);
    expect(await update()).toMatchObject({ parsed: 2, rebuilt: null });
    expect(search(db, 'tipping point').groups[0]!.hits).toEqual(hits);
    expect(countIn('docs_fts')).toBe(countIn('docs'));
  });

  it('rebuilds everything after a parser version bump', async () => {
    await update();
    db.prepare("UPDATE meta SET value = ? WHERE key = 'parser_version'").run(String(PARSER_VERSION - 1));
    expect(await update()).toMatchObject({
      parsed: 2,
      rebuilt: `parser version ${PARSER_VERSION - 1} → ${PARSER_VERSION}`,
    });
    // The rebuilt full-text tables are tuned as new ones are (schema.ts: ftsTuning).
    for (const t of shards)
      expect(
        Object.fromEntries(
          (db.prepare(`SELECT k, v FROM ${t}.docs_fts_config`).all() as { k: string; v: number }[]).map((r) => [
            r.k,
            r.v,
          ]),
        ),
      ).toMatchObject({ automerge: 8, crisismerge: 32 });
  });

  it('lists a file that cannot be read with its problem and indexes the rest', async () => {
    await writeFile(join(library, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]));
    const result = await update();
    expect(result.posts).toBe(2);
    expect(indexQueries(db).problemsOf('binary.txt')).toEqual([expect.objectContaining({ severity: 'error' })]);
  });

  it('lists the head problems once the post list is ready, and every comment problem once the texts are indexed', async () => {
    await writeFile(
      join(library, 'odd.txt'),
      'Tuesday 21 May 2019\nOdd Post\n\nBody.\n\n3 comments:\n  1. First\n    ReplyDelete\n  5. Numbered five\n',
    );
    let atPostList: string[] = [];
    await updateIndex(db, library, {
      pool,
      onPostsReady: () =>
        (atPostList = indexQueries(db)
          .problemsOf('odd.txt')
          .map((p) => p.message)),
    });
    expect(atPostList).toEqual(['The post declares 3 comments but 2 were found; both are shown.']);
    const messages = indexQueries(db)
      .problemsOf('odd.txt')
      .map((p) => p.message);
    expect(messages).toContain('The post declares 3 comments but 2 were found; both are shown.');
    expect(messages).toContain('Comment 2 is numbered 5 in the file; it is shown as 2, by its place in the thread.');
    expect(messages).toHaveLength(3);
  });

  it('keeps two files holding the same post, the second under its own id', async () => {
    await cp(join(library, '000_edcf6b3ca6297939.txt'), join(library, 'zz-copy.txt'));
    await update();
    const ids = indexQueries(db)
      .posts()
      .map((p) => p.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(indexQueries(db).problemsOf('zz-copy.txt')).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('same date and title') }),
    );
    // Still there after the second pass replaced the file's problems with the full parse's.
    expect(
      indexQueries(db)
        .problemsOf('zz-copy.txt')
        .filter((p) => p.message.includes('same date and title')),
    ).toHaveLength(1);
  });

  it('looks only at the paths it is told changed, a removed folder standing for the files under it', async () => {
    await mkdir(join(library, 'old'));
    await writeFile(join(library, 'old/one.txt'), post('One Old Post', 'Words about the cedar grove.'));
    await writeFile(join(library, 'old/two.txt'), post('Two Old Post', 'Words about the birch grove.'));
    expect(await update()).toMatchObject({ files: 4, posts: 4 });
    const seed = join(library, '004_72f7fc2b7a245681.txt');
    await writeFile(seed, (await readFile(seed, 'utf8')).replace('tipping point', 'breaking point'));
    await writeFile(join(library, 'new.txt'), post('A New Post', 'Words about the rowan hedge.'));
    // Only the new file named: the changed seed waits for a listing of the folder.
    expect(await updateIndex(db, library, { pool, changed: ['new.txt'] })).toMatchObject({
      files: 5,
      parsed: 1,
      unchanged: 4,
      posts: 5,
    });
    expect(search(db, 'rowan').groups).toHaveLength(1);
    expect(search(db, 'breaking point').groups).toHaveLength(0);
    await rm(join(library, 'old'), { recursive: true });
    expect(await updateIndex(db, library, { pool, changed: ['old'] })).toMatchObject({ removed: 2, posts: 3 });
    expect(search(db, 'cedar').groups).toHaveLength(0);
    expect(await update()).toMatchObject({ parsed: 1, removed: 0, files: 3 });
    expect(search(db, 'breaking point').groups).toHaveLength(1);
  });

  it('links the same article quoted in two posts', async () => {
    const text = await readFile(join(library, '004_72f7fc2b7a245681.txt'), 'utf8');
    const telegraph = text.split('\n').slice(53, 57).join('\n');
    await writeFile(
      join(library, 'later.txt'),
      post('Charities Again', `A reminder of what the Telegraph said:-\n${telegraph}`, 'Friday, 9 May 2014'),
    );
    await update();
    const q = indexQueries(db);
    const later = q.bySource('telegraph');
    expect(later).toHaveLength(2);
    expect(later.every((a) => a.alsoQuotedIn.length === 1)).toBe(true);
  });
});

describe('the second pass, as a parse worker writes it (foreign keys off)', () => {
  const FILE = '004_72f7fc2b7a245681.txt';
  /** The first pass for one seed on the test's index, then a worker-like connection of its own. */
  function firstPassThenWorker() {
    const first = parseFileForIndex(SEEDS, FILE, 'structure');
    writer(db).write(first, false);
    const worker = openIndexDb(db.name);
    worker.pragma('foreign_keys = OFF');
    const job = {
      path: FILE,
      posts: [[0, first.posts[0]!.post.id]] as [number, string][],
      size: first.size,
      mtimeMs: first.mtimeMs,
    };
    const write = () => {
      const w = writer(worker);
      const done = [{ job, result: parseFileForIndex(SEEDS, FILE, 'full') }];
      // As a worker does (extract-batch.ts): its shard's texts, then the rest in the index itself.
      worker.transaction(() => writeSecondPassTexts(w, 1, done))();
      worker.transaction(() => writeSecondPass(w, done))();
    };
    return { worker, write };
  }
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it("adds the post's texts and articles", () => {
    const { worker, write } = firstPassThenWorker();
    write();
    worker.close();
    expect(countIn('docs', 's1')).toBeGreaterThan(10);
    expect(countIn('docs', 's0')).toBe(0);
    expect(count('articles')).toBeGreaterThan(3);
    expect(search(db, 'tipping point').groups.map((g) => g.title)).toEqual(['Omnishambles Update 48']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('adds nothing for a post that left the index after the first pass (its file removed meanwhile)', () => {
    const { worker, write } = firstPassThenWorker();
    db.prepare('DELETE FROM files WHERE path = ?').run(FILE);
    write();
    worker.close();
    expect([count('posts'), countIn('docs'), count('articles')]).toEqual([0, 0, 0]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('search', () => {
  beforeEach(async () => {
    await update();
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'AND OR',
    '(',
    ')',
    ':',
    '^',
    '-',
    'title:x',
    '"unclosed phrase',
    'a"b"c',
    '\u0000',
    '🙂',
    ' '.repeat(10),
    'x'.repeat(900),
  ])('never fails on what a user types: %j', (input) => {
    expect(() => search(db, input)).not.toThrow();
  });

  it('maps the index into memory from the first search on, not before', () => {
    expect(db.pragma('mmap_size', { simple: true })).toBe(0);
    search(db, 'probation');
    // The shards too: they hold what a search reads most.
    for (const schema of ['main', ...shards])
      expect(db.pragma(`${schema}.mmap_size`, { simple: true })).toBeGreaterThan(0);
  });

  it('finds phrases and prefixes, ranks title hits first, and marks the words in snippets', () => {
    expect(search(db, '"media arena"').groups.map((g) => g.title)).toEqual(['Latest From Napo 188']);
    expect(search(db, 'privat*').groups.length).toBe(2);
    const result = search(db, 'omnishambles');
    expect(result.groups[0]!.title).toBe('Omnishambles Update 48');
    expect(result.groups[0]!.hits[0]!.snippet.filter((p) => p.marked).map((p) => p.text.toLowerCase())).toContain(
      'omnishambles',
    );
  });

  it('filters by kind, date and source', () => {
    expect(
      search(db, 'Grayling', { kinds: ['article'] }).groups.every((g) => g.hits.every((h) => h.kind === 'article')),
    ).toBe(true);
    expect(search(db, 'probation', { from: '2019-01-01' }).groups.map((g) => g.title)).toEqual([
      'Latest From Napo 188',
    ]);
    expect(search(db, 'probation', { to: '2014-12-31' }).groups.map((g) => g.title)).toEqual([
      'Omnishambles Update 48',
    ]);
    expect(
      search(db, 'charities', { sourceKey: 'telegraph' }).groups.flatMap((g) => g.hits.map((h) => h.kind)),
    ).toEqual(['article']);
  });
});

describe('search on a large index', () => {
  it('ranks every match of a common word, finding the best however old it is', async () => {
    // Texts spread over 200 posts, far more than a shard's probe: "hostel" is common.
    const files = Array.from({ length: 200 }, (_, i) => {
      const comments = Array.from(
        { length: 25 },
        (_, c) =>
          `Reader ${c} said...\n\ncomment ${i}.${c} about the hostel${i === 3 && c === 4 ? ' hostel hostel hostel' : ''} and the other words here\n\n${1 + (c % 28)} May 2019 at 10:00`,
      ).join('\n\n');
      const date = `Monday ${1 + (i % 28)} ${['January', 'March', 'May', 'July'][i % 4]} ${2010 + Math.floor(i / 20)}`;
      return writeFile(
        join(library, `bulk-${String(i).padStart(3, '0')}.txt`),
        `${date}\n\nPost ${i}\n\nA post.\n\n25 comments:\n\n${comments}\n`,
      );
    });
    await Promise.all(files);
    await update();
    // The workers made top lists for the common words of each shard.
    for (const t of shards) expect(countIn('term_lists', t)).toBeGreaterThan(0);
    const many = search(db, 'hostel');
    expect(many.method).toBe('lists');
    expect(many.totalHits).toBeNull();
    // Post 3, among the oldest, holds the best match.
    expect(many.groups[0]!.title).toBe('Post 3');
    // The same first page as FTS5's own bm25 over every match.
    const exact = shards
      .flatMap(
        (t) =>
          db
            .prepare(
              `SELECT d.post_id AS post, bm25(docs_fts, 5.0, 1.0) AS score FROM ${t}.docs_fts f JOIN ${t}.docs d ON d.rowid = f.rowid WHERE docs_fts MATCH '"hostel"'`,
            )
            .all() as { post: string; score: number }[],
      )
      .sort((a, b) => a.score - b.score);
    // Each post's best text, by FTS5's score; many texts tie, so the page is compared by score.
    const best = new Map<string, number>();
    for (const r of exact) if (!best.has(r.post)) best.set(r.post, r.score);
    const exactScores = [...best.values()].slice(0, 30);
    const pageScores = many.groups.map((g) => best.get(g.postId)!);
    expect(pageScores).toHaveLength(30);
    pageScores.forEach((score, i) => expect(score).toBeCloseTo(exactScores[i]!, 9));
    // Newest first walks the posts by date: the 30 newest posts holding the word, in date order.
    const newest = search(db, 'hostel', { sort: 'date' });
    expect(newest.method).toBe('date');
    const holding = db
      .prepare("SELECT id, date FROM posts WHERE title LIKE 'Post %' ORDER BY date DESC, title LIMIT 30")
      .all() as { id: string; date: string }[];
    expect(newest.groups.map((g) => g.postId)).toEqual(holding.map((p) => p.id));
    // Each post's hits in the order of its thread.
    const refs = newest.groups[0]!.hits.map((h) => Number(h.ref!.split('.')[0]));
    expect(refs).toEqual([...refs].sort((a, b) => a - b));
    const few = search(db, '"comment 3.4 about"');
    expect(few.method).toBe('all');
    expect(few.groups[0]!.hits.map((h) => h.ref)).toEqual(['5']);
  });

  it('sorts by date when asked: newest posts first, every matching post', async () => {
    await update();
    const byDate = search(db, 'probation', { sort: 'date' });
    expect(byDate.method).toBe('date');
    const dates = byDate.groups.map((g) => g.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(byDate.groups.map((g) => g.postId))).toEqual(
      new Set(search(db, 'probation').groups.map((g) => g.postId)),
    );
  });
});
