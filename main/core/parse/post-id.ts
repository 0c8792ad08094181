/** FNV-1a, 32 bit: a short stable fingerprint, not a security hash. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Lower-case ASCII words joined by "-"; accents folded, everything else dropped. */
export function slugify(text: string, maxLength = 80): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * A post id that survives renaming or re-saving the file: the date and the title
 * ("2019-05-20-latest-from-napo-188"). A post with neither is named by a fingerprint of
 * its first paragraph, which is as stable as the text allows.
 */
export function postId(isoDate: string | null, title: string, firstParagraph: string): string {
  const slug = slugify(title);
  const datePart = isoDate ?? 'undated';
  return slug ? `${datePart}-${slug}` : `${datePart}-untitled-${fnv1a(firstParagraph)}`;
}

/** How many words of its first paragraph stand for a post that has no title. */
export const LEAD_WORDS = 16;

/**
 * What the post list and the post's header show for a post with no title: the first words of its
 * first paragraph, white space collapsed, with "…" when there is more. "" for a post with a title.
 */
export function leadOf(title: string, firstParagraph: string): string {
  if (title) return '';
  const words = firstParagraph.split(/\s+/u).filter(Boolean);
  return words.slice(0, LEAD_WORDS).join(' ') + (words.length > LEAD_WORDS ? '…' : '');
}
