import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness/harness';

const FIXTURES = join(ROOT, 'main/core/parse/fixtures');

/** A library mixing the two seed text copies, saved HTML pages (one a copy of a text post) and a Blogger export. */
export async function mixedLibrary(): Promise<string> {
  const library = await mkdtemp(join(tmpdir(), 'threadline-mixed-'));
  await cp(join(ROOT, 'seeds'), library, { recursive: true });
  for (const name of ['threaded.html', 'threaded.txt', 'classic.html', 'archive.html'])
    await cp(join(FIXTURES, 'html', name), join(library, name));
  await cp(join(FIXTURES, 'feeds', 'export.xml'), join(library, 'blog-export.xml'));
  return library;
}
