/**
 * Per-term top lists ("champion lists") for whole-library ranking. While a parse worker writes
 * its texts into its shard, it counts each text's words and keeps, for every word, the texts in
 * which that word weighs most by bm25 (title words 5×, as search ranks them), and how many texts
 * hold it. At the end of a pass the lists are merged into the shard's `term_lists` table, one
 * row per word that at least LISTED_DF texts hold. A search for common words then scores only
 * the texts on their lists (search/rank.ts), not every text that holds them.
 */
import type { IndexDb } from './db';

/** Texts kept per word and shard: a page of 30 posts needs the best hundred or so texts of a word. */
export const LIST_LENGTH = 128;
/**
 * Words held by at least this many texts of a shard get a list. A search whose words include one
 * held by fewer texts ranks every matching text instead (rank.ts), which costs at most this many rows.
 */
export const LISTED_DF = 1000;

/** FTS5's bm25 constants (fts5_aux.c), and the weight search gives a title over a body. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
export const TITLE_WEIGHT = 5;

/**
 * The part of a word's bm25 score a text gives, before the word's rarity (idf) multiplies it:
 * `freq` is the word's weighted count (title 5×), `length` the text's tokens in all columns.
 */
export function termWeight(freq: number, length: number, averageLength: number): number {
  return (freq * (BM25_K1 + 1)) / (freq + BM25_K1 * (1 - BM25_B + (BM25_B * length) / (averageLength || 1)));
}

/** bm25's idf as FTS5 computes it: never below a millionth, so that a word in most texts still counts. */
export function idf(texts: number, holding: number): number {
  const value = Math.log((texts - holding + 0.5) / (holding + 0.5));
  return value > 0 ? value : 1e-6;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{Co}]/u;
const MARKS = /\p{M}/gu;

/**
 * Calls `each` with every token of `text` as FTS5's unicode61 tokenizer (remove_diacritics 2)
 * makes them: runs of letters and digits, lower-cased, without accents.
 */
export function eachToken(text: string, each: (token: string) => void): number {
  const s = text.toLowerCase();
  let start = -1;
  let ascii = true;
  let count = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    let inToken: boolean;
    if (c < 128) inToken = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    else {
      // A surrogate pair is tested as one character.
      const code = s.codePointAt(i)!;
      const ch = String.fromCodePoint(code);
      inToken = LETTER_OR_DIGIT.test(ch) || (start >= 0 && MARKS.test(ch));
      MARKS.lastIndex = 0;
      if (inToken) ascii = false;
      if (code > 0xffff && inToken) {
        if (start < 0) start = i;
        i++;
        continue;
      }
    }
    if (inToken) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const token = s.slice(start, i);
      each(ascii ? token : token.normalize('NFD').replace(MARKS, ''));
      count++;
      start = -1;
      ascii = true;
    }
  }
  return count;
}

/** A word's best texts so far: a min-heap on weight, so the weakest is replaced first. */
class TopTexts {
  df = 0;
  size = 0;
  weights = new Float64Array(4);
  /** Each kept text's rowid, the word's weighted count in it, and its length: three numbers a text. */
  texts = new Float64Array(12);

  offer(rowid: number, freq: number, length: number, weight: number): void {
    let i: number;
    if (this.size < LIST_LENGTH) {
      if (this.size === this.weights.length) this.grow();
      i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.weights[parent]! <= weight) break;
        this.move(parent, i);
        i = parent;
      }
    } else {
      if (weight <= this.weights[0]!) return;
      i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= this.size) break;
        const right = left + 1;
        const child = right < this.size && this.weights[right]! < this.weights[left]! ? right : left;
        if (this.weights[child]! >= weight) break;
        this.move(child, i);
        i = child;
      }
    }
    this.weights[i] = weight;
    this.texts[3 * i] = rowid;
    this.texts[3 * i + 1] = freq;
    this.texts[3 * i + 2] = length;
  }

  private move(from: number, to: number) {
    const texts = this.texts;
    this.weights[to] = this.weights[from]!;
    texts[3 * to] = texts[3 * from]!;
    texts[3 * to + 1] = texts[3 * from + 1]!;
    texts[3 * to + 2] = texts[3 * from + 2]!;
  }

  private grow() {
    const size = Math.min(LIST_LENGTH, this.weights.length * 2);
    const weights = new Float64Array(size);
    const texts = new Float64Array(3 * size);
    weights.set(this.weights);
    texts.set(this.texts);
    this.weights = weights;
    this.texts = texts;
  }
}

/** A text on a word's list: where it is, the word's weighted count in it (title 5×), and its length in tokens. */
export interface ListedText {
  rowid: number;
  freq: number;
  length: number;
}

/** A stored list: how many texts of the shard hold the word, and its best texts. */
export interface StoredList {
  df: number;
  texts: ListedText[];
}

