import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEntry, needsRotation, openCrashLog } from './crash-log';

const when = new Date('2026-01-02T03:04:05.000Z');
const fresh = () => join(mkdtempSync(join(tmpdir(), 'threadline-log-')), 'logs');

describe('the crash log', () => {
  it.each([
    [0, 500, 100, false],
    [50, 40, 100, false],
    [50, 50, 100, false],
    [50, 51, 100, true],
    [100, 1, 100, true],
  ])('with %i bytes written, an entry of %i bytes under a %i-byte cap rotates: %s', (current, entry, max, rotates) => {
    expect(needsRotation(current, entry, max)).toBe(rotates);
  });

  it('writes the time, what failed and the stack, indented', () => {
    const error = new Error('disk on fire');
    error.stack = 'Error: disk on fire\n    at here';
    expect(formatEntry(when, 'Uncaught exception', error)).toBe(
      '2026-01-02T03:04:05.000Z Uncaught exception\n    Error: disk on fire\n        at here\n',
    );
    expect(formatEntry(when, 'Unhandled rejection', { code: 7 })).toBe(
      '2026-01-02T03:04:05.000Z Unhandled rejection\n    {"code":7}\n',
    );
  });

  it('keeps each file under the cap and only the newest files', () => {
    const dir = fresh();
    const log = openCrashLog({ dir, maxBytes: 200, keep: 3, now: () => when });
    for (let i = 0; i < 20; i++) log.write(`Failure ${i}`, 'x'.repeat(40));
    expect(readdirSync(dir).sort()).toEqual(['threadline.log', 'threadline.log.1', 'threadline.log.2']);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(200);
    expect(readFileSync(join(dir, 'threadline.log'), 'utf8')).toContain('Failure 19');
    const all = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('');
    expect(all).not.toContain('Failure 0\n');
  });

  it('moves a full file along when it opens', () => {
    const dir = fresh();
    openCrashLog({ dir });
    writeFileSync(join(dir, 'threadline.log'), 'y'.repeat(300));
    const log = openCrashLog({ dir, maxBytes: 200, keep: 2, now: () => when });
    expect(readFileSync(join(dir, 'threadline.log.1'), 'utf8')).toBe('y'.repeat(300));
    expect(existsSync(join(dir, 'threadline.log'))).toBe(false);
    log.write('After opening', 'z');
    expect(readFileSync(join(dir, 'threadline.log'), 'utf8')).toContain('After opening');
  });

  it('gives up quietly where it cannot write', () => {
    const parent = mkdtempSync(join(tmpdir(), 'threadline-log-'));
    // A file where the folder should be: no one, root included, can make the folder.
    writeFileSync(join(parent, 'logs'), 'not a folder');
    const log = openCrashLog({ dir: join(parent, 'logs') });
    expect(() => log.write('Failure', new Error('x'))).not.toThrow();
  });
});
