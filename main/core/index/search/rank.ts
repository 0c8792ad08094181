import type { SearchHit, SearchOptions } from '../types';
import type { IndexDb } from '../db';
import { fold } from '../../shared/match';
import { SHARD_SCHEMAS } from '../schema';
import { eachToken, idf, termWeight, TITLE_WEIGHT, unpackList, type StoredList } from '../term-lists';
import type { FtsQuery } from './query';
import { statement } from './statements';

/**
 * Matching texts a shard's probe reads at most. A search with no more matches than this in a
 * shard scores every one of them; one with more scores the texts on its words' top lists.
 */
export const PROBE = 2000;
/** Texts of a prefix's words' top lists scored at most for that prefix, in each shard. */
const PREFIX_CANDIDATES = 512;
/** The shortest matching texts added to a query of several words' candidates when their lists fill too few posts. */
const SHORTEST = 256;
/**
 * Matches a shard reads at most to find the shortest holding several common words, when their
 * lists fill too few posts. A phrase of common words takes its shortest among the probe's
 * PROBE + 1 matches, which FTS5 has found already (checking where its words stand is the cost).
 */
const SCAN_LIMIT = 5000;

/** What a search is limited to: the options less how many posts to answer with and their order. */
export type SearchFilters = Omit<SearchOptions, 'limit' | 'sort'>;

/** A matching text with its bm25 score (lower is better, as FTS5 gives it), its post and kind. */
export interface RankedText {
  rowid: number;
  score: number;
  postId: string;
  kind: SearchHit['kind'];
  ref: string | null;
  title: string;
  date: string | null;
  /** Who wrote the text, when the page names them (docs.author). */
  author: string | null;
  /** The text itself, when it was read for scoring (used for its snippet). */
  text?: { title: string; body: string };
}

/**
 * How the texts were ranked: 'all' scored every matching text; 'lists' scored the texts on the
 * search words' top lists (every word held by more than PROBE texts of a shard); 'sql' ranked
 * every matching text with FTS5's own bm25 (a filter or an unusual query the lists could not fill a page for).
 */
export type RankMethod = 'all' | 'lists' | 'sql';

/** The ranked matches, best first, how they were found, and how many texts match when every one was read. */
export interface Ranking {
  ranked: RankedText[];
  method: RankMethod;
  /** Every matching text, when they were all read; null when only top lists were. */
  total: number | null;
}

/** One filter as an SQL condition over a text (`d`) or its post (`p`), with its parameters. */
export interface FilterCondition {
  on: 'text' | 'post';
  sql: string;
  params: unknown[];
}

/** The filters as SQL conditions, each with its own parameters (a date walk applies the post's and the text's apart: by-date.ts). */
export function filterList(filters: SearchFilters): FilterCondition[] {
  const list: FilterCondition[] = [];
  if (filters.kinds?.length)
    list.push({ on: 'text', sql: `d.kind IN (${filters.kinds.map(() => '?').join(',')})`, params: [...filters.kinds] });
  if (filters.from) list.push({ on: 'post', sql: 'p.date >= ?', params: [filters.from] });
  if (filters.to) list.push({ on: 'post', sql: 'p.date <= ?', params: [filters.to] });
  if (filters.sourceKey) list.push({ on: 'text', sql: 'd.source_key = ?', params: [filters.sourceKey] });
  const author = filters.author?.trim();
  // NOCASE, as the docs_by_author index is built (schema.ts), so a rare author's texts are found through it.
  if (author) list.push({ on: 'text', sql: 'd.author = ? COLLATE NOCASE', params: [author] });
  return list;
}

/**
 * The author filter as a condition on the full-text match (`f`): its texts' rowids, from the
 * shard's author index. FTS5 then checks those rowids alone (a seek each) instead of reading every
 * match of a common word and dropping the others; null without an author filter.
 */
