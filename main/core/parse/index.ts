export { parseSeed } from './parse-seed';
export { decodeSeed } from './decode';
export { parseDateLine } from './dates';
export { slugify, fnv1a } from './post-id';
export type { Block, Comment, Link, Post, Problem, ParseResult } from './types';
export { parsePage, sniff, LIBRARY_EXTENSIONS } from './page';
export type { PageResult, SourceFormat } from './types';
