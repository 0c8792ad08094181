/** Where a quoted article sits in its post. */
export type ArticleLocation =
  /** Lines `line`–`endLine` (inclusive, 1-based file lines) of the post body. */
  | { part: 'body'; line: number; endLine: number }
  /**
   * Comments that hold it, by path id in thread order: ["3"] for a whole comment,
   * ["3", "3.1", "3.2"] for a link in comment 3 whose article is pasted into its replies.
   */
  | { part: 'comments'; commentIds: string[] };

/** A piece of outside writing quoted in a post or its comments, or a bare link to one. */
export interface Article {
  /** `${postId}#a${n}`, n counting from 1 in reading order. */
  id: string;
  /** "article" when text was pasted; "link" for a URL with no pasted text. */
  kind: 'article' | 'link';
  /** Who it is from: an outlet, person or website ("Guardian", "Ian Lawrence", "politics.co.uk"); null when unknown. */
  source: string | null;
  /** A headline when one can be found; null otherwise. */
  title: string | null;
  /** The URL it came from, as written, when there is one. */
  url: string | null;
  /** The line that introduced it ("…the latest from Pat Waterman…:-"), when there is one. */
  intro: string | null;
  location: ArticleLocation;
  /** The quoted text exactly as in the file; "" for a link. */
  text: string;
}