export function authorRowids(shard: string, filters: SearchFilters): FilterCondition | null {
  const author = filters.author?.trim();
  return author
    ? {
        on: 'text',
        sql: `f.rowid IN (SELECT rowid FROM ${shard}.docs INDEXED BY docs_by_author WHERE author = ? COLLATE NOCASE)`,
        params: [author],
      }
    : null;
}

/** The filters as SQL conditions over the texts (`d`) and their posts (`p`), with their parameters in order. */
export function filterConditions(filters: SearchFilters): { where: string[]; params: unknown[] } {
  const list = filterList(filters);
  return { where: list.map((c) => c.sql), params: list.flatMap((c) => c.params) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern that finds an element in a folded, lower-cased text as the index matches it: whole
 * words (a prefix's first only at a word's start), a phrase's words with anything but letters and
 * digits between. The first word leads, so the engine scans for it; what precedes it is checked after.
 */
function countingPattern(tokens: string[], prefix: boolean): RegExp {
  const first = escape(tokens[0]!);
  const rest = tokens
    .slice(1)
    .map((t) => `[^\\p{L}\\p{N}]+${escape(t)}`)
    .join('');
  return new RegExp(`${first}(?<![\\p{L}\\p{N}]${first})${rest}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'gu');
}

/** One word, phrase or prefix of the query, as its tokens, and a pattern that finds it in a text. */
interface Element {
  tokens: string[];
  prefix: boolean;
  pattern: RegExp;
}

function elementsOf(query: FtsQuery): Element[] {
  const elements: Element[] = [];
  for (const term of query.terms) {
    const prefix = term.endsWith('*');
    const tokens: string[] = [];
    eachToken(prefix ? term.slice(0, -1) : term, (t) => tokens.push(t));
    if (tokens.length) elements.push({ tokens, prefix, pattern: countingPattern(tokens, prefix) });
  }
  return elements;
}

/** Reads one SQLite varint (as FTS5 stores its counts) at `at`; returns it and where the next starts. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i]!;
    if (i === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return [value, at + i + 1];
  }
  return [value, at + 9];
}

/** How many texts a shard's full-text index holds and their average length in tokens (FTS5's "averages" record). */
function shardStats(db: IndexDb, shard: string): { texts: number; averageLength: number } {
  const block = statement(db, `SELECT block FROM ${shard}.docs_fts_data WHERE id = 1`).pluck().get() as
    Buffer | undefined;
  if (!block) return { texts: 0, averageLength: 1 };
  const [texts, first] = varint(block, 0);
  let at = first;
  let tokens = 0;
  while (at < block.length) {
    const [columnTokens, next] = varint(block, at);
    tokens += columnTokens;
    at = next;
  }
  return { texts, averageLength: texts ? tokens / texts : 1 };
}

/** A word's top list in a shard, or null when fewer than LISTED_DF of its texts hold it. */
function listOf(db: IndexDb, shard: string, token: string): StoredList | null {
  const row = statement(db, `SELECT df, texts FROM ${shard}.term_lists WHERE term = ?`, true).get(token) as
    [number, Buffer] | undefined;
  return row ? unpackList(row[0], row[1]) : null;
}

/** The top lists of the listed words a prefix stands for in a shard. */
function listsOfPrefix(db: IndexDb, shard: string, prefix: string): StoredList[] {
  const last = prefix.codePointAt(prefix.length - 1)!;
  const upper = prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
  const rows = statement(db, `SELECT df, texts FROM ${shard}.term_lists WHERE term >= ? AND term < ?`, true).all(
    prefix,
    upper,
  ) as [number, Buffer][];
  return rows.map((r) => unpackList(r[0], r[1]));
}

/** How many texts of a shard hold a word (FTS5's vocabulary; cheap for a word with no list, which few texts hold). */
function textsHolding(db: IndexDb, shard: string, token: string): number {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_${shard} USING fts5vocab(${shard}, 'docs_fts', 'row')`);
  return (statement(db, `SELECT doc FROM temp.vocab_${shard} WHERE term = ?`).pluck().get(token) as number) ?? 0;
}

const rowidList = (rowids: number[]) => JSON.stringify(rowids);

/** Post, kind and title of texts by rowid, keeping those the filters allow (a text deleted since is left out). */
function describe(
  db: IndexDb,
  shard: string,
  scored: Map<number, number>,
  filters: SearchFilters,
  texts?: Map<number, { title: string; body: string }>,
): RankedText[] {
  if (!scored.size) return [];
  const { where, params } = filterConditions(filters);
  const rows = statement(
    db,
    `SELECT d.rowid, d.post_id, d.kind, d.ref, p.title, p.date, d.author
     FROM ${shard}.docs d JOIN main.posts p ON p.id = d.post_id
     WHERE d.rowid IN (SELECT value FROM json_each(?))${where.map((w) => ` AND ${w}`).join('')}`,
    true,
  ).all(rowidList([...scored.keys()]), ...params) as [
    number,
    string,
    SearchHit['kind'],
    string | null,
    string,
    string | null,
    string | null,
  ][];
  return rows.map((r) => ({
    rowid: r[0],
    score: scored.get(r[0])!,
    postId: r[1],
    kind: r[2],
    ref: r[3],
    title: r[4],
    date: r[5],
    author: r[6],
    ...(texts?.has(r[0]) ? { text: texts.get(r[0])! } : {}),
  }));
}

/** Texts read for scoring: rowid, title, body and FTS5's docsize (tokens per column). */
function readTexts(db: IndexDb, shard: string, rowids: number[]): [number, string, string, Buffer | null][] {
  if (!rowids.length) return [];
  return statement(
    db,
    `SELECT d.rowid, d.title, d.body, z.sz FROM ${shard}.docs d LEFT JOIN ${shard}.docs_fts_docsize z ON z.id = d.rowid
     WHERE d.rowid IN (SELECT value FROM json_each(?))`,
    true,
  ).all(rowidList(rowids)) as [number, string, string, Buffer | null][];
}

/** A text's length in tokens, all columns: from FTS5's docsize, or counted when it has none. */
function lengthOf(sz: Buffer | null, title: string, body: string): number {
  if (!sz) return eachToken(title, () => {}) + eachToken(body, () => {});
  let total = 0;
  for (let at = 0; at < sz.length;) {
    const [n, next] = varint(sz, at);
    total += n;
    at = next;
  }
  return total;
}

function count(text: string, pattern: RegExp): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}

/**
 * Scores texts by bm25 as FTS5 computes it (k1 1.2, b 0.75, a title's words weighing 5×): each
 * element's weighted count in the text, its rarity from `holding` texts of the shard. Texts
 * lacking an element are left out when `verify`; otherwise (FTS5 matched them) a word the
 * index found but the pattern did not counts once. Scores are negative, lower better, as FTS5's.
 */
function scoreTexts(
  rows: [number, string, string, Buffer | null][],
  elements: Element[],
  holding: number[],
  stats: { texts: number; averageLength: number },
  verify: boolean,
): { scored: Map<number, number>; texts: Map<number, { title: string; body: string }> } {
  const weights = holding.map((n) => idf(stats.texts, n));
  const scored = new Map<number, number>();
  const texts = new Map<number, { title: string; body: string }>();
  for (const [rowid, rawTitle, rawBody, sz] of rows) {
    const title = fold(rawTitle).text.toLowerCase();
    const body = fold(rawBody).text.toLowerCase();
    const length = lengthOf(sz, rawTitle, rawBody);
    let total = 0;
    let missing = false;
    for (let i = 0; i < elements.length && !(missing && verify); i++) {
      const pattern = elements[i]!.pattern;
      let freq = TITLE_WEIGHT * count(title, pattern) + count(body, pattern);
      if (freq === 0) {
        missing = true;
        freq = 1;
      }
      total += weights[i]! * termWeight(freq, length, stats.averageLength);
    }
    if (missing && verify) continue;
    scored.set(rowid, -total);
    texts.set(rowid, { title: rawTitle, body: rawBody });
  }
  return { scored, texts };
}

/** How many texts of a shard hold each element: its list's count, else FTS5's vocabulary (a phrase: its rarest word). */
function holdingOf(db: IndexDb, shard: string, element: Element, lists: Map<string, StoredList | null>): number {
  let least = Infinity;
  for (const token of element.tokens) {
    const list = lists.get(token) ?? null;
    least = Math.min(least, list ? list.df : textsHolding(db, shard, token));
  }
  return least;
}

/** Every matching text of a shard ranked by FTS5's bm25 in SQL, with the filters applied as they are read. */
function rankInSql(db: IndexDb, shard: string, query: FtsQuery, filters: SearchFilters, limit = -1): RankedText[] {
  const { where, params } = filterConditions(filters);
  const rows = statement(
    db,
    `SELECT f.rowid, bm25(docs_fts, 5.0, 1.0) AS score, d.post_id, d.kind, d.ref, p.title, p.date, d.author
     FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
     WHERE docs_fts MATCH ?${where.map((w) => ` AND ${w}`).join('')} ORDER BY score LIMIT ?`,
    true,
  ).all(query.match, ...params, limit) as unknown[][];
  return rows.map((r) => ({
    rowid: r[0] as number,
    score: r[1] as number,
    postId: r[2] as string,
    kind: r[3] as SearchHit['kind'],
    ref: r[4] as string | null,
    title: r[5] as string,
    date: r[6] as string | null,
    author: r[7] as string | null,
  }));
}

/** How many distinct posts the best texts cover, up to `limit`. */
function postsCovered(ranked: RankedText[], limit: number): number {
  const posts = new Set<string>();
  for (const r of ranked) {
    posts.add(r.postId);
    if (posts.size >= limit) break;
  }
  return posts.size;
}

const byScore = (a: RankedText, b: RankedText) => a.score - b.score || b.rowid - a.rowid;

/**
 * The texts on a word's list (or a prefix's words' lists) scored from the lists alone: each entry
 * holds the word's weighted count in the text and the text's length. A text on several of a
 * prefix's lists counts its words together; a prefix keeps its PREFIX_CANDIDATES best.
 */
function fromLists(
  own: StoredList[],
  prefix: boolean,
  stats: { texts: number; averageLength: number },
  db: IndexDb,
  shard: string,
  filters: SearchFilters,
): RankedText[] {
  const weight = idf(stats.texts, Math.max(...own.map((l) => l.df)));
  const scored = new Map<number, number>();
  for (const list of own)
    for (const t of list.texts)
      scored.set(t.rowid, (scored.get(t.rowid) ?? 0) - weight * termWeight(t.freq, t.length, stats.averageLength));
  const best =
    prefix && scored.size > PREFIX_CANDIDATES
      ? new Map([...scored].sort((a, b) => a[1] - b[1]).slice(0, PREFIX_CANDIDATES))
      : scored;
  return describe(db, shard, best, filters);
}

/** One shard's ranking: its scored texts, and whether they are every match ('all') or a word's best ('lists'). */
type ShardRanking = {
  ranked: RankedText[];
  method: 'all' | 'lists';
  matches: number | null;
} | null;

/**
 * Ranks one shard's matches. A probe reads its first PROBE + 1 matches: with no more than PROBE,
 * every one is scored (by FTS5's bm25 when every word is uncommon, else here, since FTS5 would
 * first count every text holding each common word). With more, the candidates are the texts on
 * the elements' top lists; a single word or prefix is scored from its list alone, a query of
 * several from the candidates' texts. Null when an element has no list though it is common
 * (its texts grew past LISTED_DF since the lists were made): SQL ranks that search.
 */
function rankShard(
  db: IndexDb,
  shard: string,
  query: FtsQuery,
  elements: Element[],
  filters: SearchFilters,
  shortest = false,
): ShardRanking {
  const lists = new Map<string, StoredList | null>();
  for (const element of elements)
    if (!element.prefix)
      for (const token of element.tokens) if (!lists.has(token)) lists.set(token, listOf(db, shard, token));
  const stats = shardStats(db, shard);

  // An author's matches, when no more than a probe's: found through their texts' rowids and
  // scored here (FTS5's bm25 would first count every text holding each word).
  const byAuthor = authorRowids(shard, filters);
  if (byAuthor) {
    const { where, params } = filterConditions(filters);
    const found = statement(
      db,
      `SELECT f.rowid FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
       WHERE docs_fts MATCH ? AND ${[byAuthor.sql, ...where].join(' AND ')} LIMIT ${PROBE + 1}`,
    )
      .pluck()
      .all(query.match, ...byAuthor.params, ...params) as number[];
    if (found.length <= PROBE) {
      const holding = elements.map((e) =>
        e.prefix
          ? Math.max(found.length, ...listsOfPrefix(db, shard, e.tokens[0]!).map((l) => l.df))
          : holdingOf(db, shard, e, lists),
      );
      const { scored, texts } = scoreTexts(readTexts(db, shard, found), elements, holding, stats, false);
      return { ranked: describe(db, shard, scored, {}, texts), method: 'all', matches: found.length };
    }
  }

  // A word or prefix alone: its lists say how much it weighs in each of their texts (a word's
  // list is its best texts, so this is exact); a word with no list is held by few texts, which
  // FTS5 ranks at once.
  const single = elements.length === 1 ? elements[0]! : null;
  if (single && !single.prefix && single.tokens.length === 1) {
    const list = lists.get(single.tokens[0]!);
    if (!list) {
      const ranked = rankInSql(db, shard, query, filters);
      return { ranked, method: 'all', matches: ranked.length };
    }
    return { ranked: fromLists([list], false, stats, db, shard, filters), method: 'lists', matches: null };
  }
  const prefixLists = single?.prefix ? listsOfPrefix(db, shard, single.tokens[0]!) : [];
  if (prefixLists.some((l) => l.df > PROBE))
    return { ranked: fromLists(prefixLists, true, stats, db, shard, filters), method: 'lists', matches: null };

  const { where, params } = filterConditions(filters);
  const probe = where.length
    ? statement(
        db,
        `SELECT f.rowid FROM ${shard}.docs_fts f JOIN ${shard}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
         WHERE docs_fts MATCH ? AND ${where.join(' AND ')} LIMIT ${PROBE + 1}`,
      )
    : statement(db, `SELECT rowid FROM ${shard}.docs_fts WHERE docs_fts MATCH ? LIMIT ${PROBE + 1}`);
  const found = probe.pluck().all(query.match, ...params) as number[];

  if (found.length <= PROBE) {
    // FTS5's bm25 first counts the texts holding each element: it ranks one element (these
    // matches are its texts) or words each held by few texts (no list); the rest are scored
    // here from their texts.
    const fewEach = elements.every((e) => !e.prefix && e.tokens.some((t) => !lists.get(t)));
    if (single || fewEach)
      return { ranked: rankInSql(db, shard, query, filters), method: 'all', matches: found.length };
    const holding = elements.map((e) => (e.prefix ? found.length : holdingOf(db, shard, e, lists)));
    const { scored, texts } = scoreTexts(readTexts(db, shard, found), elements, holding, stats, false);
    return { ranked: describe(db, shard, scored, {}, texts), method: 'all', matches: found.length };
  }

  // Several elements: the texts on any of their lists that hold them all, scored from their texts.
  const candidates = new Set<number>();
  const holding: number[] = [];
  for (const element of elements) {
    if (element.prefix) {
      const own = listsOfPrefix(db, shard, element.tokens[0]!);
      if (!own.length) return null;
      const best = own
        .flatMap((l) => l.texts)
        .sort(
          (a, b) =>
            termWeight(b.freq, b.length, stats.averageLength) - termWeight(a.freq, a.length, stats.averageLength),
        );
      for (const t of best.slice(0, PREFIX_CANDIDATES)) candidates.add(t.rowid);
      holding.push(Math.max(...own.map((l) => l.df)));
      continue;
    }
    const own = element.tokens.map((token) => lists.get(token));
    if (own.some((list) => !list)) return null;
    // Every text holding a phrase holds its rarest word: that word's best texts are its candidates.
    const rarest = own.reduce((a, b) => (b!.df < a!.df ? b : a))!;
    for (const t of rarest.texts) candidates.add(t.rowid);
    holding.push(holdingOf(db, shard, element, lists));
  }
  // The lists hold the texts where each word weighs most, mostly titles; a phrase, or words
  // together, weigh most in the shortest texts holding them (each once, as a rule): a phrase's
  // shortest among the matches the probe read, and for several words (when their lists fill too
  // few posts) among the first SCAN_LIMIT.
  const phrase = elements.some((e) => !e.prefix && e.tokens.length > 1);
  if (phrase || shortest) {
    const rows = (
      phrase
        ? statement(
            db,
            `SELECT id, sz FROM ${shard}.docs_fts_docsize WHERE id IN (SELECT value FROM json_each(?))`,
            true,
          ).all(rowidList(found))
        : statement(
            db,
            `SELECT f.rowid, z.sz FROM ${shard}.docs_fts f JOIN ${shard}.docs_fts_docsize z ON z.id = f.rowid
             WHERE docs_fts MATCH ? LIMIT ${SCAN_LIMIT}`,
            true,
          ).all(query.match)
    ) as [number, Buffer][];
    const lengths = rows.map(([rowid, sz]) => [rowid, lengthOf(sz, '', '')] as const);
    lengths.sort((a, b) => a[1] - b[1]);
    for (const [rowid] of lengths.slice(0, SHORTEST)) candidates.add(rowid);
  }
  const { scored, texts } = scoreTexts(readTexts(db, shard, [...candidates]), elements, holding, stats, true);
  return { ranked: describe(db, shard, scored, filters, texts), method: 'lists', matches: null };
}

/**
 * The best matches by bm25 over the whole library, best first, enough for `limit` posts. Each
 * shard (schema.ts) ranks its own (rankShard()); a common search is ranked from its words' top
 * lists (term-lists.ts), and by FTS5's bm25 over every match when those lists fill fewer than
 * `limit` posts (a narrow filter, or words common apart and rare together) or a word has no list.
 */
export function rankMatches(db: IndexDb, query: FtsQuery, filters: SearchFilters, limit: number): Ranking {
  const elements = elementsOf(query);
  const shards = SHARD_SCHEMAS.map((shard) => rankShard(db, shard, query, elements, filters));
  const inSql = (): Ranking => {
    const ranked = SHARD_SCHEMAS.flatMap((shard) => rankInSql(db, shard, query, filters)).sort(byScore);
    return { ranked, method: 'sql', total: ranked.length };
  };
  if (shards.some((s) => s === null)) return inSql();
  let ranked = shards.flatMap((s) => s!.ranked).sort(byScore);
  const lists = shards.some((s) => s!.method === 'lists');
  const severalWords = elements.length > 1 && elements.every((e) => e.prefix || e.tokens.length === 1);
  if (lists && postsCovered(ranked, limit) < limit && severalWords) {
    // Several words whose lists fill too few posts: their shortest texts too.
    const again = SHARD_SCHEMAS.map((shard) => rankShard(db, shard, query, elements, filters, true));
    if (again.some((s) => s === null)) return inSql();
    ranked = again.flatMap((s) => s!.ranked).sort(byScore);
  }
  if (lists && postsCovered(ranked, limit) < limit) return inSql();
  return {
    ranked,
    method: lists ? 'lists' : 'all',
    total: lists ? null : shards.reduce((n, s) => n + s!.matches!, 0),
  };
}
