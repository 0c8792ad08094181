import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMonth, parseDate } from './format';

describe('dates in the window', () => {
  it('are written one way, in the app locale, whatever the time zone', () => {
    expect(formatDate('2019-05-20')).toBe('20 May 2019');
    expect(formatDate('2014-01-01')).toBe('1 January 2014');
    expect(formatDate('2014-12-31')).toBe('31 December 2014');
    expect(formatDate(null)).toBe('Undated');
    expect(formatMonth('2014-05-07')).toBe('May 2014');
    expect(formatMonth(null)).toBe('Undated');
  });

  it('are read back from what a person types, as the window writes them or in other common ways', () => {
    for (const typed of [
      '20 May 2019',
      ' 20  may 2019 ',
      'Monday 20 May 2019',
      'Monday, 20th May 2019',
      '20 May, 2019',
    ])
      expect(parseDate(typed), typed).toBe('2019-05-20');
    expect(parseDate('May 20, 2019')).toBe('2019-05-20');
    expect(parseDate('7 Sept 2014')).toBe('2014-09-07');
    expect(parseDate('20/05/2019')).toBe('2019-05-20');
    expect(parseDate('2019-05-20')).toBe('2019-05-20');
    expect(parseDate(formatDate('2016-02-29'))).toBe('2016-02-29');
  });

  it('refuse what is not a day', () => {
    for (const typed of ['', '30 February 2019', '20 Ma 2019', '2019', 'May 2019', '05/20/2019', 'soon', '20 May 19'])
      expect(parseDate(typed), typed).toBeNull();
  });
});

describe('formatDateTime', () => {
  it('writes a time as the app writes days, with the clock as the page gave it, never moved to another zone', () => {
    expect(formatDateTime('2013-03-04T10:15')).toBe('4 March 2013, 10:15');
    expect(formatDateTime('2013-03-04T10:15:42')).toBe('4 March 2013, 10:15');
    expect(formatDateTime('2013-03-04T23:59:00.000Z')).toBe('4 March 2013, 23:59');
    expect(formatDateTime('2013-03-04T00:05:00.000-08:00')).toBe('4 March 2013, 00:05');
    expect(formatDateTime('2013-03-04')).toBe('4 March 2013');
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });
});
