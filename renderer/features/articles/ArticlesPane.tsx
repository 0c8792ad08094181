import type { Article } from '../../../preload/api';
import { useApp } from '../../store';
import { describeLocation, elementIdsOf } from './locate';

/** How many characters of an article's text a card shows. */
const PREVIEW_LENGTH = 220;

/** The right pane: the external articles quoted in the open post, and bare links. */
export function ArticlesPane() {
  const detail = useApp((s) => s.detail);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const markArticle = useApp((s) => s.markArticle);
  if (!detail) return null;
  const articles = detail.articles.filter((a) => a.kind === 'article');
  const links = detail.articles.filter((a) => a.kind === 'link');

  const show = (articleId: string) => {
    markArticle(articleId);
    const article = detail.articles.find((a) => a.id === articleId);
    const [first] = article ? elementIdsOf(article, detail.post) : [];
    // Wait a frame so collapsed replies that hold the article are rendered first.
    requestAnimationFrame(() => {
      const target = first ? document.getElementById(first) : null;
      target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      target?.focus({ preventScroll: true });
    });
  };

  return (
    <aside className="articles" aria-labelledby="articles-heading">
      <h2 id="articles-heading">Quoted articles</h2>
      {!articles.length && <p className="empty">No quoted articles found in this post.</p>}
      <CardList articles={articles} markedArticleId={markedArticleId} onShow={show} />
      {links.length > 0 && (
        <>
          <h3>Links</h3>
          <CardList articles={links} markedArticleId={markedArticleId} onShow={show} />
        </>
      )}
    </aside>
  );
}

/** One card per article: source, title, where it sits, and its first lines (or its URL for a link). */
function CardList({ articles, markedArticleId, onShow }: { articles: Article[]; markedArticleId: string | null; onShow: (id: string) => void }) {
  return (
    <ul className="cards">
      {articles.map((article) => (
        <li key={article.id}>
          <button type="button" className="card" aria-pressed={article.id === markedArticleId} onClick={() => onShow(article.id)}>
            <span className="card-source">{article.source.name ?? (article.kind === 'link' ? 'Link' : 'Unknown source')}</span>
            {article.title && <span className="card-title">{article.title}</span>}
            <span className="card-where">{describeLocation(article)}</span>
            {article.kind === 'link' ? (
              <span className="card-url">{article.url}</span>
            ) : (
              <span className="card-text">{article.text.length > PREVIEW_LENGTH ? `${article.text.slice(0, PREVIEW_LENGTH)}…` : article.text}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
