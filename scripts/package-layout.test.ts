import { describe, expect, it } from 'vitest';
import { checkPackageLayout, importsOf, packageOf, parseDesktopEntry, type PackageLayout } from './package-layout';

const SQLITE_NODE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
const WORKER =
  'import { a } from "./chunks/parse-file-X.js";\nimport("./chunks/full-Y.js");\nimport { parentPort } from "node:worker_threads";';
const FULL = 'import { b } from "./parse-file-X.js";\nimport { c } from "./write-Z.js";';
const WRITE =
  'import Database from "better-sqlite3";\nimport { parse } from "tldts";\nimport { join } from "node:path";';

/** A sound package, as scripts/package-check.ts finds it; each test breaks one thing. */
function goodLayout(): PackageLayout {
  const unpacked = [
    'package.json',
    'out/main/parse-worker.js',
    'out/main/chunks/parse-file-X.js',
    'out/main/chunks/full-Y.js',
    'out/main/chunks/write-Z.js',
    'node_modules/better-sqlite3/package.json',
    'node_modules/better-sqlite3/lib/index.js',
    SQLITE_NODE,
    'node_modules/bindings/bindings.js',
    'node_modules/file-uri-to-path/index.js',
    'node_modules/tldts/dist/cjs/index.js',
    'node_modules/tldts-core/dist/cjs/index.js',
  ];
  const archived = [
    'out/main/index.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-A.js',
    'out/renderer/assets/index-A.css',
    'node_modules/zod/index.js',
    'node_modules/prebuild-install/index.js',
  ];
  return {
    archive: [
      ...archived.map((path) => ({ path, unpacked: false })),
      ...unpacked.map((path) => ({ path, unpacked: true })),
    ],
    resources: [
      'app.asar',
      ...unpacked.map((path) => `app.asar.unpacked/${path}`),
      'icon.png',
      'seeds/000_a.txt',
      'seeds/004_b.txt',
    ],
    unpackedScripts: {
      'out/main/parse-worker.js': WORKER,
      'out/main/chunks/parse-file-X.js': 'import { readFile } from "node:fs/promises";',
      'out/main/chunks/full-Y.js': FULL,
      'out/main/chunks/write-Z.js': WRITE,
    },
    unpackedPackages: {
      'better-sqlite3': ['bindings', 'prebuild-install'],
      bindings: ['file-uri-to-path'],
      'file-uri-to-path': [],
      tldts: ['tldts-core'],
      'tldts-core': [],
    },
    devOnlyPackages: new Set(['react', 'tsx', 'vitest', '@electron/asar']),
    desktopEntry:
      '[Desktop Entry]\nName=Threadline\nExec=/opt/Threadline/threadline %U\nTerminal=false\nType=Application\nIcon=threadline\nComment=An offline desktop reader\nCategories=Office;Viewer;\n',
    iconSizes: [16, 24, 32, 48, 64, 128, 256, 512],
    fuseConfig: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    },
    fuseWire: Object.fromEntries([...'01001100'].map((c, i) => [i, c.charCodeAt(0)])),
  };
}

/** A good layout without the archive entries and files whose path matches. */
function without(layout: PackageLayout, rule: RegExp): PackageLayout {
  return {
    ...layout,
    archive: layout.archive.filter((entry) => !rule.test(entry.path)),
    resources: layout.resources.filter((file) => !rule.test(file)),
  };
}

function withArchived(layout: PackageLayout, ...paths: string[]): PackageLayout {
  return { ...layout, archive: [...layout.archive, ...paths.map((path) => ({ path, unpacked: false }))] };
}

