import { describe, expect, it } from 'vitest';
import type { SourceFormat } from '../parse';
import { openIndexDb } from './db';
import { listedPost, type ParsedFile } from './parse-file';
import { indexQueries } from './queries';
import { writer } from './write';

/** A file's first-pass result holding posts with these ids, in this form. */
function file(path: string, format: SourceFormat, ids: string[]): ParsedFile {
  return {
    file: path,
    size: 10,
    mtimeMs: 1,
    hash: `h-${path}`,
    format,
    problems: [],
    posts: ids.map((id, part) =>
      listedPost({
        id,
        date: '2013-03-04',
        dateText: '4 March 2013',
        title: id,
        lead: '',
        declaredCommentCount: null,
        foundCommentCount: 0,
        file: path,
        line: 1 + part * 10,
        author: format === 'text' ? null : 'Jim Brown',
        time: null,
        format,
        part,
        labels: format === 'text' ? [] : ['union', 'pay'],
        draft: false,
      }),
    ),
  };
}

function index() {
  const db = openIndexDb(':memory:');
  const w = writer(db);
  const q = indexQueries(db);
  const where = (id: string) => q.locate(id);
  const extracted = (path: string) =>
    (db.prepare('SELECT extracted FROM files WHERE path = ?').pluck().get(path) as number) === 1;
  return { db, w, q, where, extracted };
}

describe('a file of many posts, and a post kept in several forms', () => {
  it('stores every post of a file by its place in it, and forgets them all with the file', () => {
    const { w, q, where } = index();
    w.write(file('archive.html', 'html', ['a', 'b', 'c']), false);
    expect(q.posts().map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(where('b')).toEqual({ file: 'archive.html', part: 1 });
    expect(q.posts()[0]).toMatchObject({ author: 'Jim Brown', format: 'html', draft: false });
    w.write(file('archive.html', 'html', ['a', 'c']));
    expect(q.posts().map((p) => p.id)).toEqual(['a', 'c']);
    expect(where('c')).toEqual({ file: 'archive.html', part: 1 });
    w.removeFile('archive.html');
    expect(q.posts()).toEqual([]);
  });

  it('lists a post twice in one page once more, under an id of its own, with a warning', () => {
    const { w, q } = index();
    w.write(file('page.txt', 'text', ['a', 'a']), false);
    expect(q.posts().map((p) => p.id)).toEqual(['a', 'a~page-txt~1']);
    expect(q.problemsOf('page.txt')[0]!.message).toMatch(/same date and title before this one/);
  });

  it('shows a post kept as a text copy and an HTML page once, from the richer form, with both sources', () => {
    const { w, q, where, extracted } = index();
    w.write(file('copy.txt', 'text', ['a']), false);
    expect(where('a')).toEqual({ file: 'copy.txt', part: 0 });
    // The HTML page comes later: it takes the post over, the text copy becomes another source.
    w.write(file('page.html', 'html', ['a', 'b']), false);
    expect(q.posts().map((p) => p.id)).toEqual(['a', 'b']);
    expect(where('a')).toEqual({ file: 'page.html', part: 0 });
    expect(q.otherSourcesOf('a')).toEqual([{ file: 'copy.txt', format: 'text' }]);
    expect(q.problems()).toEqual([]);
    // A poorer form written after a richer one is only noted; its file has nothing to extract.
    w.write(file('later.txt', 'text', ['b']), false);
    expect(where('b')).toEqual({ file: 'page.html', part: 1 });
    expect(q.otherSourcesOf('b')).toEqual([{ file: 'later.txt', format: 'text' }]);
    expect(extracted('later.txt')).toBe(true);
    expect(extracted('page.html')).toBe(false);
  });

  it('sends the other forms of a removed or changed file’s posts to be read again', () => {
    const { db, w, q } = index();
    w.write(file('copy.txt', 'text', ['a']), false);
    w.write(file('page.html', 'html', ['a']), false);
    expect(w.removeFile('page.html')).toEqual(['copy.txt']);
    // Until it is read again the post is gone, and its file is stale (it matches nothing on disk).
    expect(q.posts()).toEqual([]);
    expect(db.prepare('SELECT size, hash FROM files WHERE path = ?').get('copy.txt')).toEqual({ size: -1, hash: '' });
    expect(q.otherSourcesOf('a')).toEqual([]);
    // Read again, the text copy shows the post.
    expect(w.write(file('copy.txt', 'text', ['a']))).toEqual([]);
    expect(q.locate('a')).toEqual({ file: 'copy.txt', part: 0 });
    // A changed richer file: the same.
    w.write(file('export.xml', 'blogger-export', ['a']), false);
    expect(q.locate('a')).toEqual({ file: 'export.xml', part: 0 });
    expect(w.write(file('export.xml', 'blogger-export', ['z']))).toEqual(['copy.txt']);
    expect(q.locate('a')).toBeNull();
  });

  it('keeps two copies in the same form apart, as copies', () => {
    const { w, q } = index();
    w.write(file('one.html', 'html', ['a']), false);
    w.write(file('two.html', 'html', ['a']), false);
    expect(q.posts().map((p) => p.id)).toEqual(['a', 'a~two-html']);
    expect(q.problemsOf('two.html')[0]!.message).toMatch(/Another file \(one\.html\)/);
  });
});

describe('an index made by the schema before files held many posts', () => {
  it('opens, and is rebuilt with the new tables', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const dir = mkdtempSync(join(tmpdir(), 'threadline-old-index-'));
    const path = join(dir, 'index.sqlite');
    // Schema 9's posts (one per file, no part) and shards (texts without authors).
    const old = new Database(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', '9'), ('parser_version', '3'), ('root', '/nowhere');
      CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, hash TEXT NOT NULL, post_id TEXT, extracted INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE posts (id TEXT PRIMARY KEY, file TEXT NOT NULL UNIQUE, date TEXT, date_text TEXT, title TEXT NOT NULL, lead TEXT NOT NULL DEFAULT '', line INTEGER NOT NULL, declared_count INTEGER, found_count INTEGER NOT NULL, article_count INTEGER NOT NULL, comment_keys TEXT NOT NULL DEFAULT '');`);
    old.close();
    for (const shard of [0, 1]) {
      const text = new Database(join(dir, `index.text-${shard}.sqlite`));
      text.exec(
        `CREATE TABLE docs (rowid INTEGER PRIMARY KEY, post_id TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT, source_key TEXT, title TEXT NOT NULL, body TEXT NOT NULL);`,
      );
      text.close();
    }
    const db = openIndexDb(path);
    try {
      const { resetIfStale } = await import('./db');
      expect(resetIfStale(db, '/nowhere')).toMatch(/^schema version 9 → \d+$/);
      const w = writer(db);
      w.write(file('archive.html', 'html', ['a', 'b']), false);
      expect(indexQueries(db).locate('b')).toEqual({ file: 'archive.html', part: 1 });
    } finally {
      db.close();
    }
  });
});
