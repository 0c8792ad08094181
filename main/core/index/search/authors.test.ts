import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHS } from '../../shared/calendar';
import type { Post } from '../../parse';
import { openIndexDb, type IndexDb } from '../db';
import { docsOf } from '../parse-full';
import { ParsePool } from '../pool';
import { updateIndex } from '../update';
import { search } from '.';
import { libraryAuthors } from './authors';
import { searchTimeline } from './timeline';

const pool = new ParsePool(2);

/** Posts of the fixture; Maggie Lyle comments on every fifth, once as "MAGGIE LYLE", and Tom Reed on the next. */
const POSTS = 200;
const COMMENTERS = 25;
const maggieOn = (i: number) => i % 5 === 0;
const tomOn = (i: number) => i % 5 === 1;
/** Reader 7 always writes at length, so their comments are never among "hostel"'s best texts (its top lists). */
const LONG = Array.from({ length: 40 }, (_, k) => `word${k}`).join(' ');

let dir: string;
let db: IndexDb;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-authors-'));
  const library = join(dir, 'library');
  await mkdir(library);
  // "hostel" in far more texts than a shard's probe reads, so a search of it is ranked from its top lists.
  for (let i = 0; i < POSTS; i++) {
    const comments = Array.from(
      { length: COMMENTERS },
      (_, c) => `Reader ${c} said...\n\ncomment ${i}.${c} about the hostel and the rota${c === 7 ? ` ${LONG}` : ''}`,
    );
    // Both short, so among "hostel"'s best texts; Maggie Lyle's best of all.
    if (maggieOn(i)) comments.push(`${i === 100 ? 'MAGGIE LYLE' : 'Maggie Lyle'} said...\n\nhostel hostel quokka`);
    if (tomOn(i)) comments.push('Tom Reed said...\n\nhostel wombat');
    const date = `${1 + (i % 28)} ${MONTHS[i % 12]} ${2010 + Math.floor(i / 24)}`;
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
  db
    .prepare('SELECT id FROM posts ORDER BY date DESC, title')
    .pluck()
    .all()
    .filter((_, k, all) => {
      const title = db.prepare('SELECT title FROM posts WHERE id = ?').pluck().get(all[k]) as string;
      return maggieOn(Number(title.slice('Post '.length)));
    }) as string[];

const authorsOf = (result: ReturnType<typeof search>) =>
  new Set(result.groups.flatMap((g) => g.hits.map((h) => h.author)));

describe('searching by author', () => {
  it('ranks a common word from its top lists, keeping only the texts by the author, whatever the case', () => {
    expect(authorsOf(search(db, 'hostel'))).not.toContain('Tom Reed');
    const result = search(db, 'hostel', { author: 'tom reed' });
    expect(result.method).toBe('lists');
    expect(result.groups).toHaveLength(30);
    expect(authorsOf(result)).toEqual(new Set(['Tom Reed']));
    expect(result.groups.every((g) => tomOn(Number(g.title.slice('Post '.length))))).toBe(true);
    // Every post she commented on, the one that spells her name in capitals too.
    const hers = search(db, 'hostel', { author: 'MAGGIE lyle', limit: 100 });
    expect(hers.groups).toHaveLength(POSTS / 5);
    expect(authorsOf(hers)).toEqual(new Set(['Maggie Lyle', 'MAGGIE LYLE']));
  });

  it('ranks in SQL when the top lists hold too few texts by the author', () => {
    const result = search(db, 'hostel', { author: 'Reader 7' });
    expect(result.method).toBe('sql');
    expect(result.groups).toHaveLength(30);
    expect(authorsOf(result)).toEqual(new Set(['Reader 7']));
    // Without the filter, the page holds none of Reader 7's long comments.
    expect(authorsOf(search(db, 'hostel'))).not.toContain('Reader 7');
  });

  it('ranks every match of a rare word by the author, and finds none by another', () => {
    const result = search(db, 'quokka', { author: ' Maggie Lyle ', limit: 100 });
    expect(result.method).toBe('all');
    expect(result.totalHits).toBe(POSTS / 5);
    expect(result.groups.flatMap((g) => g.hits.map((h) => [h.kind, h.author]))).toContainEqual([
      'comment',
      'MAGGIE LYLE',
    ]);
    expect(search(db, 'quokka', { author: 'Reader 1' })).toMatchObject({ groups: [], totalHits: 0 });
    // A name matches whole: not a part of it.
    expect(search(db, 'quokka', { author: 'Maggie' }).groups).toEqual([]);
  });

  it('walks the newest posts for the author, alone and with kinds and a date', () => {
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
    expect(authorsOf(narrowed)).toEqual(new Set(['Maggie Lyle', 'MAGGIE LYLE']));
  });

  it("counts the author's matches in the timeline, narrowed by kind too", () => {
    expect(searchTimeline(db, 'hostel', { author: 'maggie LYLE' }).total).toBe(POSTS / 5);
    expect(searchTimeline(db, 'hostel', { author: 'Maggie Lyle', kinds: ['post'] }).total).toBe(0);
    expect(searchTimeline(db, 'hostel', { author: 'Reader 7', kinds: ['comment'] }).total).toBe(POSTS);
    expect(searchTimeline(db, 'hostel', { author: 'Nobody' }).total).toBe(0);
  });
});

describe("the library's authors", () => {
  it('lists each author once with their texts, most first, in the spelling most texts use', () => {
    const authors = libraryAuthors(db);
    expect(authors).toHaveLength(COMMENTERS + 2);
    expect(authors[0]).toEqual({ name: 'Reader 0', count: POSTS });
    expect(authors.slice(-2)).toEqual([
      { name: 'Maggie Lyle', count: POSTS / 5 },
      { name: 'Tom Reed', count: POSTS / 5 },
    ]);
    expect(libraryAuthors(db, 3).map((a) => a.name)).toEqual(['Reader 0', 'Reader 1', 'Reader 10']);
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
