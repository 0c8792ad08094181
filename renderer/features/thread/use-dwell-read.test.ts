import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DwellTracker, mostlyInView } from './use-dwell-read';

describe('mostlyInView', () => {
  const entry = (ratio: number, visibleHeight: number, rootHeight = 800, isIntersecting = ratio > 0) => ({
    isIntersecting,
    intersectionRatio: ratio,
    intersectionRect: { height: visibleHeight },
    rootBounds: { height: rootHeight },
  });

  it('counts a part 60% or more in view', () => {
    expect(mostlyInView(entry(0.6, 120))).toBe(true);
    expect(mostlyInView(entry(0.59, 118))).toBe(false);
  });

  it('counts a part too tall to be 60% in view once it fills most of the view', () => {
    expect(mostlyInView(entry(0.25, 700))).toBe(true);
    expect(mostlyInView(entry(0.25, 400))).toBe(false);
  });

  it('never counts a part out of view', () => {
    expect(mostlyInView(entry(0, 0, 800, false))).toBe(false);
  });
});

describe('DwellTracker', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const tracker = (read = new Set<string>()) => {
    const marked: string[][] = [];
    const t = new DwellTracker({ dwellMs: 2000, isRead: (p) => read.has(p), onRead: (parts) => marked.push(parts) });
    return { t, marked };
  };

  it('marks a part read once it has stayed in view for the dwell time, batching parts that dwell together', () => {
    const { t, marked } = tracker();
    t.update('comment:1', true);
    t.update('comment:2', true);
    vi.advanceTimersByTime(1999);
    expect(marked).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(marked).toEqual([['comment:1', 'comment:2']]);
  });

  it('does not mark a part scrolled past before its time, and times it afresh when it comes back', () => {
    const { t, marked } = tracker();
    t.update('comment:3', true);
    vi.advanceTimersByTime(1500);
    t.update('comment:3', false);
    vi.advanceTimersByTime(5000);
    expect(marked).toEqual([]);
    t.update('comment:3', true);
    vi.advanceTimersByTime(1500);
    t.update('comment:3', true); // Still in view: the timer keeps running, not restarted.
    vi.advanceTimersByTime(600);
    expect(marked).toEqual([['comment:3']]);
  });

  it('leaves read parts alone, and forgets its timers when stopped', () => {
    const { t, marked } = tracker(new Set(['body']));
    t.update('body', true);
    t.update('comment:1', true);
    expect(t.timing).toEqual(['comment:1']);
    t.stop();
    vi.advanceTimersByTime(5000);
    expect(marked).toEqual([]);
  });
});
