import { describe, expect, it } from 'vitest';
import { parseClock, parseDateLine, parseDateTime } from './dates';
import { parseSeed } from './parse-seed';

describe('parseDateLine', () => {
  it('reads a British date line without a comma after the weekday', () => {
    expect(parseDateLine('Monday 20 May 2019')).toEqual({ iso: '2019-05-20', weekdayMismatch: null });
  });

  it('reads a British date line with a comma after the weekday', () => {
    expect(parseDateLine('Wednesday, 7 May 2014')).toEqual({ iso: '2014-05-07', weekdayMismatch: null });
  });

  it('reads a British date line with no weekday', () => {
    expect(parseDateLine('20 May 2019')?.iso).toBe('2019-05-20');
  });

  it('reads a US-order date line with a weekday', () => {
    expect(parseDateLine('Thursday, September 16, 2010')).toEqual({ iso: '2010-09-16', weekdayMismatch: null });
  });

  it('reads a US-order date line without a weekday', () => {
    expect(parseDateLine('March 15, 2008')).toEqual({ iso: '2008-03-15', weekdayMismatch: null });
  });

  it('ignores case, ordinal suffixes, abbreviated months and surrounding or non-breaking spaces', () => {
    expect(parseDateLine('  monday 20th MAY 2019  ')?.iso).toBe('2019-05-20');
    expect(parseDateLine('Monday\u00a020\u00a0May\u00a02019')?.iso).toBe('2019-05-20');
    expect(parseDateLine('Sept. 16, 2010')?.iso).toBe('2010-09-16');
    expect(parseDateLine('Monday 20 May 2019\r')?.iso).toBe('2019-05-20');
  });

  it('rejects 31 February and other days that do not exist', () => {
    expect(parseDateLine('31 February 2019')).toBeNull();
    expect(parseDateLine('Sunday, 31 February 2019')).toBeNull();
    expect(parseDateLine('February 30, 2020')).toBeNull();
    expect(parseDateLine('31 April 2019')).toBeNull();
    expect(parseDateLine('0 May 2019')).toBeNull();
    expect(parseDateLine('32 May 2019')).toBeNull();
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseDateLine('29 February 2020')?.iso).toBe('2020-02-29');
    expect(parseDateLine('29 February 2019')).toBeNull();
  });

  it('rejects lines that are not dates', () => {
    expect(parseDateLine('Latest From Napo 188')).toBeNull();
    expect(parseDateLine('20 Mayday 2019')).toBeNull();
    expect(parseDateLine('Funday 20 May 2019')).toBeNull();
    expect(parseDateLine('')).toBeNull();
    expect(parseDateLine('Monday 20 May 2019 and some more words after the date')).toBeNull();
  });

  it('reports a weekday that does not fall on the date, keeping the date', () => {
    const date = parseDateLine('Tuesday 20 May 2019');
    expect(date?.iso).toBe('2019-05-20');
    expect(date?.weekdayMismatch).toContain('Tuesday');
    expect(date?.weekdayMismatch).toContain('2019-05-20');
  });

  it('reports a weekday mismatch in a US-order date line too', () => {
    const date = parseDateLine('Friday, September 16, 2010');
    expect(date?.iso).toBe('2010-09-16');
    expect(date?.weekdayMismatch).toContain('Friday');
  });
});

describe('the date line of a seed', () => {
  it('gives the post its ISO date and keeps the line as written', () => {
    const { post, problems } = parseSeed('Wednesday, 7 May 2014\n\nOmnishambles Update 48\n\nBody.\n', 'a.txt');
    expect(post?.date).toBe('2014-05-07');
    expect(post?.dateText).toBe('Wednesday, 7 May 2014');
    expect(post?.title).toBe('Omnishambles Update 48');
    expect(problems).toEqual([]);
  });

  it('reads a US-order date line at the top of a seed', () => {
    const { post, problems } = parseSeed('Thursday, September 16, 2010\n\nA Title\n\nBody.\n', 'a.txt');
    expect(post?.date).toBe('2010-09-16');
    expect(post?.title).toBe('A Title');
    expect(problems).toEqual([]);
  });

  it('warns on the date line when its weekday is wrong, and keeps the post', () => {
    const { post, problems } = parseSeed('\nTuesday 20 May 2019\n\nA Title\n\nBody.\n', 'a.txt');
    expect(post?.date).toBe('2019-05-20');
    expect(post?.line).toBe(2);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'a.txt',
        line: 2,
        severity: 'warning',
        message: expect.stringContaining('Tuesday'),
      }),
    ]);
  });

  it('does not take 31 February as a date: the line becomes the title, with a warning', () => {
    const { post, problems } = parseSeed('Sunday, 31 February 2019\n\nA Title\n\nBody.\n', 'a.txt');
    expect(post?.date).toBeNull();
    expect(post?.dateText).toBeNull();
    expect(post?.title).toBe('Sunday, 31 February 2019');
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        message: expect.stringContaining('does not start with a date line'),
      }),
    );
  });
});

describe('dates in the forms other Blogger pages print', () => {
  it('reads US and day-first dates, with and without a weekday, and "the 4th of March"', () => {
    for (const line of [
      'Monday, March 4, 2013',
      'March 4, 2013',
      'Mar 4, 2013',
      'Monday 4 March 2013',
      'Monday, 4 March 2013',
      '4 March 2013',
      '4th March 2013',
      'Monday the 4th of March, 2013',
      '4 of March 2013',
    ])
      expect(parseDateLine(line), line).toEqual({ iso: '2013-03-04', weekdayMismatch: null });
  });

  it('reads no date from a long line, however it starts', () => {
    expect(parseDateLine(`4 March 2013${' '.repeat(300)}`)).toBeNull();
  });

  it('reads times of day, 12- and 24-hour, and refuses what is not one', () => {
    expect(['10:15', '10.15', '9:05 AM', '12:30 am', '12:30 PM', '8:05 p.m.', '23:59:07'].map(parseClock)).toEqual([
      '10:15',
      '10:15',
      '09:05',
      '00:30',
      '12:30',
      '20:05',
      '23:59:07',
    ]);
    expect(['24:00', '13:00 PM', '0:15 am', '10:60', '1015', 'at 10:15'].map(parseClock)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads comment timestamps into ISO 8601 with no zone', () => {
    expect(parseDateTime('4 March 2013 at 10:15')).toBe('2013-03-04T10:15');
    expect(parseDateTime('March 4, 2013 at 10:15 PM')).toBe('2013-03-04T22:15');
    expect(parseDateTime('Monday, March 4, 2013 10:15:30 AM')).toBe('2013-03-04T10:15:30');
    expect(parseDateTime('4 March 2013, 10:15')).toBe('2013-03-04T10:15');
    expect(parseDateTime('10:15')).toBeNull();
    expect(parseDateTime('We met at 10:15')).toBeNull();
    expect(parseDateTime('31 February 2013 at 10:15')).toBeNull();
  });
});
