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
    this.weights[to] = this.weights[from]!;
    this.texts.copyWithin(3 * to, 3 * from, 3 * from + 3);
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

/** Texts of one post a word's list keeps at most: a search shows no more hits per post. */
export const PER_POST = 3;
/** Texts after which a collector's average length stays fixed, so its weights compare alike. */
const AVERAGE_AFTER = 1000;

/**
 * Collects, text by text, what the top lists of one shard need. Texts are offered as they are
 * written, a post's together; merge() then folds what was collected into the shard's table and
 * starts afresh. A word's list keeps at most PER_POST texts of a post, so that it reaches as many
 * posts as a page of results shows.
 */
export class TermCollector {
  private readonly terms = new Map<string, TopTexts>();
  private readonly freq = new Map<string, number>();
  /** The current post's best texts for each of its words ([rowid, freq, length, weight]), offered to the lists when the post ends. */
  private readonly post = new Map<string, [number, number, number, number][]>();
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
    const freq = this.freq;
    freq.clear();
    let length = eachToken(title, (t) => freq.set(t, (freq.get(t) ?? 0) + TITLE_WEIGHT));
    length += eachToken(body, (t) => freq.set(t, (freq.get(t) ?? 0) + 1));
    this.texts++;
    this.tokens += length;
    if (this.texts <= AVERAGE_AFTER) this.average = this.tokens / this.texts;
    for (const [term, f] of freq) {
      const weight = termWeight(f, length, this.average);
      const best = this.post.get(term);
      if (!best) {
        this.post.set(term, [[rowid, f, length, weight]]);
        continue;
      }
      if (best.length < PER_POST) best.push([rowid, f, length, weight]);
      else {
        let weakest = 0;
        for (let i = 1; i < best.length; i++) if (best[i]![3] < best[weakest]![3]) weakest = i;
        if (best[weakest]![3] < weight) best[weakest] = [rowid, f, length, weight];
      }
      // Counted once per text: `post` holds the post's best texts, not all of them.
      this.countText(term);
    }
  }

  private readonly extra = new Map<string, number>();

  private countText(term: string) {
    this.extra.set(term, (this.extra.get(term) ?? 0) + 1);
  }

  /** Offers the ended post's best texts to each word's list, and starts the next post. */
  private endPost(next: string | null) {
    for (const [term, best] of this.post) {
      let top = this.terms.get(term);
      if (!top) this.terms.set(term, (top = new TopTexts()));
      top.df += 1 + (this.extra.get(term) ?? 0);
      for (const [rowid, freq, length, weight] of best) top.offer(rowid, freq, length, weight);
    }
    this.post.clear();
    this.extra.clear();
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
    for (const [term, top] of this.terms) {
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
    this.terms.clear();
    this.texts = 0;
    this.tokens = 0;
    this.average = 0;
    return { words };
  }
}
