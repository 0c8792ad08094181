import { useEffect, useId, useMemo } from 'react';
import type { SourceArticle, SourceSummary } from '../../../preload/api';
import { useApp } from '../../store';
import { formatDate } from '../../ui/format';
import { LinkedText } from '../../ui/linked-text';
import { SOURCE_KIND_LABELS, SourceIcon } from '../../ui/source-icon';
import './library-articles.css';

/** How many words of an untitled article stand in for its title. */
const TITLE_WORDS = 8;

/** The Articles view: every source quoted or linked in the library, and the articles of the selected one. */
export function LibraryArticles() {
  const sources = useApp((s) => s.sources);
  const status = useApp((s) => s.sourcesStatus);
  const error = useApp((s) => s.sourcesError);
  const loadSources = useApp((s) => s.loadSources);

  useEffect(() => {
    if (status === 'idle') void loadSources();
  }, [status, loadSources]);

  if (status === 'error')
    return (
      <div className="library-articles la-state">
        <h1>Articles by source</h1>
        <p role="alert" className="la-error">
          {error}
        </p>
        <button type="button" className="la-button" onClick={() => void loadSources()}>
          Try again
        </button>
      </div>
    );
  if (!sources.length && status !== 'ready')
    return (
      <div className="library-articles la-state">
        <p role="status">Loading the sources…</p>
      </div>
    );
  if (!sources.length) return <NoSources />;
  return (
    <div className="library-articles">
      <SourceList />
      <SourceArticles />
    </div>
  );
}

function NoSources() {
  const postCount = useApp((s) => s.posts.length);
  return (
    <div className="library-articles la-state">
      <h1>Articles by source</h1>
      {postCount ? (
        <p>
          No quoted articles or links were found in this library’s {postCount} {postCount === 1 ? 'post' : 'posts'}.
          Switch to the Reader to read them, or use Open Folder… to open another library.
        </p>
      ) : (
        <p>This library has no posts yet. Use Open Folder… in the toolbar to open a folder of saved posts.</p>
      )}
    </div>
  );
}

