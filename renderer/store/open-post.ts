import type {
  Comment,
  InternalQuote,
  LibraryArticle,
  Post,
  PostDetail,
  Problem,
  QuotedInPost,
} from '../../preload/api';

/**
 * The open post as the reader shows it. A long post arrives in parts (see PostDetail): its
 * beginning, shown at once; then the rest of its thread and what it quotes, merged in here as
 * they come. Each merge makes a new object, so everything computed from it follows.
 */
export interface OpenPost {
  /** The post; `comments` are those arrived so far (the first `post.comments.length` of `commentTotal`). */
  post: Post;
  /** Top-level comments in the whole thread. */
  commentTotal: number;
  /** Quoted articles and bare links, in reading order; empty until found. */
  articles: LibraryArticle[];
  /** Passages in comments that quote the post or another comment; empty until found. */
  quotes: InternalQuote[];
  /** 'finding' until the articles and quotes of a long post arrive; 'failed' when they could not be found. */
  articlesStatus: 'finding' | 'found' | 'failed';
  /** Why the articles could not be found, for the user; null unless that failed. */
  articlesError: string | null;
  /** Why the rest of the thread could not be loaded, for the user; null unless that failed. */
  restError: string | null;
  /** Problems of this post's file. */
  problems: Problem[];
  /** The files holding the post: the one it is read from, then its other forms (PostDetail.sources). */
  sources: PostDetail['sources'];
}

/** The open post from the first answer of `posts.get`. */
export function openPostFrom(detail: PostDetail): OpenPost {
  return {
    post: detail.post,
    commentTotal: detail.commentTotal,
    sources: detail.sources,
    articles: detail.quoted?.articles ?? [],
    quotes: detail.quoted?.quotes ?? [],
    articlesStatus: detail.quoted ? 'found' : 'finding',
    articlesError: null,
    restError: null,
    problems: detail.problems,
  };
}

/** True once every top-level comment of the thread is here. */
export const threadComplete = (open: OpenPost): boolean => open.post.comments.length >= open.commentTotal;

/** True while more of the thread is on its way (not once it failed to come). */
export const commentsToCome = (open: OpenPost): boolean => !threadComplete(open) && open.restError === null;

/** True while part of the post is still to come: the rest of its thread, or its articles. */
export const stillArriving = (open: OpenPost): boolean => commentsToCome(open) || open.articlesStatus === 'finding';

/** The open post with the rest of its thread (the top-level comments after those it has). */
export function withRestOfThread(open: OpenPost, rest: Comment[]): OpenPost {
  return { ...open, post: { ...open.post, comments: [...open.post.comments, ...rest] } };
}

/** The open post with its articles and internal quotes. */
export function withQuoted(open: OpenPost, quoted: QuotedInPost): OpenPost {
  return { ...open, articles: quoted.articles, quotes: quoted.quotes, articlesStatus: 'found' };
}

/** The open post whose rest of the thread could not be loaded: what is here stays, with the reason. */
export const withRestError = (open: OpenPost, message: string): OpenPost => ({ ...open, restError: message });

/** The open post whose articles could not be found: the thread stays, with the reason. */
export const withArticlesError = (open: OpenPost, message: string): OpenPost => ({
  ...open,
  articlesStatus: 'failed',
  articlesError: message,
});
