/**
 * The library index: a disposable cache of a folder of seed files in SQLite. Deleting it
 * loses nothing (it is rebuilt from the files), and it is never the user's annotations file.
 */

/** Bump when the tables change: an index with another version is rebuilt from scratch. */
export const SCHEMA_VERSION = 10;
/**
 * Bump when the parser or the article extractor changes what they produce: every file is
 * parsed again on the next open.
 */
export const PARSER_VERSION = 6;

export const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per seed file seen: what it was when last parsed.
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,           -- relative to the library root, "/" separated
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  hash TEXT NOT NULL,              -- sha1 of the bytes
  extracted INTEGER NOT NULL DEFAULT 0  -- 1 once its posts' articles and search texts are in (the second pass)
);
CREATE INDEX IF NOT EXISTS files_to_extract ON files(extracted) WHERE extracted = 0;

-- A file holds any number of posts (an archive page, a feed, an export): each is its part.
CREATE TABLE IF NOT EXISTS posts (
  id TEXT PRIMARY KEY,
  file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  part INTEGER NOT NULL DEFAULT 0, -- its place among the file's posts (Post.part)
  format TEXT NOT NULL DEFAULT 'text',
  author TEXT,
  time TEXT,
  labels TEXT NOT NULL DEFAULT '', -- one label a line
  draft INTEGER NOT NULL DEFAULT 0,
  date TEXT,
  date_text TEXT,
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',   -- the first words of a post with no title
  line INTEGER NOT NULL,
  declared_count INTEGER,
  found_count INTEGER NOT NULL,
  article_count INTEGER NOT NULL,
  -- Read-state keys of its comments, packed (read-state/keys.ts); '' until the second pass.
  comment_keys TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS posts_by_date ON posts(date DESC, title);

-- The same post kept in another form too (a text copy of a post the library also has as an HTML
-- page or in an export): one post, shown from its richest form (posts.file), with these as its
-- other sources. Their files hold no post row for it.
CREATE TABLE IF NOT EXISTS post_sources (
  file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  post_id TEXT NOT NULL,
  format TEXT NOT NULL,
  PRIMARY KEY (file, part)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_sources_by_post ON post_sources(post_id);

CREATE TABLE IF NOT EXISTS problems (
  file TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  line INTEGER,
  severity TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS problems_by_file ON problems(file);

CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  source_key TEXT NOT NULL,
  source_name TEXT,
  source_kind TEXT NOT NULL,
  site TEXT,
  title TEXT,
  url TEXT,
  url_key TEXT,
  preview TEXT NOT NULL,
  fingerprint BLOB                 -- MinHash signature of the text (uint32 array)
);
CREATE INDEX IF NOT EXISTS articles_by_post ON articles(post_id);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source_key);

CREATE INDEX IF NOT EXISTS articles_by_url_key ON articles(url_key) WHERE url_key IS NOT NULL;

-- The LSH band buckets of each fingerprinted article (same-article.ts bandBucket()), one row per
-- band: where grouping finds an article's candidates without reading every fingerprint. Written
-- and deleted with the article's row (write.ts), or, after a bulk update, all at once by the
-- grouping (regroup.ts deferBands()).
CREATE TABLE IF NOT EXISTS article_bands (
  bucket INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;

-- Articles added or removed since grouping last ran: where the next regroup starts (regroup.ts).
-- Kept by triggers, so that a post deleted with its file (a cascade) is not missed; not during a
-- bulk update, which groups the whole library at its end (the 'bands' mark in meta).
CREATE TABLE IF NOT EXISTS regroup_pending (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS articles_after_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bands') BEGIN
  INSERT OR IGNORE INTO regroup_pending(article_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS articles_after_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bands') BEGIN
  INSERT OR IGNORE INTO regroup_pending(article_id) VALUES (old.id);
END;

-- The same piece quoted in several posts: each article of a group of two or more, with the
-- group's smallest article id. Only the groups around a change are rewritten (regroup.ts); an
-- article's row goes when it is regrouped after its removal, so the table needs no foreign key. A table of its own, not a column of articles: setting the column
-- rewrote thousands of scattered article rows (a tenth of a second on a cold index).
CREATE TABLE IF NOT EXISTS article_groups (
  article_id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_groups_by_group ON article_groups(group_id);
`;

/**
 * Indexes on columns an index of an older schema lacks: created once its tables are (db.ts
 * createTables()), so that opening such an index, which is about to be cleared, does not fail.
 */
export const CURRENT_ONLY_DDL = `CREATE INDEX IF NOT EXISTS posts_by_file ON posts(file, part);`;

/** A shard's indexes on columns an older schema's shard lacks (as CURRENT_ONLY_DDL). */
export const shardCurrentOnlyDdl = (db: string): string => `
-- The search filter and the list of authors (search/authors.ts) match names case-blind (ASCII).
CREATE INDEX IF NOT EXISTS ${db}.docs_by_author ON docs(author COLLATE NOCASE) WHERE author IS NOT NULL;
`;

/**
 * The full-text index is split across SHARDS database files of its own beside the index, attached
 * to every connection as s0, s1, …: each parse worker writes its texts into its own shard, so two
 * workers write at once (SQLite lets one connection write a file at a time, and with one file
 * the whole second pass would queue on that lock). A search asks every shard and merges (search/rank.ts).
 * Fixed, not one per core: the shards a search reads must not change with the machine.
 */
export const SHARDS = 2;

/** The schema name a shard is attached as. */
export const shardName = (shard: number): string => `s${shard}`;

/** Every shard's schema name, in order: s0, s1, … */
export const SHARD_SCHEMAS: readonly string[] = Array.from({ length: SHARDS }, (_, shard) => shardName(shard));

/** The shard a text is in: shard k holds the rowids ≡ k (mod SHARDS), so rowids are unique across shards. */
export const shardOfRowid = (rowid: number): number => rowid % SHARDS;

/** The first rowid after `max` (null: an empty shard) that belongs in `shard`. */
export function nextRowid(max: number | null, shard: number): number {
  const after = (max ?? 0) + 1;
  return after + ((shard - shardOfRowid(after) + SHARDS) % SHARDS);
}

/** Where shard `shard` of the index at `indexPath` is kept ("…/1a2b.sqlite" → "…/1a2b.text-0.sqlite"). */
export const shardPath = (indexPath: string, shard: number): string =>
  indexPath === ':memory:' ? ':memory:' : `${indexPath.replace(/\.sqlite$/, '')}.text-${shard}.sqlite`;

/** Where a cold build writes shard `shard` until it replaces the index's own ("…/1a2b.text-0.building.sqlite"; db.ts startColdBuild()). */
export const buildingShardPath = (indexPath: string, shard: number): string =>
  shardPath(indexPath, shard).replace(/\.sqlite$/, '.building.sqlite');

/**
 * A shard's tables, in schema `db`. A text's rowid is unique across shards (shardOfRowid()), so
 * a rowid alone says where a text is. No foreign key to posts
 * (SQLite has none across files): write.ts deletes a post's texts with it.
 */
export const shardDdl = (db: string): string => `
-- shards_token: the same in the index and each of its shards (db.ts resetIfStale()).
CREATE TABLE IF NOT EXISTS ${db}.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- What full-text search finds: a post's title and body, each comment, each quoted article.
CREATE TABLE IF NOT EXISTS ${db}.docs (
  rowid INTEGER PRIMARY KEY,
  post_id TEXT NOT NULL,
  kind TEXT NOT NULL,              -- 'post' | 'comment' | 'article'
  ref TEXT,                        -- comment id ("3.2") or article id
  source_key TEXT,                 -- articles: their source
  title TEXT NOT NULL,
  body TEXT NOT NULL,              -- in docs_fts too, written in the same transaction
  author TEXT                      -- who wrote it: a comment's author, the post's for its text; NULL when unnamed
);
CREATE INDEX IF NOT EXISTS ${db}.docs_by_post ON docs(post_id);
-- No prefix index: one ('2 3') made building the index 2.3× slower and the file far bigger, for
-- one- and two-letter prefix searches only (longer prefixes never used it). Prefix searches need
-- three letters (search.ts); FTS5 expands them from the terms themselves.
CREATE VIRTUAL TABLE IF NOT EXISTS ${db}.docs_fts USING fts5(
  title, body, content='docs', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
-- Per-word top lists (term-lists.ts): for each word at least LISTED_DF texts of the shard hold,
-- how many do, and the LIST_LENGTH texts where it weighs most by bm25, best first: each text's
-- rowid, the word's weighted count in it and its length (float64s). Lists may name texts deleted
-- since (search skips those); a rowid is never given to another text (meta 'rowid_high').
CREATE TABLE IF NOT EXISTS ${db}.term_lists (
  term TEXT PRIMARY KEY,
  df INTEGER NOT NULL,
  texts BLOB NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS ${db}.docs_after_delete AFTER DELETE ON docs BEGIN
  INSERT INTO docs_fts(docs_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
`;

/**
 * Run once, when a shard's docs_fts is created. FTS5 merges eight segments at a time, not four:
 * a cold index commits a few hundred batches, each a new segment, and four-way merges write every
 * term's entries over again at more levels, which slows the writing and makes no search faster.
 */
export const ftsTuning = (db: string): string => `
INSERT INTO ${db}.docs_fts(docs_fts, rank) VALUES ('automerge', 8);
INSERT INTO ${db}.docs_fts(docs_fts, rank) VALUES ('crisismerge', 32);
`;
