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
/** "Monday 20 May 2019", "Wednesday, 7 May 2014", "20 May 2019". */
const dayFirst = new RegExp(String.raw`^${WEEKDAY}${DAY}\s+${MONTH},?\s+(\d{4})$`, 'i');
/** "Thursday, September 16, 2010", "March 15, 2008". */
const monthFirst = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+${DAY},?\s+(\d{4})$`, 'i');
const iso = /^(\d{4})-(\d{2})-(\d{2})$/;

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
