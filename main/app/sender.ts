import type { ApiError, Result } from '../../preload/api';

/**
 * The IPC sender check and the handler body behind it, over the few properties of
 * Electron's objects they read, so tests drive them with plain stand-ins (ipc.ts passes the
 * real IpcMainInvokeEvent and BrowserWindow, which the compiler checks against these).
 */

/** What the check reads of a frame (Electron's WebFrameMain). */
export interface FrameLike {
  readonly url: string;
}

/** What the check reads of an IPC invoke event. */
export interface InvokeEventLike {
  /** The webContents the call came from. */
  readonly sender: object;
  /** The frame that sent it; null once that frame has navigated away or gone. */
  readonly senderFrame: FrameLike | null;
}

/** What the check reads of the reader window (Electron's BrowserWindow). */
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: object & { readonly mainFrame: FrameLike };
}

/**
 * True only for a call from the reader window's own webContents, from its main frame (not
 * an iframe), while that frame shows the app's page (isTrustedPage: app-origin.ts's rule).
 */
export function isFromAppWindow(
  event: InvokeEventLike,
  window: WindowLike | null,
  isTrustedPage: (url: string) => boolean,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return (
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    isTrustedPage(frame.url)
  );
}

/** What answering a call needs. */
export interface CallGuard {
  /** The reader window, or null while there is none. */
  getWindow(): WindowLike | null;
  isTrustedPage(url: string): boolean;
  /** The core dispatcher (main/core/dispatch.ts): validation, handler, Result. */
  dispatch(method: string, payload: unknown): Promise<Result<unknown>>;
}

/**
 * The body of every IPC handler: a call that fails the sender check is answered with a
 * forbidden-sender error and never reaches the dispatcher; any other is dispatched. Only
 * the Result goes back, never the Electron event.
 */
export async function answerCall(
  guard: CallGuard,
  method: string,
  event: InvokeEventLike,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isFromAppWindow(event, guard.getWindow(), (url) => guard.isTrustedPage(url))) {
    const error: ApiError = {
      code: 'forbidden-sender',
      message: `Calling ${method} failed: the request did not come from the Threadline window.`,
    };
    return { ok: false, error };
  }
  return guard.dispatch(method, payload);
}
