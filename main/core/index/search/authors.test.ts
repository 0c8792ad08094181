import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHS } from '../../shared/calendar';
import type { Post } from '../../parse';
import { openIndexDb, type IndexDb } from '../db';
import { docsOf } from '../parse-full';
import { ParsePool } from '../pool';
import { SHARD_SCHEMAS } from '../schema';
import { updateIndex } from '../update';
import { search } from '.';
import { libraryAuthors } from './authors';
import { searchTimeline } from './timeline';

const pool = new ParsePool(2);

/**
 * Posts of the fixture. Anonymous writes most comments of each, one of them short, so that it
 * holds "hostel" in more texts than a shard's probe reads and its short ones are on the word's top
 * lists; Maggie Lyle comments on every fifth post (once as "MAGGIE LYLE"), the shortest of all,
 * and Tom Reed on the next.
 */
const POSTS = 300;
const COMMENTERS = 25;
const maggieOn = (i: number) => i % 5 === 0;
const tomOn = (i: number) => i % 5 === 1;
/** Reader 7 always writes at length, so their comments are never among "hostel"'s best texts (its top lists). */
const LONG = Array.from({ length: 40 }, (_, k) => `word${k}`).join(' ');
const commenter = (c: number) => (c === 7 || c % 6 === 0 ? `Reader ${c}` : 'Anonymous');

