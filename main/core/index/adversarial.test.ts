import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndexDb } from './db';
import { ParsePool } from './pool';
import { indexQueries } from './queries';
import { search } from './search';
import { updateIndex } from './update';

const SEEDS = join(import.meta.dirname, '../../../seeds');
const pool = new ParsePool(2);
afterAll(() => pool.close());

/** A billion-laughs entity bomb: ten levels of ten references each. */
function entityBomb(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE feed [\n${levels.join('\n')}\n]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol9;</title></feed>\n`;
}

/** Files no reader should take for a post, each with what its problem must say. */
const BAD: Record<string, () => string | Uint8Array> = {
  'empty.txt': () => '',
  'random.txt': () => randomBytes(64 * 1024),
  'random.html': () => randomBytes(64 * 1024),
  'truncated.xml': () =>
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Cut sh',
  'bad-utf8.xml': () =>
    Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('</title></feed>\n'),
    ]),
  'nested.html': () =>
    `<!DOCTYPE html><html><body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}</body></html>`,
  'laughs.xml': entityBomb,
  'one-line.txt': () => 'word '.repeat(20 * 1024 * 1024),
};

/** A saved page cut off in the middle of its post: what it holds is kept, with a warning where it ends. */
const CUT_PAGE = `<!DOCTYPE html>
<html><head><title>Branch news</title></head><body>
<h2 class="date-header"><span>Monday, 4 March 2013</span></h2>
<div class="post-outer"><div class="post hentry">
<h3 class="post-title entry-title">Cut Short</h3>
<div class="post-body entry-content">The first paragraph arrived whole.<br /><br />The second was cut off in the mid`;

describe('files that are not posts', () => {
  it('gives each a located problem and reads the rest of the library', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-adversarial-'));
    const library = join(dir, 'library');
    await cp(SEEDS, library, { recursive: true });
    for (const [name, make] of Object.entries(BAD)) await writeFile(join(library, name), make());
    await writeFile(join(library, 'cut.html'), CUT_PAGE);
    const db = openIndexDb(join(dir, 'profile/index.sqlite'));
    try {
      await updateIndex(db, library, { pool });
      const q = indexQueries(db);
      // The two seeds are read whole and searchable, and the cut page keeps what it holds.
      expect(
        q
          .posts()
          .map((p) => p.file)
          .sort(),
      ).toEqual(['000_edcf6b3ca6297939.txt', '004_72f7fc2b7a245681.txt', 'cut.html']);
      expect(q.problemsOf('cut.html').map((p) => [p.severity, p.line !== null])).toContainEqual(['warning', true]);
      expect(
        q
          .problemsOf('cut.html')
          .map((p) => p.message)
          .join(' '),
      ).toMatch(/ends before/);
      expect(search(db, 'Napo').groups.length).toBeGreaterThan(0);
      // Every bad file: an error naming the file, saying what is wrong, and no post.
      for (const name of Object.keys(BAD)) {
        const problems = q.problemsOf(name);
        expect(
          problems.some((p) => p.severity === 'error'),
          `${name}: ${JSON.stringify(problems)}`,
        ).toBe(true);
        for (const p of problems) {
          expect(p.file).toBe(name);
          expect(p.message.length).toBeGreaterThan(30);
        }
      }
    } finally {
      db.close();
    }
  });
});
