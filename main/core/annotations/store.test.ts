import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRange } from './anchor';
import { ANNOTATIONS_FILE, BACKUP_DIR, listBackups, openAnnotations, restoreBackup } from './db';
import { MIGRATIONS } from './migrations';
import { AnnotationError, AnnotationStore, type NewAnnotation } from './store';

const temp = () => mkdtempSync(join(tmpdir(), 'threadline-annotations-'));
const TEXT = 'Probation officers warned that the split would fail, and it did.';
const highlight = (over: Partial<NewAnnotation> = {}): NewAnnotation => ({
  library: '/lib',
  postId: '2014-06-01-the-split',
  postTitle: 'The split',
  postDate: '2014-06-01',
  part: 'comment:3.2',
  kind: 'highlight',
  selectors: describeRange(TEXT, 35, 51),
  ...over,
});

async function openStore(dir = temp(), now?: () => Date) {
  const opened = await openAnnotations(join(dir, ANNOTATIONS_FILE), now ? { now } : {});
  expect(opened.status.state).toBe('ok');
  return { dir, db: opened.db!, store: new AnnotationStore(opened.db!, now) };
}

describe('the annotations file', () => {
  it('is created with WAL, full syncs, foreign keys and every migration applied', async () => {
    const { db } = await openStore();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('adds, edits, bins, restores and empties the bin, keeping tags clean', async () => {
    const { db, store } = await openStore();
    const a = store.add(highlight({ note: 'See the *inspectorate* report', tags: [' split ', '#TR', 'tr', ''] }));
    expect(a).toMatchObject({
      kind: 'highlight',
      colour: 'yellow',
      note: 'See the *inspectorate* report',
      tags: ['split', 'TR'],
      deleted: null,
    });
    expect(a.quote).toEqual({ exact: TEXT.slice(35, 51), prefix: TEXT.slice(3, 35), suffix: TEXT.slice(51, 83) });
    expect(a.anchor).toEqual({ state: 'exact', part: 'comment:3.2', start: 35, end: 51 });

    const edited = store.update(a.id, { colour: 'blue', tags: ['privatisation'] });
    expect(edited).toMatchObject({ colour: 'blue', tags: ['privatisation'], note: a.note });
    expect(store.list({ library: '/lib', tag: 'PRIVATISATION' }).map((x) => x.id)).toEqual([a.id]);
    expect(store.list({ library: '/lib', text: 'inspectorate' }).map((x) => x.id)).toEqual([a.id]);
    expect(store.list({ library: '/lib', text: 'nowhere' })).toEqual([]);
    expect(store.countsByPost('/lib')).toEqual(new Map([['2014-06-01-the-split', 1]]));

    store.remove(a.id);
    expect(store.list({ library: '/lib' })).toEqual([]);
    expect(store.list({ library: '/lib', deleted: true }).map((x) => x.id)).toEqual([a.id]);
    store.restore(a.id);
    expect(store.list({ library: '/lib' }).map((x) => x.id)).toEqual([a.id]);
    store.remove(a.id);
    expect(store.emptyBin('/lib')).toBe(1);
    expect(store.get(a.id)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses what is malformed, with a typed error, and changes nothing', async () => {
    const { db, store } = await openStore();
    const refused = (f: () => unknown, code: string) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(AnnotationError);
        expect((error as AnnotationError).code).toBe(code);
        return;
      }
      throw new Error('was not refused');
    };
    refused(() => store.add(highlight({ selectors: describeRange(TEXT, 5, 5) })), 'invalid');
    refused(() => store.add(highlight({ colour: 'red' as never })), 'invalid');
    refused(() => store.add(highlight({ tags: ['x'.repeat(65)] })), 'invalid');
    refused(() => store.add(highlight({ note: 'n'.repeat(100_001) })), 'invalid');
    refused(() => store.update('no-such-id', { note: 'x' }), 'not-found');
    const a = store.add(highlight());
    refused(() => store.update(a.id, { colour: 'red' as never, note: 'lost' }), 'invalid');
    expect(store.get(a.id)!.note).toBe('');
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
    db.close();
  });

  it('adds only the annotations it does not have yet, so importing twice adds nothing', async () => {
    const { db, store } = await openStore();
    const batch = [
      highlight({ id: '11111111-1111-4111-8111-111111111111' }),
      highlight({ id: '22222222-2222-4222-8222-222222222222', kind: 'flag', selectors: null }),
    ];
    expect(store.addMissing(batch as (NewAnnotation & { id: string })[])).toEqual({
      added: [batch[0]!.id, batch[1]!.id],
      skipped: [],
    });
    expect(store.addMissing(batch as (NewAnnotation & { id: string })[])).toEqual({
      added: [],
      skipped: [batch[0]!.id, batch[1]!.id],
    });
    expect(store.list({ library: '/lib' })).toHaveLength(2);
    db.close();
  });

  it('backs up before a migration and once a day, keeping the newest', async () => {
    const dir = temp();
    const path = join(dir, ANNOTATIONS_FILE);
    const first = await openStore(dir);
    first.store.add(highlight());
    first.db.close();
    // A later version adds a migration: the file is copied first, as it was.
    const later = await openAnnotations(path, {
      migrations: [...MIGRATIONS, 'ALTER TABLE annotations ADD COLUMN extra TEXT'],
    });
    expect(later.status.state).toBe('ok');
    const backups = listBackups(join(dir, BACKUP_DIR));
    expect(backups.some((b) => b.includes(`before-v${MIGRATIONS.length + 1}`))).toBe(true);
    const copy = new Database(
      backups.find((b) => b.includes('before-v'))!,
      { readonly: true },
    );
    expect(copy.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(copy.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
    copy.close();
    later.db!.close();
    const count = listBackups(join(dir, BACKUP_DIR)).length;
    // Reopened the same day: no new backup; two days on: a daily one.
    (
      await openAnnotations(path, { migrations: [...MIGRATIONS, 'ALTER TABLE annotations ADD COLUMN extra TEXT'] })
    ).db!.close();
    expect(listBackups(join(dir, BACKUP_DIR))).toHaveLength(count);
    const later2 = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    (
      await openAnnotations(path, {
        now: () => later2,
        migrations: [...MIGRATIONS, 'ALTER TABLE annotations ADD COLUMN extra TEXT'],
      })
    ).db!.close();
    expect(listBackups(join(dir, BACKUP_DIR)).filter((b) => b.includes('daily')).length).toBeGreaterThan(0);
  });

  it('opens a damaged file read-only, says where the backup is, and restores it keeping the damaged one', async () => {
    const { dir, db, store } = await openStore();
    const a = store.add(highlight({ note: 'kept in the backup' }));
    db.close();
    // Opened again with an annotation in it and no backup yet: the daily backup is taken.
    (await openStore(dir)).db.close();
    expect(listBackups(join(dir, BACKUP_DIR))[0]).toMatch(/daily/);
    const path = join(dir, ANNOTATIONS_FILE);
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
    const damaged = readFileSync(path);
    const opened = await openAnnotations(path);
    expect(opened.db).toBeNull();
    expect(opened.status.state).toBe('unavailable');
    if (opened.status.state !== 'unavailable') return;
    expect(opened.status.reason).toMatch(
      /^Annotations are read-only: the annotations file is damaged\. .*The newest backup is .*restore it/,
    );
    expect(readFileSync(path).equals(damaged)).toBe(true);
    const restored = await restoreBackup(path, opened.status.backup!);
    expect(restored.status.state).toBe('ok');
    expect(new AnnotationStore(restored.db!).get(a.id)?.note).toBe('kept in the backup');
    expect(readdirSync(dir).some((name) => name.startsWith(`${ANNOTATIONS_FILE}.replaced-`))).toBe(true);
    restored.db!.close();
  });

  it('leaves a file from a newer version alone', async () => {
    const dir = temp();
    const path = join(dir, ANNOTATIONS_FILE);
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const opened = await openAnnotations(path);
    expect(opened.status.state).toBe('unavailable');
    expect(opened.status.state === 'unavailable' && opened.status.reason).toMatch(/newer version of Threadline/);
    expect(existsSync(join(dir, BACKUP_DIR))).toBe(false);
  });
});
