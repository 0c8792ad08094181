import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Events } from '../../../preload/api';
import { createDispatcher } from '../dispatch';
import { createService } from '../service';
import { DEFAULT_READING_PREFS, stepTextSize, TEXT_SIZES } from '../shared/reading-prefs';
import { createPrefsStore, readingPrefsFile } from './reading-prefs';

const SEEDS = join(import.meta.dirname, '../../../seeds');

describe('the reading text settings', () => {
  it('are the defaults at first, and what was chosen after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-prefs-'));
    const warnings: string[] = [];
    const store = createPrefsStore(dir, (w) => warnings.push(w));
    expect(await store.get()).toEqual(DEFAULT_READING_PREFS);
    expect(await store.save({ textSize: 135 })).toEqual({ ...DEFAULT_READING_PREFS, textSize: 135 });
    await store.save({ width: 'wide', typeface: 'sans' });
    const again = createPrefsStore(dir, (w) => warnings.push(w));
    expect(await again.get()).toEqual({ textSize: 135, width: 'wide', typeface: 'sans' });
    expect(warnings).toEqual([]);
  });

  it('read a damaged or wrong-shaped file as the defaults, with a warning naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-prefs-'));
    await writeFile(readingPrefsFile(dir), '{"version":1,"prefs":{"textSize":9000,"width":"wide","typeface":"sans"}}');
    const warnings: string[] = [];
    expect(await createPrefsStore(dir, (w) => warnings.push(w)).get()).toEqual(DEFAULT_READING_PREFS);
    expect(warnings).toEqual([expect.stringContaining(readingPrefsFile(dir))]);
    await writeFile(readingPrefsFile(dir), 'not json');
    expect(await createPrefsStore(dir, () => undefined).get()).toEqual(DEFAULT_READING_PREFS);
  });

  it('step the text size one size at a time, stopping at the ends, and back to the default', () => {
    expect(stepTextSize(100, 1)).toBe(110);
    expect(stepTextSize(100, -1)).toBe(90);
    expect(stepTextSize(105, 1)).toBe(110);
    expect(stepTextSize(105, -1)).toBe(100);
    expect(stepTextSize(TEXT_SIZES[TEXT_SIZES.length - 1]!, 1)).toBe(200);
    expect(stepTextSize(TEXT_SIZES[0], -1)).toBe(70);
    expect(stepTextSize(175, 0)).toBe(100);
  });

  it('are saved through the contract, refused when out of bounds, told to the window, and stepped by the menu', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    const service = createService({
      defaultLibrary: SEEDS,
      profileDir,
      openExternal: async () => undefined,
      chooseFolder: async () => null,
    });
    onTestFinished(() => service.close());
    const told: Events['prefs.changed'][] = [];
    service.subscribe((event, payload) => {
      if (event === 'prefs.changed') told.push(payload as Events['prefs.changed']);
    });
    const dispatch = createDispatcher(service.handlers);
    expect(await dispatch('prefs.get', {})).toEqual({ ok: true, value: DEFAULT_READING_PREFS });
    expect(await dispatch('prefs.save', { typeface: 'sans' })).toEqual({
      ok: true,
      value: { ...DEFAULT_READING_PREFS, typeface: 'sans' },
    });
    expect(await dispatch('prefs.save', { textSize: 1000 } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('prefs.save', { width: 'huge' } as never)).toMatchObject({ ok: false });
    await service.stepTextSize(1);
    await service.stepTextSize(1);
    expect(told.map((p) => p.textSize)).toEqual([100, 110, 120]);
    await service.close();
    const file = JSON.parse(await readFile(readingPrefsFile(profileDir), 'utf8'));
    expect(file).toEqual({ version: 1, prefs: { textSize: 120, width: 'medium', typeface: 'sans' } });
  });
});

describe('saves sent together', () => {
  it('all count, in the order they were sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-prefs-'));
    const store = createPrefsStore(dir, () => undefined);
    await Promise.all([store.save({ textSize: 110 }), store.save({ width: 'narrow' }), store.save({ textSize: 120 })]);
    const again = createPrefsStore(dir, () => undefined);
    expect(await again.get()).toEqual({ textSize: 120, width: 'narrow', typeface: 'serif' });
  });
});
