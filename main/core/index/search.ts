import type { SearchHit, SnippetPart } from '../../../preload/api';
import { matchRanges, termPattern } from '../shared/match';
import type Database from 'better-sqlite3';
import type { IndexDb } from './db';
import { SHARD_SCHEMAS, shardOfRowid, SHARDS } from './schema';

type Statement = Database.Statement<unknown[]>;
/** Statements a search runs, prepared once per connection (preparing costs about as much as a rare word's search). */
const prepared = new WeakMap<IndexDb, Map<string, Statement>>();
function statement(db: IndexDb, sql: string, raw = false): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare<unknown[]>(sql);
    if (raw) st.raw(true);
    cache.set(sql, st);
  }
  return st;
}

/**
 * A connection that searches reads the index through a memory map of up to this much: a query
 * reads a thousand rows' sizes and postings scattered over the file, and a page read from the
 * map costs no system call or copy (the median query on the 5,000-post library, run between rg
 * runs that flush the CPU's caches, went from about 8.4 to 5.9 ms). Set on the first search, so
 * indexing alone maps nothing; the mapped pages are the operating system's file cache, counted
 * in the process's resident size while they stay in memory, and dropped whenever it needs room.
 */
const SEARCH_MMAP_BYTES = 1 << 30;
const mapped = new WeakSet<IndexDb>();

