import { describe, expect, it } from 'vitest';
import { isoAttribute, showCommentTime, timeFromText } from './times';

describe('times in saved pages', () => {
  it('keeps ISO attributes as written, zone included, and refuses what is not a date', () => {
    expect(isoAttribute('2019-05-20T07:00:00+01:00')).toBe('2019-05-20T07:00:00+01:00');
    expect(isoAttribute(' 2013-03-04T08:10:00Z ')).toBe('2013-03-04T08:10:00Z');
    expect(isoAttribute('2019-05-20 07:00')).toBe('2019-05-20T07:00');
    expect(isoAttribute('2019-02-30T07:00:00Z')).toBeNull();
    expect(isoAttribute('permanent link')).toBeNull();
    expect(isoAttribute(undefined)).toBeNull();
  });

  it('reads the instant in a comment permalink, in milliseconds or seconds', () => {
    expect(showCommentTime('https://x.blogspot.com/2019/05/a.html?showComment=1558336500000#c1')).toBe(
      '2019-05-20T07:15:00.000Z',
    );
    expect(showCommentTime('a.html?x=1&showComment=1558336500#c1')).toBe('2019-05-20T07:15:00.000Z');
    expect(showCommentTime('a.html#c1')).toBeNull();
    expect(showCommentTime('a.html?showComment=15583365000001')).toBeNull();
  });

  it('reads shown times in British and US forms, and a bare time on the post date', () => {
    expect(timeFromText('20 May 2019 at 08:15', null)).toBe('2019-05-20T08:15');
    expect(timeFromText('May 20, 2019 at 8:15 PM', null)).toBe('2019-05-20T20:15');
    expect(timeFromText('Monday, May 20, 2019 12:05:09 AM', null)).toBe('2019-05-20T00:05:09');
    expect(timeFromText('September 16, 2010 8:01 PM', null)).toBe('2010-09-16T20:01');
    expect(timeFromText('at 7:12 PM', '2010-09-16')).toBe('2010-09-16T19:12');
    expect(timeFromText('07:30', '2023-03-14')).toBe('2023-03-14T07:30');
    expect(timeFromText('7:12 PM', null)).toBeNull();
    expect(timeFromText('16/09/2010 20:01', null)).toBeNull();
    expect(timeFromText('25:00', '2023-03-14')).toBeNull();
    expect(timeFromText('20 May 2019', null)).toBe('2019-05-20');
  });
});
