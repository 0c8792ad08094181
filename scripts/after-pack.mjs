// electron-builder's afterPack hook (electron-builder.yml): puts better-sqlite3 built for the
// packaged Electron into the staged app's app.asar.unpacked, where main/core/index/packaged-paths.ts
// loads it from. electron-builder's own rebuild (npmRebuild) is off because it rebuilds inside
// the project's node_modules, which would leave the tests and the command line with a module
// Node cannot load. Runs before the fuses are flipped and the app is signed.
// THREADLINE_SQLITE_FOR_ELECTRON=skip leaves the Node build in place: npm run package:check sets
// it when it packages a stand-in Electron offline, where nothing can be downloaded.
import { join } from 'node:path';
import { buildSqliteForElectron } from './sqlite-for-electron.mjs';

/** Where the hook writes the module, inside a staged app's resources folder. */
export const SQLITE_IN_RESOURCES = 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/** electron-builder's architecture numbers (builder-util's Arch) as Node names them. */
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const arch = ARCH[context.arch] ?? String(context.arch);
  const electron = packager.config.electronVersion ?? packager.info.framework.version;
  const destination = join(packager.getResourcesDir(appOutDir), SQLITE_IN_RESOURCES);
  if (process.env.THREADLINE_SQLITE_FOR_ELECTRON === 'skip') {
    console.log(
      `  • better-sqlite3 for Electron ${electron} not built (THREADLINE_SQLITE_FOR_ELECTRON=skip): the package holds the Node build.`,
    );
    return;
  }
  if (arch === 'universal') throw new Error('after-pack.mjs: build each architecture, then merge them.');
  console.log(`  • building better-sqlite3 for Electron ${electron} ${electronPlatformName}-${arch} → ${destination}`);
  buildSqliteForElectron({ electron, platform: electronPlatformName, arch, destination });
}
