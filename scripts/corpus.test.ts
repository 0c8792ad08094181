import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadLibrary } from '../main/core/library';
import { parseSeed, type Comment, type ParseResult } from '../main/core/parse';
import { countCorpus, generateCorpus, main, writeCorpus, type CorpusFile } from './corpus.ts';

/** Small corpus: 40 posts, one of them the default 2,000-comment thread. */
const SMALL = { posts: 40, seed: 7 };
const small = [...generateCorpus(SMALL)];
const parsed = new Map<string, ParseResult>(small.map((f) => [f.path, parseSeed(f.bytes, f.path)]));

const CP1252_WARNING = /^The file is not valid UTF-8; it was read as Windows-1252/;
const isCp1252 = (f: CorpusFile) => f.post?.style.encoding === 'windows-1252';
const allComments = (result: ParseResult): Comment[] => result.post?.comments.flatMap((c) => [c, ...c.replies]) ?? [];

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('corpus generator: determinism', () => {
  it('gives byte-identical files for the same seed and options', () => {
    const again = [...generateCorpus(SMALL)];
    expect(again.map((f) => f.path)).toEqual(small.map((f) => f.path));
    again.forEach((f, i) => expect(Buffer.compare(f.bytes, small[i]!.bytes), f.path).toBe(0));
  });

  it('gives different files for a different seed', () => {
    const other = [...generateCorpus({ ...SMALL, seed: 8 })];
    expect(other.map((f) => f.path)).not.toEqual(small.map((f) => f.path));
    const same = other.filter((f, i) => small[i] && Buffer.compare(f.bytes, small[i].bytes) === 0);
    expect(same).toHaveLength(0);
  });

  it('leaves the post files unchanged when broken files are added', () => {
    const withProblems = [...generateCorpus({ ...SMALL, problems: 3 })];
    expect(withProblems).toHaveLength(small.length + 3);
    small.forEach((f, i) => expect(Buffer.compare(f.bytes, withProblems[i]!.bytes)).toBe(0));
  });
});

