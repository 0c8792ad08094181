import type { SearchHit, SnippetPart } from '../../../preload/api';
import type { IndexDb } from './db';

/** A user's query made safe for FTS5, and what had to be left out. */
export interface FtsQuery {
  /** The FTS5 MATCH expression; "" when nothing searchable was typed. */
  match: string;
  /** The words and phrases searched for, for highlighting and display. */
  terms: string[];
  /** Characters or operators that were ignored, to tell the user ("the unmatched quote", "NEAR("). */
  dropped: string[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
/** FTS5 keywords typed as words: searched as plain words, never as operators. */
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

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
    const prefix = /\*$/.test(raw) && words.length === 1;
    const rest = raw.replace(WORD, '').replace(/\*$/, '');
    if (rest.replace(/[.,;!?]/g, '').length) dropped.push(rest);
    if (words.length === 1) {
      parts.push(prefix ? `${quote(words[0]!)}*` : quote(words[0]!));
      terms.push(words[0]!);
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
  /** Matching texts found before grouping (capped at the ranking bound). */
  totalHits: number;
  ms: number;
}

/** How many matching texts are ranked at most: ranking every row of a very common word is what makes it slow. */
const RANK_BOUND = 2000;
/** A query matching more texts than this is "very common"… */
const COMMON_MATCHES = 20_000;
/** …and is ranked over this many matches only. */
const COMMON_WINDOW = 5_000;
/** Hits shown per post. */
const HITS_PER_POST = 3;
const OPEN = '\u0002';
const CLOSE = '\u0003';

function splitSnippet(text: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of text.split(OPEN)) {
    const close = piece.indexOf(CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, marked: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), marked: true });
    if (close + 1 < piece.length) parts.push({ text: piece.slice(close + 1), marked: false });
  }
  return parts;
}

/**
 * Searches the full-text index: bm25-ranked (titles count more), grouped by post, with
 * highlighted snippets computed only for the hits shown. Never throws on what a user types.
 */
export function search(db: IndexDb, input: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const query = toFtsQuery(input);
  if (!query.match) return { query, groups: [], totalHits: 0, ms: performance.now() - started };
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
  // A very common word ("the", "probation") matches most texts, and ranking every match is
  // what makes it slow: then only the first COMMON_WINDOW matches (in index order) are ranked.
  const common = db.prepare(`SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? LIMIT 1 OFFSET ${COMMON_MATCHES}`).get(query.match) !== undefined;
  const window = common
    ? (
        db.prepare(`SELECT max(rowid) AS last FROM (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? LIMIT ${COMMON_WINDOW})`).get(query.match) as {
          last: number;
        }
      ).last
    : null;
  // First the best RANK_BOUND matches by bm25 (title weighted 5×), without snippets…
  const ranked = db
    .prepare(
      `SELECT d.rowid AS rowid, d.post_id AS postId, d.kind AS kind, d.ref AS ref, p.title AS title, p.date AS date
       FROM (SELECT rowid, bm25(docs_fts, 5.0, 1.0) AS score FROM docs_fts WHERE docs_fts MATCH ? ${window !== null ? `AND rowid <= ${window}` : ''}
             ORDER BY score LIMIT ${RANK_BOUND}) AS m
       JOIN docs d ON d.rowid = m.rowid JOIN posts p ON p.id = d.post_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.score`,
    )
    .all(...params) as { rowid: number; postId: string; kind: SearchHit['kind']; ref: string | null; title: string; date: string | null }[];
  // …then group by post, and compute snippets only for the hits on this page.
  const groups = new Map<string, SearchGroup & { rowids: number[] }>();
  for (const row of ranked) {
    let group = groups.get(row.postId);
    if (!group) {
      if (groups.size >= limit) continue;
      group = { postId: row.postId, title: row.title, date: row.date, hits: [], rowids: [] };
      groups.set(row.postId, group);
    }
    if (group.rowids.length < HITS_PER_POST) {
      group.rowids.push(row.rowid);
      group.hits.push({ kind: row.kind, ref: row.ref, snippet: [] });
    }
  }
  // One query for every snippet on the page: the query (and any prefix expansion) is read once.
  const wanted = [...groups.values()].flatMap((g) => g.rowids);
  const snippets = new Map<number, { body: string; title: string }>();
  if (wanted.length) {
    const rows = db
      .prepare(
        `SELECT rowid, snippet(docs_fts, 1, '${OPEN}', '${CLOSE}', '…', 16) AS body, snippet(docs_fts, 0, '${OPEN}', '${CLOSE}', '…', 16) AS title
         FROM docs_fts WHERE docs_fts MATCH ? AND rowid IN (${wanted.map(() => '?').join(',')})`,
      )
      .all(query.match, ...wanted) as { rowid: number; body: string; title: string }[];
    for (const row of rows) snippets.set(row.rowid, row);
  }
  for (const group of groups.values()) {
    group.rowids.forEach((rowid, i) => {
      const row = snippets.get(rowid);
      const text = row?.body.includes(OPEN) ? row.body : (row?.title ?? row?.body ?? '');
      group.hits[i]!.snippet = splitSnippet(text);
    });
  }
  return {
    query,
    groups: [...groups.values()].map(({ rowids: _rowids, ...group }) => group),
    totalHits: ranked.length,
    ms: performance.now() - started,
  };
}
