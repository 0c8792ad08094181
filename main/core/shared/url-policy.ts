/**
 * Web addresses in blog text, and which links may leave the app. Pure: the renderer finds the
 * links it draws with the same pattern main uses to find quoted articles.
 */

/** http(s) URLs, "www." addresses, and partial ones like ".redpepper.org.uk/is-there-…/". */
export const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"“”]+|(?:\bwww\.|(?<![\w.])\.(?=[a-z0-9-]+\.[a-z]{2,}))[^\s<>"“”]+/gi;

/** Drops punctuation a sentence put after a URL. */
export function trimUrl(raw: string): string {
  return raw.replace(/[.,;:!?)\]’']+$/u, '');
}

/** Only these schemes ever leave the app, and only when the user clicks. */
export function isOpenableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
