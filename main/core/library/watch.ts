import { watch } from 'chokidar';
import { relative, sep } from 'node:path';
import { isLibraryFileName } from './load';

/** Changes on disk are gathered this long before the index catches up with them. */
export const WATCH_DEBOUNCE_MS = 250;

/** What to do with the changes seen in a library folder. */
export interface WatchHandlers {
  /** Brings the index up to date with these files (paths relative to the folder, with "/"). */
  onChanges(files: string[]): Promise<void>;
  /** onChanges failed; the watch goes on. */
  onError(error: Error): void;
}

/** A library folder being followed. */
export interface FolderWatch {
  /** Resolves once the folder has been scanned and changes are reported. */
  ready: Promise<void>;
  /** Stops following the folder; changes still waiting are dropped. */
  close(): Promise<void>;
}

/**
 * Follows a library folder: its files (text copies, saved pages, feeds: isLibraryFileName()) added, changed or removed on disk are gathered
 * for a moment, then handed to `onChanges` together. One call runs at a time: changes seen
 * meanwhile wait for it to finish and go in the next call.
 */
export function watchLibraryFolder(root: string, handlers: WatchHandlers): FolderWatch {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const run = () => {
    timer = null;
    if (running) return void running.then(schedule);
    const files = [...changed];
    changed.clear();
    running = handlers
      .onChanges(files)
      .catch((error: Error) => handlers.onError(error))
      .finally(() => (running = null));
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    if (changed.size && !closed) timer = setTimeout(run, WATCH_DEBOUNCE_MS);
  };
  const watcher = watch(root, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
    ignored: (path, stats) => Boolean(stats?.isFile() && !isLibraryFileName(path.slice(path.lastIndexOf(sep) + 1))),
  });
  const onPath = (path: string) => {
    changed.add(relative(root, path).split(sep).join('/'));
    schedule();
  };
  watcher.on('add', onPath).on('change', onPath).on('unlink', onPath).on('unlinkDir', onPath);
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
