import { describe, expect, it } from 'vitest';
import { libraryForLink, libraryLinkId, readLink } from './link-target';
import { UserError } from './errors';

describe('which library a link names', () => {
  const seeds = '/opt/threadline/seeds';

  it('names the bundled library "seeds" and any other folder by a hash of its path', () => {
    expect(libraryLinkId('/opt/threadline/seeds/', seeds)).toBe('seeds');
    const id = libraryLinkId('/home/reader/Probation', seeds);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(libraryLinkId('/home/reader/Probation', seeds)).toBe(id);
    expect(libraryLinkId('/home/reader/Other', seeds)).not.toBe(id);
  });

  it('finds the folder among those this computer knows, and says what to do when none matches', () => {
    const known = [seeds, '/home/reader/Probation'];
    const link = readLink(`threadline://${libraryLinkId('/home/reader/Probation', seeds)}/p#c2`);
    expect(libraryForLink(link, known, seeds)).toBe('/home/reader/Probation');
    expect(libraryForLink(readLink('threadline://seeds/p'), known, seeds)).toBe(seeds);
    expect(() => libraryForLink(readLink('threadline://0000000000000000/p'), known, seeds)).toThrow(
      /has not opened .*Open that library's folder once/,
    );
  });

  it('refuses text that is not a link with a UserError saying why', () => {
    expect(() => readLink('threadline://seeds/p#z')).toThrow(UserError);
    expect(() => readLink('https://example.org')).toThrow(/is not a Threadline link \(it does not start/);
  });
});
