import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, readRecent } from './recent';

describe('recent libraries', () => {
  it('keeps the latest first, without duplicates, at most ten, and says which folders are gone', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-recent-'));
    expect(await readRecent(profile)).toEqual([]);
    for (let i = 0; i < 12; i++) await addRecent(profile, `/no/such/library-${i}`, new Date(2026, 0, i + 1));
    await addRecent(profile, profile, new Date(2026, 1, 1));
    await addRecent(profile, '/no/such/library-11', new Date(2026, 1, 2));
    const list = await readRecent(profile);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.slice(0, 3).map((e) => e.path)).toEqual(['/no/such/library-11', profile, '/no/such/library-10']);
    expect(list.filter((e) => e.path === '/no/such/library-11')).toHaveLength(1);
    expect(list[1]!.exists).toBe(true);
    expect(list[0]!.exists).toBe(false);
  });

  it('reads a damaged list as empty', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-recent-'));
    await writeFile(join(profile, 'recent-libraries.json'), '{not json');
    expect(await readRecent(profile)).toEqual([]);
  });
});
