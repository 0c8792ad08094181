import { app } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { electronSqliteBindingPath } from '../core/index/packaged-paths';
import type { AppPages } from './app-origin';

/** The bundled seeds: beside the app in development, in resources/ when packaged. */
export function bundledSeedsPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'seeds') : join(app.getAppPath(), 'seeds');
}

/**
 * A library folder named on the command line, if any: the first argument after the app's
 * own that is an existing folder. Electron/Chromium switches ("--foo") are skipped.
 */
export function folderFromArgs(argv: readonly string[], cwd = process.cwd()): string | null {
  const args = argv.slice(app.isPackaged ? 1 : 2);
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const candidate = resolve(cwd, arg);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
  }
  return null;
}

/** The better-sqlite3 native module built for Electron's ABI, when there is one (packaged, always: see packaged-paths.ts). */
export function electronSqliteBinding(): string | undefined {
  return electronSqliteBindingPath(app.getAppPath(), app.isPackaged, existsSync);
}

/** The window's icon: resources/icon.png when packaged (electron-builder.yml's extraResources), else build/icons/. */
export function appIconPath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'build/icons/256x256.png');
}

/** The built renderer (out/renderer), beside this bundle (out/main), which app://threadline serves. */
export function rendererDir(): string {
  return join(import.meta.dirname, '../renderer');
}

/** Where this run's page may come from: electron-vite's dev server, which app-origin.ts trusts only when not packaged. */
export function appPages(): AppPages {
  return { devServerUrl: process.env['ELECTRON_RENDERER_URL'], packaged: app.isPackaged };
}
