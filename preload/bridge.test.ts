import { describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames } from './api';
import { buildBridge } from './bridge';

const bridgeWith = (paths: Record<string, string>) => {
  const sendDropped = vi.fn(async (path: string) => ({ ok: true as const, value: { root: path } }));
  const bridge = buildBridge(methodNames, eventNames, {
    invoke: async () => ({ ok: true, value: null }),
    subscribe: () => () => undefined,
    pathOfDropped: (file) => {
      if (!(file instanceof File)) throw new TypeError('not a File');
      return paths[file.name] ?? '';
    },
    sendDropped,
  });
  return { bridge, sendDropped };
};

describe('the bridge', () => {
  it('has no call that takes a path to open', () => {
    const { bridge } = bridgeWith({});
    expect(Object.keys(bridge)).not.toContain('library.open');
    expect(Object.keys(bridge).filter((key) => !methodNames.includes(key as never))).toEqual(['on', 'openDropped']);
  });

  it('opens a dropped File at the path the system gives for it', async () => {
    const { bridge, sendDropped } = bridgeWith({ blog: '/home/reader/blog' });
    expect(await bridge.openDropped(new File([''], 'blog'))).toEqual({
      ok: true,
      value: { root: '/home/reader/blog' },
    });
    expect(sendDropped).toHaveBeenCalledWith('/home/reader/blog');
  });

  it.each<[string, unknown]>([
    ['a File the system has no path for', new File([''], '/etc')],
    ['a string path', '/etc'],
    ['an object that looks like a File', { name: 'blog', path: '/etc' }],
  ])('sends nothing to main for %s, and says what to do', async (_case, dropped) => {
    const { bridge, sendDropped } = bridgeWith({ blog: '/home/reader/blog' });
    const result = await bridge.openDropped(dropped as File);
    expect(result).toMatchObject({ ok: false, error: { code: 'drop-without-path' } });
    expect(!result.ok && result.error.message).toMatch(
      /failed: the system did not say where it is\. Use File → Open Folder… instead\.$/,
    );
    expect(sendDropped).not.toHaveBeenCalled();
  });
});
