import { useMemo } from 'react';
import type { Comment } from '../../../preload/api';
import { commentPart } from '../../../main/core/shared/part-keys';
import { useApp } from '../../store';
import { commentElementId, commentSegments } from './segments';
import { Segments } from './Segments';
import { CommentReadMark } from '../read-state/ReadMarks';

/** One reply (or a comment outside the virtualised list) as a list item. */
export function CommentView({ comment, markedIds }: { comment: Comment; markedIds: Set<string> }) {
  return (
    <li className={comment.id.includes('.') ? 'comment reply' : 'comment'}>
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
  return (
    <>
      <article
        id={elementId}
        className={['comment-body', markedIds.has(elementId) ? 'marked' : '', flagged ? 'flagged' : '']
          .filter(Boolean)
          .join(' ')}
        aria-label={`Comment ${comment.id}`}
        tabIndex={-1}
        data-read-part={commentPart(comment.id)}
      >
        <header className="comment-header">
          <span className="comment-number">{comment.id}</span>
          {comment.author && <span className="comment-author">{comment.author}</span>}
          <span className="comment-line">line {comment.line}</span>
          <CommentReadMark part={commentPart(comment.id)} />
          <button
            type="button"
            className={flagged ? 'flag flagged' : 'flag'}
            aria-pressed={flagged}
            title={flagged ? 'Remove the flag from this comment' : 'Flag this whole comment'}
            onClick={() => detail && void flag(detail.post.id, comment.id)}
          >
            {flagged ? '⚑ Flagged' : '⚐ Flag'}
          </button>
          {replyCount > 0 && (
            <button
              type="button"
              className="collapse"
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
        <ol className="replies" id={`replies-${comment.id}`} aria-label={`Replies to comment ${comment.id}`}>
          {comment.replies.map((reply) => (
            <CommentView key={reply.id} comment={reply} markedIds={markedIds} />
          ))}
        </ol>
      )}
    </>
  );
}
