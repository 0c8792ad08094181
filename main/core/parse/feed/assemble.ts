import { leadOf, postId } from '../post-id';
import type { Block, Comment, Post, Problem, SourceFormat } from '../types';
import { numberLikeText } from '../html/rich-text';
import { htmlParagraphs, textParagraphs } from './content';
import { isDiscarded, keyOf, kindOf, type EntryKind, type RawEntry } from './entry';

/** How many entries of each kind a feed held (skipped ones included). */
export type FeedCounts = Record<EntryKind | 'discarded', number>;

interface PostDraft {
  entryId: string;
  line: number;
  contentLine: number;
  contentEndLine: number;
  title: string;
  published: string;
  author: string | null;
  labels: string[];
  draft: boolean;
  paragraphs: string[];
}

interface CommentDraft {
  key: string;
  /** The post (or, in the newer export, possibly the comment) this comment answers. */
  answers: string;
  /** Key of the comment it replies to; "" for a comment on the post. */
  repliesTo: string;
  line: number;
  contentLine: number;
  endLine: number;
  published: string;
  time: number;
  order: number;
  author: string | null;
  text: string;
  /** Read from a comments feed beside the file (FeedSession.readCompanion()): dropped quietly when its post is elsewhere. */
  companion: boolean;
}

/**
 * A copy of `text` that holds on to nothing else. Text read by saxes may be a slice of the whole
 * megabyte chunk it came from, and a kept slice keeps that chunk alive: without this, the ids and
 * times of a 200 MB export's comments kept every chunk of it in memory while it was read.
 */
export function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** How long a chain of comments naming comments is followed to find their post. */
const MAX_CHAIN = 10_000;

/** The author's name, or null: an empty name, or an address like Blogger's noreply@blogger.com, is not a name. */
function authorOf(entry: RawEntry): string | null {
  const name = entry.authorName.replace(/\s+/g, ' ').trim();
  if (!name || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name)) return null;
  return own(name);
}

function paragraphsOf(entry: RawEntry): string[] {
  return entry.contentType === 'text' ? textParagraphs(entry.content) : htmlParagraphs(entry.content);
}

/** Sort key of a timestamp; one that does not parse sorts after the rest, in file order. */
function instant(published: string): number {
  const time = Date.parse(published);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * Collects a feed's entries as they are read (converting each entry's HTML at once, so no raw
 * content is held) and builds the posts with their comment threads at the end.
 */
export class FeedCollector {
  private readonly posts: PostDraft[] = [];
  private readonly comments: CommentDraft[] = [];
  /** Keys of the comments read, so that a companion feed's copy of one is not read twice. */
  private readonly commentKeys = new Set<string>();
  readonly counts: FeedCounts = { post: 0, comment: 0, settings: 0, template: 0, page: 0, other: 0, discarded: 0 };
  /** Whether the entries are Blogger's export (settings and template entries, or the newer export's types). */
  private export = false;

  /** Adds an entry; from a companion comments feed (`companion`), only comments are taken. */
  add(entry: RawEntry, companion = false): void {
    const kind = kindOf(entry);
    if (companion && kind !== 'comment') return;
    if (kind === 'settings' || kind === 'template' || entry.bloggerType) this.export = true;
    if ((kind === 'post' || kind === 'comment') && isDiscarded(entry)) {
      this.counts.discarded++;
      return;
    }
    this.counts[kind]++;
    if (kind === 'post') {
      const status = entry.bloggerStatus.toUpperCase();
      this.posts.push({
        entryId: own(entry.id),
        line: entry.line,
        contentLine: entry.contentLine,
        contentEndLine: Math.max(entry.contentLine, entry.contentEndLine),
        title: own(entry.title.replace(/\s+/g, ' ').trim()),
        published: own(entry.published.trim()),
        author: authorOf(entry),
        labels: entry.labels.map(own),
        draft: entry.draft || status === 'DRAFT',
        paragraphs: paragraphsOf(entry).map(own),
      });
    } else if (kind === 'comment') {
      const key = own(keyOf(entry.id));
      if (companion && this.commentKeys.has(key)) return;
      this.commentKeys.add(key);
      this.comments.push({
        key,
        answers: own(entry.inReplyTo || entry.inReplyToSource || entry.parent),
        repliesTo: entry.related ? own(keyOf(entry.related)) : '',
        line: entry.line,
        contentLine: entry.contentLine,
        endLine: entry.endLine,
        published: own(entry.published.trim()),
        time: instant(entry.published),
        order: this.comments.length,
        author: authorOf(entry),
        text: own(paragraphsOf(entry).join('\n\n')),
        companion,
      });
    }
  }

  /** Posts read so far. */
  get postCount(): number {
    return this.posts.length;
  }

  get format(): SourceFormat {
    return this.export ? 'blogger-export' : 'atom';
  }

