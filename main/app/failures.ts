/**
 * What the app does when something fails: which failures are worth a word to the reader, in
 * what words, and whether the window is reloaded. Over stand-in-able shapes of Electron's
 * `app` and Node's `process`, so tests drive it (main/index.ts passes the real ones). No
 * 'electron' import.
 */

/** Electron's RenderProcessGoneDetails, as far as it is read. */
export interface RendererGone {
  reason: string;
  exitCode: number;
}

/** Electron's Details of child-process-gone, as far as it is read. */
export interface ChildGone {
  type: string;
  reason: string;
  exitCode: number;
  name?: string;
  serviceName?: string;
}

export type Failure =
  | { kind: 'uncaught-exception'; error: unknown }
  | { kind: 'unhandled-rejection'; reason: unknown }
  | { kind: 'renderer-gone'; details: RendererGone }
  | { kind: 'child-gone'; details: ChildGone };

/** What to do about a failure: the log's heading, the notice for the reader (null: none), whether to reload the window. */
export interface Response {
  log: string;
  notice: string | null;
  reloadWindow: boolean;
}

const LOG_HINT = 'Help → Show Log Folder has the details to send with a report.';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'an unknown error';

/** The response to a failure; null when it is no failure (a process that ended normally). */
export function respondTo(failure: Failure): Response | null {
  switch (failure.kind) {
    case 'uncaught-exception':
    case 'unhandled-rejection': {
      const error = failure.kind === 'uncaught-exception' ? failure.error : failure.reason;
      return {
        log: failure.kind === 'uncaught-exception' ? 'Uncaught exception' : 'Unhandled rejection',
        notice: `Something went wrong inside Threadline (${messageOf(error).slice(0, 200)}). Your annotations are saved. If something no longer works, quit Threadline and start it again; ${LOG_HINT}`,
        reloadWindow: false,
      };
    }
    case 'renderer-gone': {
      const { reason, exitCode } = failure.details;
      if (reason === 'clean-exit') return null;
      return {
        log: `The window's renderer process stopped: ${reason} (exit code ${exitCode})`,
        notice: `The window stopped unexpectedly (${reason.replace(/-/g, ' ')}) and was opened again on the post you were reading. Nothing you saved was lost. If it keeps happening, ${LOG_HINT}`,
        reloadWindow: true,
      };
    }
    case 'child-gone': {
      const { type, reason, exitCode, name, serviceName } = failure.details;
      if (reason === 'clean-exit') return null;
      const which = name ?? serviceName ?? type;
      return {
        log: `A helper process stopped: ${which} (${type}), ${reason} (exit code ${exitCode})`,
        notice: `A helper process of Threadline (${which}) stopped (${reason.replace(/-/g, ' ')}); Threadline carries on. If the window looks or behaves oddly, quit Threadline and start it again; ${LOG_HINT}`,
        reloadWindow: false,
      };
    }
  }
}

/** Where the failures come from: Node's process and Electron's app, as far as they are listened to. */
export interface FailureSources {
  process: {
    on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
    on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  };
  app: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, webContents: unknown, details: RendererGone) => void,
    ): unknown;
    on(event: 'child-process-gone', listener: (event: unknown, details: ChildGone) => void): unknown;
  };
}

/** What is done with a failure. */
export interface FailureActions {
  /** Writes it to the crash log. */
  log(heading: string, detail: unknown): void;
  /** Tells the reader, in the window (after its reload when the window is being reloaded). */
  notify(notice: string, afterReload: boolean): void;
  /** Reloads the window whose renderer stopped. */
  reloadWindow(webContents: unknown): void;
}

/**
 * Listens for every failure: each is logged, the reader told in plain words, and a window
 * whose renderer stopped reloaded. A listener for uncaughtException keeps the process alive,
 * which is what the reader wants of a reader: their window stays, their files are closed on quit.
 */
export function handleFailures(sources: FailureSources, actions: FailureActions): void {
  const handle = (failure: Failure, detail: unknown, webContents?: unknown) => {
    const response = respondTo(failure);
    if (!response) return;
    try {
      actions.log(response.log, detail);
      if (response.reloadWindow) actions.reloadWindow(webContents);
      if (response.notice) actions.notify(response.notice, response.reloadWindow);
    } catch {
      // Handling a failure must never become a failure of its own.
    }
  };
  sources.process.on('uncaughtException', (error) => handle({ kind: 'uncaught-exception', error }, error));
  sources.process.on('unhandledRejection', (reason) => handle({ kind: 'unhandled-rejection', reason }, reason));
  sources.app.on('render-process-gone', (_event, webContents, details) =>
    handle({ kind: 'renderer-gone', details }, details, webContents),
  );
  sources.app.on('child-process-gone', (_event, details) => handle({ kind: 'child-gone', details }, details));
}
