import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { shardDdl } from './schema';
import {
  eachToken,
  idf,
  LIST_LENGTH,
  LISTED_DF,
  PER_POST,
  TermCollector,
  termWeight,
  unpackList,
  type StoredList,
} from './term-lists';

const tokens = (text: string) => {
  const out: string[] = [];
  eachToken(text, (t) => out.push(t));
  return out;
};

describe('eachToken', () => {
  it('splits text into the tokens FTS5 indexes (unicode61, accents removed)', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')");
    db.exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')");
    const text =
      "Café naïve — O'Brien’s 2,000 e-mails to the CRC: Ça va? ÉCOLE élève Zoë, Łódź and Øresund; 3rd-rate NPS/CRC «splits» x2 über-staff";
    db.prepare('INSERT INTO t(rowid, body) VALUES (1, ?)').run(text);
    const fts = (db.prepare('SELECT term FROM v ORDER BY "offset"').pluck().all() as string[]).map((t) => t);
    expect(tokens(text)).toEqual(fts);
    expect(eachToken(text, () => {})).toBe(fts.length);
  });
});

describe('TermCollector', () => {
  const shard = () => {
    const db = new Database(':memory:');
    db.exec(shardDdl('main'));
    return db;
  };
  const list = (db: Database.Database, term: string): StoredList | null => {
    const row = db.prepare('SELECT df, texts FROM term_lists WHERE term = ?').raw().get(term) as
      [number, Buffer] | undefined;
    return row ? unpackList(row[0], row[1]) : null;
  };

  it('lists the words LISTED_DF texts hold, counting each text once, best weight first', () => {
    const db = shard();
    const collect = new TermCollector();
    let rowid = 0;
    for (let post = 0; post < LISTED_DF; post++)
      collect.add(++rowid, '', `the hostel ${'and more words '.repeat(post % 7)}`, `p${post}`);
    collect.add(++rowid, 'Hostel', 'a hostel', 'titled');
    collect.add(rowid + 2, '', 'a rare word', 'rare');
    expect(collect.size).toBe(LISTED_DF + 2);
    db.transaction(() => collect.merge(db, 'main'))();
    const hostel = list(db, 'hostel')!;
    expect(hostel.df).toBe(LISTED_DF + 1);
    expect(hostel.texts).toHaveLength(LIST_LENGTH);
    // The title hit weighs most (5× a body's), then the shortest texts.
    expect(hostel.texts[0]).toEqual({ rowid: LISTED_DF + 1, freq: 6, length: 3 });
    const weights = hostel.texts.map((t) => termWeight(t.freq, t.length, 10));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(hostel.texts.slice(1).every((t) => t.length === 2)).toBe(true);
    // Too few texts hold "rare" for a list; "the" is in LISTED_DF.
    expect(list(db, 'rare')).toBeNull();
    expect(list(db, 'the')!.df).toBe(LISTED_DF);
    expect(collect.size).toBe(0);
  });

  it('counts a word with accents as FTS5 does: folded, and the same word typed without them', () => {
    const db = shard();
    const collect = new TermCollector();
    for (let i = 1; i <= LISTED_DF; i++)
      collect.add(i, '', i % 2 ? 'Café naïve—o’Brien' : 'the CAFE was naive', `p${i}`);
    db.transaction(() => collect.merge(db, 'main'))();
    expect(list(db, 'cafe')!.df).toBe(LISTED_DF);
    expect(list(db, 'naive')!.df).toBe(LISTED_DF);
    expect(list(db, 'café')).toBeNull();
    // The accented text's length counts its tokens as FTS5 splits them: cafe, naive, o, brien.
    const accented = list(db, 'cafe')!.texts.find((t) => t.rowid % 2 === 1)!;
    expect(accented.length).toBe(tokens('Café naïve—o’Brien').length);
  });

  it('keeps at most PER_POST texts of one post, so a list reaches many posts', () => {
    const db = shard();
    const collect = new TermCollector();
    let rowid = 0;
    // A long thread of short comments, then many posts with longer ones.
    for (let c = 0; c < 500; c++) collect.add(++rowid, '', 'hostel', 'long-thread');
    for (let post = 0; post < LISTED_DF; post++) collect.add(++rowid, '', 'the hostel was full', `p${post}`);
    db.transaction(() => collect.merge(db, 'main'))();
    const hostel = list(db, 'hostel')!;
    expect(hostel.df).toBe(500 + LISTED_DF);
    expect(hostel.texts.filter((t) => t.rowid <= 500)).toHaveLength(PER_POST);
  });

  it('adds a later pass to the stored lists: counts summed, best of both kept', () => {
    const db = shard();
    const first = new TermCollector();
    for (let i = 1; i <= LISTED_DF; i++) first.add(i, '', 'probation service news today', `p${i}`);
    db.transaction(() => first.merge(db, 'main'))();
    const later = new TermCollector();
    later.add(LISTED_DF + 1, 'Probation', 'probation', 'new');
    later.add(LISTED_DF + 2, '', 'news', 'other');
    db.transaction(() => later.merge(db, 'main'))();
    const probation = list(db, 'probation')!;
    expect(probation.df).toBe(LISTED_DF + 1);
    expect(probation.texts[0]!.rowid).toBe(LISTED_DF + 1);
    expect(probation.texts).toHaveLength(LIST_LENGTH);
    // A word the later pass did not meet keeps its list.
    expect(list(db, 'service')!.df).toBe(LISTED_DF);
    expect(list(db, 'news')!.df).toBe(LISTED_DF + 1);
  });
});

describe('bm25 parts', () => {
  it('weighs a word as FTS5 does, and never lets a common word count for nothing', () => {
    expect(termWeight(1, 10, 10)).toBeCloseTo(1, 12);
    expect(termWeight(2, 5, 10)).toBeGreaterThan(termWeight(1, 5, 10));
    expect(termWeight(1, 5, 10)).toBeGreaterThan(termWeight(1, 20, 10));
    expect(idf(100, 1)).toBeCloseTo(Math.log(99.5 / 1.5), 12);
    expect(idf(100, 90)).toBe(1e-6);
  });
});
