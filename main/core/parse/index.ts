export { parseSeed } from './parse-seed';
export { decodeSeed } from './decode';
export { parseDateLine } from './dates';
export { slugify, fnv1a } from './post-id';
export type { Block, Comment, Post, Problem, ParseResult } from './types';