/** Packs a list's texts into the table's blob: three float64s a text. */
export function packList(texts: ListedText[]): Buffer {
  const packed = new Float64Array(texts.length * 3);
  texts.forEach((t, i) => packed.set([t.rowid, t.freq, t.length], 3 * i));
  return Buffer.from(packed.buffer);
}

/** Unpacks a stored list. */
export function unpackList(df: number, blob: Buffer): StoredList {
  const values = new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  const texts: ListedText[] = [];
  for (let i = 0; i + 2 < values.length; i += 3)
    texts.push({ rowid: values[i]!, freq: values[i + 1]!, length: values[i + 2]! });
  return { df, texts };
}

/**
 * The words a collector has met, each given a number: a table keyed by a hash of the word's
 * characters, computed while the text is scanned, so that a word met before costs no string.
 */
class Words {
  readonly words: string[] = [];
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes: number[] = [];
  private readonly other = new Map<string, number>();

  /** The number of the word `text.slice(start, end)` (lower-case ASCII), whose hash is `hash`. */
  idOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i]!;
      if (id < 0) return this.add(text.slice(start, end), hash, i);
      if (this.hashes[id] === hash) {
        const word = this.words[id]!;
        if (word.length === length && text.startsWith(word, start)) return id;
      }
    }
  }

  /** The number of a word that needed folding (accents, other scripts): rare, kept in a Map. */
  idOfFolded(word: string): number {
    // "café" folds to "cafe": the same word as one typed without the accent.
    if (/^[a-z0-9]+$/.test(word)) {
      let hash = 0;
      for (let i = 0; i < word.length; i++) hash = (Math.imul(hash, 31) + word.charCodeAt(i)) | 0;
      return this.idOf(word, 0, word.length, hash);
    }
    let id = this.other.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.hashes.push(0);
      this.other.set(word, id);
    }
    return id;
  }

  private add(word: string, hash: number, slot: number): number {
    const id = this.words.length;
    this.words.push(word);
    this.hashes.push(hash);
    this.slots[slot] = id;
    if (this.words.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow() {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, id) => {
      if (this.other.get(this.words[id]!) === id) return;
      let i = hash & mask;
      while (slots[i]! >= 0) i = (i + 1) & mask;
      slots[i] = id;
    });
    this.slots = slots;
  }
}

/** Texts of one post a word's list keeps at most: a search shows no more hits per post. */
export const PER_POST = 3;
/** Texts after which a collector's average length stays fixed, so its weights compare alike. */
const AVERAGE_AFTER = 1000;

/**
 * Collects, text by text, what the top lists of one shard need. Texts are offered as they are
 * written, a post's together; merge() then folds what was collected into the shard's table and
 * starts afresh. A word's list keeps at most PER_POST texts of a post, so that it reaches as many
 * posts as a page of results shows. Words are numbered (Words) and counted in typed arrays: a
 * text's tokens cost no allocation once their words are known.
 */
export class TermCollector {
  private readonly dict = new Words();
  private readonly tops: (TopTexts | undefined)[] = [];
  /** The current text's weighted count of each word, and the words it holds. */
  private counts = new Float64Array(1 << 12);
  private readonly inText: number[] = [];
  /** The current post's best texts per word: PER_POST slots of [rowid, freq, length, weight] each, and how many texts hold it. */
  private postSlot = new Int32Array(1 << 12).fill(-1);
  private readonly inPost: number[] = [];
  private postBest = new Float64Array(PER_POST * 4 * 256);
  private postDf = new Int32Array(256);
  private postId: string | null = null;
  private texts = 0;
  private tokens = 0;
  private average = 0;

  /** How many texts were offered since the last merge. */
  get size(): number {
    return this.texts;
  }

  /** Counts one text's words (title 5×) and keeps its weight for each of them, as a text of `postId`. */
  add(rowid: number, title: string, body: string, postId: string): void {
    if (postId !== this.postId) this.endPost(postId);
    const length = this.count(title, TITLE_WEIGHT) + this.count(body, 1);
    this.texts++;
    this.tokens += length;
    if (this.texts <= AVERAGE_AFTER) this.average = this.tokens / this.texts;
    for (const id of this.inText) {
      const freq = this.counts[id]!;
      this.counts[id] = 0;
      const weight = termWeight(freq, length, this.average);
      if (id >= this.postSlot.length) this.postSlot = grown(this.postSlot, id, -1);
      let slot = this.postSlot[id]!;
      if (slot < 0) {
        slot = this.inPost.length;
        this.postSlot[id] = slot;
        this.inPost.push(id);
        if (slot >= this.postDf.length) {
          this.postDf = grown(this.postDf, slot, 0);
          this.postBest = grown(this.postBest, (slot + 1) * PER_POST * 4, 0);
        }
        this.postDf[slot] = 0;
        for (let k = slot * PER_POST * 4 + 3; k < (slot + 1) * PER_POST * 4; k += 4) this.postBest[k] = -1;
      }
      this.postDf[slot] = this.postDf[slot]! + 1;
      // The post's weakest kept text for this word gives way to a heavier one.
      const base = slot * PER_POST * 4;
      let weakest = base;
      for (let k = base + 4; k < base + PER_POST * 4; k += 4)
        if (this.postBest[k + 3]! < this.postBest[weakest + 3]!) weakest = k;
      if (this.postBest[weakest + 3]! < weight) {
        this.postBest[weakest] = rowid;
        this.postBest[weakest + 1] = freq;
        this.postBest[weakest + 2] = length;
        this.postBest[weakest + 3] = weight;
      }
    }
    this.inText.length = 0;
  }

