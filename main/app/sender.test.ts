import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../preload/api';
import { isAppUrl } from './app-origin';
import {
  answerCall,
  isFromAppWindow,
  type CallGuard,
  type FrameLike,
  type InvokeEventLike,
  type WindowLike,
} from './sender';

const trusted = (url: string) => isAppUrl(url, { devServerUrl: undefined, packaged: true });

/** A stand-in BrowserWindow: its webContents, that webContents' main frame and a subframe. */
function standInWindow(url = 'app://threadline/index.html') {
  const mainFrame: FrameLike = { url };
  const subframe: FrameLike = { url: 'app://threadline/index.html' };
  let destroyed = false;
  const webContents = { mainFrame };
  const window: WindowLike = { isDestroyed: () => destroyed, webContents };
  return { window, webContents, mainFrame, subframe, destroy: () => void (destroyed = true) };
}

describe('isFromAppWindow: the IPC sender check', () => {
  it('accepts a call from the window’s main frame showing the app’s page', () => {
    const { window, webContents, mainFrame } = standInWindow();
    expect(isFromAppWindow({ sender: webContents, senderFrame: mainFrame }, window, trusted)).toBe(true);
  });

  it('refuses a call from another webContents, even one whose frame shows the app’s page', () => {
    const { window, mainFrame } = standInWindow();
    const other = standInWindow();
    expect(isFromAppWindow({ sender: other.webContents, senderFrame: other.mainFrame }, window, trusted)).toBe(false);
    expect(isFromAppWindow({ sender: other.webContents, senderFrame: mainFrame }, window, trusted)).toBe(false);
  });

  it('refuses a call from a subframe of the window, even on the app’s origin', () => {
    const { window, webContents, subframe } = standInWindow();
    expect(isFromAppWindow({ sender: webContents, senderFrame: subframe }, window, trusted)).toBe(false);
  });

  it('refuses a call whose frame is gone (null senderFrame)', () => {
    const { window, webContents } = standInWindow();
    expect(isFromAppWindow({ sender: webContents, senderFrame: null }, window, trusted)).toBe(false);
  });

  it('refuses every call while there is no window, or once it is destroyed', () => {
    const { window, webContents, mainFrame, destroy } = standInWindow();
    expect(isFromAppWindow({ sender: webContents, senderFrame: mainFrame }, null, trusted)).toBe(false);
    destroy();
    expect(isFromAppWindow({ sender: webContents, senderFrame: mainFrame }, window, trusted)).toBe(false);
  });

  it.each([
    'file:///opt/threadline/out/renderer/index.html',
    'https://example.com/',
    'app://threadline.evil/index.html',
    'data:text/html,hi',
    'about:blank',
  ])('refuses a call from the window’s main frame once it shows %s', (url) => {
    const { window, webContents, mainFrame } = standInWindow(url);
    expect(isFromAppWindow({ sender: webContents, senderFrame: mainFrame }, window, trusted)).toBe(false);
  });

  it('asks the trust rule about the main frame’s own URL', () => {
    const { window, webContents, mainFrame } = standInWindow('app://threadline/index.html#/post/1');
    const isTrustedPage = vi.fn(() => true);
    isFromAppWindow({ sender: webContents, senderFrame: mainFrame }, window, isTrustedPage);
    expect(isTrustedPage).toHaveBeenCalledWith('app://threadline/index.html#/post/1');
  });
});

describe('answerCall: the body of every IPC handler', () => {
  const answer: Result<unknown> = { ok: true, value: { posts: [] } };

  function guardFor(window: WindowLike | null): CallGuard & { dispatch: ReturnType<typeof vi.fn> } {
    return { getWindow: () => window, isTrustedPage: trusted, dispatch: vi.fn(async () => answer) };
  }

  it('hands a call from the app’s window to the dispatcher and answers with its Result', async () => {
    const { window, webContents, mainFrame } = standInWindow();
    const guard = guardFor(window);
    const event: InvokeEventLike = { sender: webContents, senderFrame: mainFrame };
    await expect(answerCall(guard, 'library.posts', event, { limit: 5 })).resolves.toBe(answer);
    expect(guard.dispatch).toHaveBeenCalledExactlyOnceWith('library.posts', { limit: 5 });
  });

  type StandIn = ReturnType<typeof standInWindow>;
  it.each<[string, (ours: StandIn, other: StandIn) => InvokeEventLike]>([
    ['another webContents', (_ours, other) => ({ sender: other.webContents, senderFrame: other.mainFrame })],
    ['a subframe', (ours) => ({ sender: ours.webContents, senderFrame: ours.subframe })],
    ['a frame that is gone', (ours) => ({ sender: ours.webContents, senderFrame: null })],
  ])('answers forbidden-sender for a call from %s without calling the dispatcher', async (_name, eventFrom) => {
    const ours = standInWindow();
    const guard = guardFor(ours.window);
    const result = await answerCall(guard, 'annotations.add', eventFrom(ours, standInWindow()), { postId: 'x' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden-sender',
        message: 'Calling annotations.add failed: the request did not come from the Threadline window.',
      },
    });
    expect(guard.dispatch).not.toHaveBeenCalled();
  });

  it('answers forbidden-sender without calling the dispatcher when the window shows an untrusted page', async () => {
    const { window, webContents, mainFrame } = standInWindow('https://example.com/');
    const guard = guardFor(window);
    const result = await answerCall(guard, 'library.chooseFolder', { sender: webContents, senderFrame: mainFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(guard.dispatch).not.toHaveBeenCalled();
  });

  it('answers forbidden-sender without calling the dispatcher when there is no window', async () => {
    const { webContents, mainFrame } = standInWindow();
    const guard = guardFor(null);
    const result = await answerCall(guard, 'library.chooseFolder', { sender: webContents, senderFrame: mainFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(guard.dispatch).not.toHaveBeenCalled();
  });
});
