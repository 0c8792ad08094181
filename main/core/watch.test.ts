import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { EventName } from '../../preload/api';
import { createService } from './service';

const SEEDS = join(import.meta.dirname, '../../seeds');
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
    const service = createService({ defaultLibrary: SEEDS, profileDir: join(dir, 'profile'), openExternal: async () => {}, chooseFolder: async () => null });
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
    await writeFile(file, (await readFile(file, 'utf8')).replace('Omnishambles Update 48', 'Omnishambles Update 48 (edited)'));
    expect(await updated).toEqual({ root: library, files: ['004_72f7fc2b7a245681.txt'] });
    expect(await list()).toContain('Omnishambles Update 48 (edited)');

    updated = next(service, 'library.updated');
    await rm(join(library, 'new.txt'));
    expect(await updated).toEqual({ root: library, files: ['new.txt'] });
    expect(await list()).not.toContain('Arrived While Open');
  });
});
