import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, rendererFileFor } from './renderer-files';

const root = '/opt/Threadline/resources/app.asar/out/renderer';
const winRoot = 'C:\\Program Files\\Threadline\\resources\\app.asar\\out\\renderer';
const posixFile = (url: string) => rendererFileFor(url, root, path.posix);
const windowsFile = (url: string) => rendererFileFor(url, winRoot, path.win32);

describe('rendererFileFor: the built file an app://threadline/ URL asks for', () => {
  it.each([
    ['app://threadline/index.html', 'index.html'],
    ['app://threadline/', 'index.html'],
    ['app://threadline', 'index.html'],
    ['APP://THREADLINE/index.html', 'index.html'],
    ['app://threadline/assets/index-CzGrcx6j.js', 'assets/index-CzGrcx6j.js'],
    ['app://threadline/assets/index.css?v=2#x', 'assets/index.css'],
    ['app://threadline/assets/a%20b.woff2', 'assets/a b.woff2'],
    ['app://threadline/assets/caf%C3%A9.svg', 'assets/café.svg'],
    // The URL parser resolves dot segments, literal or %2e-encoded, before the path is read
    // (Chromium does the same before the request reaches the handler): they cannot climb out.
    ['app://threadline/../../etc/passwd', 'etc/passwd'],
    ['app://threadline/%2e%2e/%2E%2E/etc/passwd', 'etc/passwd'],
    ['app://threadline/assets/./../index.html', 'index.html'],
  ])('serves %s from <renderer>/%s', (url, file) => {
    expect(posixFile(url)).toBe(path.posix.join(root, file));
  });

  it.each([
    ['app://evil/index.html', 'another host'],
    ['app://threadline.evil/index.html', 'a host that starts with threadline'],
    ['app://threadline@evil/index.html', 'threadline as a user name'],
    ['app://threadline:8080/index.html', 'a port'],
    ['file:///opt/Threadline/resources/app.asar/out/renderer/index.html', 'a file URL'],
    ['https://threadline/index.html', 'another scheme'],
    ['not a url', 'not a URL'],
    ['app://threadline/..%2f..%2fetc%2fpasswd', 'dot segments hidden behind encoded slashes'],
    ['app://threadline/assets/..%2F..%2F..%2Fsecret', 'the same from a subfolder, upper-case escapes'],
    ['app://threadline/%2e%2e%2fsecret', 'an encoded ../ in one segment'],
    ['app://threadline/.%2fsecret', 'an encoded ./'],
    ['app://threadline/a\\..\\..\\secret', 'backslashes'],
    ['app://threadline/a%5c..%5c..%5csecret', 'encoded backslashes'],
    ['app://threadline//etc/passwd', 'an absolute path after the origin'],
    ['app://threadline/%2Fetc%2Fpasswd', 'an encoded absolute path'],
    ['app://threadline/C:/Windows/win.ini', 'a drive letter'],
    ['app://threadline/index.html:secret', 'a Windows stream name'],
    ['app://threadline/index.html%00.png', 'a NUL byte'],
    ['app://threadline/%E0%A4%A', 'a broken escape'],
    ['app://threadline/assets/', 'a folder (file:// would list it)'],
  ])('refuses %s (%s)', (url) => {
    expect(posixFile(url)).toBeNull();
    expect(windowsFile(url)).toBeNull();
  });

  it('maps to Windows paths inside the renderer folder, and refuses what only Windows would read as a way out', () => {
    expect(windowsFile('app://threadline/assets/index.js')).toBe(`${winRoot}\\assets\\index.js`);
    expect(windowsFile('app://threadline/')).toBe(`${winRoot}\\index.html`);
    expect(windowsFile('app://threadline/D:secret.txt')).toBeNull();
    expect(windowsFile('app://threadline/%5C%5Cserver%5Cshare%5Cx')).toBeNull();
    expect(windowsFile('app://threadline/%2F%2Fserver%2Fshare%2Fx')).toBeNull();
  });

  it('never answers with a file outside the renderer folder, whatever the path', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E%2e',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '/',
      '//',
      'C:',
      ':',
      '%00',
      '%',
      'assets',
      'index.html',
      'a b',
      '~',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const url = `app://threadline/${pieces.join('')}`;
        for (const [dir, api] of [
          [root, path.posix],
          [winRoot, path.win32],
        ] as const) {
          const file = rendererFileFor(url, dir, api);
          if (file !== null) expect(isInside(file, dir, api)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isInside', () => {
  it.each([
    ['/r/index.html', '/r', true],
    ['/r/assets/a.js', '/r', true],
    ['/r/..foo', '/r', true],
    ['/r', '/r', false],
    ['/r/', '/r', false],
    ['/r/../x', '/r', false],
    ['/rx/index.html', '/r', false],
    ['/etc/passwd', '/r', false],
  ])('%s inside %s → %s', (file, dir, inside) => {
    expect(isInside(file, dir, path.posix)).toBe(inside);
  });

  it('compares Windows paths across drives and cases as Windows does', () => {
    expect(isInside('C:\\r\\index.html', 'C:\\r', path.win32)).toBe(true);
    expect(isInside('c:\\R\\index.html', 'C:\\r', path.win32)).toBe(true);
    expect(isInside('D:\\r\\index.html', 'C:\\r', path.win32)).toBe(false);
    expect(isInside('C:\\r2\\index.html', 'C:\\r', path.win32)).toBe(false);
  });
});
