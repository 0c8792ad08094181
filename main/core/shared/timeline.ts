/**
 * Counts per calendar month: the shapes of the search timeline (matching texts per month) and of
 * the library timeline (posts and comments per month), and the month arithmetic both the core
 * (which fills the months between) and the renderer (which draws and names them) need.
 */
import { MONTHS } from './calendar';

/** A calendar month, "YYYY-MM". */
export type Month = string;

/** Matching texts of one month. */
export interface MonthCount {
  month: Month;
  /** Texts matching the search whose post is dated in this month (0 for a month between others). */
  count: number;
}

/** Where the matches of a search fall in time: every matching text counted, not a sample. */
export interface SearchTimeline {
  /** Every month from the first to the last with a match, oldest first (empty when nothing dated matches). */
  months: MonthCount[];
  /** Matching texts of undated posts. */
  undated: number;
  /** Every matching text: the months' counts and `undated` added up. */
  total: number;
  /** How long counting took, in milliseconds. */
  ms: number;
}

/** Posts and comments of one month. */
export interface LibraryMonth {
  month: Month;
  /** Posts dated in this month (0 for a month between others). */
  posts: number;
  /** Comments found in those posts, replies included. */
  comments: number;
}

/** A thread with the most comments. */
export interface BusyThread {
  postId: string;
  /** The post's title; "" for an untitled post (then `lead` holds its first words). */
  title: string;
  lead: string;
  /** ISO "YYYY-MM-DD", or null for an undated post. */
  date: string | null;
  /** Comments found, replies included. */
  comments: number;
}

/** The whole library per month, and its busiest threads. */
export interface LibraryTimeline {
  /** Every month from the first post to the last, oldest first. */
  months: LibraryMonth[];
  /** Posts with no date and their comments. */
  undated: { posts: number; comments: number };
  /** The threads with the most comments, most first (at most BUSIEST_THREADS). */
  busiest: BusyThread[];
}

/** How many busiest threads the library timeline marks. */
export const BUSIEST_THREADS = 10;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2014-03" for year 2014, month 3 (1-based). */
export const monthOf = (year: number, month: number): Month => `${String(year).padStart(4, '0')}-${pad(month)}`;

/** The month after "2014-12": "2015-01". */
export function nextMonth(month: Month): Month {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? monthOf(year + 1, 1) : monthOf(year, m + 1);
}

/**
 * Every month from `first` to `last` (inclusive, "YYYY-MM"), each with the value `valueOf` gives it,
 * or `empty` when it has none: a chart's bars keep their places in time.
 */
export function fillMonths<T>(
  first: Month,
  last: Month,
  valueOf: (month: Month) => T | undefined,
  empty: (month: Month) => T,
): T[] {
  const filled: T[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) filled.push(valueOf(month) ?? empty(month));
  return filled;
}

/** "March 2014" from "2014-03". */
export function monthName(month: Month): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${Number(month.slice(0, 4))}`;
}

/** The first and last day of a month, as the search's From and To dates take them: ["2014-02-01", "2014-02-28"]. */
export function monthDays(month: Month): [string, string] {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${pad(last)}`];
}
