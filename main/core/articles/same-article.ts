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
  /** The index reads it back as a Uint32Array view of the stored bytes. */
  fingerprint: Fingerprint | Uint32Array | null;
}

/** A URL reduced to what identifies the page: no scheme, "www.", fragment, tracking parameters or trailing slash. */
export function urlKey(raw: string): string | null {
  const absolute = absoluteUrl(raw);
  if (!absolute) return null;
  const url = new URL(absolute);
  for (const name of [...url.searchParams.keys()])
    if (/^utm_|^fbclid$|^gclid$/i.test(name)) url.searchParams.delete(name);
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

/** What a UTF-16 unit at or above 128 is to the word splitter, found once: 0 not yet known, 1 letter or digit, 2 apostrophe (dropped), 3 separator. */
const unitKind = new Uint8Array(65536);
/** A letter's lower case, by unit (filled as letters are met). */
const unitLower: string[] = [];

function kindOf(unit: number): number {
  let kind = unitKind[unit]!;
  if (kind === 0) {
    const ch = String.fromCharCode(unit);
    kind = APOSTROPHE.test(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 3;
    if (kind === 1) unitLower[unit] = ch.toLowerCase();
    unitKind[unit] = kind;
  }
  return kind;
}

/**
 * The hash of each five-word shingle of a text, in order (repeats kept). A word is what
 * normalise() makes of it (lower case, apostrophes dropped, anything but letters and digits
 * separates words), hashed with FNV-1a as its characters are read: no string is built per
 * word, and nothing is called per character (this runs over every quoted article of a
 * library). A shingle combines its words' hashes, with murmur3's finaliser so that the MinHash
 * permutations see well-spread values.
 */
function shingleHashes(text: string): { hashes: Uint32Array; count: number } {
  let hashes = new Uint32Array(256);
  let count = 0;
  const window = new Uint32Array(SHINGLE_WORDS);
  let words = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    if (i < length) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        if (c >= 65 && c <= 90) c += 32;
        else if (c === 39 || c === 96) continue;
        else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) c = -1;
        if (c >= 0) {
          h = Math.imul(h ^ c, 0x01000193);
          inWord = true;
          continue;
        }
      } else {
        const kind = kindOf(c);
        if (kind === 2) continue;
        if (kind === 1) {
          const lower = unitLower[c]!;
          for (let k = 0; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k), 0x01000193);
          inWord = true;
          continue;
        }
      }
    }
    // A separator (or the end): the word just read, if any, ends a shingle.
    if (!inWord) continue;
    window[words % SHINGLE_WORDS] = h >>> 0;
    words++;
    h = 0x811c9dc5;
    inWord = false;
    if (words < SHINGLE_WORDS) continue;
    let s = 0x811c9dc5;
    for (let j = words - SHINGLE_WORDS; j < words; j++) s = Math.imul(s ^ window[j % SHINGLE_WORDS]!, 0x01000193);
    s ^= s >>> 16;
    s = Math.imul(s, 0x85ebca6b);
    s ^= s >>> 13;
    s = Math.imul(s, 0xc2b2ae35);
    s ^= s >>> 16;
    if (count === hashes.length) {
      const grown = new Uint32Array(count * 2);
      grown.set(hashes);
      hashes = grown;
    }
    hashes[count++] = s >>> 0;
  }
  return { hashes, count };
}

/** The set of hashed five-word shingles of a text. */
export function shingles(text: string): Set<number> {
  const { hashes, count } = shingleHashes(text);
  return new Set(hashes.subarray(0, count));
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
  const { hashes, count } = shingleHashes(text);
  const enough = MIN_WORDS - SHINGLE_WORDS + 1;
  if (count < enough || (count < 4 * enough && new Set(hashes.subarray(0, count)).size < enough)) return null;
  // Four permutations at a time over all the shingles, in a tight loop (this is most of the
  // work): a quarter of the passes over the hashes of one at a time. BANDS × ROWS is a multiple of four.
  const mins: number[] = [];
  for (let p = 0; p < PERMUTATION_A.length; p += 4) {
    const a0 = PERMUTATION_A[p]!;
    const b0 = PERMUTATION_B[p]!;
    const a1 = PERMUTATION_A[p + 1]!;
    const b1 = PERMUTATION_B[p + 1]!;
    const a2 = PERMUTATION_A[p + 2]!;
    const b2 = PERMUTATION_B[p + 2]!;
    const a3 = PERMUTATION_A[p + 3]!;
    const b3 = PERMUTATION_B[p + 3]!;
    let m0 = 0xffffffff;
    let m1 = 0xffffffff;
    let m2 = 0xffffffff;
    let m3 = 0xffffffff;
    for (let i = 0; i < count; i++) {
      const x = hashes[i]!;
      const v0 = (Math.imul(x, a0) + b0) >>> 0;
      if (v0 < m0) m0 = v0;
      const v1 = (Math.imul(x, a1) + b1) >>> 0;
      if (v1 < m1) m1 = v1;
      const v2 = (Math.imul(x, a2) + b2) >>> 0;
      if (v2 < m2) m2 = v2;
      const v3 = (Math.imul(x, a3) + b3) >>> 0;
      if (v3 < m3) m3 = v3;
    }
    mins.push(m0, m1, m2, m3);
  }
  return mins;
}

