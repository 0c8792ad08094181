/**
 * Links into a thread: `threadline://<library>/<post id>` for a post, with `#c<comment id>`
 * ("#c3.2") for a comment or reply and `#a<annotation id>` for an annotation.
 *
 * `<library>` is the library's link id (see main/core/link-target.ts): `seeds` for the bundled
 * library, else the first 16 hex digits of the SHA-1 of the folder's absolute path (the name of
 * its index file), so a link names a library without showing where it is on disk. The post id
 * is percent-encoded. Built by the renderer (Copy link) and main (Markdown exports), read by
 * main, the command line and the renderer, so both sides take it from here. Pure: no Node APIs.
 */

/** The scheme registered with the system for these links. */
export const LINK_SCHEME = 'threadline';

/** What a link points at: a post, or a comment or an annotation in it. */
export interface ThreadLink {
  /** The library's link id: "seeds" or 16 lower-case hex digits. */
  library: string;
  /** The post's id (Post.id). */
  postId: string;
  /** A comment or reply by its path id ("3", "3.2"); absent for the post or an annotation. */
  commentId?: string;
  /** An annotation's id (a UUID); absent for the post or a comment. */
  annotationId?: string;
}

const LIBRARY_ID = /^(?:seeds|[0-9a-f]{16})$/;
const COMMENT_ID = /^\d{1,6}(?:\.\d{1,6}){0,8}$/;
const ANNOTATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Links longer than this are refused (a post id is at most 1024 characters). */
const MAX_LINK = 4096;

/** The link of a post, comment or annotation. Throws on a library id, comment id or annotation id of the wrong shape. */
export function buildLink(link: ThreadLink): string {
  if (!LIBRARY_ID.test(link.library)) throw new Error(`"${link.library}" is not a library link id`);
  if (!link.postId) throw new Error('a link needs a post id');
  if (link.commentId !== undefined && link.annotationId !== undefined)
    throw new Error('a link points at a comment or an annotation, not both');
  if (link.commentId !== undefined && !COMMENT_ID.test(link.commentId))
    throw new Error(`"${link.commentId}" is not a comment id`);
  if (link.annotationId !== undefined && !ANNOTATION_ID.test(link.annotationId))
    throw new Error(`"${link.annotationId}" is not an annotation id`);
  const fragment =
    link.commentId !== undefined
      ? `#c${link.commentId}`
      : link.annotationId !== undefined
        ? `#a${link.annotationId}`
        : '';
  return `${LINK_SCHEME}://${link.library}/${encodeURIComponent(link.postId)}${fragment}`;
}

/** Why a text is not a Threadline link, in words for the person who gave it. */
export type LinkProblem = { ok: false; reason: string };

/**
 * Reads a Threadline link; says why when it is not one. Accepts what `buildLink` makes, with the
 * scheme in any case and surrounding white space ignored; nothing else (no query, no extra path).
 */
export function parseLink(text: string): { ok: true; link: ThreadLink } | LinkProblem {
  const input = text.trim();
  const fail = (reason: string): LinkProblem => ({ ok: false, reason });
  if (input.length > MAX_LINK) return fail(`it is longer than ${MAX_LINK} characters`);
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)\/([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(input);
  if (!match || match[1]!.toLowerCase() !== LINK_SCHEME)
    return fail(`it does not start with ${LINK_SCHEME}://<library>/<post id>`);
  const [, , library = '', encodedPost = '', query, hash] = match;
  if (!LIBRARY_ID.test(library)) return fail(`"${library}" is not a library id ("seeds" or 16 hex digits)`);
  if (query !== undefined) return fail('it has a query ("?…"), which Threadline links never have');
  if (!encodedPost) return fail('it names no post');
  if (encodedPost.includes('/')) return fail('it has more than a library and a post in its path');
  let postId: string;
  try {
    postId = decodeURIComponent(encodedPost);
  } catch {
    return fail('its post id is not valid percent-encoding');
  }
  if (!postId.trim()) return fail('it names no post');
  const link: ThreadLink = { library, postId };
  if (hash === undefined || hash === '#') return { ok: true, link };
  const kind = hash[1];
  const id = hash.slice(2);
  if (kind === 'c' && COMMENT_ID.test(id)) return { ok: true, link: { ...link, commentId: id } };
  if (kind === 'a' && ANNOTATION_ID.test(id.toLowerCase()))
    return { ok: true, link: { ...link, annotationId: id.toLowerCase() } };
  return fail(`"${hash}" is neither a comment (#c3.2) nor an annotation (#a<id>)`);
}

/** True when the text is a Threadline link (by its scheme), well formed or not: what the command line and the app watch for. */
export const looksLikeLink = (text: string): boolean => text.trim().toLowerCase().startsWith(`${LINK_SCHEME}:`);
