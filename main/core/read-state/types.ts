/** Read state's shapes in the API contract (preload/api.ts re-exports them). */

/** A post's unread parts (its own text and its comments) and how many of those are New. */
export interface ReadCounts {
  /** The post's own text (when not read) and each comment not read. */
  unread: number;
  /** Comments not read that were not in the post when Threadline first saw it (added by a re-saved page). */
  fresh: number;
}

/** Which parts of a post are read and which are New, by part key ("body", "comment:3.2"); the rest are unread. */
export interface PostReadState {
  postId: string;
  read: string[];
  /** Unread comments added since the post was first seen. */
  fresh: string[];
  counts: ReadCounts;
}

/** What "mark all" covers: the open library, one month of it ("2019-05"), or one post. */
export type ReadScope = { kind: 'library' } | { kind: 'month'; month: string } | { kind: 'post'; postId: string };
