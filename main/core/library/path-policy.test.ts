import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryAt, libraryPathRefusal, type PathEntry } from './path-policy';

const PROFILE = '/home/reader/.config/Threadline';

describe('the library path policy', () => {
  it.each<[string, string, PathEntry, string | null]>([
    ['a folder', '/home/reader/blog', 'folder', null],
    ['a folder whose name starts like the profile', `${PROFILE}-old`, 'folder', null],
    [
      'a missing folder',
      '/no/such/folder',
      'missing',
      'Opening library failed: /no/such/folder does not exist. Choose another folder.',
    ],
    [
      'a file',
      '/home/reader/post.txt',
      'file',
      'Opening library failed: /home/reader/post.txt is a file, not a folder. Choose the folder that holds the saved posts.',
    ],
    [
      'an unreadable folder',
      '/root/blog',
      'unreadable',
      'Opening library failed: /root/blog is not readable. Choose another folder.',
    ],
    [
      'a relative path',
      'seeds',
      'folder',
      'Opening library failed: "seeds" is not a full path to a folder. Choose the folder with File → Open Folder….',
    ],
    [
      'an empty path',
      '',
      'missing',
      'Opening library failed: "" is not a full path to a folder. Choose the folder with File → Open Folder….',
    ],
    [
      'the profile folder',
      PROFILE,
      'folder',
      `Opening library failed: ${PROFILE} is Threadline's own data folder, not saved posts. Choose another folder.`,
    ],
    [
      'a folder inside the profile',
      `${PROFILE}/index`,
      'folder',
      `Opening library failed: ${PROFILE}/index is Threadline's own data folder, not saved posts. Choose another folder.`,
    ],
  ])('%s: %s', (_case, path, entry, message) => {
    expect(libraryPathRefusal(path, entry, PROFILE)?.message ?? null).toBe(message);
  });

  it('tells a folder, a file and nothing apart on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-policy-'));
    await writeFile(join(dir, 'a.txt'), 'x');
    expect(await entryAt(dir)).toBe('folder');
    expect(await entryAt(join(dir, 'a.txt'))).toBe('file');
    expect(await entryAt(join(dir, 'missing'))).toBe('missing');
    expect(await entryAt(join(dir, 'a.txt', 'below-a-file'))).toBe('missing');
  });
});
