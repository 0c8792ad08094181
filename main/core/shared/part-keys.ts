/**
 * Annotation part keys: which text of a post an annotation was made on. An annotation's
 * offsets count UTF-16 code units of that part's text.
 *
 * - "body": the post's own text, its paragraphs joined by a blank line (see bodyText);
 * - "comment:<id>": a comment or reply by its path id ("comment:3", "comment:3.2");
 * - "article:<id>": the pasted text of a quoted article ("article:<post id>#a2").
 *
 * Main builds the parts' texts and stores the keys; the renderer builds the same keys for what
 * it shows and selects, so both take them from here. Pure: no Node APIs.
 */

/** The key of the post's own text. */
export const BODY_PART = 'body';

const COMMENT_PREFIX = 'comment:';
const ARTICLE_PREFIX = 'article:';

/** The key of a comment's or reply's text, by its path id ("3.2" → "comment:3.2"). */
export const commentPart = (commentId: string): string => `${COMMENT_PREFIX}${commentId}`;

/** The key of a quoted article's pasted text, by the article's id. */
export const articlePart = (articleId: string): string => `${ARTICLE_PREFIX}${articleId}`;

/** What a part key names: the body, or a comment or article by its id. */
export type ParsedPart = { kind: 'body'; id: null } | { kind: 'comment'; id: string } | { kind: 'article'; id: string };

/** Reads a part key; null when it is not one ("", "comments:3", "comment:" with no id). */
export function parsePart(part: string): ParsedPart | null {
  if (part === BODY_PART) return { kind: 'body', id: null };
  if (part.startsWith(COMMENT_PREFIX) && part.length > COMMENT_PREFIX.length)
    return { kind: 'comment', id: part.slice(COMMENT_PREFIX.length) };
  if (part.startsWith(ARTICLE_PREFIX) && part.length > ARTICLE_PREFIX.length)
    return { kind: 'article', id: part.slice(ARTICLE_PREFIX.length) };
  return null;
}

/** What a part key names, for people: "the post", "comment 3.2", "quoted article 2"; an unknown key as it stands. */
export function describePart(part: string): string {
  const parsed = parsePart(part);
  if (!parsed) return part;
  if (parsed.kind === 'body') return 'the post';
  if (parsed.kind === 'comment') return `comment ${parsed.id}`;
  // Article ids are "<post id>#a<n>": people know an article by its number in the post.
  const hash = parsed.id.lastIndexOf('#');
  return `quoted article ${(hash >= 0 && parsed.id.slice(hash + 2)) || parsed.id}`;
}

/** What separates two paragraphs of the body's text. */
const PARAGRAPH_BREAK = '\n\n';

/** The body's text as annotations count in it: its paragraphs joined by a blank line. */
export const bodyText = (body: readonly { text: string }[]): string =>
  body.map((paragraph) => paragraph.text).join(PARAGRAPH_BREAK);

/** Where each paragraph of the body starts in the body's text. */
export function bodyOffsets(body: readonly { text: string }[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const paragraph of body) {
    offsets.push(offset);
    offset += paragraph.text.length + PARAGRAPH_BREAK.length;
  }
  return offsets;
}

/**
 * The index of the body paragraph holding an offset of the body's text: the blank line after a
 * paragraph counts as its own, an offset past the end as the last paragraph's; -1 for no paragraphs.
 */
export function bodyParagraphAt(body: readonly { text: string }[], offset: number): number {
  const offsets = bodyOffsets(body);
  let index = offsets.length ? 0 : -1;
  while (index + 1 < offsets.length && offsets[index + 1]! <= offset) index++;
  return index;
}
