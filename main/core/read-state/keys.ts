/**
 * Read-state keys: a name for each comment that survives renumbering. A comment's id ("3.2")
 * shifts when comments are added above it (a re-saved page), so read state is keyed, as
 * annotations anchor, on what the comment is and where it sits: a hash of its author and its
 * white-space-collapsed text, of its parent's key (a reply), and of how many identical siblings
 * came before it ("+1" twice under the same comment stays two comments).
 *
 * A key is KEY_LENGTH characters of base64url (72 bits of SHA-1: a collision in a post of
 * thousands of comments is some 10^-15 likely). A post's keys are stored packed, one string of
 * keys side by side, so a 5,000-post library is one short row per post.
 */
import { createHash } from 'node:crypto';
import type { Comment } from '../parse/types';

/** Characters in one key. */
export const KEY_LENGTH = 12;

/** White space collapsed and trimmed: a reflowed comment is the same comment. */
const normalised = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** The key of one comment, under its parent's key ('' for a top-level comment). */
export function commentKey(parentKey: string, author: string | null, text: string, occurrence: number): string {
  return createHash('sha1')
    .update(`${parentKey}\u0000${author ?? ''}\u0000${normalised(text)}\u0000${occurrence}`)
    .digest('base64url')
    .slice(0, KEY_LENGTH);
}

/** Keys of sibling comments in order, counting identical ones so each has its own. */
function siblingKeys(parentKey: string, siblings: readonly Comment[], into: Map<string, string>): void {
  const seen = new Map<string, number>();
  for (const comment of siblings) {
    const identity = `${comment.author ?? ''}\u0000${normalised(comment.text)}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const key = commentKey(parentKey, comment.author, comment.text, occurrence);
    into.set(comment.id, key);
    siblingKeys(key, comment.replies, into);
  }
}

/** Every comment's and reply's key, by its path id ("3.2"), in file order. */
export function commentKeys(comments: readonly Comment[]): Map<string, string> {
  const keys = new Map<string, string>();
  siblingKeys('', comments, keys);
  return keys;
}

/** Keys side by side in one string (how they are stored). */
export const packKeys = (keys: Iterable<string>): string => [...keys].join('');

/** A packed string's keys. */
export function unpackKeys(packed: string): string[] {
  const keys: string[] = [];
  for (let at = 0; at + KEY_LENGTH <= packed.length; at += KEY_LENGTH) keys.push(packed.slice(at, at + KEY_LENGTH));
  return keys;
}
