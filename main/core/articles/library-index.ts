import type { Post } from '../parse';
import { extractArticles } from './extract';
import { groupSameArticles, type PlacedArticle } from './same-article';
import { sourceKey } from './sources';
import type {
  Article,
  LibraryArticle,
  PostArticles,
  QuotedElsewhere,
  Source,
  SourceArticle,
  SourceSummary,
} from './types';

/** How many characters of an article a list row shows. */
const PREVIEW_LENGTH = 200;

/** What a list row shows of an article: its first words on one line, or a link's URL. */
export function previewOf(article: Article): string {
  if (article.kind !== 'link') {
    // Most texts are far longer than a preview: collapse only their start. Its collapsed form starts
    // the whole text's (a whitespace run cut at the end is still one space), so with at least two
    // characters to spare (the whole text's trim may drop a trailing space) the preview is the same.
    const head = article.text
      .slice(0, 4 * PREVIEW_LENGTH)
      .replace(/\s+/g, ' ')
      .trimStart();
    if (head.length > PREVIEW_LENGTH + 1) return `${head.slice(0, PREVIEW_LENGTH)}…`;
  }
  const text = article.kind === 'link' ? (article.url ?? '') : article.text.replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

/** Sources most quoted first (articles, then links), the unknown ones last. */
export function compareSources(a: SourceSummary, b: SourceSummary): number {
  if ((a.key === 'unknown') !== (b.key === 'unknown')) return a.key === 'unknown' ? 1 : -1;
  return b.articleCount - a.articleCount || b.linkCount - a.linkCount || (a.name ?? '').localeCompare(b.name ?? '');
}

/** n of an id "…#a{n}", for reading order. */
const articleNumber = (id: string): number => Number(/#a(\d+)$/.exec(id)?.[1] ?? 0);

/** The key of a source in the Articles view: its name reduced, or "unknown". */
export const keyOfSource = (source: Source): string => (source.name ? sourceKey(source.name) || 'unknown' : 'unknown');

/** The quoted articles of a whole library: per post, grouped by source, and the same piece found in several posts. */
export interface ArticleIndex {
  /** A post's articles (with "also quoted in") and internal quotes. */
  ofPost(postId: string): { articles: LibraryArticle[]; quotes: PostArticles['quotes'] } | null;
  sources(): SourceSummary[];
  bySource(key: string): SourceArticle[];
}

/** Extracts every post's articles once and links the same piece across posts. */
export function buildArticleIndex(posts: Post[]): ArticleIndex {
  const byPost = new Map<string, PostArticles>();
  const postOf = new Map<string, Post>();
  const placed: PlacedArticle[] = [];
  for (const post of posts) {
    const found = extractArticles(post);
    byPost.set(post.id, found);
    for (const article of found.articles) {
      postOf.set(article.id, post);
      placed.push({ postId: post.id, article });
    }
  }
  const same = groupSameArticles(placed);
  const articleById = new Map(placed.map((p) => [p.article.id, p.article]));

  const elsewhere = (article: Article): QuotedElsewhere[] => {
    const own = postOf.get(article.id)!;
    const seen = new Set<string>([own.id]);
    const result: QuotedElsewhere[] = [];
    for (const id of same.get(article.id) ?? []) {
      const post = postOf.get(id)!;
      if (seen.has(post.id)) continue;
      seen.add(post.id);
      result.push({ postId: post.id, postTitle: post.title, date: post.date, articleId: id });
    }
    return result.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  };
  const withElsewhere = (article: Article): LibraryArticle => ({ ...article, alsoQuotedIn: elsewhere(article) });

  const groups = new Map<string, { summary: SourceSummary; articles: Article[] }>();
  for (const { article } of placed) {
    const key = keyOfSource(article.source);
    let group = groups.get(key);
    if (!group) {
      const { name, kind, site } =
        key === 'unknown' ? { name: null, kind: 'unknown' as const, site: null } : article.source;
      group = { summary: { key, name, kind, site, articleCount: 0, linkCount: 0 }, articles: [] };
      groups.set(key, group);
    }
    group.articles.push(article);
    if (article.kind === 'article') group.summary.articleCount++;
    else group.summary.linkCount++;
    if (!group.summary.site && article.source.site) group.summary.site = article.source.site;
  }

  return {
    ofPost(postId) {
      const found = byPost.get(postId);
      return found ? { articles: found.articles.map(withElsewhere), quotes: found.quotes } : null;
    },
    sources() {
      return [...groups.values()].map((g) => g.summary).sort(compareSources);
    },
    bySource(key) {
      const group = groups.get(key);
      if (!group) return [];
      return group.articles
        .map((article): SourceArticle => {
          const post = postOf.get(article.id)!;
          return {
            articleId: article.id,
            postId: post.id,
            postTitle: post.title,
            date: post.date,
            kind: article.kind,
            title: article.title,
            url: article.url,
            preview: previewOf(article),
            alsoQuotedIn: elsewhere(articleById.get(article.id)!),
          };
        })
        .sort(
          (a, b) =>
            (b.date ?? '').localeCompare(a.date ?? '') ||
            a.postId.localeCompare(b.postId) ||
            articleNumber(a.articleId) - articleNumber(b.articleId),
        );
    },
  };
}
