/**
 * The annotations database's schema, as numbered migrations. `PRAGMA user_version` holds the
 * number of the last one applied; each runs in a transaction of its own, after a backup.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: annotations, their tags, and where each was last found.
  `
  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,                 -- a UUID, kept through export and import
    library TEXT NOT NULL,               -- the library folder it belongs to
    post_id TEXT NOT NULL,
    post_title TEXT NOT NULL,            -- kept for the list and exports when the post is gone
    post_date TEXT,
    part TEXT NOT NULL,                  -- 'body', 'comment:3.2' or 'article:<id>', where it was made
    kind TEXT NOT NULL CHECK (kind IN ('highlight', 'flag')),
    exact TEXT NOT NULL DEFAULT '',      -- text-quote selector (a flag has none)
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start INTEGER,                       -- text-position selector, in the part's text
    end INTEGER,
    colour TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,               -- ISO times
    updated TEXT NOT NULL,
    deleted TEXT,                        -- in the bin since then; null when not
    -- Where it was last found (derived: anchoring again can always recompute it).
    state TEXT NOT NULL DEFAULT 'exact' CHECK (state IN ('exact', 'fuzzy', 'orphan')),
    anchor_part TEXT,
    anchor_start INTEGER,
    anchor_end INTEGER
  );
  CREATE INDEX annotations_by_post ON annotations(library, post_id);
  CREATE TABLE tags (
    annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (annotation_id, tag)
  ) WITHOUT ROWID;
  CREATE INDEX tags_by_tag ON tags(tag);
  `,
  // 2: the sha1 of the post's file when its annotations were last anchored, so an unchanged
  // post is not parsed again to anchor them (a long thread takes a few hundred milliseconds).
  `ALTER TABLE annotations ADD COLUMN anchor_hash TEXT;`,
  // 3: read state, one row per post (read-state/store.ts). Comments are named by content keys
  // (read-state/keys.ts), packed side by side, so renumbered comments keep their state.
  `
  CREATE TABLE read_state (
    library TEXT NOT NULL,               -- the library folder
    post_id TEXT NOT NULL,
    known TEXT NOT NULL,                 -- its comments' keys when first seen: the rest are New
    current TEXT NOT NULL,               -- its comments' keys as last indexed
    read TEXT NOT NULL DEFAULT '',       -- keys of the comments read
    body_read INTEGER NOT NULL DEFAULT 0, -- 1 once the post's own text is read
    unread INTEGER NOT NULL,             -- derived: the body and current comments not read
    fresh INTEGER NOT NULL,              -- derived: current comments neither known nor read
    PRIMARY KEY (library, post_id)
  ) WITHOUT ROWID;
  `,
];

export const LATEST_VERSION = MIGRATIONS.length;
