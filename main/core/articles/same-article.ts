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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const APOSTROPHE = /['’‘`´]/;

/**
 * Calls `word` with the FNV-1a hash of each word of a text as normalise() splits it (lower case,
 * apostrophes dropped, anything but letters and digits separates words), in one pass over the
 * characters: no string is built per word (this runs over every quoted article of a library).
 */
function eachWordHash(text: string, word: (hash: number) => void): void {
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c === 39 || c === 96) continue;
      else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        if (inWord) word(h >>> 0);
        h = 0x811c9dc5;
        inWord = false;
        continue;
      }
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    const ch = text[i]!;
    if (APOSTROPHE.test(ch)) continue;
    if (!LETTER_OR_DIGIT.test(ch)) {
      if (inWord) word(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
      continue;
    }
    const lower = ch.toLowerCase();
    for (let k = 0; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k), 0x01000193);
    inWord = true;
  }
  if (inWord) word(h >>> 0);
}

/** Each five-word shingle's hash, combining its words' hashes, with a finaliser (murmur3's) so the MinHash permutations see well-spread values. */
function eachShingle(text: string, shingle: (hash: number) => void): void {
  const window = new Uint32Array(SHINGLE_WORDS);
  let count = 0;
  eachWordHash(text, (wordHash) => {
    window[count % SHINGLE_WORDS] = wordHash;
    count++;
    if (count < SHINGLE_WORDS) return;
    let h = 0x811c9dc5;
    for (let j = count - SHINGLE_WORDS; j < count; j++) h = Math.imul(h ^ window[j % SHINGLE_WORDS]!, 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    shingle(h >>> 0);
  });
}

/** The set of hashed five-word shingles of a text. */
export function shingles(text: string): Set<number> {
  const set = new Set<number>();
  eachShingle(text, (h) => set.add(h));
  return set;
}

/** Fixed odd multipliers and offsets for the MinHash permutations (deterministic across runs). */
const PERMUTATION_A = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => (hash32(`a${i}`) | 1) >>> 0);
const PERMUTATION_B = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => hash32(`b${i}`));

/**
 * The fingerprint of an article's text (its MinHash signature over its shingles), or null when it
 * is too short to tell by its words. A repeated shingle leaves the minimums as they are, so
 * distinct shingles are only counted when the text is near the length limit.
 */
export function fingerprintOf(text: string): Fingerprint | null {
  let hashes = new Uint32Array(256);
  let count = 0;
  eachShingle(text, (h) => {
    if (count === hashes.length) {
      const grown = new Uint32Array(count * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[count++] = h;
  });
  const enough = MIN_WORDS - SHINGLE_WORDS + 1;
  if (count < enough || (count < 4 * enough && new Set(hashes.subarray(0, count)).size < enough)) return null;
  // One permutation at a time over all the shingles: a tight loop (this is most of the work).
  const mins: number[] = [];
  for (let p = 0; p < PERMUTATION_A.length; p++) {
    const a = PERMUTATION_A[p]!;
    const b = PERMUTATION_B[p]!;
    let min = 0xffffffff;
    for (let i = 0; i < count; i++) {
      const v = (Math.imul(hashes[i]!, a) + b) >>> 0;
      if (v < min) min = v;
    }
    mins.push(min);
  }
  return mins;
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