/** A user's query made safe for FTS5, and what had to be left out. */
export interface FtsQuery {
  /** The FTS5 MATCH expression; "" when nothing searchable was typed. */
  match: string;
  /** The words and phrases searched for, for highlighting and display; a prefix ends in "*" ("privat*"). */
  terms: string[];
  /** Characters or operators that were ignored, to tell the user ("the unmatched quote", "NEAR("). */
  dropped: string[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
/** FTS5 keywords typed as words: searched as plain words, never as operators. */
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** Letters a prefix search needs before its `*`. */
export const MIN_PREFIX = 3;

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Turns whatever a user typed into an FTS5 query that cannot fail: words become quoted terms
 * (all must match), `"…"` phrases stay phrases, a trailing `*` on a word is a prefix search.
 * Operators and stray punctuation (`(`, `:`, `^`, an unmatched `"`) are dropped and reported.
 */
export function toFtsQuery(input: string): FtsQuery {
  const parts: string[] = [];
  const terms: string[] = [];
  const dropped: string[] = [];
  const text = input.normalize('NFC');
  const quotes = (text.match(/"/g) ?? []).length;
  const balanced = quotes % 2 === 0 ? text : text.replace(/"(?![^"]*")/, ' ');
  if (quotes % 2 === 1) dropped.push('an unmatched "');
  for (const token of balanced.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (token[1] !== undefined) {
      const words = token[1].match(WORD) ?? [];
      if (words.length) {
        parts.push(quote(words.join(' ')));
        terms.push(words.join(' '));
      }
      continue;
    }
    const raw = token[2]!;
    const words = raw.match(WORD) ?? [];
    if (!words.length) {
      dropped.push(raw);
      continue;
    }
    if (words.length === 1 && KEYWORDS.has(raw.replace(/\($/, ''))) dropped.push(`${raw} (searched as a word)`);
    let prefix = /\*$/.test(raw) && words.length === 1;
    if (prefix && [...words[0]!].length < MIN_PREFIX) {
      // A one- or two-letter prefix matches most of a library; it is searched as a word.
      dropped.push(`${raw} (a prefix search needs ${MIN_PREFIX} letters or more; searched as a word)`);
      prefix = false;
    }
    const rest = raw.replace(WORD, '').replace(/\*$/, '');
    if (rest.replace(/[.,;!?]/g, '').length) dropped.push(rest);
    if (words.length === 1) {
      parts.push(prefix ? `${quote(words[0]!)}*` : quote(words[0]!));
      terms.push(prefix ? `${words[0]!}*` : words[0]!);
    } else {
      // "e-mail", "grayling's": keep the pieces together as a phrase.
      parts.push(quote(words.join(' ')));
      terms.push(words.join(' '));
    }
  }
  return { match: parts.join(' '), terms, dropped: [...new Set(dropped)] };
}

/** Where a search looks and what it keeps. */
export interface SearchOptions {
  kinds?: ('post' | 'comment' | 'article')[];
  /** ISO dates, inclusive. */
  from?: string | null;
  to?: string | null;
  /** Only articles from this source (a key from the Articles view). */
  sourceKey?: string | null;
  /** Posts to return (default 30). */
  limit?: number;
}

export type { SearchHit, SnippetPart };

export interface SearchGroup {
  postId: string;
  title: string;
  date: string | null;
  hits: SearchHit[];
}

export interface SearchResult {
  query: FtsQuery;
  groups: SearchGroup[];
  /** Matching texts ranked (all of them, unless `sampled`). */
  totalHits: number;
  /**
   * More texts match than are ranked: only about the RANK_BOUND most recently indexed matches
   * (the newest RANK_BOUND / SHARDS of each shard; for a blog archive, mostly the newest posts)
   * were ranked. Said in the UI, with a hint to add words.
   */
  sampled: boolean;
  ms: number;
}

/**
 * How many matching texts are ranked at most. bm25 costs a few microseconds a row (it reads
 * each text's length), so ranking all 170,000 texts holding "the" would take most of a second;
 * a bound keeps every search within a few milliseconds.
 */
export const RANK_BOUND = 1000;
/** A prefix query ranks fewer: bm25 reads every term the prefix stands for in each text. */
export const PREFIX_RANK_BOUND = 500;
/** Ranked texts whose post and kind are looked up at a time, until a page of posts is full. */
const DESCRIBE_CHUNK = 100;
/** Hits shown per post. */
const HITS_PER_POST = 3;
/** A snippet: up to this many characters, starting a little before the first match. */
const SNIPPET_LENGTH = 200;
const SNIPPET_LEAD = 60;

/** Characters of a text searched for its first match at a time (then four times as many): an article runs to tens of thousands. */
const SNIPPET_SCAN = 4096;
/** A match is trusted only this far before the end of the piece searched: a match there reads the same as in the whole text. */
const SNIPPET_MARGIN = 300;

/**
 * The matches a snippet can show: the first, and those up to a snippet's length after it.
 * Folding accents and matching a long text whole cost most of a search; folding is
 * character by character, so the start of a text is searched first, and a match well before
 * the end of that piece is what the whole text would give there.
 */
function rangesNearFirst(text: string, pattern: RegExp | null): { start: number; end: number }[] {
  for (let k = Math.min(text.length, SNIPPET_SCAN); ; k = Math.min(text.length, k * 4)) {
    // Never between the halves of a surrogate pair.
    if (k < text.length && (text.charCodeAt(k - 1) & 0xfc00) === 0xd800) k++;
    if (k >= text.length) return matchRanges(text, pattern, 40);
    const ranges = matchRanges(text.slice(0, k), pattern, 40);
    const first = ranges[0];
    if (first && first.end + SNIPPET_LEAD + SNIPPET_LENGTH + SNIPPET_MARGIN < k) return ranges.filter((r) => r.end < k - SNIPPET_MARGIN);
  }
}

/**
 * A short stretch of a text around its first match, with every match in it marked, white space
 * collapsed, and "…" where it was cut. Null when the text holds no match.
 */
export function snippetOf(text: string, pattern: RegExp | null): SnippetPart[] | null {
  const ranges = rangesNearFirst(text, pattern);
  const first = ranges[0];
  if (!first) return null;
  let from = Math.max(0, first.start - SNIPPET_LEAD);
  if (from > 0) {
    // Start at a word.
    const space = text.slice(from, first.start).search(/\s/);
    from = space >= 0 ? from + space + 1 : first.start;
  }
  let to = Math.min(text.length, Math.max(first.end, from + SNIPPET_LENGTH));
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > first.end) to = space;
  }
  const flat = (piece: string) => piece.replace(/\s+/g, ' ');
  const parts: SnippetPart[] = [];
  const push = (piece: string, marked: boolean) => piece && parts.push({ text: flat(piece), marked });
  if (from > 0) push('…', false);
  let at = from;
  for (const range of ranges) {
    if (range.start < at || range.end > to) continue;
    push(text.slice(at, range.start), false);
    push(text.slice(range.start, range.end), true);
    at = range.end;
  }
  push(text.slice(at, to), false);
  if (to < text.length) push('…', false);
  if (parts[0] && !parts[0].marked) parts[0].text = parts[0].text.replace(/^\s+/, '');
  return parts;
}

/** The start of a text, unmarked: for a hit whose words the snippet pattern cannot place (an accent the index folds differently). */
function openingOf(text: string): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [{ text: flat.length > SNIPPET_LENGTH ? `${flat.slice(0, flat.lastIndexOf(' ', SNIPPET_LENGTH))}…` : flat, marked: false }];
}

/** Rowids by the shard that holds them (schema name → rowids), leaving out shards with none. */
function byShard(rowids: number[]): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const rowid of rowids) {
    const t = SHARD_SCHEMAS[shardOfRowid(rowid)]!;
    const ids = result.get(t);
    if (ids) ids.push(rowid);
    else result.set(t, [rowid]);
  }
  return result;
}

