/** The shapes the library index answers with: progress of an update, post list rows, search results. */
import type { SourceFormat } from '../parse/types';

/** How far opening or re-reading a library has got, for a progress bar. */
export interface IndexProgress {
  /**
   * What is being done: listing the folder, reading each changed file's post (the post list
   * can be shown after this), finding articles and the texts to search, grouping the same
   * article quoted in several posts, or finished.
   */
  phase: 'scanning' | 'parsing' | 'extracting' | 'grouping' | 'done';
  /** Files (or steps) of this phase done so far, out of `total`. */
  done: number;
  total: number;
}

/** One row of the post list. */
export interface PostSummary {
  /** The post's stable id (see Post.id). */
  id: string;
  title: string;
  /** For a post with no title, the first words of its first paragraph; "" when it has a title (see Post.lead). */
  lead: string;
  /** ISO "YYYY-MM-DD", or null when the file had no date. */
  date: string | null;
  /** The date line as written, or null. */
  dateText: string | null;
  /** Comments found, replies included. */
  foundCommentCount: number;
  /** From the "N comments:" line; null when the file has none. */
  declaredCommentCount: number | null;
  /** Path of the seed file relative to the library folder. */
  file: string;
  /** Quoted articles and links found in the post. */
  articleCount: number;
  /** The post's author, when its page names one. */
  author: string | null;
  /** The form of the file it is read from. */
  format: SourceFormat;
  /** An unpublished post (from a blog export). */
  draft: boolean;
}

/** A piece of a search snippet; marked pieces are the words that matched. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** One matching text: the post itself, a comment, or a quoted article. */
export interface SearchHit {
  /** 'note': one of the reader's annotations, by its note or the words it highlights. */
  kind: 'post' | 'comment' | 'article' | 'note';
  /** Comment id ("3.2") or article id; for a note, the annotation part ("body", "comment:3.2"); null for the post's own text. */
  ref: string | null;
  snippet: SnippetPart[];
  /** Who wrote the matched text (a comment's author, the post's author for the post), when the page names them; absent or null otherwise. */
  author?: string | null;
}

/** The hits in one post. */
export interface SearchGroup {
  postId: string;
  title: string;
  /** ISO date of the post, or null. */
  date: string | null;
  /** Best first (the reader's own notes before the texts), a few per post. */
  hits: SearchHit[];
}

/** Search results, grouped by post, best first. */
export interface SearchResults {
  groups: SearchGroup[];
  /** Words and phrases searched for (for marking them in the opened post). */
  terms: string[];
  /** What was left out of the query, to tell the user ("an unmatched \""). */
  dropped: string[];
  /**
   * How many texts match, when every match was read (a search with few matches); null when a
   * common search was ranked from its words' top lists (search.timeline counts every match).
   */
  totalHits: number | null;
  /** False while the full-text index is still being built: results may be incomplete. */
  complete: boolean;
  /** How long the search took, in milliseconds. */
  ms: number;
}

/** One author the library's texts name, and how many of its texts they wrote (`library.authors`). */
export interface AuthorCount {
  /** The name as the pages give it (the spelling most of their texts use). */
  name: string;
  /** Posts and comments by this author. */
  count: number;
}

/** Where a search looks and how many posts it answers with (the `search.query` request, less its words). */
export interface SearchOptions {
  /** Only these kinds of text; all when absent or empty. */
  kinds?: ('post' | 'comment' | 'article')[];
  /** Only posts dated from / to these ISO dates ("YYYY-MM-DD"), inclusive; no bound when null or absent. */
  from?: string | null;
  to?: string | null;
  /** Only articles from this source (a key from `articles.sources`). */
  sourceKey?: string | null;
  /**
   * Only texts by this author: a comment's author, the post's for the post's own text (the
   * name as a page gives it, matched whole and ignoring case; see `library.authors`).
   */
  author?: string | null;
  /** Posts to return (default 30). */
  limit?: number;
  /** Best matches first (bm25 over the whole library, the default), or the newest posts first. */
  sort?: 'relevance' | 'date';
}
