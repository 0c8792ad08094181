// Builds better-sqlite3 for Electron's ABI into out/native/, beside the Node build the tests use.
// The app passes it to better-sqlite3 as `nativeBinding` (main/app/paths.ts). Needs the internet
// once (a prebuilt binary from GitHub, or Electron's headers to compile), like the Electron binary.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const sqlite = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
const target = join(root, 'out/native/better_sqlite3.node');
const stamp = `${target}.version`;
const wanted = `electron ${electron}, better-sqlite3 ${sqlite}, ${process.platform}-${process.arch}`;

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'threadline-native-'));
try {
  cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  try {
    execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', electron, '--arch', process.arch], {
      cwd: work,
      stdio: 'inherit',
    });
  } catch {
    console.log('No prebuilt better-sqlite3 for this Electron; compiling it against Electron headers…');
    execFileSync(
      bin('node-gyp'),
      [
        'rebuild',
        '--release',
        `--target=${electron}`,
        '--dist-url=https://electronjs.org/headers',
        `--arch=${process.arch}`,
      ],
      {
        cwd: work,
        stdio: 'inherit',
      },
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
  writeFileSync(stamp, wanted);
  console.log(`Built better-sqlite3 for ${wanted} → out/native/`);
} catch (error) {
  console.error(
    `Building better-sqlite3 for Electron ${electron} failed: ${error.message}\n` +
      'It needs the internet once (a prebuilt binary or the Electron headers). Connect and run `npm start` again; `npm run preview` works without it.',
  );
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