/**
 * Searches the full-text index: bm25-ranked (titles count more), grouped by post, with
 * highlighted snippets computed only for the hits shown. Never throws on what a user types.
 */
export function search(db: IndexDb, input: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const query = toFtsQuery(input);
  if (!query.match) return { query, groups: [], totalHits: 0, sampled: false, ms: performance.now() - started };
  if (!mapped.has(db)) {
    mapped.add(db);
    db.pragma(`mmap_size = ${SEARCH_MMAP_BYTES}`);
  }
  const limit = options.limit ?? 30;
  const where: string[] = [];
  const params: unknown[] = [query.match];
  if (options.kinds?.length) {
    where.push(`d.kind IN (${options.kinds.map(() => '?').join(',')})`);
    params.push(...options.kinds);
  }
  if (options.from) {
    where.push('p.date >= ?');
    params.push(options.from);
  }
  if (options.to) {
    where.push('p.date <= ?');
    params.push(options.to);
  }
  if (options.sourceKey) {
    where.push('d.source_key = ?');
    params.push(options.sourceKey);
  }
  // The best of at most RANK_BOUND matches by bm25 (titles weighted 5×), newest in the index
  // first, with the filters applied as matches are read (so a filter never empties a page)…
  const bound = /\*$/.test(query.match) || query.match.includes('* ') ? PREFIX_RANK_BOUND : RANK_BOUND;
  type Row = { rowid: number; score: number; postId?: string; kind?: SearchHit['kind']; ref?: string | null; title?: string; date?: string | null };
  // …from every shard (schema.ts), each ranking the newest `bound / SHARDS` of its own matches:
  // the shards fill side by side, so these are about the newest `bound` of the library, and a
  // search ranks no more texts than with one shard. bm25's statistics (how rare a word is, how
  // long texts are) are each shard's own: the shards are halves of one library cut batch by
  // batch, so they differ very little.
  const perShard = Math.ceil(bound / SHARDS);
  let sampled = false;
  const ranked: Row[] = [];
  for (const t of SHARD_SCHEMAS) {
    // Rows as arrays: a common word ranks a thousand of them, and an object a row costs a third of the time.
    const rows = (
      where.length
        ? statement(
            db,
            `SELECT f.rowid, bm25(docs_fts, 5.0, 1.0), d.post_id, d.kind, d.ref, p.title, p.date
             FROM ${t}.docs_fts f JOIN ${t}.docs d ON d.rowid = f.rowid JOIN main.posts p ON p.id = d.post_id
             WHERE docs_fts MATCH ? AND ${where.join(' AND ')}
             ORDER BY f.rowid DESC LIMIT ${perShard}`,
            true,
          )
        : // No filter: the texts' post, kind and title are looked up below for the page's rows only.
          statement(db, `SELECT rowid, bm25(docs_fts, 5.0, 1.0) FROM ${t}.docs_fts WHERE docs_fts MATCH ? ORDER BY rowid DESC LIMIT ${perShard}`, true)
    ).all(...params) as unknown[][];
    if (rows.length >= perShard) sampled = true;
    for (const r of rows)
      ranked.push(
        r.length > 2
          ? {
              rowid: r[0] as number,
              score: r[1] as number,
              postId: r[2] as string,
              kind: r[3] as SearchHit['kind'],
              ref: r[4] as string | null,
              title: r[5] as string,
              date: r[6] as string | null,
            }
          : { rowid: r[0] as number, score: r[1] as number },
      );
  }
  ranked.sort((a, b) => a.score - b.score || b.rowid - a.rowid);
  // Each lookup asks the shards the rows are in (a text's shard is told by its rowid).
  const describe = (t: string) =>
    statement(
      db,
      `SELECT d.rowid, d.post_id, d.kind, d.ref, p.title, p.date
       FROM ${t}.docs d JOIN main.posts p ON p.id = d.post_id WHERE d.rowid IN (${Array(DESCRIBE_CHUNK).fill('?').join(',')})`,
      true,
    );
  // …then grouped by post, best first, until the page is full; snippets are made for its hits only.
  const groups = new Map<string, SearchGroup & { rowids: number[] }>();
  for (let at = 0; at < ranked.length && groups.size < limit; at += DESCRIBE_CHUNK) {
    const chunk = ranked.slice(at, at + DESCRIBE_CHUNK);
    if (chunk[0]!.postId === undefined) {
      const found = new Map<number, unknown[]>();
      for (const [t, ids] of byShard(chunk.map((r) => r.rowid))) {
        for (const r of describe(t).all(...ids, ...Array(DESCRIBE_CHUNK - ids.length).fill(-1)) as unknown[][]) found.set(r[0] as number, r);
      }
      for (const row of chunk) {
        const r = found.get(row.rowid);
        if (!r) continue;
        row.postId = r[1] as string;
        row.kind = r[2] as SearchHit['kind'];
        row.ref = r[3] as string | null;
        row.title = r[4] as string;
        row.date = r[5] as string | null;
      }
    }
    for (const row of chunk) {
      if (row.postId === undefined) continue;
      let group = groups.get(row.postId);
      if (!group) {
        if (groups.size >= limit) break;
        group = { postId: row.postId, title: row.title!, date: row.date ?? null, hits: [], rowids: [] };
        groups.set(row.postId, group);
      }
      if (group.rowids.length < HITS_PER_POST) {
        group.rowids.push(row.rowid);
        group.hits.push({ kind: row.kind!, ref: row.ref ?? null, snippet: [] });
      }
    }
  }
  const wanted = [...groups.values()].flatMap((g) => g.rowids);
  const texts = new Map<number, { title: string; body: string }>();
  // As many places as a page can show, so the statement is prepared once per shard.
  const places = Math.max(wanted.length, limit * HITS_PER_POST);
  for (const [t, ids] of byShard(wanted)) {
    const rows = statement(db, `SELECT rowid, title, body FROM ${t}.docs WHERE rowid IN (${Array(places).fill('?').join(',')})`, true).all(
      ...ids,
      ...Array(places - ids.length).fill(-1),
    ) as [number, string, string][];
    for (const [rowid, title, body] of rows) texts.set(rowid, { title, body });
  }
  const pattern = termPattern(query.terms);
  for (const group of groups.values()) {
    group.rowids.forEach((rowid, i) => {
      const text = texts.get(rowid) ?? { title: '', body: '' };
      group.hits[i]!.snippet = snippetOf(text.body, pattern) ?? snippetOf(text.title, pattern) ?? openingOf(text.body || text.title);
    });
  }
  return {
    query,
    groups: [...groups.values()].map(({ rowids: _rowids, ...group }) => group),
    totalHits: ranked.length,
    sampled,
    ms: performance.now() - started,
  };
}
