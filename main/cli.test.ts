import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticlesOutput, ParseOutput } from './cli';
import type { Responses } from '../preload/api';
import { runCliCaptured } from '../test-support/cli-capture';

const ROOT = join(import.meta.dirname, '..');

const run = runCliCaptured;

describe('threadline parse', () => {
  it('prints both seed posts as JSON with comments and problems', async () => {
    const { status, out } = await run(['parse', join(ROOT, 'seeds'), '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(out) as ParseOutput;
    expect(json.summary).toEqual({ files: 2, posts: 2, comments: 24, declaredComments: 25, problems: 1, errors: 0 });
    expect(json.posts.map((p) => [p.title, p.foundCommentCount, p.declaredCommentCount])).toEqual([
      ['Latest From Napo 188', 15, 16],
      ['Omnishambles Update 48', 9, 9],
    ]);
    expect(json.posts[0]!.comments[0]!.replies[1]!.id).toBe('1.2');
  });

  it('exits 2 with the usage on a bad call, and 1 with a located message on a missing path', async () => {
    expect((await run(['frobnicate'])).status).toBe(2);
    const missing = await run(['parse', '/no/such/file.txt']);
    expect(missing).toMatchObject({
      status: 1,
      err: 'Parsing failed: /no/such/file.txt does not exist. Give a seed file or a folder of them.',
    });
  });

  it('runs from the package bin, which builds out/cli first when it is missing or stale', () => {
    const out = execFileSync(
      process.execPath,
      [join(ROOT, 'bin/threadline.mjs'), 'parse', join(ROOT, 'seeds/004_72f7fc2b7a245681.txt')],
      { encoding: 'utf8' },
    );
    expect(out).toContain(
      '"Omnishambles Update 48" — 23 paragraphs, 9 comments found (6 top-level, 3 replies; 9 declared)',
    );
  });
});

describe('threadline articles', () => {
  it('prints every article, link and internal quote of the seeds as JSON, with the sources of the library', async () => {
    const { status, out } = await run(['articles', join(ROOT, 'seeds'), '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(out) as ArticlesOutput;
    expect(json.summary).toEqual({ posts: 2, articles: 20, links: 3, quotes: 4, sources: 19 });
    const omnishambles = json.posts.find((p) => p.title === 'Omnishambles Update 48')!;
    const politics = omnishambles.articles.find((a) => a.source.name === 'politics.co.uk')!;
    expect(politics).toMatchObject({
      kind: 'article',
      location: { part: 'comments', commentIds: ['3', '3.1', '3.2'] },
      alsoQuotedIn: [],
    });
    expect(politics.evidence.length).toBeGreaterThan(0);
    expect(json.sources[0]).toMatchObject({ name: 'Ministry of Justice', kind: 'organisation', articleCount: 4 });
  });

  it('prints a readable list with the evidence for each article', async () => {
    const { status, out } = await run(['articles', join(ROOT, 'seeds/004_72f7fc2b7a245681.txt')]);
    expect(status).toBe(0);
    expect(out).toContain('article The Guardian (outlet) — post, lines 60–69 — 90%');
    expect(out).toContain('"(cont)" continues it');
    expect(out).toContain(
      'link    barnet-today.co.uk (website) "Pensioners get £100k tax codes, while Capita error leaves staff unpaid"',
    );
    expect(out).toMatch(/1 posts?, 9 articles, 3 links, 0 internal quotes/);
  });
});

describe('threadline index and search', () => {
  it('indexes a folder into the given profile, then only what changed, and searches it', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-cli-profile-'));
    const first = await run(['index', join(ROOT, 'seeds'), '--profile', profile, '--json']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ files: 2, parsed: 2, posts: 2, comments: 24, problems: 1 });
    const again = await run(['index', join(ROOT, 'seeds'), '--profile', profile]);
    expect(again.out).toMatch(/^2 files \(0 parsed, 2 unchanged, 0 removed\): 2 posts, 24 comments/);
    const found = await run(['search', join(ROOT, 'seeds'), '"tipping point"', '--profile', profile]);
    expect(found.status).toBe(0);
    expect(found.out).toContain('"Omnishambles Update 48"');
    expect(found.out).toContain('[tipping point]');
    const hostile = await run(['search', join(ROOT, 'seeds'), 'NEAR( "', '--profile', profile, '--json']);
    expect(hostile.status).toBe(0);
    expect(JSON.parse(hostile.out).query.dropped).toContain('an unmatched "');
  });

  it('prints how many texts match in each month with --timeline, as many as the search finds', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-cli-profile-'));
    const seeds = join(ROOT, 'seeds');
    const timeline = await run(['search', seeds, 'probation', '--profile', profile, '--timeline', '--json']);
    expect(timeline.status).toBe(0);
    const json = JSON.parse(timeline.out) as Responses['search.timeline'];
    const found = JSON.parse((await run(['search', seeds, 'probation', '--profile', profile, '--json'])).out);
    expect(found.method).toBe('all');
    expect(json.total).toBe(found.totalHits);
    expect(json).toMatchObject({ undated: 0, complete: true });
    expect(json.months.reduce((n, m) => n + m.count, 0)).toBe(json.total);
    const text = await run(['search', seeds, 'probation', '--profile', profile, '--timeline', '--kind', 'post']);
    const lines = text.out.trim().split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d{2} {2}\d+$/);
    expect(lines[lines.length - 1]).toMatch(/^\d+ matching texts in \d+ months in [\d.]+ ms$/);
  });

  it('keeps the texts by one author with --author, and names the author of each hit', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-cli-profile-'));
    const folder = await mkdtemp(join(tmpdir(), 'threadline-cli-authors-'));
    await writeFile(
      join(folder, 'rota.txt'),
      'Monday 4 March 2013\n\nThe Rota\n\nThe new rota starts next week.\n\n2 comments:\n\n' +
        'Jim Brown said...\n\nThe rota leaves the hostel short on Sundays.\n\n' +
        'Anonymous said...\n\nNobody asked us about the rota.\n',
    );
    const jim = await run(['search', folder, 'rota', '--profile', profile, '--author', 'jim brown']);
    expect(jim.status).toBe(0);
    expect(jim.out).toContain('comment 1 by Jim Brown: The [rota] leaves');
    expect(jim.out).not.toContain('Anonymous');
    expect(jim.out).toMatch(/^1 posts \(1 matching texts\)/m);
    const json = await run(['search', folder, 'rota', '--profile', profile, '--author', 'Anonymous', '--json']);
    expect(JSON.parse(json.out).groups[0].hits).toEqual([expect.objectContaining({ ref: '2', author: 'Anonymous' })]);
    const timeline = await run(['search', folder, 'rota', '--profile', profile, '--author', 'Nobody', '--timeline']);
    expect(timeline.out).toMatch(/^0 matching texts/m);
  });

  it('exits 2 on a bad call', async () => {
    expect((await run(['search', join(ROOT, 'seeds')])).status).toBe(2);
    expect((await run(['index', join(ROOT, 'seeds'), '--timeline'])).status).toBe(2);
    expect((await run(['index', join(ROOT, 'seeds'), '--frobnicate', 'x'])).status).toBe(2);
  });
});
