import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The docs name files, folders and headings; a file moved or a heading renamed without them
 * leaves a reader looking for something that is not there. These tests name every such
 * mention that no longer exists.
 */

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
/** A word is taken for a repository path when it starts with one of these folders. */
const TOP_LEVEL = [
  'main',
  'preload',
  'renderer',
  'e2e',
  'scripts',
  'test-support',
  'docs',
  'seeds',
  'bin',
  'build',
  '.ci',
];
/** What the README may grow to: it is for users, and the rest of the docs hold the details. */
const README_MAX_LINES = 150;

/** A mention of something in the repository: where it is in its doc, and what it names. */
interface Mention {
  doc: string;
  line: number;
  target: string;
}

/** The text with each fenced code block's lines blanked, so line numbers still match. */
function withoutFences(text: string): string {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      const fence = /^\s*(```|~~~)/.test(line);
      if (fence) inFence = !inFence;
      return fence || inFence ? '' : line;
    })
    .join('\n');
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Relative link and image targets, `](target)`; web addresses and mail links are left out. */
function linkTargets(doc: string, text: string): Mention[] {
  const prose = withoutFences(text);
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .filter((match) => !/^[a-z][a-z0-9+.-]*:/i.test(match[1]!))
    .map((match) => ({ doc, line: lineAt(prose, match.index), target: match[1]! }));
}

const PATH_WORD = new RegExp(`^(${TOP_LEVEL.map((dir) => dir.replace('.', '\\.')).join('|')})/`);
/** Globs and placeholders (`e2e/*.spec.ts`, `main/core/<area>/types.ts`) name a pattern, not a file. */
const PATTERN = /[<>*{}…]/;

/** Every word of inline code that looks like a repository path, in the prose and in the tables. */
function codePaths(doc: string, text: string): Mention[] {
  const prose = withoutFences(text);
  const mentions: Mention[] = [];
  for (const span of prose.matchAll(/`([^`]+)`/g)) {
    for (const word of span[1]!.split(/\s+/)) {
      const target = word.replace(/[.,;:)]+$/, '');
      if (PATH_WORD.test(target) && !PATTERN.test(target))
        mentions.push({ doc, line: lineAt(prose, span.index), target });
    }
  }
  return mentions;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces turned into hyphens. */
function slugOf(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = slugOf(match[1]!);
    const count = seen.get(slug) ?? 0;
    anchors.add(count ? `${slug}-${count}` : slug);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** Why a link's target is broken (its file or its heading is missing), or null when it leads somewhere. */
function brokenLink(mention: Mention, docText: string, root: string): string | null {
  const [path, anchor] = mention.target.split('#') as [string, string | undefined];
  const file = path ? join(root, dirname(mention.doc), decodeURIComponent(path)) : null;
  if (file && !existsSync(file)) return 'no such file or folder';
  if (!anchor || (file && !file.endsWith('.md'))) return null;
  const target = file ? readFileSync(file, 'utf8') : docText;
  return anchorsOf(target).has(anchor) ? null : `no heading #${anchor}`;
}

/** Each broken mention in one doc's text, as "doc:line: what (why)". */
function brokenIn(doc: string, text: string, root: string): string[] {
  const broken: string[] = [];
  for (const mention of linkTargets(doc, text)) {
    const why = brokenLink(mention, text, root);
    if (why) broken.push(`${doc}:${mention.line}: link ${mention.target} (${why})`);
  }
  for (const mention of codePaths(doc, text)) {
    if (!existsSync(join(root, mention.target)))
      broken.push(`${doc}:${mention.line}: \`${mention.target}\` (no such file or folder)`);
  }
  return broken;
}

describe('the docs name only what exists', () => {
  it('finds a sample of paths and links in the docs, so an empty scan cannot pass', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(linkTargets('README.md', readme).map((m) => m.target)).toContain('docs/architecture.md');
    const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    expect(codePaths('docs/architecture.md', architecture).map((m) => m.target)).toContain('preload/api.ts');
  });

  it('names each missing path, link target and heading, and skips globs, placeholders, fences and web links', () => {
    const text = [
      'See `main/core/nowhere.ts`, `main/core/<area>/types.ts`, `e2e/*.spec.ts` and `run scripts/gone.sh now`.',
      '[architecture](docs/architecture.md#no-such-heading), [missing](docs/missing.md), [web](https://example.org/x)',
      '```sh',
      'node scripts/inside-a-fence.mjs `scripts/inside-a-fence.mjs`',
      '```',
      '[fine](docs/architecture.md#where-to-find-it), [here](#where-to-find-it), `main/core/` and `preload/api.ts`.',
    ].join('\n');
    expect(brokenIn('docs/example.md', text, ROOT)).toEqual([
      'docs/example.md:2: link docs/architecture.md#no-such-heading (no such file or folder)',
      'docs/example.md:2: link docs/missing.md (no such file or folder)',
      'docs/example.md:6: link docs/architecture.md#where-to-find-it (no such file or folder)',
      'docs/example.md:6: link #where-to-find-it (no heading #where-to-find-it)',
      'docs/example.md:1: `main/core/nowhere.ts` (no such file or folder)',
      'docs/example.md:1: `scripts/gone.sh` (no such file or folder)',
    ]);
    expect(brokenIn('README.md', text, ROOT)).toEqual([
      'README.md:2: link docs/architecture.md#no-such-heading (no heading #no-such-heading)',
      'README.md:2: link docs/missing.md (no such file or folder)',
      'README.md:6: link #where-to-find-it (no heading #where-to-find-it)',
      'README.md:1: `main/core/nowhere.ts` (no such file or folder)',
      'README.md:1: `scripts/gone.sh` (no such file or folder)',
    ]);
  });

  it('README.md, CONTRIBUTING.md, CHANGELOG.md and docs/*.md name no missing file, folder or heading', () => {
    expect(DOCS).toContain('docs/architecture.md');
    expect(DOCS.flatMap((doc) => brokenIn(doc, readFileSync(join(ROOT, doc), 'utf8'), ROOT))).toEqual([]);
  });
});
/** The rows of the table under a heading: its cells, header and rule left out. */
function tableUnder(text: string, heading: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return [];
  const rows = text
    .slice(start + heading.length + 2)
    .split('\n')
    .filter((line, i, lines) => line.startsWith('|') && lines.slice(0, i).every((l) => !l.startsWith('#')));
  return rows.slice(2).map((row) =>
    row
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

describe('docs/architecture.md: where to find it', () => {
  const architecture = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const rows = tableUnder(architecture, '## Where to find it');

  it('leads from each behaviour to one file or folder that exists, named from the root', () => {
    expect(rows.length).toBeGreaterThan(50);
    const wrong = rows
      .filter(([, where]) => {
        const path = /^`([^`\s]+)`$/.exec(where ?? '')?.[1];
        return !path || PATTERN.test(path) || !existsSync(join(ROOT, path));
      })
      .map(([behaviour, where]) => `${behaviour}: ${where}`);
    expect(wrong).toEqual([]);
  });

  it('names every module of the security rules and of search', () => {
    const named = new Set(rows.map(([, where]) => where!.replace(/`/g, '')));
    const modules = ['main/app', 'main/core/index/search', 'main/core/shared'].flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.test.ts'))
        .map((name) => `${dir}/${name}`),
    );
    expect(modules.filter((module) => !named.has(module))).toEqual([]);
  });
});

describe('the README', () => {
  it(`is at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(README_MAX_LINES);
  });
});