describe('corpus generator: every file parses in the real grammar', () => {
  it('parses each post with no problems (Windows-1252 files: only the encoding warning)', () => {
    for (const file of small) {
      const result = parsed.get(file.path)!;
      const expected = isCp1252(file) ? [CP1252_WARNING] : [];
      expect(
        result.problems.map((p) => p.message),
        file.path,
      ).toEqual(expected.map((re) => expect.stringMatching(re)));
      expect(result.post, file.path).not.toBeNull();
    }
  });

  it('declares as many comments as it holds, with top-level and replies as generated', () => {
    for (const file of small) {
      const post = parsed.get(file.path)!.post!;
      const info = file.post!;
      expect(post.declaredCommentCount, file.path).toBe(info.comments);
      expect(post.foundCommentCount, file.path).toBe(info.comments);
      expect(post.comments.length, file.path).toBe(info.topLevel);
      expect(post.date, file.path).toBe(info.date);
      expect(post.title, file.path).toBe(info.title);
    }
  });

  it('has one thread of exactly 2,000 comments, found by the parser', () => {
    const long = small.filter((f) => f.post!.longThread);
    expect(long).toHaveLength(1);
    expect(parsed.get(long[0]!.path)!.post!.foundCommentCount).toBe(2000);
    // --long-thread works at any size, and 0 turns it off.
    expect(Math.max(...[...generateCorpus({ posts: 10, longThread: 300 })].map((f) => f.post!.comments))).toBe(300);
    expect([...generateCorpus({ posts: 10, longThread: 0 })].some((f) => f.post!.longThread)).toBe(false);
  });

  it('gives every post its own id (no two share a date and title)', () => {
    const ids = [...parsed.values()].map((r) => r.post!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('corpus generator: the mix of a real archive', () => {
  it('nests files in year folders, named like the seeds, with dates spread from 2010 to 2021', () => {
    for (const file of small) expect(file.path).toMatch(/^20(1\d|2[01])\/\d{3}_[0-9a-f]{16}\.txt$/);
    expect(new Set(small.map((f) => f.path.slice(0, 4))).size).toBeGreaterThan(5);
    const dates = small.map((f) => f.post!.date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((d) => d >= '2010-01-01' && d <= '2021-12-31')).toBe(true);
  });

  it('has CRLF files, a UTF-8 BOM, tabs in indents and trailing spaces', () => {
    const crlf = small.filter((f) => f.post!.style.lineEnd === 'crlf');
    expect(crlf.length).toBeGreaterThanOrEqual(3);
    for (const f of crlf) expect(Buffer.from(f.bytes).includes('\r\n')).toBe(true);
    expect(small.filter((f) => f.post!.style.lineEnd === 'lf').every((f) => !Buffer.from(f.bytes).includes('\r'))).toBe(
      true,
    );
    const bom = small.filter((f) => f.post!.style.bom);
    expect(bom.length).toBeGreaterThanOrEqual(1);
    for (const f of bom) expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tabs = small.filter((f) => f.post!.style.tabs);
    expect(tabs.length).toBeGreaterThanOrEqual(1);
    for (const f of tabs)
      expect(Buffer.from(f.bytes).toString('utf8')).toMatch(/^\t+(\d+\. |ReplyDelete|Delete|Replies)/m);
    const trailing = small.filter((f) => f.post!.style.trailingSpaces);
    expect(trailing.length).toBeGreaterThanOrEqual(1);
    for (const f of trailing)
      expect(Buffer.from(f.bytes).toString(f.post!.style.encoding === 'utf-8' ? 'utf8' : 'latin1')).toMatch(
        /\S[ \t\u00a0]+\r?$/m,
      );
  });

  it('writes Windows-1252 files with real single-byte £ and curly quotes, which the parser decodes', () => {
    const cp = small.filter(isCp1252);
    expect(cp.length).toBeGreaterThanOrEqual(1);
    for (const f of cp) {
      const bytes = Buffer.from(f.bytes);
      const pound = bytes.indexOf(0xa3);
      expect(pound).toBeGreaterThan(0);
      expect(bytes[pound - 1]).not.toBe(0xc2); // not UTF-8's C2 A3
      const post = parsed.get(f.path)!.post!;
      const text = [...post.body.map((b) => b.text), ...allComments(parsed.get(f.path)!).map((c) => c.text)].join('\n');
      expect(text).toMatch(/£\d/);
      expect(text).not.toMatch(/\ufffd|Â£|â€/); // no replacement characters, no UTF-8 read as Latin-1
    }
  });

  it('has replies, URL-only comments whose replies hold the article, and numbered lists read as text', () => {
    const results = [...parsed.values()];
    expect(results.some((r) => r.post!.comments.some((c) => c.replies.length > 0))).toBe(true);
    const urlOnly = results
      .flatMap((r) => r.post!.comments)
      .filter((c) => /^(https?:\/\/|\.|www\.)?[\w.-]+\.[a-z]{2,}\/\S*$/.test(c.text));
    expect(urlOnly.length).toBeGreaterThan(0);
    const withArticle = urlOnly.filter((c) => c.replies.length > 0 && c.replies[0]!.text.length > 150);
    expect(withArticle.length).toBeGreaterThan(0);
    expect(small.reduce((n, f) => n + f.post!.urlOnlyWithReplies, 0)).toBeGreaterThan(0);
    // "    1. …" at text indent inside a comment stays text, never a reply.
    const listed = results.flatMap((r) => allComments(r)).filter((c) => /^1\. .+\n(\n)?2\. /m.test(c.text));
    expect(listed.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => allComments(r)).some((c) => /^1\) .+\n(\n)?2\) /m.test(c.text))).toBe(true);
  });

  it('has an old-style "Name said..." page, quoted articles with ":-" intros, URLs, quoted headlines and a count line in a body', () => {
    const said = small.filter((f) => f.post!.era === 'said');
    expect(said.length).toBeGreaterThanOrEqual(1);
    for (const f of said)
      expect(parsed.get(f.path)!.post!.comments.every((c) => c.author !== null && c.writtenNumber === null)).toBe(true);
    const all = small.map((f) => Buffer.from(f.bytes).toString(isCp1252(f) ? 'latin1' : 'utf8')).join('\n');
    expect(all).toMatch(/:-\s*$/m);
    expect(all).toMatch(/https?:\/\/www\.[a-z.]+\/\S+/);
    expect(all).toMatch(
      /^ {4}"[^"]+" - (Sky News|FT|GMB Union|C4News|BBC News|ITV News|The Guardian|Inside Time|Morning Star)/m,
    );
    expect(all).toMatch(/£\d/);
    const bodyCount = small.filter((f) => f.post!.bodyCountLine);
    expect(bodyCount.length).toBeGreaterThanOrEqual(1);
    for (const f of bodyCount)
      expect(parsed.get(f.path)!.post!.body.some((b) => /^\d+ comments:$/m.test(b.text))).toBe(true);
  });
});

describe('corpus generator: broken files (--problems)', () => {
  it('injects broken files that each give a problem, while the rest still load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-corpus-'));
    temps.push(dir);
    const options = { posts: 12, seed: 3, longThread: 0, problems: 5, out: dir };
    const summary = await writeCorpus(options);
    expect(summary).toMatchObject({ files: 17, posts: 12, broken: 5 });
    const generated = [...generateCorpus(options)];
    for (const f of generated) expect(Buffer.compare(await readFile(join(dir, f.path)), f.bytes), f.path).toBe(0);

    const broken = generated.filter((f) => f.broken);
    expect(broken.map((f) => f.broken)).toEqual(['binary', 'empty', 'truncated', 'no-date', 'count-mismatch']);
    for (const f of broken) expect(parseSeed(f.bytes, f.path).problems.length, f.broken).toBeGreaterThan(0);

    const library = await loadLibrary(dir);
    expect(library.fileCount).toBe(17);
    expect(library.posts).toHaveLength(15); // binary and empty give no post
    const errorFiles = new Set(library.problems.filter((p) => p.severity === 'error').map((p) => p.file));
    expect([...errorFiles].sort()).toEqual(
      broken
        .filter((f) => f.broken === 'binary' || f.broken === 'empty')
        .map((f) => f.path)
        .sort(),
    );
    const problemFiles = new Set(library.problems.map((p) => p.file));
    for (const f of broken) expect(problemFiles.has(f.path), f.broken).toBe(true);
    for (const f of generated.filter((g) => g.post && !isCp1252(g)))
      expect(problemFiles.has(f.path), f.path).toBe(false);
  });

  it('refuses to write into a folder that is not empty unless forced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-corpus-'));
    temps.push(dir);
    await writeFile(join(dir, 'keep.txt'), 'x');
    await expect(writeCorpus({ posts: 2, longThread: 0, out: dir })).rejects.toThrow(/not empty/);
    await expect(writeCorpus({ posts: 2, longThread: 0, out: dir, force: true })).resolves.toMatchObject({ posts: 2 });
  });
});

