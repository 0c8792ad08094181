import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseSeed } from '../parse';
import { createService } from '../service';
import { openAnnotations } from '../annotations/db';
import { commentKeys, KEY_LENGTH, packKeys, unpackKeys } from './keys';
import { ReadStateStore } from './store';

/** A comment of the fixture thread: its text, and its replies' texts. */
type Fixture = { text: string; replies?: string[] };

/** A seed file with a numbered thread, written as Blogger saves one. */
function seed(date: string, title: string, comments: Fixture[]): string {
  const lines = [date, '', title, '', 'The branch met on Thursday to talk about the hostel closures.', ''];
  lines.push(`${comments.length} comments:`, '');
  comments.forEach((comment, i) => {
    lines.push(`  ${i + 1}. ${comment.text}`, '', '    ReplyDelete');
    if (comment.replies?.length) {
      lines.push('    Replies');
      comment.replies.forEach((reply, j) => lines.push(`    ${j + 1}. ${reply}`, '', '      Delete'));
    }
  });
  return `${lines.join('\n')}\n`;
}

const THREAD: Fixture[] = [
  { text: 'The Station Road hostel closes at the end of June, we were told on Friday.' },
  {
    text: 'Where will the residents go? Nobody at the office could say.',
    replies: ['They are being moved to the county hostel, forty miles away.'],
  },
  { text: 'Another one gone. Thanks for keeping us posted, Jim.' },
];
const ADDED: Fixture[] = [
  { text: 'Update: the closure has been put back to September after the meeting.' },
  { text: 'Good news for once. Well done to the branch for pushing.' },
];

const MAY = 'Saturday, 3 May 2014';
const JUNE = 'Monday, 2 June 2014';

describe('read-state keys', () => {
  it('keeps every comment its key when two comments are added at the top (renumbering the rest)', () => {
    const before = parseSeed(seed(MAY, 'Hostel Closures', THREAD), 'a.txt').post!;
    const after = parseSeed(seed(MAY, 'Hostel Closures', [...ADDED, ...THREAD]), 'a.txt').post!;
    const keysBefore = commentKeys(before.comments);
    const keysAfter = commentKeys(after.comments);
    expect([...keysBefore.keys()]).toEqual(['1', '2', '2.1', '3']);
    expect(keysAfter.get('3')).toBe(keysBefore.get('1'));
    expect(keysAfter.get('4.1')).toBe(keysBefore.get('2.1'));
    expect(keysAfter.get('5')).toBe(keysBefore.get('3'));
    const old = new Set(keysBefore.values());
    expect([...keysAfter].filter(([, key]) => !old.has(key)).map(([id]) => id)).toEqual(['1', '2']);
  });

  it('gives identical sibling comments keys of their own, and packs them losslessly', () => {
    const post = parseSeed(seed(MAY, 'Plus Ones', [{ text: '+1' }, { text: '+1' }]), 'b.txt').post!;
    const keys = [...commentKeys(post.comments).values()];
    expect(new Set(keys).size).toBe(2);
    expect(keys.every((key) => key.length === KEY_LENGTH)).toBe(true);
    expect(unpackKeys(packKeys(keys))).toEqual(keys);
  });
});

