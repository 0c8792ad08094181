import { mkdtempSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDispatcher } from './dispatch';
import { createService, type ServiceDeps } from './service';
import { addRecent } from './recent';

const SEEDS = join(import.meta.dirname, '../../seeds');

async function setup(extra: Partial<ServiceDeps> = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
  const service = createService({
    defaultLibrary: SEEDS,
    profileDir,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    watch: false,
    ...extra,
  });
  onTestFinished(() => service.close());
  await service.openLibrary(SEEDS);
  const dispatch = createDispatcher(service.handlers);
  const call = async <T>(method: string, payload: unknown): Promise<T> => {
    const result = await dispatch(method, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const posts = await call<{ id: string }[]>('posts.list', {});
  return { service, dispatch, call, profileDir, postId: posts[0]!.id };
}

describe('following threadline:// links', () => {
  it('lands on a comment of the bundled library, named "seeds"', async () => {
    const { call, postId } = await setup();
    const summary = await call<{ linkId: string }>('library.current', {});
    expect(summary.linkId).toBe('seeds');
    expect(await call('links.follow', { url: `threadline://seeds/${postId}#c2` })).toEqual({
      postId,
      commentId: '2',
      annotation: null,
    });
  });

  it('opens the library the link names when it is another one this computer knows', async () => {
    const { call, service, profileDir } = await setup();
    const other = mkdtempSync(join(tmpdir(), 'threadline-other-'));
    await cp(SEEDS, other, { recursive: true });
    await service.openLibrary(other);
    const { linkId } = await call<{ linkId: string }>('library.current', {});
    expect(linkId).toMatch(/^[0-9a-f]{16}$/);
    const postId = (await call<{ id: string }[]>('posts.list', {}))[0]!.id;
    await service.openLibrary(SEEDS);
    await addRecent(profileDir, other);
    await call('links.follow', { url: `threadline://${linkId}/${postId}` });
    expect((await call<{ root: string }>('library.current', {})).root).toBe(other);
  });

  it('answers with the annotation a link names, and refuses one that is gone', async () => {
    const { call, postId } = await setup();
    const flag = await call<{ id: string }>('annotations.add', { postId, part: 'comment:1', kind: 'flag' });
    const followed = await call<{ annotation: { id: string } }>('links.follow', {
      url: `threadline://seeds/${postId}#a${flag.id}`,
    });
    expect(followed.annotation.id).toBe(flag.id);
    await call('annotations.remove', { id: flag.id });
    await expect(call('links.follow', { url: `threadline://seeds/${postId}#a${flag.id}` })).rejects.toThrow(
      /not-found: .*annotation is not there any more/,
    );
  });

  it.each([
    ['not a link', 'https://example.org/x', 'bad-link'],
    ['an unknown library', 'threadline://0000000000000000/x', 'unknown-library'],
    ['a post the library lacks', 'threadline://seeds/no-such-post', 'not-found'],
  ])('refuses %s, saying what to do', async (_case, url, code) => {
    const { dispatch } = await setup();
    const result = await dispatch('links.follow', { url });
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it('keeps a link the system gave until the window asks for it, once', async () => {
    const { call, service } = await setup();
    const told: unknown[] = [];
    service.subscribe((event, payload) => event === 'shell.openLink' && told.push(payload));
    service.receiveLink('threadline://seeds/x#c1');
    expect(told).toEqual([{ url: 'threadline://seeds/x#c1' }]);
    expect(await call('links.pending', {})).toEqual({ url: 'threadline://seeds/x#c1' });
    expect(await call('links.pending', {})).toEqual({ url: null });
  });
});

describe('copying and exporting', () => {
  it('copies through the host, and says so when there is no clipboard', async () => {
    const copied: string[] = [];
    const { call } = await setup({ copyText: async (text) => void copied.push(text) });
    await call('shell.copyText', { text: 'threadline://seeds/x' });
    expect(copied).toEqual(['threadline://seeds/x']);
    const bare = await setup();
    await expect(bare.call('shell.copyText', { text: 'x' })).rejects.toThrow(/unsupported: Copying failed/);
  });

  it('writes a thread as Markdown and HTML where the reader chose, and PDF through the host printer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-export-'));
    const printed: string[] = [];
    const { call, postId } = await setup({
      saveFile: async (name) => join(dir, name),
      printToPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.4 stand-in');
      },
    });
    const md = await call<{ path: string }>('thread.export', { postId, format: 'markdown', annotations: false });
    expect(md.path).toBe(join(dir, `${postId}.md`));
    expect(await readFile(md.path, 'utf8')).toContain(`[Open in Threadline](threadline://seeds/${postId}#c1)`);
    const html = await call<{ path: string }>('thread.export', {
      postId,
      format: 'html',
      annotations: true,
      collapsed: ['1'],
    });
    expect(await readFile(html.path, 'utf8')).toMatch(/^<!doctype html>/);
    const pdf = await call<{ path: string }>('thread.export', { postId, format: 'pdf', annotations: false });
    expect(await readFile(pdf.path, 'utf8')).toBe('%PDF-1.4 stand-in');
    expect(printed[0]).toMatch(/^<!doctype html>/);
  });

  it('refuses a PDF without a printer, and answers null when the reader cancels', async () => {
    const { dispatch, postId } = await setup();
    expect(await dispatch('thread.export', { postId, format: 'markdown', annotations: false })).toEqual({
      ok: true,
      value: null,
    });
    expect(await dispatch('thread.export', { postId, format: 'pdf', annotations: false })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});
