import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BAND_COUNT, bandBucket } from '../articles';
import { openIndexDb, type IndexDb } from './db';
import { ParsePool } from './pool';
import { deferBands, groupsFromScratch, regroupAll } from './regroup';
import { updateIndex } from './update';

const pool = new ParsePool(2);
afterAll(() => pool.close());

let library: string;
let db: IndexDb;
beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-regroup-'));
  library = join(dir, 'library');
  await mkdir(library);
  db = openIndexDb(join(dir, 'profile/index.sqlite'));
  return async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  };
});

/** A small deterministic random source (a linear congruential generator). */
function randomOf(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return {
    int: (from: number, to: number) => from + Math.floor(next() * (to - from + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof randomOf>;

const WORDS =
  'alder birch cedar damson elder fir gorse hazel ivy juniper larch maple oak pine rowan spruce teak willow yew ash beech holly lime poplar sloe aspen briar clover daisy fennel'.split(
    ' ',
  );
const URLS = ['http://example.org/story/1', 'http://example.org/story/2', 'https://news.example.com/item/3'];

/**
 * A library of posts that quote a few base articles, each copy as it is or with some words
 * changed: one or two words leave it the same article, more may or may not, many never (so
 * groups join, and split when a post goes), and bare links to a few URLs (the same URL, the
 * same article).
 */
function libraryOf(random: Random) {
  const paragraph = (n: number) => Array.from({ length: n }, () => random.pick(WORDS)).join(' ');
  const bases = Array.from({ length: 4 }, () => [paragraph(70), paragraph(50)]);
  const copy = (base: string[]) => {
    const edits = random.pick([0, 0, 1, 2, 3, 5, 8, 30]);
    return base.map((text) => {
      const words = text.split(' ');
      for (let e = 0; e < edits; e++) words[random.int(0, words.length - 1)] = random.pick(WORDS);
      return words.join(' ');
    });
  };
  return (title: string, day: number) => {
    const parts: string[] = [];
    for (let a = random.int(0, 2); a > 0; a--)
      parts.push('The Gazette had this to say:-', ...copy(random.pick(bases)).map((text) => `${text}.`));
    for (let l = random.int(0, 2); l > 0; l--) parts.push(`See ${random.pick(URLS)} for more.`);
    parts.push(`Notes ${paragraph(6)}.`);
    return `Monday ${day} May 2019\n\n${title}\n\n${parts.join('\n\n')}\n\nNo comments:\n`;
  };
}

let clock = Date.UTC(2020, 0, 1);
/** Writes a file with a modification time of its own, so that every change is seen as one. */
async function put(name: string, text: string) {
  const path = join(library, name);
  await writeFile(path, text);
  clock += 60_000;
  await utimes(path, new Date(clock), new Date(clock));
}

const storedGroups = () =>
  db.prepare('SELECT article_id, group_id FROM article_groups ORDER BY article_id').all() as {
    article_id: string;
    group_id: string;
  }[];
const scratchGroups = () =>
  groupsFromScratch(db)
    .flatMap(({ groupId, members }) => members.map((id) => ({ article_id: id, group_id: groupId })))
    .sort((a, b) => (a.article_id < b.article_id ? -1 : 1));
/** The band rows the stored fingerprints call for, and those the index holds. */
const bands = () => {
  const rows = db.prepare('SELECT id, fingerprint FROM articles WHERE fingerprint IS NOT NULL').all() as {
    id: string;
    fingerprint: Buffer;
  }[];
  const wanted = rows
    .flatMap(({ id, fingerprint }) => {
      const sig = new Uint32Array(fingerprint.buffer, fingerprint.byteOffset, fingerprint.byteLength / 4);
      return Array.from({ length: BAND_COUNT }, (_, band) => `${bandBucket(sig, band)} ${id}`);
    })
    .sort();
  const held = (
    db.prepare('SELECT bucket, article_id FROM article_bands').all() as { bucket: number; article_id: string }[]
  )
    .map((r) => `${r.bucket} ${r.article_id}`)
    .sort();
  return { wanted, held };
};

describe('regrouping after a change', () => {
  it.each([1, 2, 3])(
    'gives the same groups as grouping the whole library again, after each random add, edit or remove (seed %i)',
    async (seed) => {
      const random = randomOf(seed);
      const postText = libraryOf(random);
      const files = new Map<string, string>();
      let made = 0;
      const add = async () => {
        const name = `p${String(made++).padStart(3, '0')}.txt`;
        const title = `Post Number ${made}`;
        files.set(name, title);
        await put(name, postText(title, random.int(1, 28)));
        return name;
      };
      for (let i = 0; i < 10; i++) await add();
      let grouped = 0;
      let splits = 0;
      let before = new Set<string>();
      for (let step = 0; step < 25; step++) {
        let changed: string | null = null;
        if (step > 0) {
          const names = [...files.keys()];
          const op = random.pick(['add', 'edit', 'edit', 'remove'] as const);
          if (op === 'add' || names.length < 3) changed = await add();
          else if (op === 'edit') {
            changed = random.pick(names);
            await put(changed, postText(files.get(changed)!, random.int(1, 28)));
          } else {
            changed = random.pick(names);
            files.delete(changed);
            await rm(join(library, changed));
          }
        }
        // Every other step as a watcher tells it (only the changed path looked at), the others listing the folder.
        await updateIndex(db, library, { pool, ...(changed && step % 2 ? { changed: [changed] } : {}) });
        const stored = storedGroups();
        expect(stored).toEqual(scratchGroups());
        expect(db.prepare('SELECT count(*) FROM regroup_pending').pluck().get()).toBe(0);
        const { wanted, held } = bands();
        expect(held).toEqual(wanted);
        grouped += stored.length;
        const pairs = new Set(stored.map((r) => `${r.group_id} ${r.article_id}`));
        if ([...before].some((pair) => !pairs.has(pair))) splits++;
        before = pairs;
      }
      // The library did group articles, and groups did change between steps.
      expect(grouped).toBeGreaterThan(0);
      expect(splits).toBeGreaterThan(0);
    },
  );

  it("keeps a group's id while its smallest member stays, and gives it the next smallest when that one goes", async () => {
    const text = (title: string) =>
      `Monday 1 June 2020\n\n${title}\n\nSee http://example.org/same/story for more.\n\nNo comments:\n`;
    await put('a.txt', text('Alpha'));
    await put('b.txt', text('Bravo'));
    await put('c.txt', text('Charlie'));
    await updateIndex(db, library, { pool });
    const idOf = (title: string) => `2020-06-01-${title.toLowerCase()}#a1`;
    expect(storedGroups().map((r) => r.group_id)).toEqual(Array(3).fill(idOf('Alpha')));
    await put('c.txt', text('Charlie') + '\nA line more.\n');
    await updateIndex(db, library, { pool });
    expect(storedGroups().map((r) => r.group_id)).toEqual(Array(3).fill(idOf('Alpha')));
    await rm(join(library, 'a.txt'));
    await updateIndex(db, library, { pool });
    expect(storedGroups()).toEqual([
      { article_id: idOf('Bravo'), group_id: idOf('Bravo') },
      { article_id: idOf('Charlie'), group_id: idOf('Bravo') },
    ]);
    await rm(join(library, 'b.txt'));
    await updateIndex(db, library, { pool });
    expect(storedGroups()).toEqual([]);
  });

  it('groups a cold index the same on either path', async () => {
    const random = randomOf(7);
    const postText = libraryOf(random);
    for (let i = 0; i < 30; i++) await put(`p${i}.txt`, postText(`Post ${i}`, random.int(1, 28)));
    await updateIndex(db, library, { pool });
    const incremental = storedGroups();
    expect(incremental.length).toBeGreaterThan(0);
    regroupAll(db);
    expect(storedGroups()).toEqual(incremental);
  });

  it('writes the band buckets at the end of a bulk update, and regroups changes after it as usual', async () => {
    const random = randomOf(11);
    const postText = libraryOf(random);
    for (let i = 0; i < 30; i++) await put(`p${i}.txt`, postText(`Post ${i}`, random.int(1, 28)));
    // As a cold index of a big library: the workers leave the buckets out, and grouping writes them all.
    expect(deferBands(db, 600)).toBe(true);
    await updateIndex(db, library, { pool });
    const { wanted, held } = bands();
    expect(wanted.length).toBeGreaterThan(0);
    expect(held).toEqual(wanted);
    expect(storedGroups()).toEqual(scratchGroups());
    expect(storedGroups().length).toBeGreaterThan(0);
    // A small change is not bulk: its buckets are written with its articles.
    expect(deferBands(db, 1)).toBe(false);
    await put('p3.txt', postText('Post 3', 5));
    await put('p30.txt', postText('Post 30', 6));
    await updateIndex(db, library, { pool });
    expect(bands().held).toEqual(bands().wanted);
    expect(storedGroups()).toEqual(scratchGroups());
  });
});
