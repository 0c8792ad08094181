import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLink, looksLikeLink, parseLink, type ThreadLink } from './links';

const LIB = '0123456789abcdef';
const UUID = '3f2b8c1e-1d2a-4c5b-9e8f-0a1b2c3d4e5f';

describe('building links', () => {
  it.each<[ThreadLink, string]>([
    [
      { library: 'seeds', postId: '2019-05-20-latest-from-napo-188' },
      'threadline://seeds/2019-05-20-latest-from-napo-188',
    ],
    [{ library: LIB, postId: 'p', commentId: '3.2' }, `threadline://${LIB}/p#c3.2`],
    [{ library: LIB, postId: 'p', annotationId: UUID }, `threadline://${LIB}/p#a${UUID}`],
    [{ library: LIB, postId: 'a post/with ?odd #bits' }, `threadline://${LIB}/a%20post%2Fwith%20%3Fodd%20%23bits`],
  ])('%j → %s', (link, text) => {
    expect(buildLink(link)).toBe(text);
  });

  it.each<ThreadLink>([
    { library: 'Seeds', postId: 'p' },
    { library: '0123', postId: 'p' },
    { library: LIB, postId: '' },
    { library: LIB, postId: 'p', commentId: '3.x' },
    { library: LIB, postId: 'p', annotationId: 'not-a-uuid' },
    { library: LIB, postId: 'p', commentId: '3', annotationId: UUID },
  ])('refuses %j', (link) => {
    expect(() => buildLink(link)).toThrow();
  });
});

describe('reading links', () => {
  it('reads a comment, an annotation and a post link', () => {
    expect(parseLink(`threadline://${LIB}/p#c12.3`)).toEqual({
      ok: true,
      link: { library: LIB, postId: 'p', commentId: '12.3' },
    });
    expect(parseLink(` THREADLINE://seeds/p#a${UUID.toUpperCase()} `)).toEqual({
      ok: true,
      link: { library: 'seeds', postId: 'p', annotationId: UUID },
    });
    expect(parseLink('threadline://seeds/2019-05-20-x')).toEqual({
      ok: true,
      link: { library: 'seeds', postId: '2019-05-20-x' },
    });
  });

  it.each([
    ['', 'does not start'],
    ['https://example.org/p', 'does not start'],
    ['threadline:seeds/p', 'does not start'],
    ['threadline://Seeds/p', 'library id'],
    ['threadline://../p', 'library id'],
    ['threadline://seeds/', 'names no post'],
    ['threadline://seeds/%20', 'names no post'],
    ['threadline://seeds/a/b', 'more than a library'],
    ['threadline://seeds/p?x=1', 'query'],
    ['threadline://seeds/%E0%A4%A', 'percent-encoding'],
    ['threadline://seeds/p#c', 'neither a comment'],
    ['threadline://seeds/p#c3..2', 'neither a comment'],
    ['threadline://seeds/p#x3', 'neither a comment'],
    ['threadline://seeds/p#anot-a-uuid', 'neither a comment'],
    [`threadline://seeds/${'p'.repeat(5000)}`, 'longer than'],
  ])('refuses %j, saying why', (text, reason) => {
    const parsed = parseLink(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('tells a Threadline link from other text by its scheme', () => {
    expect(looksLikeLink('threadline://seeds/p')).toBe(true);
    expect(looksLikeLink('Threadline:whatever')).toBe(true);
    expect(looksLikeLink('/home/me/library')).toBe(false);
  });
});

describe('round trips', () => {
  const library = fc.oneof(fc.constant('seeds'), fc.stringMatching(/^[0-9a-f]{16}$/));
  const commentId = fc.array(fc.integer({ min: 1, max: 9999 }), { minLength: 1, maxLength: 4 }).map((n) => n.join('.'));
  const postId = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0);

  it('reads back every link it builds', () => {
    fc.assert(
      fc.property(
        library,
        postId,
        fc.option(
          fc.oneof(
            commentId.map((c) => ({ commentId: c })),
            fc.uuid().map((a) => ({ annotationId: a })),
          ),
        ),
        (lib, post, place) => {
          const link: ThreadLink = { library: lib, postId: post, ...(place ?? {}) };
          expect(parseLink(buildLink(link))).toEqual({ ok: true, link });
        },
      ),
    );
  });
});