  /** The posts in file order with their threads, and the problems found while matching them. */
  build(file: string): { posts: Post[]; problems: Problem[] } {
    const problems: Problem[] = [];
    const warn = (line: number | null, message: string) => problems.push({ file, line, severity: 'warning', message });
    const postIndex = new Map<string, number>();
    this.posts.forEach((post, index) => {
      for (const key of [post.entryId, keyOf(post.entryId)]) if (key && !postIndex.has(key)) postIndex.set(key, index);
    });
    const commentByKey = new Map<string, CommentDraft>();
    for (const comment of this.comments)
      if (comment.key && !commentByKey.has(comment.key)) commentByKey.set(comment.key, comment);

    // A comment may name a comment where a post is expected (the newer export's parent): it then
    // replies to it, and belongs to that comment's post. Each comment is resolved once.
    const resolved = new Map<CommentDraft, number | undefined>();
    const postOf = (comment: CommentDraft): number | undefined => {
      const path = new Set<CommentDraft>();
      let current = comment;
      let index: number | undefined;
      for (;;) {
        if (resolved.has(current)) {
          index = resolved.get(current);
          break;
        }
        path.add(current);
        index = postIndex.get(current.answers) ?? postIndex.get(keyOf(current.answers));
        if (index !== undefined) break;
        const parent = commentByKey.get(keyOf(current.answers));
        if (!parent || path.has(parent) || path.size > MAX_CHAIN) break;
        if (!current.repliesTo) current.repliesTo = parent.key;
        current = parent;
      }
      for (const member of path) resolved.set(member, index);
      return index;
    };

    const threads: CommentDraft[][] = this.posts.map(() => []);
    const orphans: CommentDraft[] = [];
    for (const comment of this.comments) {
      const index = postOf(comment);
      if (index === undefined) {
        if (!comment.companion) orphans.push(comment);
      } else threads[index]!.push(comment);
    }
    if (orphans.length && this.posts.length)
      warn(
        orphans[0]!.line,
        `${orphans.length} comment${orphans.length === 1 ? ' answers a post' : 's answer posts'} that ${orphans.length === 1 ? 'is' : 'are'} not in this file; ${orphans.length === 1 ? 'it is' : 'they are'} not shown. Put the feed or export that holds the post in the same library.`,
      );

    const posts = this.posts.map((draft, part): Post => {
      const { comments, found } = thread(threads[part]!);
      // An entry's paragraphs sit in one <content>: numbered on from its line, each its own (the
      // reader keys a paragraph by its line, and articles read line k of a block as line + k).
      const body: Block[] = numberLikeText(
        draft.paragraphs.map((text) => ({ text, line: draft.contentLine, endLine: draft.contentEndLine })),
      );
      if (!draft.title) warn(draft.line, 'The post has no title; it is listed by the first words of its text.');
      const date = /^\d{4}-\d{2}-\d{2}/.exec(draft.published.trim())?.[0] ?? null;
      if (!date) warn(draft.line, 'The post has no publication date (<published>); it is listed as undated.');
      const first = body[0]?.text ?? '';
      return {
        id: postId(date, draft.title, first),
        date,
        dateText: null,
        title: draft.title,
        lead: leadOf(draft.title, first),
        body,
        declaredCommentCount: null,
        comments,
        foundCommentCount: found,
        file,
        line: draft.line,
        author: draft.author,
        time: draft.published.trim() || null,
        format: this.format,
        part,
        labels: draft.labels,
        draft: draft.draft,
      };
    });
    return { posts, problems };
  }
}

/**
 * One post's comments as a thread: top-level comments in published order ("1", "2", …), each
 * followed by the replies that answer it, directly or through other replies, in published order
 * ("1.1", "1.2"), one level deep as Blogger shows them.
 */
function thread(drafts: CommentDraft[]): { comments: Comment[]; found: number } {
  const sorted = [...drafts].sort((a, b) => a.time - b.time || a.order - b.order);
  const byKey = new Map<string, CommentDraft>();
  for (const draft of sorted) if (draft.key && !byKey.has(draft.key)) byKey.set(draft.key, draft);
  const position = new Map<CommentDraft, number>(sorted.map((draft, index) => [draft, index]));
  const roots = new Map<CommentDraft, CommentDraft>();
  // The comment at the top of a chain of replies; for a chain that loops, its earliest comment.
  // Every comment on the way is remembered, so a thread is walked once.
  const rootOf = (draft: CommentDraft): CommentDraft => {
    const path: CommentDraft[] = [];
    const onPath = new Set<CommentDraft>();
    let current = draft;
    let root: CommentDraft | undefined;
    while (!root) {
      root = roots.get(current);
      if (root) break;
      path.push(current);
      onPath.add(current);
      const parent = current.repliesTo ? byKey.get(current.repliesTo) : undefined;
      if (!parent) root = current;
      else if (onPath.has(parent))
        root = path.slice(path.indexOf(parent)).reduce((a, b) => (position.get(a)! <= position.get(b)! ? a : b));
      else current = parent;
    }
    for (const member of path) roots.set(member, root);
    return root;
  };
  const top = new Map<CommentDraft, Comment>();
  const comments: Comment[] = [];
  const toComment = (draft: CommentDraft, id: string): Comment => ({
    id,
    writtenNumber: null,
    author: draft.author,
    text: draft.text,
    line: draft.line,
    textLine: draft.contentLine,
    endLine: draft.endLine,
    time: draft.published.trim() || null,
    replies: [],
  });
  const rootList = sorted.map(rootOf);
  sorted.forEach((draft, index) => {
    if (rootList[index] !== draft) return;
    const comment = toComment(draft, String(comments.length + 1));
    comments.push(comment);
    top.set(draft, comment);
  });
  sorted.forEach((draft, index) => {
    const root = rootList[index]!;
    if (root === draft) return;
    const parent = top.get(root)!;
    parent.replies.push(toComment(draft, `${parent.id}.${parent.replies.length + 1}`));
  });
  return { comments, found: sorted.length };
}
