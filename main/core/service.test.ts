import { mkdtempSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDispatcher } from './dispatch';
import { skipBecause } from '../../test-support/skip';
import { createService } from './service';

const SEEDS = join(import.meta.dirname, '../../seeds');

async function setup(library = SEEDS, chooseFolder = async (): Promise<string | null> => null) {
  const opened: string[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
  const service = createService({
    defaultLibrary: SEEDS,
    profileDir,
    openExternal: async (url) => void opened.push(url),
    chooseFolder,
  });
  onTestFinished(() => service.close());
  await service.openLibrary(library);
  return { service, dispatch: createDispatcher(service.handlers), opened, profileDir };
}

describe('the dispatcher', () => {
  it('answers a valid call with ok and the value', async () => {
    const { dispatch } = await setup();
    const result = await dispatch('posts.list', {});
    expect(result.ok && (result.value as unknown[]).length).toBe(2);
  });

  it.each([
    ['wrong type', 'posts.get', { id: 42 }, 'invalid-request'],
    ['missing field', 'posts.get', {}, 'invalid-request'],
    ['unknown field', 'posts.list', { extra: true }, 'invalid-request'],
    ['huge string', 'posts.get', { id: 'x'.repeat(100_000) }, 'invalid-request'],
    ['not an object', 'library.openRecent', 'seeds', 'invalid-request'],
    ['a path instead of an index', 'library.openRecent', { path: '/etc' }, 'invalid-request'],
    ['a recent index out of range', 'library.openRecent', { index: 99 }, 'invalid-request'],
    ['a path to open', 'library.open', { path: '/etc' }, 'unknown-method'],
    ['unknown id', 'posts.get', { id: 'no-such-post' }, 'not-found'],
    ['unknown part', 'posts.get', { id: 'x', part: 'middle' }, 'invalid-request'],
    ['negative index', 'posts.comments', { id: 'x', from: -1 }, 'invalid-request'],
    ['fractional index', 'posts.comments', { id: 'x', from: 1.5 }, 'invalid-request'],
    ['unknown id', 'posts.articles', { id: 'no-such-post' }, 'not-found'],
    ['unknown method', 'fs.readFile', { path: '/etc/passwd' }, 'unknown-method'],
  ])('refuses a malformed call (%s) with a typed error', async (_case, method, payload, code) => {
    const { dispatch } = await setup();
    const result = await dispatch(method, payload);
    expect(result).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  });
});

describe('the service', () => {
  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', 'mailto:a@b.org'])(
    'refuses to open %s',
    async (url) => {
      const { dispatch, opened } = await setup();
      const result = await dispatch('links.open', { url });
      expect(result.ok).toBe(false);
      expect(opened).toEqual([]);
    },
  );

  it('opens web links, completing a partial one', async () => {
    const { dispatch, opened } = await setup();
    await dispatch('links.open', { url: 'https://example.org/a' });
    await dispatch('links.open', { url: '.redpepper.org.uk/is-there-nothing-g4s-can-do/' });
    expect(opened).toEqual(['https://example.org/a', 'https://redpepper.org.uk/is-there-nothing-g4s-can-do/']);
  });

  it('says what to do when a library folder does not exist, and keeps the open one', async () => {
    const { dispatch } = await setup(SEEDS, async () => '/no/such/folder');
    const result = await dispatch('library.chooseFolder', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'library-unreadable',
        message: 'Opening library failed: /no/such/folder does not exist. Choose another folder.',
      },
    });
    const current = await dispatch('library.current', {});
    expect(current.ok && (current.value as { postCount: number }).postCount).toBe(2);
  });

  it('refuses a folder that does not exist before writing anything to the profile', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'threadline-profile-'));
    const service = createService({
      defaultLibrary: SEEDS,
      profileDir,
      openExternal: async () => {},
      chooseFolder: async () => null,
    });
    onTestFinished(() => service.close());
    await expect(service.openLibrary('/no/such/folder')).rejects.toThrow('/no/such/folder does not exist');
    await expect(service.openLibrary(join(SEEDS, '004_72f7fc2b7a245681.txt'))).rejects.toThrow('is a file');
    expect(await readdir(profileDir)).toEqual([]);
  });

  it('opens a recent library by its place in the list, and refuses a place the list does not have', async () => {
    const { dispatch, service } = await setup();
    const dir = await mkdtemp(join(tmpdir(), 'threadline-recent-'));
    await writeFile(join(dir, 'a.txt'), 'Monday 20 May 2019\n\nA Recent Post\n\nText.\n');
    await service.openLibrary(dir);
    await service.openLibrary(SEEDS);
    const opened = await dispatch('library.openRecent', { index: 0 });
    expect(opened.ok && (opened.value as { root: string }).root).toBe(dir);
    expect(await dispatch('library.openRecent', { index: 1 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('Choose the library again') },
    });
  });

  it('names the library being opened until it is open', async () => {
    const { service } = await setup();
    const dir = await mkdtemp(join(tmpdir(), 'threadline-opening-'));
    await writeFile(join(dir, 'a.txt'), 'Monday 20 May 2019\n\nA\n\nText.\n');
    expect(await service.handlers['library.opening']({})).toBeNull();
    const opened = service.openLibrary(dir);
    expect(await service.handlers['library.opening']({})).toEqual({ root: dir, name: basename(dir), isDefault: false });
    await opened;
    expect(await service.handlers['library.opening']({})).toBeNull();
    await expect(service.openLibrary('/no/such/folder')).rejects.toThrow();
    expect(await service.handlers['library.opening']({})).toBeNull();
  });

  it('keeps two files holding the same post apart, with a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-dup-'));
    await cp(SEEDS, dir, { recursive: true });
    await cp(join(dir, '004_72f7fc2b7a245681.txt'), join(dir, 'copy.txt'));
    const { service } = await setup(dir);
    const posts = await service.handlers['posts.list']({});
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => p.id)).size).toBe(3);
    expect(await service.handlers['problems.list']({})).toContainEqual(
      expect.objectContaining({ file: 'copy.txt', message: expect.stringContaining('same date and title') }),
    );
  });

  it('emits library.changed when a library opens', async () => {
    const { service } = await setup();
    const events: string[] = [];
    service.subscribe((event, payload) => {
      if (event === 'library.changed') events.push(`${event}:${(payload as { postCount: number }).postCount}`);
    });
    const dir = await mkdtemp(join(tmpdir(), 'threadline-one-'));
    await writeFile(join(dir, 'a.txt'), 'Monday 20 May 2019\n\nA\n\nText.\n');
    await service.openLibrary(dir);
    expect(events).toEqual(['library.changed:1']);
  });
});

