import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, parseDate } from './format';

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
