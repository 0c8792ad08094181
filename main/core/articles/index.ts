export { articlesOf, extractArticles, dashHeadline } from './extract';
export { sourceFromIntro, signOff, isHeadline } from './attribution';
export { canonicalSource, knownSource, siteOf, sourceOfUrl, findMentions, sourceKey } from './sources';
export { SOURCE_TABLE, type KnownSource } from './source-table';
export { absoluteUrl, findUrls, isOnlyUrl, titleFromUrl } from './urls';
export type {
  Article,
  ArticleLocation,
  InternalQuote,
  LibraryArticle,
  PostArticles,
  QuotedElsewhere,
  QuotedInPost,
  Source,
  SourceArticle,
  SourceKind,
  SourceSummary,
  TextSpan,
} from './types';
export { buildArticleIndex, compareSources, keyOfSource, previewOf, type ArticleIndex } from './library-index';
export {
  articleKey,
  BAND_COUNT,
  bandBucket,
  fingerprintOf,
  groupByKeys,
  groupsOfKeys,
  groupSameArticles,
  sameArticleText,
  shingles,
  urlKey,
  type ArticleKey,
  type Fingerprint,
} from './same-article';
