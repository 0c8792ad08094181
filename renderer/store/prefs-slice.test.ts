import { describe, expect, it } from 'vitest';
import { coreBridge } from '../../test-support/test-bridge';
import { createAppStore } from './index';

const eventually = async (check: () => unknown) => {
  for (let i = 0; i < 200; i++) {
    try {
      return await check();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return check();
};

describe('the text settings in the store', () => {
  it('show a change at once, have main remember it, and follow a change made from the View menu', async () => {
    const { bridge, service } = await coreBridge();
    const store = createAppStore(bridge);
    await store.getState().loadReadingPrefs();
    expect(store.getState().readingPrefs).toEqual({ textSize: 100, width: 'medium', typeface: 'serif' });

    store.getState().stepTextSize(1);
    store.getState().stepTextSize(1);
    store.getState().setReadingPrefs({ width: 'narrow' });
    // Shown before main has answered, and not undone by main's answers to the earlier saves.
    expect(store.getState().readingPrefs).toEqual({ textSize: 120, width: 'narrow', typeface: 'serif' });
    await eventually(async () =>
      expect(await bridge['prefs.get']({})).toMatchObject({ value: { textSize: 120, width: 'narrow' } }),
    );
    expect(store.getState().readingPrefs.textSize).toBe(120);

    await service.stepTextSize(0);
    await eventually(() => expect(store.getState().readingPrefs.textSize).toBe(100));
    await service.close();
  });
});
