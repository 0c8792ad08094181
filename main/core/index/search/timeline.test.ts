import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../../test-support/prng';
import { MONTHS, WEEKDAYS } from '../../shared/calendar';
import type { SearchTimeline } from '../../shared/timeline';
import { openIndexDb, type IndexDb } from '../db';
import { libraryTimeline } from '../library-timeline';
import { ParsePool } from '../pool';
import { SHARD_SCHEMAS } from '../schema';
import { updateIndex } from '../update';
import { search } from '.';
import type { SearchFilters } from './rank';
import { dayNumber, searchTimeline } from './timeline';

const pool = new ParsePool(2);
afterAll(() => pool.close());

/** "Monday 20 May 2019" from "2019-05-20", as a post's date line. */
function dateLine(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** A post's file: its date line (none when undated), title, body and comments. */
function seed(date: string | null, title: string, body: string, comments: string[]): string {
  const thread = comments.length
    ? `${comments.length} comments:\n\n${comments.map((c, i) => `  ${i + 1}. ${c}\n\n    ReplyDelete\n`).join('')}`
    : 'No comments:\n';
  return `${date ? `${dateLine(date)}\n\n` : '\n'}${title}\n\n${body}\n\n${thread}`;
}

/** Words the fixture's texts are made of: "grayling" in some, "gravel" in others, "the" in most. */
const WORDS = ['grayling', 'gravel', 'the', 'probation', 'hostel', 'reform'];

/** Dates of the fixture's posts: months with a gap (December 2013 has none), two in a month, and undated ones. */
const DATES = [
  '2013-10-31',
  '2013-11-01',
  '2013-11-30',
  '2014-01-15',
  '2014-01-31',
  '2014-02-01',
  '2014-03-10',
  '2015-06-05',
  null,
  null,
];

let dir: string;
let db: IndexDb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-timeline-'));
  const library = join(dir, 'library');
  const random = prng(18);
  const sentence = () =>
    Array.from({ length: 3 + Math.floor(random() * 5) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  await mkdir(library);
  for (const [i, date] of DATES.entries()) {
    const comments = Array.from({ length: 2 + Math.floor(random() * 6) }, sentence);
    await writeFile(join(library, `${String(i).padStart(3, '0')}.txt`), seed(date, `Post ${i}`, sentence(), comments));
  }
  db = openIndexDb(join(dir, 'profile/index.sqlite'));
  await updateIndex(db, library, { pool });
});
afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** The counts by brute force: every text of every shard, its post's date, and whether it matches, one row at a time. */
function bruteForce(match: string, filters: SearchFilters, index: IndexDb = db): SearchTimeline {
  const perMonth = new Map<string, number>();
  let undated = 0;
  for (const shard of SHARD_SCHEMAS) {
    const matching = new Set(
      index.prepare(`SELECT rowid FROM ${shard}.docs_fts WHERE docs_fts MATCH ?`).pluck().all(match) as number[],
    );
    const rows = index
      .prepare(
        `SELECT d.rowid, d.kind, d.source_key AS sourceKey, p.date FROM ${shard}.docs d JOIN main.posts p ON p.id = d.post_id`,
      )
      .all() as {
      rowid: number;
      kind: 'post' | 'comment' | 'article';
      sourceKey: string | null;
      date: string | null;
    }[];
    for (const row of rows) {
      if (!matching.has(row.rowid)) continue;
      if (filters.kinds?.length && !filters.kinds.includes(row.kind)) continue;
      if (filters.sourceKey && row.sourceKey !== filters.sourceKey) continue;
      if ((filters.from || filters.to) && !row.date) continue;
      if (filters.from && row.date! < filters.from) continue;
      if (filters.to && row.date! > filters.to) continue;
      if (!row.date) undated++;
      else perMonth.set(row.date.slice(0, 7), (perMonth.get(row.date.slice(0, 7)) ?? 0) + 1);
    }
  }
  const total = [...perMonth.values()].reduce((a, b) => a + b, undated);
  const months = [...perMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }));
  return { months, undated, total, ms: 0 };
}

