import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBindingPath, insideAsar, parseWorkerLocation, unpackedPath } from './packaged-paths';

describe('unpackedPath', () => {
  it.each([
    [
      '/opt/Threadline/resources/app.asar/out/main/parse-worker.js',
      '/opt/Threadline/resources/app.asar.unpacked/out/main/parse-worker.js',
    ],
    ['/opt/Threadline/resources/app.asar', '/opt/Threadline/resources/app.asar.unpacked'],
    [
      'C:\\Program Files\\Threadline\\resources\\app.asar\\out\\main',
      'C:\\Program Files\\Threadline\\resources\\app.asar.unpacked\\out\\main',
    ],
    [
      '/Applications/Threadline.app/Contents/Resources/app.asar/x.node',
      '/Applications/Threadline.app/Contents/Resources/app.asar.unpacked/x.node',
    ],
    // Already unpacked, or no archive at all: unchanged.
    ['/opt/Threadline/resources/app.asar.unpacked/out/main', '/opt/Threadline/resources/app.asar.unpacked/out/main'],
    ['/home/me/threadline/out/main/parse-worker.js', '/home/me/threadline/out/main/parse-worker.js'],
    ['/home/me/my-app.asar-notes/out', '/home/me/my-app.asar-notes/out'],
    ['/home/me/app.asarx/out', '/home/me/app.asarx/out'],
  ])('%s → %s', (path, expected) => {
    expect(unpackedPath(path)).toBe(expected);
  });
});

describe('insideAsar', () => {
  it.each([
    ['/opt/Threadline/resources/app.asar/out/main', true],
    ['C:\\Threadline\\resources\\app.asar\\out\\main', true],
    ['/opt/Threadline/resources/app.asar.unpacked/out/main', false],
    ['/home/me/threadline/out/main', false],
    ['/home/me/threadline/main/core/index', false],
  ])('%s → %s', (path, expected) => {
    expect(insideAsar(path)).toBe(expected);
  });
});

describe('parseWorkerLocation', () => {
  const packaged = '/opt/Threadline/resources/app.asar/out/main';
  const unpacked = '/opt/Threadline/resources/app.asar.unpacked/out/main/parse-worker.js';
  const checkout = '/home/me/threadline/out/main';
  const source = '/home/me/threadline/main/core/index';

  it.each([
    ['packaged, the worker unpacked', packaged, [unpacked], { kind: 'built', file: unpacked }],
    [
      'a checkout build',
      checkout,
      [join(checkout, 'parse-worker.js')],
      { kind: 'built', file: join(checkout, 'parse-worker.js') },
    ],
    [
      'from source (tests, the CLI)',
      source,
      [],
      { kind: 'source', boot: join(source, 'worker-boot.mjs'), entry: join(source, 'parse-worker.ts') },
    ],
  ])('%s', (_name, here, files, expected) => {
    expect(parseWorkerLocation(here, (path) => (files as string[]).includes(path))).toEqual(expected);
  });

  it('never falls back to the TypeScript source in a package, even when only the archived copy exists', () => {
    const archived = join(packaged, 'parse-worker.js');
    expect(() => parseWorkerLocation(packaged, (path) => path === archived)).toThrow(
      /parse worker is missing from this installation \(\/opt\/Threadline\/resources\/app\.asar\.unpacked\/out\/main\/parse-worker\.js\)/,
    );
  });
});

describe('electronSqliteBindingPath', () => {
  const native = '/home/me/threadline/out/native/better_sqlite3.node';
  it.each([
    [
      'packaged: the unpacked module, whether or not the check can see it',
      '/opt/Threadline/resources/app.asar',
      true,
      [],
      '/opt/Threadline/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ],
    ['a checkout with out/native built', '/home/me/threadline', false, [native], native],
    ['a checkout without it: better-sqlite3 finds its own', '/home/me/threadline', false, [], undefined],
  ])('%s', (_name, appPath, packaged, files, expected) => {
    expect(electronSqliteBindingPath(appPath, packaged, (path) => (files as string[]).includes(path))).toBe(expected);
  });
});
