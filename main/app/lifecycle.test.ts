import { describe, expect, it, vi } from 'vitest';
import { linkFromArgs, runLifecycle, type AppLike, type Instance } from './lifecycle';

type Listener = (...args: never[]) => void;

/** A stand-in for Electron's app: its events fired by hand, whenReady held until ready() is called. */
function standInApp(gotLock = true) {
  const listeners = new Map<string, Listener[]>();
  let becomeReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (becomeReady = resolve));
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    whenReady: vi.fn(() => readyPromise),
    on: vi.fn((event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return app;
    }),
  };
  const fire = (event: string, ...args: unknown[]) =>
    (listeners.get(event) ?? []).forEach((listener) => (listener as (...a: unknown[]) => void)(...args));
  const quitEvent = () => ({ preventDefault: vi.fn() });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { app: app as typeof app & AppLike, fire, quitEvent, ready: becomeReady, settle, listeners };
}

function standInInstance(close: () => Promise<void> = async () => undefined) {
  const log: string[] = [];
  const instance: Instance = {
    ready: vi.fn(async () => void log.push('ready')),
    openFolder: vi.fn(async (path: string) => void log.push(`open ${path}`)),
    folderFromArgs: (argv) => argv.find((arg) => arg.startsWith('/')) ?? null,
    showWindow: vi.fn(() => void log.push('show')),
    close: vi.fn(async () => {
      log.push('close');
      await close();
      log.push('closed');
    }),
    report: vi.fn((what: string) => void log.push(`report ${what}`)),
  };
  return { instance, log };
}

describe('the lifecycle', () => {
  it('a second instance quits at once and runs nothing else', () => {
    const { app } = standInApp(false);
    const makeInstance = vi.fn(() => standInInstance().instance);
    expect(runLifecycle(app, makeInstance)).toBe('secondary');
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(makeInstance).not.toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });

  it("opens a second launch's folder only once the app is ready, then brings the window forward", async () => {
    const { app, fire, ready, settle } = standInApp();
    const { instance, log } = standInInstance();
    expect(runLifecycle(app, () => instance)).toBe('primary');
    fire('second-instance', {}, ['threadline', '/home/reader/blog'], '/home/reader');
    await settle();
    expect(log).toEqual([]);
    ready();
    await settle();
    expect(log).toEqual(['ready', 'open /home/reader/blog', 'show']);
    fire('second-instance', {}, ['threadline', '/home/reader/other'], '/home/reader');
    await settle();
    expect(log.slice(3)).toEqual(['open /home/reader/other', 'show']);
  });

  it('hands a threadline:// link from a second launch or the system to the window, not as a folder', async () => {
    const { app, fire, ready, settle } = standInApp();
    const { instance, log } = standInInstance();
    instance.openLink = vi.fn((url: string) => void log.push(`link ${url}`));
    runLifecycle(app, () => instance);
    const early = { preventDefault: vi.fn() };
    fire('open-url', early, 'threadline://seeds/p#c1');
    expect(early.preventDefault).toHaveBeenCalled();
    ready();
    await settle();
    fire('second-instance', {}, ['threadline', 'open', 'threadline://seeds/p#c3.2'], '/home/reader');
    expect(log).toEqual(['link threadline://seeds/p#c1', 'ready', 'link threadline://seeds/p#c3.2', 'show']);
    expect(linkFromArgs(['/usr/bin/threadline', '--x', 'THREADLINE://seeds/q'])).toBe('THREADLINE://seeds/q');
    expect(linkFromArgs(['/usr/bin/threadline', '/home/reader/blog'])).toBeNull();
  });

  it('a second launch without a folder only brings the window forward', async () => {
    const { app, fire, ready, settle } = standInApp();
    const { instance, log } = standInInstance();
    runLifecycle(app, () => instance);
    ready();
    await settle();
    fire('second-instance', {}, ['threadline'], '/home/reader');
    expect(log).toEqual(['ready', 'show']);
  });

  it('holds the quit until the pending writes are closed, then quits once', async () => {
    const { app, fire, quitEvent, ready, settle } = standInApp();
    let finishWriting!: () => void;
    const writing = new Promise<void>((resolve) => (finishWriting = resolve));
    const { instance, log } = standInInstance(() => writing);
    runLifecycle(app, () => instance);
    ready();
    await settle();
    const first = quitEvent();
    fire('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    // Asked again while still writing: held again, and close() is not started twice.
    const second = quitEvent();
    fire('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalled();
    await settle();
    expect(log).toEqual(['ready', 'close']);
    expect(app.quit).not.toHaveBeenCalled();
    finishWriting();
    await settle();
    expect(log).toEqual(['ready', 'close', 'closed']);
    expect(app.quit).toHaveBeenCalledTimes(1);
    // The quit that follows goes through.
    const last = quitEvent();
    fire('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(instance.close).toHaveBeenCalledTimes(1);
  });

  it('still quits when closing fails, and records why', async () => {
    const { app, fire, quitEvent, settle } = standInApp();
    const { instance, log } = standInInstance(async () => {
      throw new Error('disk gone');
    });
    runLifecycle(app, () => instance);
    fire('before-quit', quitEvent());
    await settle();
    expect(log).toEqual(['close', 'report Closing the library']);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', () => {
    const { app, fire } = standInApp();
    runLifecycle(app, () => standInInstance().instance);
    fire('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});
