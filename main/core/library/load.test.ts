import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedBytesReused, readSeedBytesSync } from './load';

describe('reading a seed file into the reused buffer', () => {
  it('gives each file its own bytes, size and time, as reading it afresh does, larger or smaller than the last', async () => {
    const root = await mkdtemp(join(tmpdir(), 'threadline-load-'));
    const sizes = [10, 3_000_000, 7, 1_500_000, 0];
    for (const [i, size] of sizes.entries()) await writeFile(join(root, `${i}.txt`), Buffer.alloc(size, 97 + i));
    for (const [i] of sizes.entries()) {
      const reused = readSeedBytesReused(root, `${i}.txt`);
      const fresh = readSeedBytesSync(root, `${i}.txt`);
      expect({ size: reused.size, mtimeMs: reused.mtimeMs, problem: reused.problem }).toEqual({
        size: fresh.size,
        mtimeMs: fresh.mtimeMs,
        problem: null,
      });
      expect(Buffer.compare(reused.bytes!, fresh.bytes!)).toBe(0);
    }
  });

  it('says why a file cannot be read', async () => {
    const root = await mkdtemp(join(tmpdir(), 'threadline-load-'));
    await mkdir(join(root, 'folder.txt'));
    expect(readSeedBytesReused(root, 'missing.txt')).toMatchObject({
      bytes: null,
      problem: { file: 'missing.txt', severity: 'error' },
    });
    expect(readSeedBytesReused(root, 'folder.txt')).toMatchObject({
      bytes: null,
      problem: { file: 'folder.txt', severity: 'error' },
    });
  });
});
