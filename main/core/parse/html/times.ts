import { parseDateLine } from '../dates';

/** An ISO 8601 date or date-time as Blogger writes it in `datetime`/`title` attributes. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The attribute's value when it is an ISO date or time (kept as written, zone included); null otherwise. */
export function isoAttribute(value: string | undefined): string | null {
  const text = value?.trim();
  if (!text || !ISO.test(text)) return null;
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.slice(0, 10)
    ? null
    : text.replace(' ', 'T');
}

/**
 * The time in a Blogger comment permalink ("…?showComment=1558336500000#c…"): milliseconds since
 * 1970, so an exact instant, written in UTC.
 */
export function showCommentTime(href: string | undefined): string | null {
  const match = href ? /[?&]showComment=(\d{10,13})(?:\D|$)/.exec(href) : null;
  if (!match) return null;
  const ms = Number(match[1]) * (match[1]!.length === 10 ? 1000 : 1);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const CLOCK = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?\s*$/i;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time as a page shows it — "20 May 2019 at 08:15", "May 20, 2019 at 8:15 AM", or only "7:00 AM"
 * (then on `onDate`) — as local ISO "2019-05-20T08:15", with no zone (the page gives none). Null
 * when it cannot be read; dates written in figures ("20/05/2019") are ambiguous and not read.
 */
export function timeFromText(raw: string, onDate: string | null): string | null {
  const text = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  if (text.length > 80) return null;
  const clock = CLOCK.exec(text);
  if (!clock) {
    const date = parseDateLine(text);
    return date ? date.iso : null;
  }
  let hour = Number(clock[1]);
  const minute = Number(clock[2]);
  const meridiem = clock[4]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  const datePart = text
    .slice(0, clock.index)
    .replace(/(?:,|\bat|\bon)?\s*$/i, '')
    .replace(/^(?:posted\s+)?(?:at|on)\s+/i, '')
    .trim();
  const date = datePart === '' ? onDate : (parseDateLine(datePart)?.iso ?? null);
  if (!date) return null;
  return `${date}T${pad(hour)}:${pad(minute)}${clock[3] ? `:${clock[3]}` : ''}`;
}