  /** Adds a text's tokens to the counts, each weighing `weight`; returns how many there were. */
  private count(text: string, weight: number): number {
    if (!text) return 0;
    const s = text.toLowerCase();
    let n = 0;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= s.length; i++) {
      const c = i < s.length ? s.charCodeAt(i) : 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          hash = 0;
        }
        hash = (Math.imul(hash, 31) + c) | 0;
        continue;
      }
      if (c >= 128) {
        // Not ASCII: the run of letters it stands in is folded and split as eachToken() does.
        const end = nextSeparator(s, i);
        eachToken(s.slice(start < 0 ? i : start, end), (token) => {
          this.tally(this.dict.idOfFolded(token), weight);
          n++;
        });
        start = -1;
        i = end - 1;
        continue;
      }
      if (start >= 0) {
        this.tally(this.dict.idOf(s, start, i, hash), weight);
        n++;
        start = -1;
      }
    }
    return n;
  }

  private tally(id: number, weight: number) {
    if (id >= this.counts.length) this.counts = grown(this.counts, id, 0);
    if (this.counts[id] === 0) this.inText.push(id);
    this.counts[id] = this.counts[id]! + weight;
  }

  /** Offers the ended post's best texts to each word's list, and starts the next post. */
  private endPost(next: string | null) {
    this.inPost.forEach((id, slot) => {
      let top = this.tops[id];
      if (!top) this.tops[id] = top = new TopTexts();
      top.df += this.postDf[slot]!;
      const base = slot * PER_POST * 4;
      for (let k = base; k < base + PER_POST * 4; k += 4)
        if (this.postBest[k + 3]! >= 0)
          top.offer(this.postBest[k]!, this.postBest[k + 1]!, this.postBest[k + 2]!, this.postBest[k + 3]!);
      this.postSlot[id] = -1;
    });
    this.inPost.length = 0;
    this.postId = next;
  }

  /**
   * Folds the collected lists into `schema`'s term_lists, in the caller's transaction: a word's
   * count of texts is added to what the table holds, and its list becomes the best LIST_LENGTH
   * of both. Only words that reach LISTED_DF texts are stored. Then starts afresh.
   */
  merge(db: IndexDb, schema: string): { words: number } {
    this.endPost(null);
    const get = db.prepare(`SELECT df, texts FROM ${schema}.term_lists WHERE term = ?`);
    const put = db.prepare(
      `INSERT INTO ${schema}.term_lists(term, df, texts) VALUES (?, ?, ?)
       ON CONFLICT(term) DO UPDATE SET df = excluded.df, texts = excluded.texts`,
    );
    const average = this.average;
    let words = 0;
    for (const [id, top] of this.tops.entries()) {
      if (!top) continue;
      const term = this.dict.words[id]!;
      const old = get.get(term) as { df: number; texts: Buffer } | undefined;
      const df = top.df + (old?.df ?? 0);
      if (df < LISTED_DF) continue;
      const texts: ListedText[] = [];
      for (let i = 0; i < top.size; i++)
        texts.push({ rowid: top.texts[3 * i]!, freq: top.texts[3 * i + 1]!, length: top.texts[3 * i + 2]! });
      if (old) {
        const seen = new Set(texts.map((t) => t.rowid));
        for (const t of unpackList(old.df, old.texts).texts) if (!seen.has(t.rowid)) texts.push(t);
      }
      const weight = (t: ListedText) => termWeight(t.freq, t.length, average);
      texts.sort((a, b) => weight(b) - weight(a));
      put.run(term, df, packList(texts.slice(0, LIST_LENGTH)));
      words++;
    }
    this.tops.length = 0;
    this.texts = 0;
    this.tokens = 0;
    this.average = 0;
    return { words };
  }
}

/** A typed array grown to hold index `at`, new places filled with `fill`. */
function grown<T extends Int32Array | Float64Array>(array: T, at: number, fill: number): T {
  let size = array.length;
  while (size <= at) size *= 2;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.fill(fill);
  next.set(array);
  return next;
}

/** Where the run of letters, digits and characters beyond ASCII starting at `start` ends (a token with accents lies within one). */
function nextSeparator(s: string, start: number): number {
  let i = start;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 128 && !((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
    i++;
  }
  return i;
}
