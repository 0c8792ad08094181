const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const WEEKDAY = String.raw`(?:(sunday|monday|tuesday|wednesday|thursday|friday|saturday),?\s+)?`;
const MONTH = String.raw`([a-z]{3,9})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
/** "Monday 20 May 2019", "Wednesday, 7 May 2014", "20 May 2019", "Monday the 4th of March, 2013". */
const dayFirst = new RegExp(String.raw`^${WEEKDAY}(?:the\s+)?${DAY}\s+(?:of\s+)?${MONTH},?\s+(\d{4})$`, 'i');
/** "Thursday, September 16, 2010", "March 15, 2008". */
const monthFirst = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+${DAY},?\s+(\d{4})$`, 'i');
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Longer lines are never read as a date line (a date line is at most 48 characters, white space collapsed). */
export const MAX_DATE_LINE = 200;

export interface ParsedDate {
  /** "YYYY-MM-DD". */
  iso: string;
  /** Set when the line names a weekday that does not fall on that date. */
  weekdayMismatch: string | null;
}

function build(year: number, month: number | undefined, day: number, weekday: string | undefined): ParsedDate | null {
  if (!month || day < 1 || day > 31) return null;
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCMonth() !== month - 1) return null;
  const isoText = date.toISOString().slice(0, 10);
  const actual = WEEKDAYS[date.getUTCDay()];
  const weekdayMismatch =
    weekday && weekday.toLowerCase() !== actual ? `${weekday} (${isoText} was a ${actual})` : null;
  return { iso: isoText, weekdayMismatch };
}

/** Reads a Blogger date line in British or US order; null when the line is not a date. */
export function parseDateLine(line: string): ParsedDate | null {
  // A date line is short: a long line is never one, and is not copied to find out.
  if (line.length > MAX_DATE_LINE) return null;
  const text = line.replace(/[\u00a0\s]+/g, ' ').trim();
  if (text.length > 48) return null;
  let m = dayFirst.exec(text);
  if (m) return build(Number(m[4]), MONTHS[m[3]!.toLowerCase()], Number(m[2]), m[1]);
  m = monthFirst.exec(text);
  if (m) return build(Number(m[4]), MONTHS[m[2]!.toLowerCase()], Number(m[3]), m[1]);
  m = iso.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), undefined);
  return null;
}

/** "10:15", "10.15", "10:15 AM", "10:15:30 pm", "10:15 a.m.": a time of day, anchored at both ends. */
const CLOCK = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$/i;
/** A date and a time of day: "4 March 2013 at 10:15", "March 4, 2013 at 10:15 AM", "Monday, March 4, 2013 10:15 PM". */
const DATE_AND_CLOCK = /^(.{6,60}?),?\s+(?:at\s+)?(\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?)$/i;

/** Reads a time of day into "HH:MM" (or "HH:MM:SS"), 12-hour times made 24-hour; null when it is not one. */
export function parseClock(text: string): string | null {
  const m = CLOCK.exec(text.replace(/\u00a0/g, ' ').trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = m[3] === undefined ? null : Number(m[3]);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || (seconds !== null && seconds > 59)) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}${seconds === null ? '' : `:${two(seconds)}`}`;
}

/**
 * Reads a comment or post timestamp with its date ("4 March 2013 at 10:15", "March 4, 2013 at
 * 10:15 AM") into ISO 8601 without a zone ("2013-03-04T10:15"); null when the text is not one.
 */
export function parseDateTime(text: string): string | null {
  if (text.length > MAX_DATE_LINE) return null;
  const m = DATE_AND_CLOCK.exec(text.replace(/[\u00a0\s]+/g, ' ').trim());
  if (!m) return null;
  const date = parseDateLine(m[1]!);
  const clock = parseClock(m[2]!);
  return date && clock ? `${date.iso}T${clock}` : null;
}
