/**
 * The window's size, place and maximised state between runs: the file's shape, and where to put
 * the window so it can be seen on the displays there are now (one may have been unplugged, or the
 * resolution lowered). Pure: no `electron` import, so it is tested with plain rectangles.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFileSync, writeJsonFileSync, type ReadJson } from '../core/state/json-file';

/** A rectangle in screen coordinates (Electron's Rectangle): x and y may be negative left of or above the primary display. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window as it was: its normal (not maximised) bounds, and whether it was maximised. */
export interface WindowState {
  bounds: Rect;
  maximised: boolean;
}

/** The smallest window the three panes fit in. */
export const MIN_WINDOW = { width: 760, height: 480 } as const;
/** The size of a first window, before anything is remembered. */
export const DEFAULT_WINDOW = { width: 1400, height: 900 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const schema = z
  .object({
    version: z.literal(1),
    bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }).strict(),
    maximised: z.boolean(),
  })
  .strict();

/** The window's state file in the profile. */
export const windowStateFile = (profileDir: string): string => join(profileDir, 'window-state.json');

/** The remembered window, or null the first time (or when the file is damaged: then `warning` says so). */
export function readWindowState(profileDir: string): ReadJson<WindowState | null> {
  const read = readJsonFileSync(windowStateFile(profileDir), schema, null);
  return { value: read.value && { bounds: read.value.bounds, maximised: read.value.maximised }, warning: read.warning };
}

/** Remembers the window (atomically, synchronously: it is called as the window closes). */
export function writeWindowState(profileDir: string, state: WindowState): void {
  const bounds = {
    x: Math.round(state.bounds.x),
    y: Math.round(state.bounds.y),
    width: Math.round(state.bounds.width),
    height: Math.round(state.bounds.height),
  };
  writeJsonFileSync(windowStateFile(profileDir), { version: 1, bounds, maximised: state.maximised });
}

const overlap = (a: Rect, b: Rect): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const within = (start: number, size: number, areaStart: number, areaSize: number) =>
  Math.min(Math.max(start, areaStart), areaStart + areaSize - size);

/** A size no smaller than the minimum and no larger than the work area (the work area wins when it is smaller than the minimum). */
function fit(width: number, height: number, area: Rect) {
  return {
    width: Math.min(Math.max(width, MIN_WINDOW.width), area.width),
    height: Math.min(Math.max(height, MIN_WINDOW.height), area.height),
  };
}

/**
 * Where to put a window remembered at `bounds`, given the work areas of the displays there are
 * now, the primary display's first. On the display it overlaps most, shrunk to fit it and moved
 * wholly onto it, so its title bar can always be grabbed; overlapping none (a display unplugged),
 * or nothing remembered, centred on the primary display.
 */
export function clampToDisplays(bounds: Rect | null, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0];
  if (!primary) return bounds ?? { x: 0, y: 0, ...DEFAULT_WINDOW };
  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const area of bounds ? workAreas : []) {
    const shared = overlap(bounds!, area);
    if (shared > bestOverlap) [best, bestOverlap] = [area, shared];
  }
  if (!bounds || !best) {
    const size = fit(bounds?.width ?? DEFAULT_WINDOW.width, bounds?.height ?? DEFAULT_WINDOW.height, primary);
    return {
      x: primary.x + Math.floor((primary.width - size.width) / 2),
      y: primary.y + Math.floor((primary.height - size.height) / 2),
      ...size,
    };
  }
  const size = fit(bounds.width, bounds.height, best);
  return {
    x: within(bounds.x, size.width, best.x, best.width),
    y: within(bounds.y, size.height, best.y, best.height),
    ...size,
  };
}

/** The few parts of Electron's BrowserWindow that remembering it needs (stand-ins in tests). */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  /** The bounds the window has when not maximised (Electron's getNormalBounds). */
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** How long the window must stay still before its place is written (a drag fires many moves). */
export const SAVE_AFTER_MS = 500;

/**
 * Writes the window's state once it has stopped moving or resizing, and at once when it closes.
 * The normal bounds are kept while it is maximised, so un-maximising after a restart puts it back
 * where it was. A failed write is reported to `warn` and never stops the window.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  warn: (message: string) => void,
): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    try {
      save({ bounds: window.getNormalBounds(), maximised: window.isMaximized() });
    } catch (error) {
      warn(`Remembering the window's size and place failed: ${(error as Error).message}`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, SAVE_AFTER_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', write);
}
