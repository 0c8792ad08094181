import { MONTHS } from '../../main/core/shared/calendar';

/**
 * The locale every date in the window is written in: the app's own, British English, as its
 * words are ("20 May 2019"), whatever the system's; the post list, the post's header, search
 * results and its date filters, the Articles view and the Annotations panel all use it.
 */
export const APP_LOCALE = 'en-GB';

// Dates are calendar days, not instants: formatted in UTC so no time zone moves them a day.
const dayFormat = new Intl.DateTimeFormat(APP_LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat(APP_LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayOf = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
};

/** "20 May 2019" from "2019-05-20"; "Undated" for null. */
export function formatDate(iso: string | null): string {
  return iso ? dayFormat.format(dayOf(iso)) : 'Undated';
}

const CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/**
 * "4 March 2013, 10:15" from "2013-03-04T10:15" (a comment's or a post's time): the day as every
 * date in the window is written, and the clock as the page gave it. A zone in the time
 * ("…Z", "…-08:00") is not converted to the reader's: Blogger writes times in the blog's zone,
 * which a text copy of a page gives with no zone at all, so the same comment shows the same
 * time from every form of it. Just the day when there is no clock; the text as given when it is
 * not a time.
 */
export function formatDateTime(iso: string): string {
  const parts = CLOCK.exec(iso);
  if (!parts) return iso;
  const day = formatDate(parts[1]!);
  return parts[2] ? `${day}, ${parts[2]}:${parts[3]}` : day;
}

/** "May 2019" from "2019-05-20"; "Undated" for null. */
export function formatMonth(iso: string | null): string {
  return iso ? monthFormat.format(dayOf(iso)) : 'Undated';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2019-05-20" when year, month and day make a real day; else null. */
function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The month named by a word: its full name or its first three letters or more, any case. */
function monthOf(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((name) => name.toLowerCase().startsWith(lower));
  return index < 0 ? null : index + 1;
}

/**
 * A typed date as an ISO day, or null when it is not one: "20 May 2019" (as the window writes
 * dates), "May 20, 2019", "20/05/2019" (day first, as the app's locale writes it) or "2019-05-20".
 */
export function parseDate(text: string): string | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(typed);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z.]+),? (\d{4})$/i.exec(typed);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? isoOf(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^([a-z.]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(typed);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? isoOf(Number(m[3]), month, Number(m[2])) : null;
  }
  return null;
}

/** "15 comments", or "15 of 16 comments" when the file declared a different count. */
export function formatCommentCount(found: number, declared: number | null): string {
  const noun = (n: number) => (n === 1 ? 'comment' : 'comments');
  if (declared === null || declared === found) return `${found} ${noun(found)}`;
  return `${found} ${noun(found)} (${declared} declared)`;
}