let dir: string;
let db: IndexDb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-authors-'));
  const library = join(dir, 'library');
  await mkdir(library);
  for (let i = 0; i < POSTS; i++) {
    const comments = Array.from(
      { length: COMMENTERS },
      (_, c) =>
        `${commenter(c)} said...\n\ncomment ${i}.${c} about the hostel and the rota${c === 7 ? ` ${LONG}` : ''}`,
    );
    comments.push('Anonymous said...\n\nhostel hostel rota');
    // "hostel"'s best texts of all: the first page of a search for it, unfiltered.
    if (maggieOn(i)) comments.push(`${i === 100 ? 'MAGGIE LYLE' : 'Maggie Lyle'} said...\n\nhostel hostel`);
    if (tomOn(i)) comments.push('Tom Reed said...\n\nhostel quokka');
    const date = `${1 + (i % 28)} ${MONTHS[i % 12]} ${2000 + Math.floor(i / 12)}`;
    await writeFile(
      join(library, `${String(i).padStart(3, '0')}.txt`),
      `${date}\n\nPost ${i}\n\nA post about the rota.\n\n${comments.length} comments:\n\n${comments.join('\n\n')}\n`,
    );
  }
  db = openIndexDb(join(dir, 'profile/index.sqlite'));
  await updateIndex(db, library, { pool });
});
afterAll(async () => {
  pool.close();
  db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Ids of the posts Maggie Lyle commented on, newest first, as a search by date orders them. */
const maggiePosts = () =>
  (db.prepare('SELECT id, title FROM posts ORDER BY date DESC, title').all() as { id: string; title: string }[])
    .filter((p) => maggieOn(Number(p.title.slice('Post '.length))))
    .map((p) => p.id);

const authorsOf = (result: ReturnType<typeof search>) =>
  new Set(result.groups.flatMap((g) => g.hits.map((h) => h.author)));

/** Each post's best score for "hostel" among the author's texts, by FTS5's own bm25, best first. */
function bestByFts5(author: string): Map<string, number> {
  const best = new Map<string, number>();
  const rows = SHARD_SCHEMAS.flatMap(
    (t) =>
      db
        .prepare(
          `SELECT d.post_id AS post, bm25(docs_fts, 5.0, 1.0) AS score FROM ${t}.docs_fts f JOIN ${t}.docs d ON d.rowid = f.rowid
           WHERE docs_fts MATCH '"hostel"' AND d.author = ? COLLATE NOCASE`,
        )
        .all(author) as { post: string; score: number }[],
  ).sort((a, b) => a.score - b.score);
  for (const r of rows) if (!best.has(r.post)) best.set(r.post, r.score);
  return best;
}

describe('searching by author', () => {
  it('ranks a common word from its top lists when the author wrote more of it than a probe reads', () => {
    // Unfiltered, the page is Maggie Lyle's.
    expect(new Set([...authorsOf(search(db, 'hostel'))].map((a) => a?.toLowerCase()))).toEqual(
      new Set(['maggie lyle']),
    );
    const result = search(db, 'hostel', { author: 'anonymous' });
    expect(result.method).toBe('lists');
    expect(result.groups).toHaveLength(30);
    expect(authorsOf(result)).toEqual(new Set(['Anonymous']));
  });

  it('ranks in SQL when the top lists fill too few posts', () => {
    // The lists hold 128 texts a shard: at most 256 posts, fewer than asked for.
    const result = search(db, 'hostel', { author: 'Anonymous', limit: 280 });
    expect(result.method).toBe('sql');
    expect(result.totalHits).toBe(POSTS * 20);
    expect(result.groups).toHaveLength(280);
    expect(authorsOf(result)).toEqual(new Set(['Anonymous']));
  });

  it("ranks an author with few texts from their own texts' rowids, as FTS5's bm25 would, whatever the case", () => {
    expect(authorsOf(search(db, 'hostel'))).not.toContain('Tom Reed');
    const tom = search(db, 'hostel', { author: 'tom reed' });
    expect(tom.method).toBe('all');
    expect(tom.totalHits).toBe(POSTS / 5);
    expect(authorsOf(tom)).toEqual(new Set(['Tom Reed']));
    expect(tom.groups.every((g) => tomOn(Number(g.title.slice('Post '.length))))).toBe(true);
    // Reader 7's long comments are on no list; the page is FTS5's best by score.
    const reader = search(db, 'hostel', { author: 'Reader 7', limit: 100 });
    expect(reader.method).toBe('all');
    expect(authorsOf(reader)).toEqual(new Set(['Reader 7']));
    const best = bestByFts5('Reader 7');
    const exact = [...best.values()];
    expect(reader.groups).toHaveLength(100);
    reader.groups.forEach((g, i) => expect(best.get(g.postId)).toBeCloseTo(exact[i]!, 9));
    // Every post she commented on, the one that spells her name in capitals too.
    const hers = search(db, 'hostel', { author: 'MAGGIE lyle', limit: 100 });
    expect(hers.groups).toHaveLength(POSTS / 5);
    expect(authorsOf(hers)).toEqual(new Set(['Maggie Lyle', 'MAGGIE LYLE']));
  });

  it('ranks every match of a rare word by the author, and finds none by another', () => {
    const result = search(db, 'quokka', { author: ' Tom Reed ', limit: 100 });
    expect(result.method).toBe('all');
    expect(result.totalHits).toBe(POSTS / 5);
    expect(new Set(result.groups.flatMap((g) => g.hits.map((h) => `${h.kind} ${h.author}`)))).toEqual(
      new Set(['comment Tom Reed']),
    );
    expect(search(db, 'quokka', { author: 'Reader 6' })).toMatchObject({ groups: [], totalHits: 0 });
    // A name matches whole: not a part of it.
    expect(search(db, 'quokka', { author: 'Tom' }).groups).toEqual([]);
  });

  it('lists the newest posts for the author, alone and with kinds and a date', () => {
    const newest = search(db, 'hostel', { author: 'Maggie Lyle', sort: 'date' });
    expect(newest.method).toBe('date');
    expect(newest.groups.map((g) => g.postId)).toEqual(maggiePosts().slice(0, 30));
    const narrowed = search(db, 'hostel', {
      author: 'Maggie Lyle',
      kinds: ['post', 'comment'],
      from: '2013-01-01',
      sort: 'date',
    });
    expect(narrowed.groups.length).toBeGreaterThan(0);
    expect(narrowed.groups.every((g) => g.date! >= '2013-01-01')).toBe(true);
    expect(authorsOf(narrowed)).toEqual(new Set(['Maggie Lyle']));
    // A prolific author too: the newest posts, each with its first hits in thread order.
    const anonymous = search(db, 'hostel', { author: 'Anonymous', sort: 'date' });
    expect(anonymous.groups.map((g) => g.date)).toEqual(
      db.prepare('SELECT date FROM posts ORDER BY date DESC, title LIMIT 30').pluck().all() as string[],
    );
    expect(authorsOf(anonymous)).toEqual(new Set(['Anonymous']));
  });

  it("counts the author's matches in the timeline, narrowed by kind too", () => {
    expect(searchTimeline(db, 'hostel', { author: 'maggie LYLE' }).total).toBe(POSTS / 5);
    expect(searchTimeline(db, 'hostel', { author: 'Maggie Lyle', kinds: ['post'] }).total).toBe(0);
    expect(searchTimeline(db, 'hostel', { author: 'Reader 7', kinds: ['comment'] }).total).toBe(POSTS);
    expect(searchTimeline(db, 'hostel', { author: 'Anonymous' }).total).toBe(POSTS * 20);
    expect(searchTimeline(db, 'hostel', { author: 'Nobody' }).total).toBe(0);
  });
});

describe("the library's authors", () => {
  it('lists each author once with their texts, most first, in the spelling most texts use', () => {
    const authors = libraryAuthors(db);
    expect(authors).toEqual([
      { name: 'Anonymous', count: POSTS * 20 },
      ...['Reader 0', 'Reader 12', 'Reader 18', 'Reader 24', 'Reader 6', 'Reader 7'].map((name) => ({
        name,
        count: POSTS,
      })),
      { name: 'Maggie Lyle', count: POSTS / 5 },
      { name: 'Tom Reed', count: POSTS / 5 },
    ]);
    expect(libraryAuthors(db, 3).map((a) => a.name)).toEqual(['Anonymous', 'Reader 0', 'Reader 12']);
  });
});

describe('the texts the index stores', () => {
  const post = (author: string | null): Post => ({
    id: 'p',
    date: null,
    dateText: null,
    title: 'Title',
    lead: '',
    body: [{ text: 'Body.', line: 3, endLine: 3 }],
    declaredCommentCount: 1,
    comments: [
      {
        id: '1',
        writtenNumber: null,
        author: 'Anonymous',
        text: 'Hi.',
        line: 5,
        textLine: 6,
        endLine: 6,
        time: null,
        replies: [],
      },
      {
        id: '2',
        writtenNumber: 2,
        author: null,
        text: 'Hello.',
        line: 7,
        textLine: 7,
        endLine: 8,
        time: null,
        replies: [],
      },
    ],
    foundCommentCount: 2,
    file: 'p.txt',
    line: 1,
    author,
    time: null,
    format: 'text',
    part: 0,
    labels: [],
    draft: false,
  });

  it("gives the post's text its author and each comment its own; none where the page names none", () => {
    expect(docsOf(post('Jim Brown'), []).map((d) => [d.kind, d.author])).toEqual([
      ['post', 'Jim Brown'],
      ['comment', 'Anonymous'],
      ['comment', null],
    ]);
    expect(docsOf(post(null), [])[0]!.author).toBeNull();
  });
});
