import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, readJsonFileSync, writeJsonFile } from './json-file';

const schema = z.object({ count: z.number().int() }).strict();
const folder = () => mkdtemp(join(tmpdir(), 'threadline-json-'));

describe('state files', () => {
  it('reads a missing file as the fallback, with no warning', async () => {
    const file = join(await folder(), 'state.json');
    expect(await readJsonFile(file, schema, { count: 0 })).toEqual({ value: { count: 0 }, warning: null });
    expect(readJsonFileSync(file, schema, null)).toEqual({ value: null, warning: null });
  });

  it('reads back what was written, making the folder, and leaves no temporary file', async () => {
    const dir = await folder();
    const file = join(dir, 'profile', 'state.json');
    await writeJsonFile(file, { count: 3 });
    expect(await readJsonFile(file, schema, { count: 0 })).toEqual({ value: { count: 3 }, warning: null });
    expect(await readdir(join(dir, 'profile'))).toEqual(['state.json']);
  });

  it('keeps the last of many overlapping writes whole', async () => {
    const file = join(await folder(), 'state.json');
    await Promise.all(Array.from({ length: 20 }, (_, count) => writeJsonFile(file, { count })));
    const read = await readJsonFile(file, schema, { count: -1 });
    expect(read.warning).toBeNull();
    expect(read.value.count).toBeGreaterThanOrEqual(0);
  });

  it('ignores a damaged or wrong-shaped file, with a warning naming the file', async () => {
    const file = join(await folder(), 'state.json');
    await writeFile(file, '{"count": 4');
    const damaged = await readJsonFile(file, schema, { count: 0 });
    expect(damaged.value).toEqual({ count: 0 });
    expect(damaged.warning).toBe(`${file} is damaged (not JSON); it was ignored and will be replaced.`);
    await writeFile(file, JSON.stringify({ count: 'four' }));
    const wrong = readJsonFileSync(file, schema, { count: 0 });
    expect(wrong.value).toEqual({ count: 0 });
    expect(wrong.warning).toMatch(/state\.json holds something unexpected at count/);
  });

  it('leaves the old file as it was when a write fails, and cleans up after itself', async () => {
    const dir = await folder();
    const file = join(dir, 'state.json');
    await writeJsonFile(file, { count: 1 });
    // A folder where the file should go: the rename fails.
    const blocked = join(dir, 'blocked.json');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeJsonFile(blocked, { count: 2 })).rejects.toThrow();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 1 });
    expect((await readdir(dir)).sort()).toEqual(['blocked.json', 'state.json']);
  });
});
