import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type Ref } from 'react';
import { Virtuoso, type Components, type ItemProps, type ListProps, type VirtuosoHandle } from 'react-virtuoso';
import type { Comment } from '../../../preload/api';
import { useApp } from '../../store';
import { AnnotationEditor, AnnotationsNotice } from '../annotations/AnnotationEditor';
import { SelectionToolbar } from '../annotations/SelectionToolbar';
import { SelectionMode } from '../annotations/selection-mode';
import { highlightOpeners } from '../annotations/selection';
import { stillArriving, threadComplete } from '../../store/open-post';
import { formatCommentCount, formatDate } from '../../ui/format';
import { CommentContent } from './CommentView';
import { PostActions } from '../export/ThreadActions';
import { registerRevealer, type RevealOptions, type RevealTarget } from './reveal';
import { estimateRowHeight } from './row-height';
import { scrollToPlace } from './scroll-to-place';
import { bodySegments, elementIdsOf, placeOf } from './segments';
import { Segments } from './Segments';
import { PostHeading, SourceFile } from './PostHeading';
import { useReadingPlace } from './use-reading-place';
import { useDwellRead } from './use-dwell-read';
import { PostReadControls } from '../read-state/ReadMarks';

/** Threads with up to this many comments (replies included) are rendered whole; longer ones only near the viewport. */
export const RENDER_WHOLE_UP_TO = 150;
/** How far beyond the viewport the rows of a long thread are rendered, in pixels. */
const OVERSCAN = { top: 600, bottom: 1200 };
/** "Everything": a small thread keeps all its rows rendered. */
const WHOLE = { top: 1_000_000, bottom: 1_000_000 };
/** Rows rendered before the list has measured anything (the first screen; all that jsdom ever gets). */
const FIRST_ROWS = 12;

interface RowContext {
  markedIds: Set<string>;
  /** More comments are on their way. */
  busy: boolean;
}

/**
 * The comment tree's top level: the virtualised list renders into it. It is an ARIA feed: every
 * comment and reply is an article of it, with its place (aria-posinset/setsize) as only some
 * are rendered; the thread is one tab stop, `j`/`k` move between the articles (docs/architecture.md, Keymap).
 */
function CommentList({ context, ref, ...props }: ListProps & { context: RowContext }) {
  return (
    <div
      {...props}
      ref={ref as Ref<HTMLDivElement>}
      className="comment-tree"
      role="feed"
      aria-busy={context.busy}
      aria-label="Comments"
    />
  );
}

/** One row: a top-level comment with its replies. */
function CommentRow({ item: _item, context: _context, ...props }: ItemProps<Comment> & { context: RowContext }) {
  return <div {...props} className="comment" />;
}

const components: Components<Comment, RowContext> = { List: CommentList, Item: CommentRow };
const commentKey = (_index: number, comment: Comment) => comment.id;
const renderComment = (_index: number, comment: Comment, { markedIds }: RowContext) => (
  <CommentContent comment={comment} markedIds={markedIds} />
);

/**
 * The middle pane: the open post's title, date, body and comment tree. The post is always
 * rendered; the top-level comments are rows of a virtualised list scrolled by the pane's
 * scroller (#thread-scroller), so a thread of thousands of comments renders only those in sight.
 * Places in it are reached through `revealInThread` (./reveal.ts).
 */
