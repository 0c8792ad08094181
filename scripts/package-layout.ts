// The rules `npm run package:check` (scripts/package-check.ts) applies to a packaged app, as a
// pure function over what it found: the archive's listing, the files under resources/, the
// unpacked scripts, the desktop entry, the icons and the fuses. Each problem is one line.
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { electronSqliteBindingPath, parseWorkerLocation } from '../main/core/index/packaged-paths';

/** The fuses electron-builder.yml's electronFuses sets, by @electron/fuses' FuseV1Options index. */
export const EXPECTED_FUSES: readonly { index: number; name: string; on: boolean }[] = [
  { index: 0, name: 'runAsNode', on: false },
  { index: 1, name: 'enableCookieEncryption', on: true },
  { index: 2, name: 'enableNodeOptionsEnvironmentVariable', on: false },
  { index: 3, name: 'enableNodeCliInspectArguments', on: false },
  { index: 4, name: 'enableEmbeddedAsarIntegrityValidation', on: true },
  { index: 5, name: 'onlyLoadAppFromAsar', on: true },
  { index: 7, name: 'grantFileProtocolExtraPrivileges', on: false },
];

/** A fuse wire's byte for "on" and "off" (the characters '1' and '0'). */
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

/** Packages a dependency declares that nothing loads at run time, so they may stay inside the archive. */
export const NOT_LOADED_AT_RUN_TIME: Readonly<Record<string, string>> = {
  'prebuild-install': 'better-sqlite3 declares it to download its binary when installed',
};

export interface PackageLayout {
  /** Every entry of app.asar ("/"-separated, no leading slash), and whether it is unpacked. */
  archive: readonly { path: string; unpacked: boolean }[];
  /** Every file on disk under the app's resources folder, relative to it ("app.asar.unpacked/…", "icon.png"). */
  resources: readonly string[];
  /** The text of each unpacked script under out/, by its path inside app.asar.unpacked. */
  unpackedScripts: Readonly<Record<string, string>>;
  /** Each package unpacked under node_modules, with the dependencies its package.json declares. */
  unpackedPackages: Readonly<Record<string, readonly string[]>>;
  /** Packages only the project's development needs (package-lock.json's "dev": true). */
  devOnlyPackages: ReadonlySet<string>;
  /** The .desktop entry electron-builder writes into the Linux packages. */
  desktopEntry: string;
  /** The icon sizes electron-builder found for the Linux packages. */
  iconSizes: readonly number[];
  /** electron-builder's electronFuses setting, as configured. */
  fuseConfig: Readonly<Record<string, unknown>> | undefined;
  /** The fuse wire read back from the packaged binary (index → byte), or why it could not be read. */
  fuseWire: Readonly<Record<number, number>> | { skipped: string };
}

/** The package a bare import names: "tldts", "@scope/name" (from "@scope/name/sub"). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The modules a built script imports, statically or dynamically. */
export function importsOf(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)["']([^"']+)["']/gm))
    found.add(match[1]!);
  return [...found];
}

const RESOURCES = '/resources';