/** The timeline's months that have matches (the months between with 0 left out), to compare with the brute force. */
const withMatches = (timeline: SearchTimeline) => ({
  ...timeline,
  months: timeline.months.filter((m) => m.count > 0),
  ms: 0,
});

describe('the search timeline', () => {
  const cases: [string, SearchFilters][] = [
    ['grayling', {}],
    ['the', {}],
    ['gra*', {}],
    ['"probation hostel"', {}],
    ['grayling', { kinds: ['comment'] }],
    ['grayling', { kinds: ['post'] }],
    ['grayling', { from: '2013-11-01', to: '2014-01-31' }],
    ['grayling', { from: '2014-02-01' }],
    ['grayling', { to: '2013-10-31' }],
    ['the', { kinds: ['post', 'comment'], from: '2013-11-30', to: '2014-01-15' }],
    ['grayling', { sourceKey: 'no-such-source' }],
  ];
  it.each(cases)('counts every text matching %s %j per month, as a brute-force count does', (query, filters) => {
    const timeline = searchTimeline(db, query, filters);
    const expected = bruteForce(search(db, query).query.match, filters);
    if (!filters.sourceKey) expect(expected.total).toBeGreaterThan(0);
    expect(withMatches(timeline)).toEqual(expected);
  });

  it('counts as many texts as search() ranks when it reads every match', () => {
    for (const [query, filters] of cases) {
      const found = search(db, query, filters);
      expect(found.method).toBe('all');
      expect(searchTimeline(db, query, filters).total).toBe(found.totalHits);
    }
  });

  it('fills the months between with 0, from the first month with a match to the last', () => {
    const timeline = searchTimeline(db, 'the');
    expect(timeline.months.map((m) => m.month)).toEqual([
      '2013-10',
      '2013-11',
      '2013-12',
      ...['2014-01', '2014-02', '2014-03', '2014-04', '2014-05', '2014-06', '2014-07', '2014-08', '2014-09'],
      ...['2014-10', '2014-11', '2014-12', '2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06'],
    ]);
    expect(timeline.months.find((m) => m.month === '2013-12')?.count).toBe(0);
    expect(timeline.undated).toBeGreaterThan(0);
  });

  it('counts undated posts apart, and leaves them out under a date bound', () => {
    expect(searchTimeline(db, 'the').undated).toBe(bruteForce('the', {}).undated);
    expect(searchTimeline(db, 'the', { from: '2000-01-01' }).undated).toBe(0);
  });

  it('answers nothing for a query with no words, and an empty timeline when nothing matches', () => {
    expect(searchTimeline(db, '  "  ')).toMatchObject({ months: [], undated: 0, total: 0 });
    expect(searchTimeline(db, 'zebra')).toMatchObject({ months: [], undated: 0, total: 0 });
  });

  it('follows the index when it changes: a new post is counted, a removed one no longer', async () => {
    const library = join(dir, 'library');
    const before = searchTimeline(db, 'zanzibar');
    expect(before.total).toBe(0);
    await writeFile(join(library, '100.txt'), seed('2016-04-01', 'Zanzibar', 'zanzibar zanzibar', ['zanzibar']));
    await updateIndex(db, library, { pool });
    expect(searchTimeline(db, 'zanzibar')).toMatchObject({ months: [{ month: '2016-04', count: 2 }], total: 2 });
    await rm(join(library, '100.txt'));
    await updateIndex(db, library, { pool });
    expect(searchTimeline(db, 'zanzibar').total).toBe(0);
    expect(withMatches(searchTimeline(db, 'grayling'))).toEqual(bruteForce('grayling', {}));
  });

  it('places a text whose rowid is apart from the rest of its post’s texts', () => {
    const shard = SHARD_SCHEMAS[0]!;
    const postId = db
      .prepare(`SELECT post_id FROM ${shard}.docs WHERE post_id LIKE '2013-11-01-%' LIMIT 1`)
      .pluck()
      .get();
    const max = db.prepare(`SELECT max(rowid) FROM ${shard}.docs`).pluck().get() as number;
    const rowid = max + 10 * SHARD_SCHEMAS.length;
    db.prepare(
      `INSERT INTO ${shard}.docs(rowid, post_id, kind, title, body) VALUES (?, ?, 'comment', '', 'quokka')`,
    ).run(rowid, postId);
    db.prepare(`INSERT INTO ${shard}.docs_fts(rowid, title, body) VALUES (?, '', 'quokka')`).run(rowid);
    expect(searchTimeline(db, 'quokka')).toMatchObject({ months: [{ month: '2013-11', count: 1 }], total: 1 });
    expect(withMatches(searchTimeline(db, 'the'))).toEqual(bruteForce('the', {}));
    // Its kind too: its post's run is no longer one.
    expect(searchTimeline(db, 'quokka', { kinds: ['comment'] }).total).toBe(1);
    expect(searchTimeline(db, 'quokka', { kinds: ['post', 'article'] }).total).toBe(0);
    for (const kinds of [['post'], ['comment'], ['post', 'comment']] as const)
      expect(withMatches(searchTimeline(db, 'the', { kinds: [...kinds] }))).toEqual(
        bruteForce('the', { kinds: [...kinds] }),
      );
  });
});

