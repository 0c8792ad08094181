import { useMemo } from 'react';
import type { Comment } from '../../../preload/api';
import { commentPart } from '../../../main/core/shared/part-keys';
import { useApp } from '../../store';
import { formatDateTime } from '../../ui/format';
import { TabStopContext, useTabStop } from '../../ui/tab-stop';
import { feedPositions } from './feed';
import { commentElementId, commentSegments } from './segments';
import { Segments } from './Segments';
import { CommentActions } from '../export/ThreadActions';
import { CommentReadMark } from '../read-state/ReadMarks';

/**
 * The tab index of a button or link in a comment's header or text: 0 in the thread's current
 * comment, -1 in the others (the thread is one tab stop; Tab goes from the focused comment into
 * its own controls). Every control added to a comment takes `tabIndex={useCommentTabIndex()}`.
 */
export const useCommentTabIndex = (): 0 | -1 => useTabStop(-1);

/** True for the thread's current comment (its one tab stop): the last one focused, else the first. */
const useIsCurrent = (commentId: string) =>
  useApp((s) => (s.focusedCommentId ?? s.detail?.post.comments[0]?.id) === commentId);

/** One reply (or a comment outside the virtualised list) as an item of the thread's feed. */
export function CommentView({ comment, markedIds }: { comment: Comment; markedIds: Set<string> }) {
  return (
    <li role="none" className={comment.id.includes('.') ? 'comment reply' : 'comment'}>
      <CommentContent comment={comment} markedIds={markedIds} />
    </li>
  );
}

/**
 * A comment's number, text and (collapsible) replies: the content of its list item. Top-level
 * comments are rows of the virtualised list, which supplies the list item itself.
 */
export function CommentContent({ comment, markedIds }: { comment: Comment; markedIds: Set<string> }) {
  const collapsed = useApp((s) => Boolean(s.collapsed[comment.id]));
  const toggle = useApp((s) => s.toggleCollapsed);
  const elementId = commentElementId(comment.id);
  const replyCount = comment.replies.length;
  const detail = useApp((s) => s.detail);
  const flagged = useApp((s) =>
    s.postAnnotations.some((a) => a.kind === 'flag' && (a.anchor.part ?? a.part) === commentPart(comment.id)),
  );
  const flag = useApp((s) => s.flagComment);
  const segments = useMemo(
    () => (detail ? commentSegments(comment, detail.articles, detail.quotes) : []),
    [comment, detail],
  );
  const current = useIsCurrent(comment.id);
  const tabIndex = current ? 0 : -1;
  // Its place among the comments shown (replies included), for the feed; the size is unknown while more are coming.
  const position = useApp((s) => (s.detail ? feedPositions(s.detail.post.comments, s.collapsed).get(comment.id) : 0));
  const setSize = useApp((s) =>
    s.detail && s.detail.post.comments.length >= s.detail.commentTotal
      ? feedPositions(s.detail.post.comments, s.collapsed).size
      : -1,
  );
  const parent = comment.id.includes('.') ? comment.id.slice(0, comment.id.lastIndexOf('.')) : null;
  return (
    <TabStopContext.Provider value={tabIndex}>
      <article
        id={elementId}
        className={['comment-body', markedIds.has(elementId) ? 'marked' : '', flagged ? 'flagged' : '']
          .filter(Boolean)
          .join(' ')}
        // Who wrote it is said with it, as a page names them ("Comment 3 by Jim Brown").
        aria-label={comment.author ? `Comment ${comment.id} by ${comment.author}` : `Comment ${comment.id}`}
        // The feed is flat: a reply says whose it is.
        aria-description={parent ? `Reply to comment ${parent}` : undefined}
        aria-posinset={position === undefined ? undefined : position + 1}
        aria-setsize={setSize}
        tabIndex={tabIndex}
        data-read-part={commentPart(comment.id)}
      >
        <header className="comment-header">
          <span className="comment-number">{comment.id}</span>
          {comment.author && <span className="comment-author">{comment.author}</span>}
          {comment.time && (
            <time className="comment-time" dateTime={comment.time}>
              {formatDateTime(comment.time)}
            </time>
          )}
          <span className="comment-line">line {comment.line}</span>
          <CommentReadMark part={commentPart(comment.id)} />
          <CommentActions commentId={comment.id} />
          <button
            type="button"
            className={flagged ? 'flag flagged' : 'flag'}
            aria-pressed={flagged}
            tabIndex={tabIndex}
            title={flagged ? 'Remove the flag from this comment' : 'Flag this whole comment'}
            onClick={() => detail && void flag(detail.post.id, comment.id)}
          >
            {flagged ? '⚑ Flagged' : '⚐ Flag'}
          </button>
          {replyCount > 0 && (
            <button
              type="button"
              className="collapse"
              tabIndex={tabIndex}
              aria-expanded={!collapsed}
              aria-controls={`replies-${comment.id}`}
              onClick={() => toggle(comment.id)}
            >
              {collapsed
                ? `Show ${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}`
                : `Hide ${replyCount === 1 ? 'reply' : 'replies'}`}
            </button>
          )}
        </header>
        <Segments segments={segments} markedIds={markedIds} />
      </article>
      {replyCount > 0 && !collapsed && (
        // Part of the one feed of the thread: the nesting is in each reply's name ("Reply 3.2 to comment 3").
        <ol className="replies" id={`replies-${comment.id}`} role="none">
          {comment.replies.map((reply) => (
            <CommentView key={reply.id} comment={reply} markedIds={markedIds} />
          ))}
        </ol>
      )}
    </TabStopContext.Provider>
  );
}
