/**
 * Domain types produced by the seed parser. Line numbers are 1-based and refer to the
 * decoded file as the user would see it in an editor (CRLF counts as one line end).
 */

/**
 * A link of a saved HTML page: the text shown and where it points. The text stays in the block or
 * comment as shown (so it reads as a text copy of the page does); the target is kept beside it.
 */
export interface Link {
  text: string;
  /** An absolute http(s) URL ("//host/…" is read as https). */
  href: string;
  /** Line of the link's element in the source file. */
  line: number;
}

/** A paragraph of the post body: consecutive non-blank lines, kept exactly as written. */
export interface Block {
  /** The lines of the paragraph joined with "\n", byte-for-byte as in the file. */
  text: string;
  /** First line of the paragraph in the source file. */
  line: number;
  /** Last line of the paragraph in the source file (inclusive). */
  endLine: number;
  /** Links in the paragraph, in order (HTML pages only; absent when there are none). */
  links?: Link[];
}

/** One comment or reply. Replies hang under their top-level comment. */
export interface Comment {
  /**
   * Path id: "3" is the third top-level comment, "3.2" the second reply under it.
   * Ids follow the order comments appear in the file, so they are unique even when the
   * numbers written in the file skip or repeat (that case is reported as a problem).
   */
  id: string;
  /** The number as written in the file ("3." → 3); null for old "Name said..." comments. */
  writtenNumber: number | null;
  /** Author when the file names one ("Anonymous said..."); null otherwise. */
  author: string | null;
  /** The comment text exactly as written, indentation removed, inner blank lines kept. */
  text: string;
  /** Line of the comment's first line ("  3. …"). */
  line: number;
  /**
   * File line of the first line of `text`. Line k of `text` is file line `textLine + k`,
   * except after text that followed a ReplyDelete/Delete marker (reported as a problem).
   */
  textLine: number;
  /** Last line that belongs to the comment (its ReplyDelete/Delete marker when present). */
  endLine: number;
  /**
   * When the comment was written, when the page gives it: ISO 8601 to the minute or finer
   * ("2013-03-04T10:15", "2013-03-04T10:15:00.000Z"), with a zone only when the source gives one.
   */
  time: string | null;
  /** Replies, in file order; always empty for a reply. */
  replies: Comment[];
  /** Links in the comment's text, in order (HTML pages only; absent when there are none). */
  links?: Link[];
}

/** The form a post was kept in. */
export type SourceFormat = 'text' | 'html' | 'atom' | 'blogger-export';

/** One blog post, parsed from one seed file. */
export interface Post {
  /** Stable id made from the date and title ("2019-05-20-latest-from-napo-188"), not the file name. */
  id: string;
  /** ISO date "YYYY-MM-DD", or null when the file has no readable date line. */
  date: string | null;
  /** The date line as written ("Monday 20 May 2019"), or null. */
  dateText: string | null;
  /** The title line, trimmed; "" when the post has none. */
  title: string;
  /** For a post with no title, the first words of its first paragraph, to show in its place; "" when it has a title. */
  lead: string;
  /** Body paragraphs in order. */
  body: Block[];
  /** The count from the "N comments:" line; 0 for "No comments:"; null when there is no count line. */
  declaredCommentCount: number | null;
  /** Top-level comments in file order, each with its replies. */
  comments: Comment[];
  /** Comments actually found, replies included. May differ from declaredCommentCount. */
  foundCommentCount: number;
  /** The file this post came from, as handed to the parser (a path relative to the library). */
  file: string;
  /** Line of the date line (or of the first non-blank line when there is no date). */
  line: number;
  /** The post's author, when the page names one; null otherwise. */
  author: string | null;
  /** When the post was published, when the page gives a time (ISO 8601, as Comment.time). */
  time: string | null;
  /** The form of the file the post was read from. */
  format: SourceFormat;
  /**
   * Where the post sits among the posts of its file: 0 for the first (and for a one-post page), 1
   * for the next… The library finds a post again by its file and this.
   */
  part: number;
  /** The post's labels (Blogger's categories), when the source gives them. */
  labels: string[];
  /** True for a draft (an unpublished post in a Blogger export). */
  draft: boolean;
}

/** Something odd in a file. Warnings keep the post; an error means no post could be read. */
export interface Problem {
  file: string;
  /** 1-based line the problem is about, or null when it concerns the whole file. */
  line: number | null;
  severity: 'warning' | 'error';
  /** Says what is wrong and, where it helps, what was done about it. */
  message: string;
}

export interface ParseResult {
  post: Post | null;
  problems: Problem[];
}

/** Everything read from one file: its posts, in file order (`part` 0, 1, …), and its problems. */
export interface PageResult {
  format: SourceFormat;
  posts: Post[];
  /** An error problem means no post could be read; warnings keep the posts. */
  problems: Problem[];
  /** Page chrome before the first post (a text page's blog title and gadgets) or the feed's title; null when none. */
  header: string | null;
}