/** Checks a packaged app's layout; returns one line per problem, none when it is sound. */
export function checkPackageLayout(layout: PackageLayout): string[] {
  const problems: string[] = [];
  const inArchive = new Map(layout.archive.map((entry) => [entry.path, entry]));
  const onDisk = new Set(layout.resources);
  const existsOnDisk = (absolute: string) => onDisk.has(posix.relative(RESOURCES, absolute));

  // The bundles the app starts from.
  for (const file of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
    if (!inArchive.has(file)) problems.push(`${file} is missing from app.asar.`);
  if (!layout.archive.some((entry) => /^out\/renderer\/assets\/[^/]+\.js$/.test(entry.path)))
    problems.push('no renderer script (out/renderer/assets/*.js) in app.asar.');

  // The parse worker, where the packaged app looks for it (main/core/index/packaged-paths.ts).
  try {
    const location = parseWorkerLocation(`${RESOURCES}/app.asar/out/main`, existsOnDisk);
    if (location.kind !== 'built') problems.push('the parse worker would run from its TypeScript source.');
  } catch (error) {
    problems.push((error as Error).message);
  }
  const unpackedNames = new Set(Object.keys(layout.unpackedPackages));
  const needed = new Set<string>();
  for (const [file, source] of Object.entries(layout.unpackedScripts)) {
    for (const specifier of importsOf(source)) {
      if (isBuiltin(specifier) || specifier === 'electron') continue;
      if (specifier.startsWith('.')) {
        const target = posix.join('app.asar.unpacked', posix.dirname(file), specifier);
        if (!onDisk.has(target)) problems.push(`${file} imports ${specifier}, which is not unpacked (${target}).`);
      } else needed.add(packageOf(specifier));
    }
  }
  // The packages unpacked scripts import, and what those load in turn, must be unpacked too:
  // a script on disk cannot import from inside the archive.
  const seen = new Set<string>();
  const queue = [...needed];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!unpackedNames.has(name)) {
      problems.push(`package ${name} is loaded by the unpacked parse worker but is not unpacked.`);
      continue;
    }
    for (const dependency of layout.unpackedPackages[name] ?? [])
      if (!(dependency in NOT_LOADED_AT_RUN_TIME)) queue.push(dependency);
  }

  // better-sqlite3's native module, where the packaged app loads it from.
  const sqlite = electronSqliteBindingPath(`${RESOURCES}/app.asar`, true, existsOnDisk)!;
  const sqliteInArchive = posix.relative(`${RESOURCES}/app.asar.unpacked`, sqlite);
  if (!existsOnDisk(sqlite)) problems.push(`better-sqlite3's native module is not unpacked (${sqliteInArchive}).`);
  else if (!inArchive.get(sqliteInArchive)?.unpacked)
    problems.push(`app.asar's header does not mark ${sqliteInArchive} unpacked.`);

  // Nothing that only development needs.
  const everything = [
    ...layout.archive.map((entry) => entry.path),
    ...layout.resources.filter((file) => file.startsWith('app.asar.unpacked/')),
  ];
  const shipped = new Set<string>();
  for (const path of everything) {
    const match = path.match(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match) shipped.add(match[1]!);
  }
  for (const name of [...shipped].sort())
    if (layout.devOnlyPackages.has(name)) problems.push(`devDependency ${name} is inside the package.`);
  const rules: [RegExp, string][] = [
    [/\.map$/, 'a source map'],
    [/\.(?:ts|tsx|mts|cts)$/, 'TypeScript source'],
    [/(?:^|\/)[^/]+\.(?:test|spec)\.[cm]?[jt]sx?$/, 'a test'],
    [/^(?:main|preload|renderer|e2e|test-support|scripts|seeds|docs)\//, 'a source folder'],
    [/(?:^|\/)fixtures\//, 'a test fixture'],
    [/^out\/cli\//, "the command line's build (npm run build:cli), which the app does not run"],
  ];
  for (const path of everything)
    for (const [rule, what] of rules)
      if (rule.test(path)) problems.push(`${path} is ${what}; it must not be packaged.`);

  // The bundled library, as resources/seeds/*.txt.
  const seeds = layout.resources.filter((file) => file.startsWith('seeds/'));
  if (!seeds.length) problems.push('resources/seeds/ holds no seed file.');
  for (const file of seeds) if (!file.endsWith('.txt')) problems.push(`resources/${file} is not a seed file.`);

  // The window's icon, the Linux icon set and the desktop entry.
  if (!onDisk.has('icon.png')) problems.push("resources/icon.png (the window's icon) is missing.");
  for (const size of [16, 32, 48, 64, 128, 256, 512])
    if (!layout.iconSizes.includes(size)) problems.push(`the Linux icon set has no ${size}×${size} icon.`);
  const entry = parseDesktopEntry(layout.desktopEntry);
  for (const [key, rule] of [
    ['Name', /^Threadline$/],
    ['Comment', /\S/],
    ['Categories', /^Office;Viewer;$/],
    ['Icon', /\S/],
    ['Exec', /\S/],
    ['Type', /^Application$/],
  ] as const)
    if (!rule.test(entry[key] ?? ''))
      problems.push(`the .desktop entry's ${key} is ${JSON.stringify(entry[key] ?? null)}.`);

  // The fuses: as configured, and, where the binary carries a fuse wire, as flipped in it.
  for (const fuse of EXPECTED_FUSES) {
    const configured = layout.fuseConfig?.[fuse.name];
    if (configured !== fuse.on) problems.push(`electronFuses.${fuse.name} is ${configured}, not ${fuse.on}.`);
    if ('skipped' in layout.fuseWire) continue;
    const byte = layout.fuseWire[fuse.index];
    if (byte !== (fuse.on ? FUSE_ON : FUSE_OFF))
      problems.push(`the packaged binary's ${fuse.name} fuse is ${describeFuse(byte)}, not ${fuse.on ? 'on' : 'off'}.`);
  }
  return problems;
}

function describeFuse(byte: number | undefined): string {
  if (byte === FUSE_ON) return 'on';
  if (byte === FUSE_OFF) return 'off';
  return byte === undefined ? 'absent' : `byte ${byte}`;
}

/** The keys of a .desktop file's [Desktop Entry] group. */
export function parseDesktopEntry(text: string): Record<string, string> {
  const entry: Record<string, string> = {};
  let group = '';
  for (const line of text.split('\n')) {
    const heading = line.match(/^\[(.+)\]$/);
    if (heading) group = heading[1]!;
    else if (group === 'Desktop Entry' && line.includes('=')) {
      const at = line.indexOf('=');
      entry[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return entry;
}