describe('the search timeline of the seeds, with quoted articles', () => {
  it('counts each kind of text as a brute-force count does', async () => {
    const seeds = await mkdtemp(join(tmpdir(), 'threadline-timeline-seeds-'));
    const seedsDb = openIndexDb(join(seeds, 'index.sqlite'));
    try {
      await updateIndex(seedsDb, join(import.meta.dirname, '../../../../seeds'), { pool });
      const kindsOf = (query: string, kinds: SearchFilters['kinds']) => [
        withMatches(searchTimeline(seedsDb, query, { kinds })),
        bruteForce(search(seedsDb, query).query.match, { kinds }, seedsDb),
      ];
      for (const kinds of [['article'], ['post'], ['comment'], ['post', 'article']] as SearchFilters['kinds'][]) {
        const [counted, expected] = kindsOf('probation', kinds);
        expect(expected!.total).toBeGreaterThan(0);
        expect(counted).toEqual(expected);
      }
    } finally {
      seedsDb.close();
      await rm(seeds, { recursive: true, force: true });
    }
  });
});

describe('the library timeline', () => {
  it('counts posts and comments per month, fills the months between, and lists the busiest threads', () => {
    const timeline = libraryTimeline(db);
    const posts = db.prepare('SELECT id, title, date, found_count AS comments FROM posts').all() as {
      id: string;
      title: string;
      date: string | null;
      comments: number;
    }[];
    expect(timeline.months[0]?.month).toBe('2013-10');
    expect(timeline.months[timeline.months.length - 1]?.month).toBe('2015-06');
    expect(timeline.months.find((m) => m.month === '2013-11')).toEqual({
      month: '2013-11',
      posts: 2,
      comments: posts.filter((p) => p.date?.startsWith('2013-11')).reduce((n, p) => n + p.comments, 0),
    });
    expect(timeline.months.find((m) => m.month === '2013-12')).toEqual({ month: '2013-12', posts: 0, comments: 0 });
    expect(timeline.months.reduce((n, m) => n + m.posts, 0)).toBe(8);
    expect(timeline.undated.posts).toBe(2);
    // Most comments first; of as many, the newest first.
    const mostFirst = [...posts].sort(
      (a, b) => b.comments - a.comments || (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id),
    );
    expect(timeline.busiest.map((t) => [t.postId, t.comments])).toEqual(mostFirst.map((p) => [p.id, p.comments]));
    expect(timeline.busiest[0]).toMatchObject({ title: mostFirst[0]!.title, date: mostFirst[0]!.date });
  });
});

describe('dayNumber', () => {
  it('writes a date as a number that sorts as the date does, 0 for none', () => {
    expect(dayNumber('2014-03-15')).toBe(20140315);
    expect(dayNumber(null)).toBe(0);
    expect(dayNumber('2013-12-31')).toBeLessThan(dayNumber('2014-01-01'));
  });
});