describe('a profile that cannot be written', () => {
  async function openWithProfile(profileDir: string) {
    const service = createService({
      defaultLibrary: SEEDS,
      profileDir,
      watch: false,
      openExternal: async () => {},
      chooseFolder: async () => null,
    });
    onTestFinished(() => service.close());
    const told: string[] = [];
    service.subscribe((event, payload) => {
      if (event === 'shell.failure') told.push((payload as { message: string }).message);
    });
    await service.openLibrary(SEEDS);
    await service.whenIndexed();
    return { service, told };
  }

  async function expectOpenAndTold(profileDir: string) {
    const { service, told } = await openWithProfile(profileDir);
    expect(await service.handlers['posts.list']({})).toHaveLength(2);
    expect((await service.handlers['search.query']({ query: 'privateers' })).totalHits).toBeGreaterThan(0);
    expect(told).toEqual([expect.stringContaining(`Threadline cannot write to its data folder, ${profileDir} (`)]);
    expect(told[0]).toContain('Make that folder writable');
    // The window, starting after this happened, is told too.
    expect((await service.handlers['shell.resume']({})).notice).toBe(told[0]);
    expect((await service.handlers['annotations.status']({})).state).toBe('unavailable');
  }

  it('still opens the library when the profile path is a file, and says what to do', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'threadline-profile-file-'));
    const profileDir = join(parent, 'profile');
    await writeFile(profileDir, 'a file where the profile folder should be');
    await expectOpenAndTold(profileDir);
  });

  it('still opens the library when the profile folder is read-only', async (context) => {
    // Root writes through any permission bits, so a read-only folder is only read-only for other users.
    if (process.getuid?.() === 0)
      skipBecause(context, 'run as root, which ignores permission bits; the profile-is-a-file case above covers it');
    const profileDir = await mkdtemp(join(tmpdir(), 'threadline-profile-ro-'));
    await chmod(profileDir, 0o500);
    onTestFinished(() => chmod(profileDir, 0o700));
    await expectOpenAndTold(profileDir);
  });

  it('tells nothing when the profile can be written', async () => {
    const { told, service } = await openWithProfile(await mkdtemp(join(tmpdir(), 'threadline-profile-')));
    expect(told).toEqual([]);
    expect((await service.handlers['shell.resume']({})).notice).toBeNull();
  });
});

