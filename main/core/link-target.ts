/**
 * Where a threadline:// link points on this machine: the library its id names (the open one, the
 * bundled seeds, or one of the recent libraries), and the post, comment or annotation in it.
 * The link format itself is main/core/shared/links.ts.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { UserError } from './errors';
import { parseLink, type ThreadLink } from './shared/links';

/** The link id of the bundled library: the same on every machine. */
export const SEEDS_LINK_ID = 'seeds';

/**
 * A library's link id: "seeds" for the bundled library, else the first 16 hex digits of the
 * SHA-1 of its absolute path (the name its index file has in the profile, see indexPathFor).
 */
export function libraryLinkId(root: string, defaultRoot: string): string {
  if (resolve(root) === resolve(defaultRoot)) return SEEDS_LINK_ID;
  return createHash('sha1').update(resolve(root)).digest('hex').slice(0, 16);
}

/** Reads a link given by a person or the system; a UserError saying what is wrong and what to do when it is not one. */
export function readLink(url: string): ThreadLink {
  const parsed = parseLink(url);
  if (!parsed.ok)
    throw new UserError(
      'bad-link',
      `Opening the link failed: "${url.slice(0, 200)}" is not a Threadline link (${parsed.reason}). Copy the link again with "Copy link".`,
    );
  return parsed.link;
}

/**
 * The library folder a link id names, among the folders this machine knows (the open library,
 * the bundled seeds, the recent libraries); a UserError when none has that id.
 */
export function libraryForLink(link: ThreadLink, known: readonly string[], defaultRoot: string): string {
  const root = known.find((folder) => libraryLinkId(folder, defaultRoot) === link.library);
  if (!root)
    throw new UserError(
      'unknown-library',
      `Opening the link failed: it points into a library this computer has not opened (id ${link.library}). Open that library's folder once (File → Open Folder…), then open the link again.`,
    );
  return root;
}
