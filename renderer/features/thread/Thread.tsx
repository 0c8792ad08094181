import { useEffect, useMemo } from 'react';
import { useApp } from '../../store';
import { formatCommentCount, formatDate } from '../../ui/format';
import { CommentView } from './CommentView';
import { bodySegments, elementIdsOf } from './segments';
import { scrollToElement, Segments } from './Segments';

/** The middle pane: the open post's title, date, body and comment tree. */
export function Thread() {
  const detail = useApp((s) => s.detail);
  const error = useApp((s) => s.readerError);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const markedIds = useMemo(() => {
    const article = detail?.articles.find((a) => a.id === markedArticleId);
    return new Set(article && detail ? elementIdsOf(article, detail.post) : []);
  }, [detail, markedArticleId]);
  const pendingScroll = useApp((s) => s.pendingScrollArticleId);
  const clearPendingScroll = useApp((s) => s.clearPendingScroll);
  useEffect(() => {
    if (!pendingScroll || !detail) return;
    const article = detail.articles.find((a) => a.id === pendingScroll);
    const [first] = article ? elementIdsOf(article, detail.post) : [];
    if (first) scrollToElement(first);
    clearPendingScroll();
  }, [pendingScroll, detail, clearPendingScroll]);
  const body = useMemo(() => (detail ? bodySegments(detail.post, detail.articles) : []), [detail]);

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
        <Segments segments={body} markedIds={markedIds} />
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
