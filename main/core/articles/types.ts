/** What kind of voice a quoted text comes from. */
export type SourceKind = 'outlet' | 'organisation' | 'person' | 'website' | 'unknown';

/** Who a quoted text is from. */
export interface Source {
  /** Display name ("The Guardian", "Ministry of Justice", "Pat Waterman", "redpepper.org.uk"); null when unknown. */
  name: string | null;
  kind: SourceKind;
  /** Registrable domain when known ("redpepper.org.uk"), from a URL or the source table. */
  site: string | null;
}

/**
 * A run of consecutive lines of the post, pointing into the original text (never rewritten).
 * Body runs use file lines; comment runs use line indexes into `Comment.text` (0-based,
 * inclusive) and also carry the file lines those are.
 */
export type TextSpan =
  | { part: 'body'; line: number; endLine: number }
  | { part: 'comment'; commentId: string; from: number; to: number; line: number; endLine: number };

/** Where a quoted article sits in its post, in the words the reader shows ("Post", "Comment 3 → 3.2"). */
export type ArticleLocation =
  /** Lines `line`–`endLine` (inclusive, 1-based file lines) of the post body. */
  | { part: 'body'; line: number; endLine: number }
  /**
   * Comments that hold it, by path id in thread order: ["3"] for (part of) one comment,
   * ["3", "3.1", "3.2"] for a link in comment 3 whose article is pasted into its replies.
   */
  | { part: 'comments'; commentIds: string[] };

/** A piece of outside writing quoted in a post or its comments, or a bare link to one. */
export interface Article {
  /** `${postId}#a${n}`, n counting from 1 in reading order. */
  id: string;
  /** "article" when text was pasted; "link" for a URL with no pasted text. */
  kind: 'article' | 'link';
  source: Source;
  /** A headline when one can be found; null otherwise. */
  title: string | null;
  /** The URL it came from, as written, when there is one. */
  url: string | null;
  /** The line that introduced it ("…the latest from Pat Waterman…:-"), when there is one. */
  intro: { text: string; line: number } | null;
  location: ArticleLocation;
  /** The lines its text occupies, in reading order; empty for a link. */
  spans: TextSpan[];
  /** The quoted text exactly as in the file (spans joined by a blank line); "" for a link. */
  text: string;
  /** 0–1: how sure the extractor is that this is outside writing with these bounds and source. */
  confidence: number;
  /** Why: each decision in plain words ("intro line ends ':-'", "source from URL domain"). */
  evidence: string[];
}

/** A passage in a comment that quotes the post or another comment: not outside writing. */
export interface InternalQuote {
  /** `${postId}#q${n}`. */
  id: string;
  /** Where the quoting passage sits. */
  span: TextSpan;
  /** The quoted words as written there, without the quote marks. */
  text: string;
  /** What it quotes: a body paragraph (file lines) or a comment. */
  target: { part: 'body'; line: number; endLine: number } | { part: 'comment'; commentId: string; line: number };
}

/** Everything the extractor finds in one post. */
export interface PostArticles {
  articles: Article[];
  quotes: InternalQuote[];
}

/** Another place in the library the same article is quoted (same URL or near-identical text). */
export interface QuotedElsewhere {
  postId: string;
  postTitle: string;
  date: string | null;
  articleId: string;
}

/** An article as the library knows it: with the other posts that quote the same piece. */
export interface LibraryArticle extends Article {
  alsoQuotedIn: QuotedElsewhere[];
}

/** What a post quotes: found after its thread is shown when the post is long (`posts.articles`). */
export interface QuotedInPost {
  /** Quoted articles and bare links, in reading order. */
  articles: LibraryArticle[];
  /** Passages in comments that quote the post or another comment. */
  quotes: InternalQuote[];
}

/** One source in the library's Articles view. */
export interface SourceSummary {
  /** Stable key for `articles.bySource` ("guardian", "patwaterman", "unknown"). */
  key: string;
  /** Display name; null for the group of articles whose source is unknown. */
  name: string | null;
  kind: SourceKind;
  site: string | null;
  /** Quoted articles from it (pasted text), counting a piece quoted in several posts once per post. */
  articleCount: number;
  /** Bare links to it. */
  linkCount: number;
}

/** One article or link from a source, with the post it is in. */
export interface SourceArticle {
  /** The article's id (see Article.id). */
  articleId: string;
  postId: string;
  postTitle: string;
  /** ISO date of the post, or null. */
  date: string | null;
  kind: Article['kind'];
  title: string | null;
  url: string | null;
  /** The first words of its text (or its URL for a link). */
  preview: string;
  alsoQuotedIn: QuotedElsewhere[];
}
