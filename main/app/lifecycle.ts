/**
 * The app's lifecycle over the few parts of Electron's `app` it uses, so tests drive it with
 * stand-ins (main/index.ts passes the real `app`, which the compiler checks against AppLike).
 * No 'electron' import.
 */

/** What the lifecycle reads and calls of Electron's `app`. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<unknown>;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  /** macOS: the system opens a threadline:// link with the app (before or after it is ready). */
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/** What the one running instance does; made only once this process holds the single-instance lock. */
export interface Instance {
  /** Once Electron is ready: serve the page, make the window, start opening the first library. */
  ready(): Promise<void>;
  /** A library folder named by a later launch: opened in this window. */
  openFolder(path: string): Promise<void>;
  /** The folder a command line names, if any. */
  folderFromArgs(argv: readonly string[], workingDirectory: string): string | null;
  /** Brings the window to the front (restored when minimised). */
  showWindow(): void;
  /** Waits for pending writes (annotations, the index) and closes the files. */
  close(): Promise<void>;
  /** Records a failure of the lifecycle itself (the crash log). */
  report(what: string, error: unknown): void;
  /** A threadline:// link from the system or a later launch: the window goes there (kept until it asks, if it has not started). */
  openLink?(url: string): void;
}

/** The threadline:// link a command line holds, if any (Windows and Linux hand a link to the app as an argument). */
export function linkFromArgs(argv: readonly string[]): string | null {
  return argv.find((arg) => /^threadline:/i.test(arg)) ?? null;
}

/** How this process runs: the one instance, or a second launch that hands over and quits. */
export type Role = 'primary' | 'secondary';

/**
 * Electron's single-instance pattern: a second launch quits at once, running nothing else (its
 * command line reaches the first through 'second-instance'). The first makes its Instance,
 * opens a later launch's folder once it is ready (queued until then), and before quitting
 * holds the quit once until close() has finished writing.
 */
export function runLifecycle(app: AppLike, makeInstance: () => Instance): Role {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return 'secondary';
  }
  const instance = makeInstance();
  let isReady = false;
  const queued: string[] = [];
  const open = (folder: string) =>
    void instance.openFolder(folder).catch((error: unknown) => instance.report('Opening a folder', error));

  app.on('open-url', (event, url) => {
    event.preventDefault();
    instance.openLink?.(url);
    if (isReady) instance.showWindow();
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const link = linkFromArgs(argv);
    if (link) instance.openLink?.(link);
    const folder = link ? null : instance.folderFromArgs(argv, workingDirectory);
    if (folder && isReady) open(folder);
    else if (folder) queued.push(folder);
    if (isReady) instance.showWindow();
  });

  let closing: 'no' | 'waiting' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (closing === 'done') return;
    // Every quit while the files are still being closed waits for the same close.
    event.preventDefault();
    if (closing === 'waiting') return;
    closing = 'waiting';
    void instance
      .close()
      .catch((error: unknown) => instance.report('Closing the library', error))
      .finally(() => {
        closing = 'done';
        app.quit();
      });
  });

  app.on('window-all-closed', () => app.quit());

  void app
    .whenReady()
    .then(() => instance.ready())
    .then(() => {
      isReady = true;
      const waiting = queued.splice(0);
      waiting.forEach(open);
      if (waiting.length) instance.showWindow();
    })
    .catch((error: unknown) => instance.report('Starting', error));
  return 'primary';
}
