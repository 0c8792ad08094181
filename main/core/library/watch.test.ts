import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EventName } from '../../../preload/api';
import { createService } from '../service';
import { WATCH_DEBOUNCE_MS, watchLibraryFolder } from './watch';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const post = (title: string, body: string) => `Monday 20 May 2019\n\n${title}\n\n${body}\n\nNo comments:\n`;

/** Resolves with the payload of the next event of that name. */
function next(service: ReturnType<typeof createService>, name: EventName): Promise<unknown> {
  return new Promise((resolve) => {
    const stop = service.subscribe((event, payload) => {
      if (event !== name) return;
      stop();
      resolve(payload);
    });
  });
}

describe('following a library folder on disk', () => {
  it('picks up an added, a changed and a removed file, and says which files changed', { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-watch-'));
    const library = join(dir, 'library');
    await cp(SEEDS, library, { recursive: true });
    const service = createService({
      defaultLibrary: SEEDS,
      profileDir: join(dir, 'profile'),
      openExternal: async () => {},
      chooseFolder: async () => null,
    });
    onTestFinished(() => service.close());
    await service.openLibrary(library);
    await service.whenIndexed();
    await service.whenWatching();
    const list = () => service.handlers['posts.list']({}).then((posts) => posts.map((p) => p.title));

    let updated = next(service, 'library.updated');
    await writeFile(join(library, 'new.txt'), post('Arrived While Open', 'Fresh text about otters.'));
    expect(await updated).toEqual({ root: library, files: ['new.txt'] });
    expect(await list()).toContain('Arrived While Open');
    expect((await service.handlers['search.query']({ query: 'otters' })).groups).toHaveLength(1);

    updated = next(service, 'library.updated');
    const file = join(library, '004_72f7fc2b7a245681.txt');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('Omnishambles Update 48', 'Omnishambles Update 48 (edited)'),
    );
    expect(await updated).toEqual({ root: library, files: ['004_72f7fc2b7a245681.txt'] });
    expect(await list()).toContain('Omnishambles Update 48 (edited)');

    updated = next(service, 'library.updated');
    await rm(join(library, 'new.txt'));
    expect(await updated).toEqual({ root: library, files: ['new.txt'] });
    expect(await list()).not.toContain('Arrived While Open');
  });
});

describe('watching a folder', () => {
  it(
    'hands files changed moments apart over in one call, and holds later changes until that call is done',
    { timeout: 30_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'threadline-watch-'));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      const calls: string[][] = [];
      let running = 0;
      let overlapped = false;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let called!: () => void;
      let nextCall = new Promise<void>((resolve) => (called = resolve));
      const watch = watchLibraryFolder(dir, {
        onChanges: async (files) => {
          overlapped ||= running > 0;
          running++;
          calls.push([...files].sort());
          called();
          if (calls.length === 1) await released;
          running--;
        },
        onError: (error) => {
          throw error;
        },
      });
      onTestFinished(() => watch.close());
      await watch.ready;

      await Promise.all([writeFile(join(dir, 'a.txt'), 'A'), writeFile(join(dir, 'notes.md'), 'not a seed')]);
      // A moment later, well inside the time changes are gathered for.
      expect(WATCH_DEBOUNCE_MS).toBeGreaterThanOrEqual(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writeFile(join(dir, 'b.txt'), 'B');
      await nextCall;
      expect(calls).toEqual([['a.txt', 'b.txt']]);

      nextCall = new Promise<void>((resolve) => (called = resolve));
      await writeFile(join(dir, 'c.txt'), 'C');
      // Long enough for the change to be seen and gathered: it must still wait for the first call.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(calls).toHaveLength(1);
      release();
      await nextCall;
      expect(calls).toEqual([['a.txt', 'b.txt'], ['c.txt']]);
      expect(overlapped).toBe(false);
    },
  );
});
