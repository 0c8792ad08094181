/** English month and weekday names, as Blogger writes them in date lines ("Monday 20 May 2019"). */

/** January first: `MONTHS[date.getUTCMonth()]`. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Sunday first: `WEEKDAYS[date.getUTCDay()]`. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
