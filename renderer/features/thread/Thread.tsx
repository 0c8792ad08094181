import { useMemo } from 'react';
import { useApp } from '../../store';
import { formatCommentCount, formatDate } from '../../ui/format';
import { LinkedText } from '../../ui/linked-text';
import { blockElementId, elementIdsOf } from '../articles/locate';
import { CommentView } from './CommentView';

/** The middle pane: the open post's title, date, body and comment tree. */
export function Thread() {
  const detail = useApp((s) => s.detail);
  const error = useApp((s) => s.readerError);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const markedIds = useMemo(() => {
    const article = detail?.articles.find((a) => a.id === markedArticleId);
    return new Set(article && detail ? elementIdsOf(article, detail.post) : []);
  }, [detail, markedArticleId]);

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!detail) return <p className="empty">Choose a post on the left to read it.</p>;
  const { post } = detail;
  return (
    <article className="thread" aria-labelledby="post-title">
      <header className="post-header">
        <h1 id="post-title">{post.title || '(untitled)'}</h1>
        <p className="post-date">
          <time dateTime={post.date ?? undefined}>{post.dateText ?? formatDate(post.date)}</time> · <span>{post.file}</span>
        </p>
      </header>
      <section className="post-body" aria-label="Post">
        {post.body.map((block) => {
          const id = blockElementId(block.line);
          return (
            <p key={block.line} id={id} className={markedIds.has(id) ? 'marked' : undefined} tabIndex={-1}>
              <LinkedText text={block.text} />
            </p>
          );
        })}
      </section>
      <section className="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{formatCommentCount(post.foundCommentCount, post.declaredCommentCount)}</h2>
        <ol className="comment-tree" aria-label="Comments">
          {post.comments.map((comment) => (
            <CommentView key={comment.id} comment={comment} markedIds={markedIds} />
          ))}
        </ol>
      </section>
    </article>
  );
}
