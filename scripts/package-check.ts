// npm run package:check: packages the app for Linux with electron-builder (`--dir`: the unpacked app,
// no installer) into a temporary folder, then checks what it holds (scripts/package-layout.ts):
// the bundles, the parse worker and better-sqlite3 unpacked where the app looks for them, nothing
// that only development needs, the icon, the desktop entry and the fuses. It also starts the
// unpacked parse worker in Node on the bundled seeds, so its imports resolve from the unpacked
// files alone. Run `npx electron-vite build` first.
//
// With node_modules/electron/dist (a machine that could download Electron) it packages the real
// Electron and builds better-sqlite3 for it. Without it, it packages a stand-in Electron: a file
// carrying Electron's fuse wire, so the fuses are still flipped and read back, but nothing that
// runs, and better-sqlite3 stays the Node build (THREADLINE_SQLITE_FOR_ELECTRON=skip).
// Usage: tsx scripts/package-check.ts [--keep]   (--keep leaves the packaged app in place)
import { getCurrentFuseWire } from '@electron/fuses';
import * as asar from '@electron/asar';
import type { AfterPackContext, LinuxPackager } from 'app-builder-lib';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { Arch, build, Platform } from 'electron-builder';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParsePool } from '../main/core/index/pool';
import { checkPackageLayout, type PackageLayout } from './package-layout';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const started = performance.now();
const say = (line: string) => console.log(`package:check: ${line}`);

/** @electron/fuses' marker, followed by the wire's version (1), its length (8) and one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own fuse states, before packaging flips them ('1' on, '0' off). */
const ELECTRON_DEFAULT_FUSES = '10110001';

/** A folder electron-builder accepts as an unpacked Electron: an `electron` file that carries the fuse wire. */
function makeStandInElectron(folder: string, version: string): void {
  const script =
    '#!/bin/sh\necho "A stand-in for Electron made by npm run package:check: it cannot run the app." >&2\nexit 1\n';
  const wire = Buffer.concat([
    Buffer.from(`${script}# `),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(folder, 'electron'), wire, { mode: 0o755 });
  writeFileSync(join(folder, 'version'), version);
  writeFileSync(join(folder, 'LICENSE'), 'Stand-in for the Electron distribution.\n');
}

/** Every file under `dir`, relative to it, with "/". */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  unpacked?: boolean;
  link?: string;
}

