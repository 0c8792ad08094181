// Builds better-sqlite3's native module for an Electron version's ABI into a file of our choosing,
// in a temporary copy of the package: the project's node_modules keep the Node build that the
// tests and the command line load. Used by scripts/electron-native.mjs (npm start) and
// scripts/after-pack.mjs (packaging). Needs the internet: a prebuilt binary from GitHub, or
// Electron's headers to compile against.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The version of an installed package. */
export function versionOf(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** The ABI number a native module built for this Electron declares (node_register_module_v<N>). */
export function electronAbi(electron) {
  return createRequire(import.meta.url)('node-abi').getAbi(electron, 'electron');
}

/** Fails unless `file` is a native module for ABI `abi`: a build against the wrong headers loads nowhere. */
export function assertAbi(file, abi) {
  if (!readFileSync(file).includes(`node_register_module_v${abi}\0`))
    throw new Error(`${file} was not built for ABI ${abi} (node_register_module_v${abi} missing).`);
}

/**
 * Writes better_sqlite3.node for Electron `electron` on `platform`-`arch` to `destination`.
 * A prebuilt binary first; compiling is only possible for this machine's own platform.
 */
export function buildSqliteForElectron({ electron, platform = process.platform, arch = process.arch, destination }) {
  const work = mkdtempSync(join(tmpdir(), 'threadline-native-'));
  try {
    cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
    rmSync(join(work, 'build'), { recursive: true, force: true });
    // npm passes its nodedir setting (a machine's own Node headers) to scripts: it must not replace Electron's.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'),
    );
    const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);
    try {
      execFileSync(
        bin('prebuild-install'),
        ['--runtime', 'electron', '--target', electron, '--platform', platform, '--arch', arch],
        { cwd: work, stdio: 'inherit', env },
      );
    } catch (error) {
      if (platform !== process.platform) throw error;
      console.log('No prebuilt better-sqlite3 for this Electron; compiling it against Electron headers…');
      execFileSync(
        bin('node-gyp'),
        ['rebuild', '--release', `--target=${electron}`, '--dist-url=https://electronjs.org/headers', `--arch=${arch}`],
        { cwd: work, stdio: 'inherit', env },
      );
    }
    const built = join(work, 'build/Release/better_sqlite3.node');
    assertAbi(built, electronAbi(electron));
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(built, destination);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
