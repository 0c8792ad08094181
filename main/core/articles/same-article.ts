import { normalise } from './text';
import { absoluteUrl } from './urls';
import type { Article } from './types';

/** Words per shingle: five-word windows survive small edits but rarely repeat across different texts. */
const SHINGLE_WORDS = 5;
/** Texts shorter than this many words are too short to call the same article by their words alone. */
const MIN_WORDS = 40;
/** MinHash signature: BANDS × ROWS values; two texts share a band bucket with high probability at Jaccard ≥ ~0.55. */
const BANDS = 10;
const ROWS = 4;
/** Near-identical: at least this share of the signatures agree (an estimate of the shingle Jaccard similarity). */
const MIN_SIMILARITY = 0.7;

/** A text's MinHash signature: what the library index stores to find the same article again without the text. */
export type Fingerprint = number[];

/** One article of the library, with the post it is in. */
export interface PlacedArticle {
  postId: string;
  article: Article;
}

/** What grouping needs of an article: its id, its URL key, and the fingerprint of its text. */
export interface ArticleKey {
  id: string;
  urlKey: string | null;
  fingerprint: Fingerprint | null;
}

/** A URL reduced to what identifies the page: no scheme, "www.", fragment, tracking parameters or trailing slash. */
export function urlKey(raw: string): string | null {
  const absolute = absoluteUrl(raw);
  if (!absolute) return null;
  const url = new URL(absolute);
  for (const name of [...url.searchParams.keys()]) if (/^utm_|^fbclid$|^gclid$/i.test(name)) url.searchParams.delete(name);
  const query = url.searchParams.toString();
  return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`.toLowerCase();
}

/** 32-bit FNV-1a of a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The set of hashed five-word shingles of a text. */
export function shingles(text: string): Set<number> {
  const words = normalise(text).split(' ').filter(Boolean);
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(hash32(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return set;
}

/** Fixed odd multipliers and offsets for the MinHash permutations (deterministic across runs). */
const PERMUTATIONS = Array.from({ length: BANDS * ROWS }, (_, i) => ({ a: (hash32(`a${i}`) | 1) >>> 0, b: hash32(`b${i}`) }));

function signature(set: Set<number>): number[] {
  const mins = PERMUTATIONS.map(() => 0xffffffff);
  for (const h of set) {
    for (let p = 0; p < PERMUTATIONS.length; p++) {
      const v = (Math.imul(h, PERMUTATIONS[p]!.a) + PERMUTATIONS[p]!.b) >>> 0;
      if (v < mins[p]!) mins[p] = v;
    }
  }
  return mins;
}

/** The fingerprint of an article's text, or null when it is too short to tell by its words. */
export function fingerprintOf(text: string): Fingerprint | null {
  const set = shingles(text);
  return set.size < MIN_WORDS - SHINGLE_WORDS + 1 ? null : signature(set);
}

/** Estimated Jaccard similarity of two texts from their fingerprints. */
function similarity(a: Fingerprint, b: Fingerprint): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** The grouping key of an article. */
export function articleKey(article: Article): ArticleKey {
  return {
    id: article.id,
    urlKey: article.url ? urlKey(article.url) : null,
    fingerprint: article.kind === 'article' ? fingerprintOf(article.text) : null,
  };
}

/**
 * Groups the articles of a library that are the same piece quoted in several places: the same
 * URL, or near-identical text (five-word shingles; MinHash with banding finds candidate pairs
 * without comparing every pair, and the signatures estimate how similar they are). Returns, for
 * each article in a group of two or more, the ids of the others.
 */
export function groupSameArticles(items: PlacedArticle[]): Map<string, string[]> {
  return groupByKeys(items.map(({ article }) => articleKey(article)));
}

/** The same grouping from stored keys (the library index keeps keys, not texts). */
export function groupByKeys(keys: ArticleKey[]): Map<string, string[]> {
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byUrl = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key.urlKey) {
      const seen = byUrl.get(key.urlKey);
      if (seen === undefined) byUrl.set(key.urlKey, i);
      else union(seen, i);
    }
    const sig = key.fingerprint;
    if (!sig) return;
    for (let band = 0; band < BANDS; band++) {
      const bucket = `${band}:${sig.slice(band * ROWS, band * ROWS + ROWS).join(',')}`;
      const members = buckets.get(bucket);
      if (members) members.push(i);
      else buckets.set(bucket, [i]);
    }
  });

  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [a, b] = [members[x]!, members[y]!];
        if (find(a) !== find(b) && similarity(keys[a]!.fingerprint!, keys[b]!.fingerprint!) >= MIN_SIMILARITY) union(a, b);
      }
    }
  }

  const groups = new Map<number, number[]>();
  keys.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  const others = new Map<string, string[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const i of group)
      others.set(
        keys[i]!.id,
        group.filter((j) => j !== i).map((j) => keys[j]!.id),
      );
  }
  return others;
}
