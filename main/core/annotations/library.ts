/**
 * Annotations meet a library: finding a post's texts, making an annotation from a quote, and
 * anchoring a post's annotations again after its file changed.
 */
import { articlesOf } from '../articles';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UserError } from '../errors';
import { readPage, readSeedBytes } from '../library';
import type { Post } from '../parse';
import { companionsFor, parsePage } from '../parse/page';
import { anchor, describeRange, findTypedQuote, type PartTexts } from './anchor';
import { articlePart, BODY_PART, commentPart, describePart, parsePart } from '../shared/part-keys';
import { partTexts } from './parts';
import type { AnnotationStore, Colour } from './store';
import type { Annotation } from './types';

/** A post as annotations need it: its index id, title, date and current texts. */
export interface PostTexts {
  postId: string;
  /** The sha1 of the file read (as the index hashes it); null when not read from a file. */
  hash: string | null;
  title: string;
  date: string | null;
  parts: PartTexts;
}

/** Where a post is read from: its file, and its place among the file's posts (Post.part). */
export interface PostPlace {
  file: string;
  part: number;
}

/** Reads and parses a post's file: the post's texts by part. Null when the file can no longer be read. */
export async function loadPostTexts(root: string, postId: string, place: PostPlace): Promise<PostTexts | null> {
  const read = await readSeedBytes(root, place.file);
  // A feed too big to read at once is read as a stream, unhashed.
  const post = (
    read.bytes
      ? parsePage(read.bytes, place.file, companionsFor(join(root, place.file), read.bytes))
      : await readPage(root, place.file)
  ).posts[place.part];
  if (!post) return null;
  return {
    ...postTextsOf(post, postId),
    hash: read.bytes ? createHash('sha1').update(read.bytes).digest('hex') : null,
  };
}

export function postTextsOf(post: Post, postId = post.id): PostTexts {
  return { postId, hash: null, title: post.title, date: post.date, parts: partTexts(post, articlesOf(post)) };
}

/** A part key from what a person types: "body", "3.2" or "comment:3.2", an article id or "article:<id>". */
export function partKeyOf(input: string, parts: PartTexts): string {
  const candidates = [input, commentPart(input), articlePart(input), input.replace(/^post$/, BODY_PART)];
  const found = candidates.find((key) => parts.has(key));
  if (found) return found;
  const comments = [...parts.keys()].filter((k) => parsePart(k)?.kind === 'comment').length;
  throw new UserError(
    'not-found',
    `There is no part "${input}" in this post: use "body", a comment id such as "3.2" (it has ${comments} comments and replies), or an article id.`,
  );
}

/**
 * Makes a highlight of the exact words `quote` in a part (its first occurrence; a quote found
 * more than once must be longer to say which).
 */
export function addQuote(
  store: AnnotationStore,
  library: string,
  post: PostTexts,
  partInput: string,
  quote: string,
  extra: { note?: string; tags?: string[]; colour?: Colour } = {},
): Annotation {
  const part = partKeyOf(partInput, post.parts);
  const text = post.parts.get(part)!;
  // The words as typed, across any spacing; what is stored is the file's own text.
  const found = findTypedQuote(text, quote);
  if (!found.length)
    throw new UserError(
      'not-found',
      `${describePart(part)} does not hold the words "${quote.slice(0, 80)}": give them as written (spacing may differ).`,
    );
  if (found.length > 1)
    throw new UserError(
      'ambiguous',
      `The words "${quote.slice(0, 80)}" occur more than once in ${describePart(part)}: quote more of the passage so it is found once.`,
    );
  const { start, end } = found[0]!;
  return store.add({
    library,
    postId: post.postId,
    postTitle: post.title,
    postDate: post.date,
    part,
    kind: 'highlight',
    selectors: describeRange(text, start, end),
    ...extra,
  });
}

/** The selectors of a flag on a whole part: its opening words, to follow it when comment ids shift. */
export function flagSelectors(text: string) {
  return describeRange(text, 0, Math.min(text.length, 160));
}

/** Anchors every annotation of a post (the bin's too) in its current texts and records where each landed. */
export function reanchorPost(store: AnnotationStore, library: string, post: PostTexts): Annotation[] {
  const annotations = [
    ...store.list({ library, postId: post.postId }),
    ...store.list({ library, postId: post.postId, deleted: true }),
  ];
  store.setAnchors(
    annotations.map((a) => {
      if (!a.quote || !a.position) {
        // A flag without a quote marks a part by its key: it stands while the part is there.
        return post.parts.has(a.part)
          ? { id: a.id, state: 'exact' as const, part: a.part, start: null, end: null }
          : { id: a.id, state: 'orphan' as const, part: null, start: null, end: null };
      }
      const found = anchor(post.parts, a.part, { quote: a.quote, position: a.position });
      return found.state === 'orphan'
        ? { id: a.id, state: 'orphan', part: null, start: null, end: null }
        : { id: a.id, ...found };
    }),
    post.hash,
  );
  return store.list({ library, postId: post.postId });
}

/**
 * Anchors again the annotations of every post named (all annotated posts when null) whose
 * file `locate` finds; the annotations of a post no longer in the library become orphans.
 * A post whose file hash (`hashOf`, the index's) is the one its annotations were last anchored
 * in is left alone: nothing to read or parse.
 */
export async function reanchorLibrary(
  store: AnnotationStore,
  library: string,
  locate: (postId: string) => PostPlace | null,
  postIds: Iterable<string> | null = null,
  hashOf: (postId: string) => string | null = () => null,
): Promise<{ posts: number; unchanged: number; exact: number; fuzzy: number; orphan: number }> {
  const ids = postIds ? new Set(postIds) : new Set(store.list({ library }).map((a) => a.postId));
  const counts = { posts: 0, unchanged: 0, exact: 0, fuzzy: 0, orphan: 0 };
  for (const postId of ids) {
    const place = locate(postId);
    const known = place ? hashOf(postId) : null;
    const unchanged = known !== null && store.anchorHash(library, postId) === known;
    const texts = place && !unchanged ? await loadPostTexts(library, postId, place) : null;
    const result = unchanged
      ? store.list({ library, postId })
      : texts
        ? reanchorPost(store, library, texts)
        : (() => {
            const gone = store.list({ library, postId });
            store.setAnchors(
              gone.map((a) => ({ id: a.id, state: 'orphan' as const, part: null, start: null, end: null })),
            );
            return store.list({ library, postId });
          })();
    if (!result.length) continue;
    counts.posts++;
    if (unchanged) counts.unchanged++;
    for (const a of result) counts[a.anchor.state]++;
  }
  return counts;
}
