import { useEffect, useMemo, useState } from 'react';
import type { LibraryArticle } from '../../../preload/api';
import { articlePart } from '../../../main/core/shared/part-keys';
import { useApp } from '../../store';
import { formatDate } from '../../ui/format';
import { SOURCE_KIND_LABELS, SourceIcon } from '../../ui/source-icon';
import { revealInThread } from '../thread/reveal';
import { describeLocation } from '../thread/segments';
import { highlightMarks } from '../thread/Segments';
import { LinkedText } from '../../ui/linked-text';
import { useSelectionTracking } from '../annotations/SelectionToolbar';
import { highlightOpeners } from '../annotations/selection';

const cardElementId = (articleId: string) => `card-${articleId.replace(/[^\w-]/g, '_')}`;

/** How many characters of an article's text a card shows. */
const PREVIEW_LENGTH = 220;

const preview = (text: string) => {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH)}…` : flat;
};

/** The right pane: the external articles quoted in the open post, and bare links. */
export function ArticlesPane() {
  const detail = useApp((s) => s.detail);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const markArticle = useApp((s) => s.markArticle);
  const showArticleInPost = useApp((s) => s.showArticleInPost);
  const editAnnotation = useApp((s) => s.setEditingAnnotation);
  // Words selected in an article's full text are annotated like words in the thread.
  const [root, setRoot] = useState<HTMLElement | null>(null);
  useSelectionTracking(root);
  // Keep the marked card in sight, also when the article was marked from the thread or another view.
  useEffect(() => {
    if (markedArticleId)
      document.getElementById(cardElementId(markedArticleId))?.scrollIntoView?.({ block: 'nearest' });
  }, [markedArticleId]);
  if (!detail) return null;
  if (detail.articlesStatus !== 'found')
    return (
      <aside className="articles" aria-labelledby="articles-heading" aria-busy={detail.articlesStatus === 'finding'}>
        <h2 id="articles-heading">Quoted articles</h2>
        {detail.articlesStatus === 'finding' ? (
          <p className="empty finding" role="status">
            Finding quoted articles…
          </p>
        ) : (
          <p role="alert" className="error">
            {detail.articlesError}
          </p>
        )}
      </aside>
    );
  const articles = detail.articles.filter((a) => a.kind === 'article');
  const links = detail.articles.filter((a) => a.kind === 'link');

  const show = (articleId: string) => {
    markArticle(articleId);
    revealInThread({ articleId });
  };

  return (
    <aside ref={setRoot} className="articles" aria-labelledby="articles-heading" {...highlightOpeners(editAnnotation)}>
      <h2 id="articles-heading">Quoted articles</h2>
      {!articles.length && <p className="empty">No quoted articles found in this post.</p>}
      <CardList
        articles={articles}
        markedArticleId={markedArticleId}
        onShow={show}
        onShowElsewhere={showArticleInPost}
      />
      {links.length > 0 && (
        <>
          <h3>Links</h3>
          <CardList
            articles={links}
            markedArticleId={markedArticleId}
            onShow={show}
            onShowElsewhere={showArticleInPost}
          />
        </>
      )}
    </aside>
  );
}

/**
 * The reader's highlights inside a quoted article (made on it in the thread, or on the article
 * itself), under its card in their colours; a click opens one to edit.
 */
function CardHighlights({ article }: { article: LibraryArticle }) {
  const annotations = useApp((s) => s.postAnnotations);
  const edit = useApp((s) => s.setEditingAnnotation);
  const mine = annotations.filter(
    (a) =>
      a.kind === 'highlight' &&
      a.quote &&
      a.anchor.state !== 'orphan' &&
      (a.anchor.part === articlePart(article.id) ||
        (article.kind === 'article' && article.text.includes(a.quote.exact))),
  );
  if (!mine.length) return null;
  return (
    <ul className="card-highlights" aria-label={`Your highlights in this article (${mine.length})`}>
      {mine.map((a) => (
        <li key={a.id}>
          <button type="button" onClick={() => edit(a.id)} title="Edit this highlight">
            <mark className={`annotation annotation-${a.colour}`}>{a.quote!.exact}</mark>
            {a.note && <span className="card-highlight-note">{a.note}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** An article's paragraphs with their offsets in its text (paragraphs split at blank lines). */
function paragraphsOf(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let at = 0;
  for (const piece of text.split(/(\n[ \t\u00a0]*\n\s*)/)) {
    if (piece && !/^\n[ \t\u00a0]*\n\s*$/.test(piece)) out.push({ text: piece, offset: at });
    at += piece.length;
  }
  return out;
}

/**
 * An article's whole text, folded under its card: words selected here are annotated on the
 * article itself (part "article:<id>"), and its highlights show in place.
 */
function CardText({ article }: { article: LibraryArticle }) {
  const annotations = useApp((s) => s.postAnnotations);
  const part = articlePart(article.id);
  const paragraphs = useMemo(() => paragraphsOf(article.text), [article.text]);
  return (
    <details className="card-fulltext">
      <summary>Full text</summary>
      {paragraphs.map((p) => (
        <p key={p.offset} data-part={part} data-offset={p.offset}>
          <LinkedText text={p.text} marks={highlightMarks({ part, offset: p.offset, text: p.text }, annotations)} />
        </p>
      ))}
    </details>
  );
}

/** One card per article: source, title, URL, where it sits, its first lines, other posts quoting it, and why the app thinks so. */
function CardList({
  articles,
  markedArticleId,
  onShow,
  onShowElsewhere,
}: {
  articles: LibraryArticle[];
  markedArticleId: string | null;
  onShow: (id: string) => void;
  onShowElsewhere: (postId: string, articleId: string) => void;
}) {
  return (
    <ul className="cards">
      {articles.map((article) => (
        <li key={article.id} className="card-item">
          <button
            type="button"
            id={cardElementId(article.id)}
            className="card"
            aria-pressed={article.id === markedArticleId}
            onClick={() => onShow(article.id)}
          >
            <span className="card-source">
              <SourceIcon kind={article.source.kind} />
              <span>{article.source.name ?? (article.kind === 'link' ? 'Link' : 'Unknown source')}</span>
              <span className="sr-only">, {SOURCE_KIND_LABELS[article.source.kind].toLowerCase()}</span>
            </span>
            {article.title && <span className="card-title">{article.title}</span>}
            {article.url && <span className="card-url">{article.url}</span>}
            <span className="card-where">{describeLocation(article)}</span>
            {article.kind === 'article' && <span className="card-text">{preview(article.text)}</span>}
          </button>
          <CardHighlights article={article} />
          {article.kind === 'article' && <CardText article={article} />}
          {article.alsoQuotedIn.length > 0 && (
            <div className="card-elsewhere">
              <span>Also quoted in</span>
              <ul>
                {article.alsoQuotedIn.map((other) => (
                  <li key={other.articleId}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onShowElsewhere(other.postId, other.articleId)}
                    >
                      {other.postTitle || '(untitled)'} <span className="muted">{formatDate(other.date)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <details className="card-why">
            <summary>Why this card ({Math.round(article.confidence * 100)}% sure)</summary>
            <ul>
              {article.evidence.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
