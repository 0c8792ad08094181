// Builds better-sqlite3 for Electron's ABI into out/native/, beside the Node build the tests use.
// The app passes it to better-sqlite3 as `nativeBinding` (main/core/index/packaged-paths.ts). Needs the
// internet once (a prebuilt binary from GitHub, or Electron's headers to compile), like the Electron binary.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSqliteForElectron, root, versionOf } from './sqlite-for-electron.mjs';

const electron = versionOf('electron');
const sqlite = versionOf('better-sqlite3');
const target = join(root, 'out/native/better_sqlite3.node');
const stamp = `${target}.version`;
const wanted = `electron ${electron}, better-sqlite3 ${sqlite}, ${process.platform}-${process.arch}`;

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

try {
  buildSqliteForElectron({ electron, destination: target });
  writeFileSync(stamp, wanted);
  console.log(`Built better-sqlite3 for ${wanted} → out/native/`);
} catch (error) {
  console.error(
    `Building better-sqlite3 for Electron ${electron} failed: ${error.message}\n` +
      'It needs the internet once (a prebuilt binary or the Electron headers). Connect and run `npm start` again; `npm run preview` works without it.',
  );
  process.exit(1);
}
