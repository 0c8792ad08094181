import { trimUrl, URL_IN_TEXT } from '../shared/url-policy';

/**
 * What every match of URL_IN_TEXT holds: "://", "www.", or a "." that follows no letter, digit
 * or "." and comes before a letter, digit or "-". Most texts have none; without the lookbehind,
 * "e.g." and "2.5" would let most texts without a URL through to the costly pattern.
 */
const MAY_HOLD_URL = /:\/\/|www\.|(?<![\w.])\.[a-z0-9-]/i;

/** Every URL in a text, in order, trimmed of trailing punctuation. */
export function findUrls(text: string): string[] {
  // A cheap test first: this runs over every line and comment of a thread.
  if (!MAY_HOLD_URL.test(text)) return [];
  return Array.from(text.matchAll(URL_IN_TEXT), (m) => trimUrl(m[0]));
}

/** True when the text is a single URL and nothing else. */
export function isOnlyUrl(text: string): boolean {
  const trimmed = text.trim();
  const urls = findUrls(trimmed);
  return urls.length === 1 && trimmed.replace(/[\s]+/g, '').length <= urls[0]!.length + 2;
}

/** A URL as the browser would take it: partial ones get "https://" in front. */
export function absoluteUrl(raw: string): string | null {
  const candidate = /^https?:\/\//i.test(raw) ? raw : `https://${raw.replace(/^\.+/, '')}`;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A slug's last word when it is an id, not a word of the title: "50712345", "a7369021". */
const ID_WORD = /^(?:[a-z]{1,2}\d{4,}|\d{5,})$/i;

/**
 * A title from the URL: a `headline=` parameter, else the last path segment made readable.
 * A trailing id is dropped ("…-watchdog-finds-a7369021"); a slug that is a section and an id
 * ("uk-wales-50712345", "uk-27812345") gives no title.
 */
export function titleFromUrl(raw: string): string | null {
  const absolute = absoluteUrl(raw);
  if (!absolute) return null;
  const url = new URL(absolute);
  const headline = url.searchParams.get('headline');
  if (headline) return headline;
  const segments = url.pathname.split('/').filter(Boolean);
  // A slug reads as a title when it has at least two words of letters ("uk-27812345" does not).
  const slug = segments.reverse().find((s) => (s.match(/[a-z]{2,}/gi) ?? []).length >= 2);
  if (!slug) return null;
  let decoded = slug.replace(/\.[a-z]{2,5}$/i, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed %-escape: keep the slug as written.
  }
  const parts = decoded.split(/[-_\s]+/).filter(Boolean);
  let idDropped = false;
  while (parts.length && ID_WORD.test(parts[parts.length - 1]!)) {
    parts.pop();
    idDropped = true;
  }
  if (idDropped && parts.length < 3) return null;
  // "grayling-s-regime" was "Grayling's regime" before the slug lost its apostrophe.
  const words = parts
    .join(' ')
    .replace(/(\p{L}) s\b/gu, "$1's")
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : null;
}