/** A library folder with a May post, another May post and a June post; a profile; the service over them. */
async function setup() {
  const library = mkdtempSync(join(tmpdir(), 'threadline-read-lib-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'threadline-read-profile-'));
  onTestFinished(() => {
    rmSync(library, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });
  writeFileSync(join(library, 'a.txt'), seed(MAY, 'Hostel Closures', THREAD));
  writeFileSync(join(library, 'b.txt'), seed('Friday, 16 May 2014', 'Branch Meeting', [{ text: 'See you there.' }]));
  writeFileSync(join(library, 'c.txt'), seed(JUNE, 'Summer Conference', [{ text: 'Who is going?' }]));
  const start = async () => {
    const service = createService({
      defaultLibrary: library,
      profileDir,
      watch: false,
      openExternal: async () => undefined,
      chooseFolder: async () => null,
    });
    await service.openLibrary(library);
    await service.whenIndexed();
    return service;
  };
  return { library, profileDir, start };
}

const A = '2014-05-03-hostel-closures';
const B = '2014-05-16-branch-meeting';
const C = '2014-06-02-summer-conference';

describe('read state', () => {
  it('counts every part unread at first, none New, and marks parts read', async () => {
    const { start } = await setup();
    const service = await start();
    onTestFinished(() => service.close());
    const h = service.handlers;
    expect(await h['readState.counts']({})).toEqual({
      [A]: { unread: 5, fresh: 0 },
      [B]: { unread: 2, fresh: 0 },
      [C]: { unread: 2, fresh: 0 },
    });
    const marked = await h['readState.mark']({ postId: A, parts: ['body', 'comment:2.1'], read: true });
    expect(marked).toEqual({ postId: A, read: ['body', 'comment:2.1'], fresh: [], counts: { unread: 3, fresh: 0 } });
    const unmarked = await h['readState.mark']({ postId: A, parts: ['comment:2.1'], read: false });
    expect(unmarked.read).toEqual(['body']);
    expect((await h['readState.counts']({}))[A]).toEqual({ unread: 4, fresh: 0 });
  });

  it('finds the comments a re-saved file gained as New, keeps the read ones read, and remembers it after a restart', async () => {
    const { library, start } = await setup();
    let service = await start();
    const events: unknown[] = [];
    service.subscribe((event, payload) => event === 'readState.changed' && events.push(payload));
    await service.handlers['readState.mark']({ postId: A, parts: ['comment:1', 'comment:2.1'], read: true });
    expect(events).toHaveLength(1);

    writeFileSync(join(library, 'a.txt'), seed(MAY, 'Hostel Closures', [...ADDED, ...THREAD]));
    await service.openLibrary(library);
    await service.whenIndexed();
    const expected = {
      postId: A,
      read: ['comment:3', 'comment:4.1'],
      fresh: ['comment:1', 'comment:2'],
      counts: { unread: 5, fresh: 2 },
    };
    expect(await service.handlers['readState.post']({ postId: A })).toEqual(expected);
    expect((await service.handlers['readState.counts']({}))[A]).toEqual({ unread: 5, fresh: 2 });
    await service.close();

    service = await start();
    onTestFinished(() => service.close());
    expect(await service.handlers['readState.post']({ postId: A })).toEqual(expected);
  });

  it('marks a month, the library and a post read or unread, and reading clears New for good', async () => {
    const { library, start } = await setup();
    const service = await start();
    onTestFinished(() => service.close());
    const h = service.handlers;
    writeFileSync(join(library, 'a.txt'), seed(MAY, 'Hostel Closures', [...ADDED, ...THREAD]));
    await service.openLibrary(library);
    await service.whenIndexed();
    expect((await h['readState.counts']({}))[A]).toEqual({ unread: 7, fresh: 2 });

    expect(await h['readState.markAll']({ scope: { kind: 'month', month: '2014-05' }, read: true })).toEqual({
      posts: 2,
    });
    expect(await h['readState.counts']({})).toEqual({
      [A]: { unread: 0, fresh: 0 },
      [B]: { unread: 0, fresh: 0 },
      [C]: { unread: 2, fresh: 0 },
    });
    await h['readState.markAll']({ scope: { kind: 'post', postId: A }, read: false });
    expect((await h['readState.counts']({}))[A]).toEqual({ unread: 7, fresh: 0 });
    await h['readState.markAll']({ scope: { kind: 'library' }, read: true });
    expect(Object.values(await h['readState.counts']({})).every((c) => c.unread === 0)).toBe(true);
    await h['readState.markAll']({ scope: { kind: 'library' }, read: false });
    expect((await h['readState.counts']({}))[C]).toEqual({ unread: 2, fresh: 0 });
  });

  it('records a 5,000-post library in one transaction of one short row per post', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-read-db-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const { db } = await openAnnotations(join(dir, 'annotations.sqlite'));
    onTestFinished(() => void db?.close());
    const store = new ReadStateStore(db!);
    const keys = packKeys(Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(KEY_LENGTH - 1, '0')}`));
    const posts = Array.from({ length: 5000 }, (_, i) => ({ postId: `post-${i}`, keys }));
    expect(store.sync('/lib', posts).size).toBe(5000);
    expect(store.counts('/lib').get('post-4999')).toEqual({ unread: 41, fresh: 0 });
    // Unchanged posts are not written again.
    expect(store.sync('/lib', posts).size).toBe(0);
    store.markLibraryRead('/lib');
    expect(store.counts('/lib').get('post-17')).toEqual({ unread: 0, fresh: 0 });
  });
});