describe('corpus generator: CLI', () => {
  it('prints a summary for --dry-run and rejects bad arguments', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['--posts', '5', '--long-thread', '1500', '--dry-run'])).toBe(0);
      expect(log.mock.calls[0]![0]).toMatch(
        /^corpus: 5 files \(0 broken\), 5 posts, \d+ comments .* longest thread 1500 comments .* \d+\.\d s \(dry run/,
      );
      expect(await main(['--posts', 'many', '--dry-run'])).toBe(2);
      expect(await main(['--posts', '5'])).toBe(2); // no --out
      expect(await main(['--bogus'])).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});

describe('corpus generator: scale at --posts 5000', () => {
  // A full dry run of 5,000 posts (~150 MB generated in memory one file at a time, nothing
  // written) takes seconds, not minutes, so the totals are counted, not extrapolated.
  it('comes to about 150 MB and 200,000 comments with a long tail of thread lengths', () => {
    const counts: number[] = [];
    const days = new Set<string>();
    let bytes = 0;
    for (const file of generateCorpus({ posts: 5000 })) {
      counts.push(file.post!.comments);
      days.add(file.post!.date);
      bytes += file.bytes.length;
    }
    const comments = counts.reduce((a, b) => a + b, 0);
    expect(bytes).toBeGreaterThan(120e6);
    expect(bytes).toBeLessThan(180e6);
    expect(comments).toBeGreaterThan(170_000);
    expect(comments).toBeLessThan(230_000);
    expect(Math.max(...counts)).toBe(2000);
    expect(counts.filter((n) => n === 2000)).toHaveLength(1);
    expect(counts.filter((n) => n >= 5 && n <= 60).length / counts.length).toBeGreaterThan(0.8);
    expect(counts.filter((n) => n >= 100).length).toBeGreaterThan(20);
    expect(counts.filter((n) => n >= 300).length).toBeGreaterThan(5);
    expect(new Set([...days].map((d) => d.slice(0, 4)))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => String(2010 + i))),
    );
    expect(days.size).toBeGreaterThan(2500);
  }, 120_000);

  it('counts in a dry run exactly what it generates', () => {
    const summary = countCorpus({ posts: 30, seed: 5, longThread: 400 });
    const files = [...generateCorpus({ posts: 30, seed: 5, longThread: 400 })];
    expect(summary.bytes).toBe(files.reduce((n, f) => n + f.bytes.length, 0));
    expect(summary.comments).toBe(files.reduce((n, f) => n + f.post!.comments, 0));
    expect(summary.longestThread.comments).toBe(400);
  });
});
