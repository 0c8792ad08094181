import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from './core/annotations/types';
import { runCliCaptured } from '../test-support/cli-capture';

const ROOT = join(import.meta.dirname, '..');
const OMNI = '004_72f7fc2b7a245681.txt';

const run = runCliCaptured;

describe('threadline annotations', () => {
  it("finds a quote across the file's no-break spaces, and stores the file's own text", async () => {
    const library = mkdtempSync(join(tmpdir(), 'threadline-lib-'));
    cpSync(join(ROOT, 'seeds'), library, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    // Seed 000 has a no-break space between "post" and "from"; the quote as a person types it has a space.
    const added = await run([
      'annotations',
      'add',
      '--library',
      library,
      '--profile',
      profile,
      '--post',
      'Latest From Napo 188',
      '--part',
      'body',
      '--quote',
      'the latest blog post from Ian Lawrence',
      '--json',
    ]);
    expect(added.err).toBe('');
    expect(added.status).toBe(0);
    expect((JSON.parse(added.out) as Annotation).quote?.exact).toBe('the latest blog post\u00a0from Ian Lawrence');
  });

  it('adds, lists with each state, re-anchors after the file changes, exports, and imports without duplicates', async () => {
    const library = mkdtempSync(join(tmpdir(), 'threadline-lib-'));
    cpSync(join(ROOT, 'seeds'), library, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
    const where = ['--library', library, '--profile', profile];

    const added = await run([
      'annotations',
      'add',
      ...where,
      '--post',
      'Omnishambles Update 48',
      '--part',
      'body',
      '--quote',
      'the latest from Pat Waterman',
      '--note',
      'Who is Pat?',
      '--tag',
      'napo',
      '--tag',
      'people',
      '--json',
    ]);
    expect(added.err).toBe('');
    expect(added.status).toBe(0);
    const first = JSON.parse(added.out) as Annotation;
    expect(first).toMatchObject({
      part: 'body',
      note: 'Who is Pat?',
      tags: ['napo', 'people'],
      quote: { exact: 'the latest from Pat Waterman' },
    });
    expect(
      (
        await run([
          'annotations',
          'add',
          ...where,
          '--post',
          '2014-05-07-omnishambles-update-48',
          '--part',
          '3',
          '--quote',
          'prison-governors',
        ])
      ).status,
    ).toBe(0);
    expect(
      (
        await run([
          'annotations',
          'add',
          ...where,
          '--post',
          'Omnishambles Update 48',
          '--part',
          'body',
          '--quote',
          'Chair of Napo Greater London Branch',
        ])
      ).status,
    ).toBe(0);

    // Refused with a reason: words not in the part, an unknown post, a bad colour.
    const missing = await run([
      'annotations',
      'add',
      ...where,
      '--post',
      'Omnishambles Update 48',
      '--part',
      'body',
      '--quote',
      'not in the post',
    ]);
    expect([missing.status, missing.err]).toEqual([
      1,
      expect.stringMatching(/^the post does not hold the words "not in the post"/),
    ]);
    expect(
      (await run(['annotations', 'add', ...where, '--post', 'No such post', '--part', 'body', '--quote', 'x'])).err,
    ).toMatch(/No post in .* has the id or title "No such post"/);
    expect((await run(['annotations', 'list', ...where, '--colour', 'red'])).status).toBe(2);

    // The file is re-scraped: a paragraph added before, a typo inside one passage, another passage gone.
    const file = join(library, OMNI);
    const before = readFileSync(file, 'utf8');
    const edited = before
      .replace(
        'First off, the latest from Pat Waterman',
        'UPDATE: more below.\n\nFirst off, the latest from Pat Watreman',
      )
      .replace('Chair of Napo Greater London Branch', 'Chair of the branch');
    expect(edited).not.toBe(before);
    writeFileSync(file, edited);
    const listed = JSON.parse((await run(['annotations', 'list', ...where, '--json'])).out) as Annotation[];
    const state = (quote: string) => listed.find((a) => a.quote?.exact === quote)?.anchor.state;
    expect(state('the latest from Pat Waterman')).toBe('fuzzy');
    expect(state('prison-governors')).toBe('exact');
    expect(state('Chair of Napo Greater London Branch')).toBe('orphan');
    const text = (await run(['annotations', 'list', ...where])).out;
    expect(text).toMatch(/anchored fuzzily/);
    expect(text).toMatch(/orphaned/);

    // Exports.
    const md = join(profile, 'out.md');
    const jsonld = join(profile, 'out.jsonld');
    expect((await run(['annotations', 'export', ...where, '--format', 'markdown', '--out', md])).status).toBe(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toMatch(/^# Threadline annotations/);
    expect(markdown).toContain('## Omnishambles Update 48');
    expect(markdown).toContain('2014-05-07');
    expect(markdown).toContain(
      '> the latest from Pat Waterman\n\nWho is Pat?\n\n*the post (found again in edited text) · yellow · #napo · #people*',
    );
    expect(markdown).toContain('*comment 3 · yellow*');
    expect(markdown).toMatch(/orphaned: the passage is no longer in this post/);
    expect((await run(['annotations', 'export', ...where, '--format', 'jsonld', '--out', jsonld])).status).toBe(0);
    const ld = JSON.parse(readFileSync(jsonld, 'utf8')) as {
      type: string;
      total: number;
      first: {
        items: {
          id: string;
          type: string;
          target: { selector: { type: string }[] };
          body: { purpose: string; value: string }[];
        }[];
      };
    };
    expect(ld.type).toBe('AnnotationCollection');
    expect(ld.total).toBe(3);
    const item = ld.first.items.find((i) => i.id === `urn:uuid:${first.id}`)!;
    expect(item.type).toBe('Annotation');
    expect(item.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    expect(item.body).toEqual([
      expect.objectContaining({ purpose: 'commenting', value: 'Who is Pat?' }),
      expect.objectContaining({ purpose: 'tagging', value: 'napo' }),
      expect.objectContaining({ purpose: 'tagging', value: 'people' }),
    ]);

    // Into a fresh profile, on the original text: the same annotations, anchored again; twice adds nothing.
    const fresh = mkdtempSync(join(tmpdir(), 'threadline-profile2-'));
    writeFileSync(file, before);
    const into = ['--library', library, '--profile', fresh];
    expect((await run(['annotations', 'import', jsonld, ...into])).out).toMatch(
      /^Imported 3 annotations \(0 already there\).*3 anchored exactly/,
    );
    expect((await run(['annotations', 'import', jsonld, ...into])).out).toMatch(
      /^Imported 0 annotations \(3 already there\)/,
    );
    const again = JSON.parse((await run(['annotations', 'list', ...into, '--json'])).out) as Annotation[];
    expect(again.map((a) => a.id).sort()).toEqual(listed.map((a) => a.id).sort());
    expect(again.every((a) => a.anchor.state === 'exact')).toBe(true);
    expect(again.find((a) => a.id === first.id)).toMatchObject({
      note: 'Who is Pat?',
      tags: ['napo', 'people'],
      created: first.created,
    });

    // A file that is not an annotation collection is refused with where it is wrong.
    writeFileSync(
      join(fresh, 'bad.json'),
      JSON.stringify({ type: 'AnnotationCollection', first: { items: [{ id: 'x', type: 'Annotation' }] } }),
    );
    const bad = await run(['annotations', 'import', join(fresh, 'bad.json'), ...into]);
    expect([bad.status, bad.err]).toEqual([
      1,
      expect.stringMatching(/^Importing .*bad\.json failed: annotation 1: id/),
    ]);
  }, 60_000);
});