describe('checkPackageLayout', () => {
  it('passes a sound package', () => {
    expect(checkPackageLayout(goodLayout())).toEqual([]);
  });

  it.each([
    ['the main bundle', /^out\/main\/index\.js$/, 'out/main/index.js is missing from app.asar.'],
    ['the preload', /^out\/preload\//, 'out/preload/index.cjs is missing from app.asar.'],
    ['the page', /^out\/renderer\/index\.html$/, 'out/renderer/index.html is missing from app.asar.'],
    [
      'the renderer script',
      /^out\/renderer\/assets\/.*\.js$/,
      'no renderer script (out/renderer/assets/*.js) in app.asar.',
    ],
    [
      'the unpacked worker',
      /^app\.asar\.unpacked\/out\/main\/parse-worker\.js$/,
      'parse worker is missing from this installation',
    ],
    [
      'an unpacked chunk',
      /^app\.asar\.unpacked\/out\/main\/chunks\/write/,
      'imports ./write-Z.js, which is not unpacked',
    ],
    [
      'the unpacked .node',
      /^app\.asar\.unpacked\/.*better_sqlite3\.node$/,
      "better-sqlite3's native module is not unpacked",
    ],
    ['the window icon', /^icon\.png$/, 'resources/icon.png'],
    ['the seeds', /^seeds\//, 'resources/seeds/ holds no seed file.'],
  ])('fails without %s', (_what, rule, message) => {
    expect(checkPackageLayout(without(goodLayout(), rule)).join('\n')).toContain(message);
  });

  it('fails when a package the worker loads, or one that package loads, is left in the archive', () => {
    const layout = goodLayout();
    const rest = Object.fromEntries(Object.entries(layout.unpackedPackages).filter(([name]) => name !== 'tldts-core'));
    expect(checkPackageLayout({ ...layout, unpackedPackages: rest })).toEqual([
      'package tldts-core is loaded by the unpacked parse worker but is not unpacked.',
    ]);
  });

  it('fails when the header does not mark the native module unpacked', () => {
    const layout = goodLayout();
    const archive = layout.archive.map((entry) => (entry.path === SQLITE_NODE ? { ...entry, unpacked: false } : entry));
    expect(checkPackageLayout({ ...layout, archive })).toEqual([
      `app.asar's header does not mark ${SQLITE_NODE} unpacked.`,
    ]);
  });

  it.each([
    ['a devDependency', 'node_modules/react/index.js', 'devDependency react is inside the package.'],
    ['a scoped devDependency', 'node_modules/@electron/asar/lib/asar.js', 'devDependency @electron/asar is inside'],
    ['a source map', 'out/main/index.js.map', 'is a source map'],
    ['TypeScript', 'out/main/types.d.ts', 'is TypeScript source'],
    ['TypeScript in a package', 'node_modules/zod/src/index.ts', 'is TypeScript source'],
    ['a test', 'out/main/pool.test.js', 'is a test'],
    ['a source folder', 'main/core/service.ts', 'is a source folder'],
    ['a test fixture', 'out/fixtures/seeds/labels.json', 'is a test fixture'],
    ["the command line's build", 'out/cli/threadline.js', "is the command line's build"],
    ['the seeds inside the archive', 'seeds/000_a.txt', 'is a source folder'],
  ])('fails with %s inside', (_what, path, message) => {
    expect(checkPackageLayout(withArchived(goodLayout(), path)).join('\n')).toContain(message);
  });

  it('fails with a file in resources/seeds/ that is not a seed', () => {
    const layout = goodLayout();
    expect(checkPackageLayout({ ...layout, resources: [...layout.resources, 'seeds/notes.md'] })).toEqual([
      'resources/seeds/notes.md is not a seed file.',
    ]);
  });

  it('fails when the Linux icon set lacks a size, or the desktop entry its category', () => {
    const layout = goodLayout();
    expect(
      checkPackageLayout({
        ...layout,
        iconSizes: [16, 32, 48, 64, 128, 256],
        desktopEntry: layout.desktopEntry.replace('Categories=Office;Viewer;', 'Categories=Utility;'),
      }),
    ).toEqual(['the Linux icon set has no 512×512 icon.', 'the .desktop entry\'s Categories is "Utility;".']);
  });

  it('fails on a fuse configured or flipped the wrong way', () => {
    const layout = goodLayout();
    const fuseWire = { ...layout.fuseWire, 0: '1'.charCodeAt(0) };
    expect(
      checkPackageLayout({ ...layout, fuseWire, fuseConfig: { ...layout.fuseConfig, onlyLoadAppFromAsar: undefined } }),
    ).toEqual([
      "the packaged binary's runAsNode fuse is on, not off.",
      'electronFuses.onlyLoadAppFromAsar is undefined, not true.',
    ]);
  });

  it('checks the fuse configuration alone when the binary carries no fuse wire', () => {
    const layout = { ...goodLayout(), fuseWire: { skipped: 'no sentinel' } };
    expect(checkPackageLayout(layout)).toEqual([]);
    expect(checkPackageLayout({ ...layout, fuseConfig: { ...layout.fuseConfig, runAsNode: true } })).toEqual([
      'electronFuses.runAsNode is true, not false.',
    ]);
  });
});

describe('helpers', () => {
  it('finds static, dynamic and bare imports', () => {
    expect(importsOf(`${WORKER}\nimport "./side-effect.js";`)).toEqual([
      './chunks/parse-file-X.js',
      './chunks/full-Y.js',
      'node:worker_threads',
      './side-effect.js',
    ]);
  });

  it.each([
    ['tldts', 'tldts'],
    ['tldts/dist/x.js', 'tldts'],
    ['@scope/name/sub', '@scope/name'],
  ])('packageOf(%s) is %s', (specifier, name) => {
    expect(packageOf(specifier)).toBe(name);
  });

  it('reads only the [Desktop Entry] group', () => {
    expect(parseDesktopEntry('[Desktop Entry]\nName=A\nExec=a %U\n\n[Desktop Action New]\nName=B\n')).toEqual({
      Name: 'A',
      Exec: 'a %U',
    });
  });
});