describe('closing', () => {
  it('waits for the update of a library opened before, still writing, to finish', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-close-'));
    for (let i = 0; i < 200; i++)
      await writeFile(
        join(dir, `${String(i).padStart(3, '0')}.txt`),
        `Monday 20 May 2019\n\nPost ${i}\n\n${'Some words about probation. '.repeat(200)}\n\nNo comments:\n`,
      );
    const service = createService({
      defaultLibrary: SEEDS,
      profileDir: await mkdtemp(join(tmpdir(), 'threadline-profile-')),
      watch: false,
      openExternal: async () => {},
      chooseFolder: async () => null,
    });
    const phases: string[] = [];
    service.subscribe((event, payload) => {
      const progress = payload as { root: string; phase: string };
      if (event === 'library.progress' && progress.root === dir) phases.push(progress.phase);
    });
    // The seeds indexed first, so opening them again needs no parsing (nothing queues behind the big update).
    await service.openLibrary(SEEDS);
    await service.whenIndexed();
    await service.openLibrary(dir);
    // Another library opens while the first one's full text is still being written.
    await service.openLibrary(SEEDS);
    expect(phases).not.toContain('done');
    await service.close();
    expect(phases.at(-1)).toBe('done');
  });
});

describe('cancelling indexing', () => {
  it('stops an update under way, keeps what is done, and carries on at the next open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-cancel-'));
    // More files than the second pass has batches in flight at once (two per worker, 32 files each).
    for (let i = 0; i < 200; i++)
      await writeFile(
        join(dir, `${String(i).padStart(3, '0')}.txt`),
        `Monday 20 May 2019\n\nPost ${i}\n\n${'Some words about probation. '.repeat(200)}\n\nNo comments:\n`,
      );
    const profileDir = await mkdtemp(join(tmpdir(), 'threadline-profile-'));
    const make = () =>
      createService({
        defaultLibrary: SEEDS,
        profileDir,
        watch: false,
        openExternal: async () => {},
        chooseFolder: async () => null,
      });
    const first = make();
    onTestFinished(() => first.close());
    await first.openLibrary(dir);
    expect(await first.handlers['library.cancelIndexing']({})).toEqual({ cancelled: true });
    await first.whenIndexed();
    expect((await first.handlers['search.query']({ query: 'probation' })).complete).toBe(false);
    await first.close();
    const second = make();
    onTestFinished(() => second.close());
    await second.openLibrary(dir);
    await second.whenIndexed();
    expect((await second.handlers['posts.list']({})).length).toBe(200);
    const result = await second.handlers['search.query']({ query: 'probation', limit: 200 });
    expect(result.complete).toBe(true);
    expect(result.groups.length).toBe(200);
    expect(await second.handlers['library.cancelIndexing']({})).toEqual({ cancelled: false });
  });
});