/** Estimated Jaccard similarity of two texts from their fingerprints. */
function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** How many LSH bands a fingerprint has: an article has one bucket per band (bandBucket()). */
export const BAND_COUNT = BANDS;

/**
 * The bucket of band `band` of a fingerprint: the band number and its rows hashed into 53 bits
 * (an exact double, and an exact SQLite integer: the index stores it, schema.ts article_bands).
 * Two fingerprints whose band rows agree share the bucket; two that share it by chance are told
 * apart by sameArticleText(), which compares the rows themselves.
 */
export function bandBucket(sig: ArrayLike<number>, band: number): number {
  let high = Math.imul(0x811c9dc5 ^ band, 0x01000193);
  let low = Math.imul(0x9e3779b9 ^ band, 0x85ebca6b);
  for (let r = band * ROWS; r < band * ROWS + ROWS; r++) {
    high = Math.imul(high ^ sig[r]!, 0x01000193);
    low = Math.imul((low ^ sig[r]!) + (low >>> 15), 0xc2b2ae35);
  }
  return (high >>> 0) * 0x200000 + ((low >>> 0) >>> 11);
}

/**
 * Whether two fingerprinted texts found in the same bucket of band `band` are the same article:
 * the band's rows agree (a candidate pair of the LSH, whatever the hash), and enough of the
 * signatures agree. With "same URL key", the only link grouping makes between two articles.
 */
export function sameArticleText(a: ArrayLike<number>, b: ArrayLike<number>, band: number): boolean {
  for (let r = band * ROWS; r < band * ROWS + ROWS; r++) if (a[r] !== b[r]) return false;
  return similarity(a, b) >= MIN_SIMILARITY;
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

/** The same grouping from stored keys (the library index keeps keys, not texts): for each article in a group, the others. */
export function groupByKeys(keys: ArticleKey[]): Map<string, string[]> {
  const others = new Map<string, string[]>();
  for (const group of groupsOfKeys(keys))
    for (const id of group)
      others.set(
        id,
        group.filter((other) => other !== id),
      );
  return others;
}

/**
 * The groups of two or more articles that are the same piece, each as its members' ids (in key
 * order): the connected components of the links between articles, where two are linked when
 * they have the same URL key, or when the rows of some band of their fingerprints agree and
 * enough of the fingerprints agree (sameArticleText()). The index finds the same components from
 * a change outwards (index/regroup.ts), through the buckets it stores.
 */
export function groupsOfKeys(keys: ArticleKey[]): string[][] {
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byUrl = new Map<string, number>();
  const signed: number[] = [];
  keys.forEach((key, i) => {
    if (key.urlKey) {
      const seen = byUrl.get(key.urlKey);
      if (seen === undefined) byUrl.set(key.urlKey, i);
      else union(seen, i);
    }
    if (key.fingerprint) signed.push(i);
  });

  // Candidate pairs share a band: for each band, every signed article's slot is its band's hash
  // and its index in one exact double (hash above, index below), and sorting the slots
  // natively puts each bucket's members side by side. (A Map of buckets, an array each, would
  // be most of the grouping's time and memory.) The hash keeps what the index leaves of 53 bits,
  // 32 or more up to two million articles: two bands that share a bucket by chance cost one
  // more comparison, which finds their band rows differ (sameArticleText()).
  const indexBits = Math.max(1, Math.ceil(Math.log2(keys.length + 1)));
  const scale = 2 ** indexBits;
  const slots = new Float64Array(signed.length);
  for (let band = 0; band < BANDS; band++) {
    for (let j = 0; j < signed.length; j++) {
      const bucket = Math.floor(bandBucket(keys[signed[j]!]!.fingerprint!, band) / scale);
      slots[j] = bucket * scale + signed[j]!;
    }
    slots.sort();
    for (let start = 0; start < slots.length;) {
      const bucket = Math.floor(slots[start]! / scale);
      let end = start + 1;
      while (end < slots.length && Math.floor(slots[end]! / scale) === bucket) end++;
      for (let x = start; x < end; x++) {
        const a = slots[x]! % scale;
        for (let y = x + 1; y < end; y++) {
          const b = slots[y]! % scale;
          if (find(a) !== find(b) && sameArticleText(keys[a]!.fingerprint!, keys[b]!.fingerprint!, band)) union(a, b);
        }
      }
      start = end;
    }
  }

  const groups = new Map<number, number[]>();
  keys.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].filter((group) => group.length > 1).map((group) => group.map((i) => keys[i]!.id));
}
