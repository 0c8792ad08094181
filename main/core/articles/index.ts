export { extractArticles, sourceFromIntro } from './extract';
export { absoluteUrl, findUrls, isOnlyUrl, siteOf, titleFromUrl } from './urls';
export type { Article, ArticleLocation } from './types';
