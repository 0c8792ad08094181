import {
  compareSources,
  type QuotedElsewhere,
  type SourceArticle,
  type SourceKind,
  type SourceSummary,
} from '../articles';
import type { Problem, SourceFormat } from '../parse';
import type { IndexDb } from './db';
import type { PostSummary } from './types';

/** Reads from an index; every call is one or two indexed queries. */
export function indexQueries(db: IndexDb) {
  const s = {
    posts: db.prepare(
      `SELECT id, title, lead, date, date_text AS dateText, found_count AS foundCommentCount, declared_count AS declaredCommentCount, file, article_count AS articleCount,
              author, format, draft = 1 AS draft
       FROM posts ORDER BY date IS NULL, date DESC, title`,
    ),
    post: db.prepare('SELECT id, file, part FROM posts WHERE id = ?'),
    sourcesOf: db.prepare('SELECT file, format FROM post_sources WHERE post_id = ? ORDER BY file, part'),
    hashOf: db.prepare(
      "SELECT f.hash AS hash FROM posts p JOIN files f ON f.path = p.file WHERE p.id = ? AND f.hash != ''",
    ),
    commentKeysOf: db.prepare(
      'SELECT p.comment_keys FROM posts p JOIN files f ON f.path = p.file WHERE p.id = ? AND f.extracted = 1',
    ),
    extractedIds: db.prepare('SELECT p.id FROM posts p JOIN files f ON f.path = p.file WHERE f.extracted = 1'),
    problems: db.prepare('SELECT file, line, severity, message FROM problems ORDER BY file, rowid'),
    problemsOf: db.prepare('SELECT file, line, severity, message FROM problems WHERE file = ? ORDER BY rowid'),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM problems) AS problems,
              (SELECT count(*) FROM problems WHERE severity = 'error') AS errors`,
    ),
    sources: db.prepare(
      `SELECT source_key AS key, max(source_name) AS name, max(source_kind) AS kind, max(site) AS site,
              sum(kind = 'article') AS articleCount, sum(kind = 'link') AS linkCount
       FROM articles GROUP BY source_key`,
    ),
    bySource: db.prepare(
      `SELECT a.id AS articleId, a.post_id AS postId, p.title AS postTitle, p.date AS date, a.kind AS kind, a.title AS title, a.url AS url, a.preview AS preview, g.group_id AS groupId
       FROM articles a JOIN posts p ON p.id = a.post_id LEFT JOIN article_groups g ON g.article_id = a.id WHERE a.source_key = ? ORDER BY p.date IS NULL, p.date DESC, a.post_id, a.ord`,
    ),
    groupOf: db.prepare(
      `SELECT a.id AS articleId, a.post_id AS postId, p.title AS postTitle, p.date AS date FROM article_groups g JOIN articles a ON a.id = g.article_id JOIN posts p ON p.id = a.post_id
       WHERE g.group_id = ? ORDER BY p.date, a.post_id, a.ord`,
    ),
    groupIdOf: db.prepare(
      'SELECT g.group_id AS groupId, a.post_id AS postId FROM articles a LEFT JOIN article_groups g ON g.article_id = a.id WHERE a.id = ?',
    ),
  };

  const elsewhere = (articleId: string, postId: string, groupId: string | null): QuotedElsewhere[] => {
    if (!groupId) return [];
    const seen = new Set([postId]);
    const result: QuotedElsewhere[] = [];
    for (const row of s.groupOf.all(groupId) as (QuotedElsewhere & { articleId: string })[]) {
      if (row.articleId === articleId || seen.has(row.postId)) continue;
      seen.add(row.postId);
      result.push(row);
    }
    return result;
  };

  return {
    posts: (): PostSummary[] =>
      (s.posts.all() as (Omit<PostSummary, 'draft'> & { draft: number })[]).map((row) => ({
        ...row,
        draft: row.draft === 1,
      })),
    /** The file of a post, or null when the index does not know the id. */
    fileOf: (postId: string): string | null => (s.post.get(postId) as { file: string } | undefined)?.file ?? null,
    /** Where a post is read from: its file and its place among the file's posts; null when the index does not know the id. */
    locate: (postId: string): { file: string; part: number } | null => {
      const row = s.post.get(postId) as { file: string; part: number } | undefined;
      return row ? { file: row.file, part: row.part } : null;
    },
    /** The other files that hold a post in another form (it is read from locate()'s). */
    otherSourcesOf: (postId: string): { file: string; format: SourceFormat }[] =>
      s.sourcesOf.all(postId) as { file: string; format: SourceFormat }[],
    /** The sha1 of a post's file as last indexed; null when unknown (not hashed yet, or no such post). */
    hashOf: (postId: string): string | null => (s.hashOf.get(postId) as { hash: string } | undefined)?.hash ?? null,
    /** A post's comments' read-state keys, packed; null until its second pass is done (or no such post). */
    commentKeysOf: (postId: string): string | null =>
      (s.commentKeysOf.pluck().get(postId) as string | undefined) ?? null,
    /** Ids of every post whose second pass is done. */
    extractedIds: (): string[] => s.extractedIds.pluck().all() as string[],
    problems: (): Problem[] => s.problems.all() as Problem[],
    problemsOf: (file: string): Problem[] => s.problemsOf.all(file) as Problem[],
    counts: () => s.counts.get() as { files: number; posts: number; problems: number; errors: number },
    sources: (): SourceSummary[] =>
      (s.sources.all() as (Omit<SourceSummary, 'name' | 'kind'> & { name: string | null; kind: SourceKind })[])
        .map((r) => (r.key === 'unknown' ? { ...r, name: null, kind: 'unknown' as const } : r))
        .sort(compareSources),
    bySource: (key: string): SourceArticle[] =>
      (s.bySource.all(key) as (Omit<SourceArticle, 'alsoQuotedIn'> & { groupId: string | null })[]).map(
        ({ groupId, ...row }) => ({
          ...row,
          alsoQuotedIn: elsewhere(row.articleId, row.postId, groupId),
        }),
      ),
    /** Other posts quoting the same pieces, by article id. */
    alsoQuotedIn: (articleIds: string[]): Map<string, QuotedElsewhere[]> => {
      const result = new Map<string, QuotedElsewhere[]>();
      for (const id of articleIds) {
        const row = s.groupIdOf.get(id) as { groupId: string | null; postId: string } | undefined;
        result.set(id, row ? elsewhere(id, row.postId, row.groupId) : []);
      }
      return result;
    },
  };
}

export type IndexQueries = ReturnType<typeof indexQueries>;