/** Every file in an asar archive's header, and whether it is unpacked. */
function archiveEntries(archive: string): { path: string; unpacked: boolean }[] {
  const entries: { path: string; unpacked: boolean }[] = [];
  const walk = (node: HeaderNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else entries.push({ path, unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(archive).header as HeaderNode, '');
  return entries;
}

/** Packages only development needs: "dev": true in package-lock.json, wherever they are installed. */
function devOnlyPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const dev = new Set<string>();
  const runtime = new Set<string>();
  for (const [path, info] of Object.entries(lock.packages)) {
    const at = path.lastIndexOf('node_modules/');
    if (at < 0) continue;
    (info.dev ? dev : runtime).add(path.slice(at + 'node_modules/'.length));
  }
  return new Set([...dev].filter((name) => !runtime.has(name)));
}

/** What the afterPack hook saw of the staged app. */
interface Captured {
  appOutDir: string;
  resources: string;
  binary: string;
  desktopEntry: string;
  iconSizes: number[];
  fuseConfig: Record<string, unknown> | undefined;
}

function sizeOf(paths: string[]): number {
  return paths.reduce((sum, path) => sum + statSync(path).size, 0);
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<number> {
  for (const file of ['out/main/index.js', 'out/main/parse-worker.js', 'out/preload/index.cjs'])
    if (!existsSync(join(root, file))) {
      console.error(`package:check: ${file} is missing: run "npx electron-vite build" first.`);
      return 1;
    }
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const work = mkdtempSync(join(tmpdir(), 'threadline-package-check-'));
  const realDist = join(root, 'node_modules/electron/dist');
  // The check packages for Linux, so only a Linux machine's Electron distribution will do.
  const real = process.platform === 'linux' && existsSync(join(realDist, 'electron'));
  let electronDist = realDist;
  if (real) say(`packaging with the real Electron ${electronVersion} (${realDist}), building better-sqlite3 for it.`);
  else {
    electronDist = join(work, 'electron-stand-in');
    mkdirSync(electronDist);
    makeStandInElectron(electronDist, electronVersion);
    process.env['THREADLINE_SQLITE_FOR_ELECTRON'] = 'skip';
    say(
      `node_modules/electron/dist ${existsSync(realDist) ? 'holds no Linux Electron' : 'is absent (the Electron binary could not be downloaded on this machine)'}, so this ` +
        `packages a stand-in Electron ${electronVersion}: a file carrying Electron's fuse wire, which cannot run. ` +
        'The layout, the fuses and the unpacked worker are checked for real; better-sqlite3 is not rebuilt for ' +
        'Electron (that needs the internet). With the internet, `npx install-electron` (or a first `npm start`) ' +
        'puts Electron in node_modules/electron/dist, and this script then packages it for real.',
    );
  }

  const hook = (await import(pathToFileURL(join(root, 'scripts/after-pack.mjs')).href)) as {
    default: (context: AfterPackContext) => Promise<void>;
  };
  const box: { captured?: Captured } = {};
  const output = join(work, 'dist');
  const arch = process.arch === 'arm64' ? Arch.arm64 : Arch.x64;
  const packStarted = performance.now();
  try {
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', arch),
      config: {
        electronDist,
        directories: { output, buildResources: 'build' },
        afterPack: async (context: AfterPackContext) => {
          await hook.default(context);
          // What the AppImage and deb targets would write, from electron-builder's own helper.
          const packager = context.packager as LinuxPackager;
          const helper = new LinuxTargetHelper(packager);
          const icons = await helper.icons;
          box.captured = {
            appOutDir: context.appOutDir,
            resources: packager.getResourcesDir(context.appOutDir),
            binary: join(context.appOutDir, packager.executableName),
            desktopEntry: await helper.computeDesktopEntry(
              packager.platformSpecificBuildOptions,
              `/opt/${packager.appInfo.productFilename}/${packager.executableName} %U`,
            ),
            iconSizes: icons.map((icon) => icon.size),
            fuseConfig: packager.config.electronFuses as Record<string, unknown> | undefined,
          };
        },
      },
    });
  } catch (error) {
    console.error(`package:check: electron-builder failed: ${(error as Error).message}`);
    if (!keep) rmSync(work, { recursive: true, force: true });
    return 1;
  }
  const packSeconds = (performance.now() - packStarted) / 1000;
  const app = box.captured;
  if (!app) throw new Error('the afterPack hook never ran');

  const archive = join(app.resources, 'app.asar');
  const unpacked = join(app.resources, 'app.asar.unpacked');
  const resources = filesUnder(app.resources);
  const unpackedScripts: Record<string, string> = {};
  for (const file of filesUnder(join(unpacked, 'out')))
    if (file.endsWith('.js')) unpackedScripts[`out/${file}`] = readFileSync(join(unpacked, 'out', file), 'utf8');
  const unpackedPackages: Record<string, string[]> = {};
  for (const file of filesUnder(join(unpacked, 'node_modules'))) {
    const match = file.match(/^((?:@[^/]+\/)?[^/]+)\/package\.json$/);
    if (!match) continue;
    const manifest = JSON.parse(readFileSync(join(unpacked, 'node_modules', file), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    unpackedPackages[match[1]!] = Object.keys(manifest.dependencies ?? {});
  }
  let fuseWire: PackageLayout['fuseWire'];
  try {
    const wire = (await getCurrentFuseWire(app.binary)) as unknown as Record<string, string | number>;
    fuseWire = Object.fromEntries(
      Object.entries(wire)
        .filter(([key]) => /^\d+$/.test(key))
        .map(([key, value]) => [Number(key), Number(value)]),
    );
  } catch (error) {
    fuseWire = { skipped: (error as Error).message };
    say(`fuses not read back (${(error as Error).message}); their configuration is checked instead.`);
  }
  const layout: PackageLayout = {
    archive: archiveEntries(archive),
    resources,
    unpackedScripts,
    unpackedPackages,
    devOnlyPackages: devOnlyPackages(),
    desktopEntry: app.desktopEntry,
    iconSizes: app.iconSizes,
    fuseConfig: app.fuseConfig,
    fuseWire,
  };
  const problems = checkPackageLayout(layout);

  // The unpacked worker, started in Node: its chunks and packages must resolve from app.asar.unpacked alone.
  const seeds = resources.filter((file) => file.startsWith('seeds/') && file.endsWith('.txt'));
  if (seeds.length) {
    const pool = new ParsePool(1, { workerFile: join(unpacked, 'out/main/parse-worker.js') });
    try {
      const parsed = await pool.parse(join(app.resources, 'seeds'), seeds[0]!.slice('seeds/'.length));
      if (!parsed) problems.push('the unpacked parse worker returned nothing for a seed file.');
    } catch (error) {
      problems.push(`the unpacked parse worker failed on a seed file: ${(error as Error).message}`);
    } finally {
      await pool.close();
    }
  }

  const sqlite = join(unpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (real && existsSync(sqlite)) {
    const { assertAbi, electronAbi } = (await import(
      pathToFileURL(join(root, 'scripts/sqlite-for-electron.mjs')).href
    )) as {
      assertAbi: (file: string, abi: string) => void;
      electronAbi: (electron: string) => string;
    };
    try {
      assertAbi(sqlite, electronAbi(electronVersion));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  const archiveBytes = statSync(archive).size;
  const unpackedBytes = sizeOf(filesUnder(unpacked).map((file) => join(unpacked, file)));
  const appBytes = sizeOf(filesUnder(app.appOutDir).map((file) => join(app.appOutDir, file)));
  const seconds = (performance.now() - started) / 1000;
  if (problems.length) {
    for (const problem of problems) console.error(`package:check: ${problem}`);
    console.error(`package:check: ${problems.length} problem(s) in ${keep ? app.appOutDir : 'the packaged app'}.`);
  } else {
    const wireNote = 'skipped' in fuseWire ? 'fuse configuration' : 'fuses flipped and read back';
    say(
      `the packaged app is sound: ${layout.archive.length} files in app.asar (${megabytes(archiveBytes)}), ` +
        `${megabytes(unpackedBytes)} unpacked, ${megabytes(appBytes)} in all; ${wireNote}; the unpacked worker parsed a seed.`,
    );
  }
  say(`electron-builder took ${packSeconds.toFixed(1)} s, the whole check ${seconds.toFixed(1)} s.`);
  if (keep) say(`kept: ${app.appOutDir}`);
  else rmSync(work, { recursive: true, force: true });
  return problems.length ? 1 : 0;
}

process.exitCode = await main();