export function Thread() {
  const detail = useApp((s) => s.detail);
  const opening = useApp((s) => s.openingLibrary !== null);
  const error = useApp((s) => s.readerError);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const revealComment = useApp((s) => s.revealComment);
  const revealWhenArrived = useApp((s) => s.revealWhenArrived);
  const editAnnotation = useApp((s) => s.setEditingAnnotation);
  const post = detail?.post;
  const articles = detail?.articles;
  const markedIds = useMemo(() => {
    const article = articles?.find((a) => a.id === markedArticleId);
    return new Set(article && post ? elementIdsOf(article, post) : []);
  }, [post, articles, markedArticleId]);
  const busy = detail ? !threadComplete(detail) && detail.restError === null : false;
  const context = useMemo<RowContext>(() => ({ markedIds, busy }), [markedIds, busy]);
  const setFocusedComment = useApp((s) => s.setFocusedComment);
  // The comment holding the focus (by keys, a click, a reveal) becomes the thread's one tab stop;
  // the focus on the post above the comments (its title, a paragraph) leaves none (`j` goes to the first).
  const onFocus = useCallback(
    (event: FocusEvent) => {
      const comment = (event.target as HTMLElement).closest<HTMLElement>('article.comment-body');
      setFocusedComment(comment?.id.startsWith('comment-') ? comment.id.slice('comment-'.length) : null);
    },
    [setFocusedComment],
  );
  const body = useMemo(() => (post && articles ? bodySegments(post, articles) : []), [post, articles]);
  const estimates = useMemo(() => post?.comments.map(estimateRowHeight), [post]);

  // The list scrolls with the pane: find the pane's scroller once the thread is in the document.
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const scroller = useMemo(() => root?.closest<HTMLElement>('#thread-scroller') ?? root?.parentElement ?? null, [root]);
  const list = useRef<VirtuosoHandle>(null);

  const reveal = useCallback(
    (target: RevealTarget, options: RevealOptions = {}) => {
      if (!detail) return;
      const place = placeOf(target, detail.post, detail.articles);
      // Not here yet: a long post's later comments and its articles come after its first screen.
      if (!place) return stillArriving(detail) ? revealWhenArrived(target) : undefined;
      place.commentIds.forEach(revealComment);
      const rowIndex =
        place.rowCommentId === null ? -1 : detail.post.comments.findIndex((c) => c.id === place.rowCommentId);
      scrollToPlace({
        elementId: options.elementId ?? place.elementId,
        rowIndex: rowIndex < 0 ? null : rowIndex,
        scroller,
        scrollToRow: (index) => list.current?.scrollToIndex({ index, align: 'start' }),
        focus: options.focus ?? true,
        block: options.block ?? 'start',
        ...(options.offset === undefined ? {} : { offset: options.offset }),
      });
    },
    [detail, scroller, revealComment, revealWhenArrived],
  );
  useEffect(() => registerRevealer(reveal), [reveal]);

  // A new post opens at its top.
  const postId = post?.id;
  useLayoutEffect(() => {
    scroller?.scrollTo?.({ top: 0 });
  }, [postId, scroller]);

  // A place asked for from another post or view (an article card, a search hit): scroll to it once the post is shown.
  const pendingReveal = useApp((s) => s.pendingReveal);
  const clearPendingReveal = useApp((s) => s.clearPendingReveal);
  useEffect(() => {
    if (!pendingReveal || !detail || !scroller) return;
    // Kept until the part of the post holding it arrives.
    if (!placeOf(pendingReveal, detail.post, detail.articles) && stillArriving(detail)) return;
    reveal(pendingReveal);
    clearPendingReveal();
  }, [pendingReveal, detail, scroller, reveal, clearPendingReveal]);

  // The reader's place: remembered as the pane scrolls, and scrolled back to on start.
  useReadingPlace(scroller, detail, reveal);
  // Comments (and the post's text) read by staying in view.
  useDwellRead(root, scroller, post?.id ?? null);

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!detail || !post) return opening ? null : <p className="empty">Choose a post on the left to read it.</p>;
  const whole = post.foundCommentCount <= RENDER_WHOLE_UP_TO;
  const complete = threadComplete(detail);
  return (
    <article
      ref={setRoot}
      className="thread"
      aria-labelledby="post-title"
      // A highlight opens its editor on a click (not at the end of a selection) or Enter.
      {...highlightOpeners(editAnnotation)}
      onFocus={onFocus}
    >
      <AnnotationsNotice />
      <SelectionToolbar root={root} />
      <SelectionMode root={root} />
      <AnnotationEditor />
      <header className="post-header">
        <PostHeading post={post} />
        <p className="post-date">
          <time dateTime={post.date ?? undefined}>{formatDate(post.date)}</time>
        </p>
        <SourceFile sources={detail.sources} />
        <div className="post-tools">
          <PostReadControls postId={post.id} />
          <PostActions />
        </div>
      </header>
      <section className="post-body" aria-label="Post" data-read-part="body">
        <Segments segments={body} markedIds={markedIds} />
      </section>
      <section className="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{formatCommentCount(post.foundCommentCount, post.declaredCommentCount)}</h2>
        {scroller && (
          <Virtuoso<Comment, RowContext>
            key={post.id}
            ref={list}
            customScrollParent={scroller}
            data={post.comments}
            context={context}
            components={components}
            computeItemKey={commentKey}
            itemContent={renderComment}
            initialItemCount={whole ? post.comments.length : Math.min(FIRST_ROWS, post.comments.length)}
            increaseViewportBy={whole ? WHOLE : OVERSCAN}
            heightEstimates={estimates}
          />
        )}
        {!complete &&
          (detail.restError ? (
            <p role="alert" className="error">
              {detail.restError}
            </p>
          ) : (
            <p className="thread-more" role="status">
              Loading comments {post.comments.length + 1}–{detail.commentTotal}…
            </p>
          ))}
      </section>
    </article>
  );
}
