import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  readWindowState,
  SAVE_AFTER_MS,
  trackWindowState,
  windowStateFile,
  writeWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
/** A monitor to the left of the primary one: its coordinates are negative. */
const leftMonitor: Rect = { x: -2560, y: 0, width: 2560, height: 1400 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };

describe('window-state clamping', () => {
  it.each<[string, Rect | null, Rect[], Rect]>([
    ['nothing remembered: the default size, centred', null, [laptop], { x: 260, y: 70, width: 1400, height: 900 }],
    [
      'wholly on the display: left as it was',
      { x: 100, y: 50, width: 1200, height: 800 },
      [laptop],
      { x: 100, y: 50, width: 1200, height: 800 },
    ],
    [
      'partly off the left edge: moved onto it',
      { x: -300, y: 100, width: 1200, height: 800 },
      [laptop],
      { x: 0, y: 100, width: 1200, height: 800 },
    ],
    [
      'partly off the right edge: moved onto it',
      { x: 1500, y: 100, width: 1200, height: 800 },
      [laptop],
      { x: 720, y: 100, width: 1200, height: 800 },
    ],
    [
      'partly below the bottom: moved up',
      { x: 100, y: 900, width: 1200, height: 800 },
      [laptop],
      { x: 100, y: 240, width: 1200, height: 800 },
    ],
    [
      'title bar above the top: moved down',
      { x: 100, y: -200, width: 1200, height: 800 },
      [laptop],
      { x: 100, y: 0, width: 1200, height: 800 },
    ],
    [
      'wholly off every display: centred on the primary',
      { x: 5000, y: 3000, width: 1200, height: 800 },
      [laptop],
      { x: 360, y: 120, width: 1200, height: 800 },
    ],
    [
      'its display unplugged: centred on the primary',
      { x: 2200, y: 100, width: 1600, height: 1000 },
      [laptop],
      { x: 160, y: 20, width: 1600, height: 1000 },
    ],
    [
      'on the monitor still there at the right: kept there',
      { x: 2200, y: 100, width: 1600, height: 1000 },
      [laptop, rightMonitor],
      { x: 2200, y: 100, width: 1600, height: 1000 },
    ],
    [
      'negative coordinates on a left-hand monitor: kept there',
      { x: -2400, y: 80, width: 1600, height: 1000 },
      [laptop, leftMonitor],
      { x: -2400, y: 80, width: 1600, height: 1000 },
    ],
    [
      'across two monitors: onto the one it overlaps most',
      { x: -400, y: 80, width: 1600, height: 900 },
      [laptop, leftMonitor],
      { x: 0, y: 80, width: 1600, height: 900 },
    ],
    [
      'bigger than the display: shrunk to its work area',
      { x: 0, y: 0, width: 2560, height: 1400 },
      [laptop],
      { x: 0, y: 0, width: 1920, height: 1040 },
    ],
    [
      'smaller than the minimum: grown to 760×480',
      { x: 10, y: 10, width: 300, height: 200 },
      [laptop],
      { x: 10, y: 10, width: 760, height: 480 },
    ],
    [
      'a display smaller than the minimum: the work area',
      { x: 0, y: 0, width: 900, height: 600 },
      [{ x: 0, y: 0, width: 700, height: 400 }],
      { x: 0, y: 0, width: 700, height: 400 },
    ],
    [
      'a lower resolution now: shrunk and moved onto it',
      { x: 800, y: 300, width: 1400, height: 900 },
      [small],
      { x: 0, y: 0, width: 1024, height: 700 },
    ],
  ])('%s', (_case, bounds, displays, expected) => {
    const placed = clampToDisplays(bounds, displays);
    expect(placed).toEqual(expected);
    // Whatever happened, the window lies on one of the displays.
    expect(
      displays.some(
        (d) =>
          placed.x >= d.x &&
          placed.y >= d.y &&
          placed.x + placed.width <= d.x + d.width &&
          placed.y + placed.height <= d.y + d.height,
      ),
    ).toBe(true);
  });
});

describe('the window-state file', () => {
  it('reads back what was written, maximised or not, with no temporary file left', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-window-'));
    expect(readWindowState(profile)).toEqual({ value: null, warning: null });
    writeWindowState(profile, { bounds: { x: -2400.4, y: 80, width: 1600, height: 1000 }, maximised: true });
    expect(readWindowState(profile)).toEqual({
      value: { bounds: { x: -2400, y: 80, width: 1600, height: 1000 }, maximised: true },
      warning: null,
    });
    expect(await readdir(profile)).toEqual(['window-state.json']);
  });

  it.each([
    ['not JSON', '{"version":1,"bounds":', /damaged/],
    [
      'the wrong shape',
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: -5, height: 10 }, maximised: false }),
      /unexpected at bounds\.width/,
    ],
    [
      'a later version',
      JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 900, height: 700 }, maximised: false }),
      /unexpected at version/,
    ],
  ])('ignores a file holding %s, with a warning naming it', async (_case, text, warning) => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-window-'));
    await writeFile(windowStateFile(profile), text);
    const read = readWindowState(profile);
    expect(read.value).toBeNull();
    expect(read.warning).toMatch(warning);
    expect(read.warning).toContain(windowStateFile(profile));
    // Written over on the next save.
    writeWindowState(profile, { bounds: { x: 0, y: 0, width: 900, height: 700 }, maximised: false });
    expect(JSON.parse(await readFile(windowStateFile(profile), 'utf8')).bounds.width).toBe(900);
  });
});

describe('remembering the window as it changes', () => {
  /** A stand-in for BrowserWindow: an event emitter with bounds and a maximised flag. */
  function standIn() {
    const emitter = new EventEmitter();
    const window = {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximised: false,
      on: (event: string, listener: () => void) => emitter.on(event, listener),
      emit: (event: string) => emitter.emit(event),
      getNormalBounds: () => window.bounds,
      isMaximized: () => window.maximised,
    };
    return window;
  }

  it('writes once the window has been still for a moment, and at once on close, keeping the normal bounds when maximised', () => {
    vi.useFakeTimers();
    try {
      const window = standIn();
      const saved: WindowState[] = [];
      trackWindowState(
        window,
        (state) => saved.push(structuredClone(state)),
        () => undefined,
      );
      for (let x = 11; x < 40; x++) {
        window.bounds = { ...window.bounds, x };
        window.emit('move');
        vi.advanceTimersByTime(SAVE_AFTER_MS / 5);
      }
      expect(saved).toEqual([]);
      vi.advanceTimersByTime(SAVE_AFTER_MS);
      expect(saved).toEqual([{ bounds: { x: 39, y: 20, width: 1000, height: 700 }, maximised: false }]);
      window.maximised = true;
      window.emit('maximize');
      window.emit('close');
      expect(saved.at(-1)).toEqual({ bounds: { x: 39, y: 20, width: 1000, height: 700 }, maximised: true });
      // The close wrote it: no second write follows.
      vi.advanceTimersByTime(SAVE_AFTER_MS * 2);
      expect(saved).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed write and lets the window close', () => {
    const window = standIn();
    const warnings: string[] = [];
    trackWindowState(
      window,
      () => {
        throw new Error('EROFS: read-only file system');
      },
      (message) => warnings.push(message),
    );
    expect(() => window.emit('close')).not.toThrow();
    expect(warnings).toEqual(["Remembering the window's size and place failed: EROFS: read-only file system"]);
  });
});
