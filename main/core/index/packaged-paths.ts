import { join } from 'node:path';

/**
 * Where files a packaged app must read from disk live. A worker thread's script and a native
 * module are opened by the operating system or a fresh loader, not through Electron's app.asar
 * reader, so electron-builder.yml's `asarUnpack` copies them to app.asar.unpacked beside the archive.
 */

const ASAR_SEGMENT = /([\\/])app\.asar(?=[\\/]|$)/;

/** Whether a path lies inside a packaged app's archive. */
export function insideAsar(path: string): boolean {
  return ASAR_SEGMENT.test(path);
}

/** The same path in app.asar.unpacked when it lies inside app.asar; any other path unchanged. */
export function unpackedPath(path: string): string {
  return path.replace(ASAR_SEGMENT, '$1app.asar.unpacked');
}

/** How to start the parse worker: a built script, or the TypeScript source through tsx's boot script. */
export type ParseWorkerLocation = { kind: 'built'; file: string } | { kind: 'source'; boot: string; entry: string };

/**
 * The parse worker beside the module that starts it (`here`): the built `parse-worker.js` (in a
 * package, its unpacked copy; in the command line's build, out/cli/), else the TypeScript source
 * (tests run from source).
 * A package ships no TypeScript and no tsx, so there a missing built worker is an error, never the fallback.
 */
export function parseWorkerLocation(here: string, exists: (path: string) => boolean): ParseWorkerLocation {
  const built = unpackedPath(join(here, 'parse-worker.js'));
  if (exists(built)) return { kind: 'built', file: built };
  if (insideAsar(here))
    throw new Error(
      `The parse worker is missing from this installation (${built}). Reinstall Threadline; if that does not help, report it.`,
    );
  return { kind: 'source', boot: join(here, 'worker-boot.mjs'), entry: join(here, 'parse-worker.ts') };
}

/** better-sqlite3's native module, relative to the app folder (app.asar when packaged). */
const SQLITE_NODE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/**
 * The better-sqlite3 native module built for Electron's ABI: packaged, the one electron-builder's
 * afterPack hook (scripts/after-pack.mjs) put in app.asar.unpacked; from a checkout, the one
 * `npm start` built into out/native/ when it exists. Undefined lets better-sqlite3 find its own (Node's) build.
 */
export function electronSqliteBindingPath(
  appPath: string,
  packaged: boolean,
  exists: (path: string) => boolean,
): string | undefined {
  if (packaged) return unpackedPath(join(appPath, SQLITE_NODE));
  const built = join(appPath, 'out/native/better_sqlite3.node');
  return exists(built) ? built : undefined;
}
