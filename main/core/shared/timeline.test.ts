import { describe, expect, it } from 'vitest';
import { fillMonths, monthDays, monthName, nextMonth } from './timeline';

describe('months', () => {
  it('steps from one month to the next, over a year’s end', () => {
    expect(nextMonth('2014-03')).toBe('2014-04');
    expect(nextMonth('2014-12')).toBe('2015-01');
  });

  it('fills every month between two, with a value or an empty one', () => {
    const values = new Map([['2013-11', 5]]);
    expect(
      fillMonths(
        '2013-11',
        '2014-01',
        (m) => values.get(m),
        () => 0,
      ),
    ).toEqual([5, 0, 0]);
  });

  it('names a month and gives its first and last day', () => {
    expect(monthName('2014-03')).toBe('March 2014');
    expect(monthDays('2014-02')).toEqual(['2014-02-01', '2014-02-28']);
    expect(monthDays('2016-02')).toEqual(['2016-02-01', '2016-02-29']);
    expect(monthDays('2014-12')).toEqual(['2014-12-01', '2014-12-31']);
  });
});