/** The left column: the sources, narrowed by the filter box. */
function SourceList() {
  const sources = useApp((s) => s.sources);
  const filter = useApp((s) => s.sourceFilter);
  const setFilter = useApp((s) => s.setSourceFilter);
  const selectedKey = useApp((s) => s.selectedSourceKey);
  const selectSource = useApp((s) => s.selectSource);
  const filterId = useId();
  const shown = useMemo(() => filterSources(sources, filter), [sources, filter]);
  const articles = sources.reduce((n, s) => n + s.articleCount, 0);
  const links = sources.reduce((n, s) => n + s.linkCount, 0);

  return (
    <section className="la-sources" aria-labelledby="la-sources-heading">
      <div className="la-sources-header">
        <h1 id="la-sources-heading">Sources</h1>
        <p className="la-summary" aria-live="polite">
          {shown.length === sources.length
            ? plural(sources.length, 'source')
            : `${shown.length} of ${plural(sources.length, 'source')}`}{' '}
          · {formatCounts(articles, links)}
        </p>
        <label htmlFor={filterId}>Filter sources</label>
        <input
          id={filterId}
          type="search"
          placeholder="Name or site"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {shown.length ? (
        <ul className="la-source-list" aria-label="Sources">
          {shown.map((source) => (
            <li key={source.key}>
              <button
                type="button"
                className="la-source"
                aria-current={source.key === selectedKey ? 'true' : undefined}
                onClick={() => void selectSource(source.key)}
              >
                <SourceIcon kind={source.kind} className="la-source-icon" />
                <span className="la-source-name">{source.name ?? 'Unknown source'}</span>{' '}
                <span className="la-source-counts">{formatCounts(source.articleCount, source.linkCount)}</span>
                {describeSource(source) && <span className="la-source-meta"> {describeSource(source)}</span>}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <div className="la-no-match">
          <p>No source matches “{filter.trim()}”.</p>
          <button type="button" className="la-button" onClick={() => setFilter('')}>
            Clear the filter
          </button>
        </div>
      )}
    </section>
  );
}

/** The right column: the selected source's articles and links, grouped by post, newest first. */
function SourceArticles() {
  const sources = useApp((s) => s.sources);
  const selectedKey = useApp((s) => s.selectedSourceKey);
  const articles = useApp((s) => s.sourceArticles);
  const status = useApp((s) => s.sourceArticlesStatus);
  const error = useApp((s) => s.sourceArticlesError);
  const selectSource = useApp((s) => s.selectSource);
  const posts = useMemo(() => groupByPost(articles), [articles]);
  const source = sources.find((s) => s.key === selectedKey);

  if (!selectedKey || !source)
    return (
      <main className="la-articles" aria-label="Articles">
        <p className="la-empty">Pick a source on the left to see the articles and links from it.</p>
      </main>
    );
  return (
    <main className="la-articles" aria-labelledby="la-source-heading" aria-busy={status === 'loading'}>
      <div className="la-articles-inner">
        <div className="la-source-header">
          <h2 id="la-source-heading">
            <SourceIcon kind={source.kind} className="la-heading-icon" />
            <span>{source.name ?? 'Unknown source'}</span>
          </h2>
          <p className="la-source-sub">
            {[describeSource(source), formatCounts(source.articleCount, source.linkCount)].filter(Boolean).join(' · ')}
          </p>
        </div>
        {status === 'error' ? (
          <div className="la-articles-error">
            <p role="alert" className="la-error">
              {error}
            </p>
            <button type="button" className="la-button" onClick={() => void selectSource(selectedKey)}>
              Try again
            </button>
          </div>
        ) : status === 'loading' && !articles.length ? (
          <p className="la-empty" role="status">
            Loading the articles…
          </p>
        ) : !articles.length ? (
          <p className="la-empty">Nothing from this source is left in this library. Pick another source.</p>
        ) : (
          posts.map((post) => <PostGroup key={post.postId} post={post} />)
        )}
      </div>
    </main>
  );
}

interface PostOfArticles {
  postId: string;
  postTitle: string;
  date: string | null;
  articles: SourceArticle[];
}

function PostGroup({ post }: { post: PostOfArticles }) {
  const headingId = useId();
  return (
    <section className="la-post" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <time dateTime={post.date ?? undefined}>{formatDate(post.date)}</time>{' '}
        <span className="la-post-title">{post.postTitle || '(untitled post)'}</span>
      </h3>
      <ul className="la-entries">
        {post.articles.map((article) => (
          <Entry key={article.articleId} article={article} />
        ))}
      </ul>
    </section>
  );
}

/** One article or link: the button shows it in the reader; its URL opens in the browser. */
function Entry({ article }: { article: SourceArticle }) {
  const showArticleInReader = useApp((s) => s.showArticleInReader);
  const alsoId = useId();
  const { title, preview, untitled } = entryText(article);
  return (
    <li className="la-entry">
      <button
        type="button"
        className="la-entry-main"
        title="Show it in the reader"
        onClick={() => void showArticleInReader(article.postId, article.articleId)}
      >
        <span className={untitled ? 'la-entry-title untitled' : 'la-entry-title'}>{title}</span>{' '}
        {preview && <span className="la-entry-preview">{preview}</span>}
      </button>
      {article.url && (
        <p className="la-entry-url">
          <LinkedText text={article.url} />
        </p>
      )}
      {article.alsoQuotedIn.length > 0 && (
        <div className="la-also">
          <span id={alsoId} className="la-also-label">
            Also quoted in
          </span>
          <ul aria-labelledby={alsoId}>
            {article.alsoQuotedIn.map((other) => (
              <li key={other.articleId}>
                <button type="button" onClick={() => void showArticleInReader(other.postId, other.articleId)}>
                  {other.postTitle || '(untitled post)'}{' '}
                  <time dateTime={other.date ?? undefined}>{formatDate(other.date)}</time>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** "News outlet · theguardian.com"; just the site, or nothing, for the group of unknown sources. */
function describeSource(source: SourceSummary): string {
  return [source.name ? SOURCE_KIND_LABELS[source.kind] : null, source.site].filter(Boolean).join(' · ');
}

function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "12 articles · 3 links", leaving out a zero part ("1 article", "2 links"). */
export function formatCounts(articles: number, links: number): string {
  const parts: string[] = [];
  if (articles || !links) parts.push(plural(articles, 'article'));
  if (links) parts.push(plural(links, 'link'));
  return parts.join(' · ');
}

/** Sources whose name or site holds every word of the filter, ignoring case and accents. */
export function filterSources(sources: SourceSummary[], filter: string): SourceSummary[] {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (!words.length) return sources;
  return sources.filter((source) => {
    const haystack = fold(`${source.name ?? 'Unknown source'} ${source.site ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The articles in order of their post (as main sorts them), and in reading order within a post. */
function groupByPost(articles: SourceArticle[]): PostOfArticles[] {
  const posts = new Map<string, PostOfArticles>();
  for (const article of articles) {
    let post = posts.get(article.postId);
    if (!post)
      posts.set(
        article.postId,
        (post = { postId: article.postId, postTitle: article.postTitle, date: article.date, articles: [] }),
      );
    post.articles.push(article);
  }
  const order = (id: string) => Number(/#a(\d+)$/.exec(id)?.[1] ?? 0);
  for (const post of posts.values()) post.articles.sort((a, b) => order(a.articleId) - order(b.articleId));
  return [...posts.values()];
}

/**
 * The title line and the preview under it. An untitled article's first words stand in for
 * its title and the preview carries on from them; a link shows "Link" and its URL only.
 */
function entryText(article: SourceArticle): { title: string; preview: string | null; untitled: boolean } {
  if (article.kind === 'link') return { title: article.title ?? 'Link', preview: null, untitled: !article.title };
  if (article.title) return { title: article.title, preview: article.preview, untitled: false };
  const words = article.preview.split(/\s+/).filter(Boolean);
  if (words.length <= TITLE_WORDS + 2) return { title: article.preview, preview: null, untitled: true };
  const rest = words.slice(TITLE_WORDS).join(' ');
  return { title: `${words.slice(0, TITLE_WORDS).join(' ')}…`, preview: `…${rest}`, untitled: true };
}
