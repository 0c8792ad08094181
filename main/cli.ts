import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { openIndexDb, type IndexDb } from './core/index/db';
import { search } from './core/index/search';
import { searchTimeline } from './core/index/search/timeline';
import type { Responses } from '../preload/api';
import { updateIndex, type UpdateResult } from './core/index/update';
import { indexPathFor } from './core/service';
import {
  buildArticleIndex,
  extractArticles,
  type LibraryArticle,
  type PostArticles,
  type SourceSummary,
} from './core/articles';
import { UserError } from './core/errors';
import { loadLibrary, readPage } from './core/library';
import { ANNOTATIONS_USAGE, runAnnotations } from './cli-annotations';
import { OPEN_USAGE, runOpen } from './cli-open';
import { EXPORT_THREAD_USAGE, runExportThread } from './cli-export-thread';
import { checkoutRoot } from './checkout-root';
import type { Post, Problem } from './core/parse';

/** Where the app keeps its data on this system (Electron's userData for "Threadline"). */
const DEFAULT_PROFILE =
  process.platform === 'darwin'
    ? join(homedir(), 'Library/Application Support/Threadline')
    : process.platform === 'win32'
      ? join(process.env.APPDATA ?? join(homedir(), 'AppData/Roaming'), 'Threadline')
      : join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Threadline');

/** The library the app opens by default: the repository's seeds folder. */
const BUNDLED_SEEDS = join(checkoutRoot(import.meta.dirname), 'seeds');

const USAGE = `Usage: threadline parse <file-or-folder> [--json]
       threadline articles <file-or-folder> [--json]
       threadline index <folder> [--profile <dir>] [--json]
       threadline search <folder> "<query>" [--profile <dir>] [--kind post|comment|article] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--source <key>] [--author <name>] [--sort relevance|date] [--timeline] [--json]

  parse     Parse a library's files (one file, or every .txt, .html, .htm, .xml and .atom
            under a folder: text copies, saved pages, Atom feeds and Blogger exports) and
            print each post with its comments, quoted articles and problems.
  articles  List the quoted external articles, bare links and internal quotes of each
            post, with source, title, URL, place, confidence and evidence, and the
            sources of the whole library with counts.
  index     Bring the folder's index up to date (only changed files are parsed again)
            and print posts, comments, articles, problems and the time taken.
  search    Search the folder's index (updating it first): results by post, with snippets,
            best matches first over the whole library (--sort date: newest posts first).
            --author keeps the texts by that author (the whole name, any case).
  --timeline  With search: instead of results, how many texts match in each month (every
            match counted, by the post's date; undated posts apart).
  --profile The user-data folder holding library indexes (default: ${DEFAULT_PROFILE}).
  --json    Print JSON (shapes documented in docs/formats.md) instead of a summary.

Exit status: 0 when every file was read (warnings allowed), 1 when a file could not be
read, 2 for a usage error.`;

/** Reads `--name value` options and the `flags` (besides --json) allowed; returns null for a usage error. */
function options(
  args: string[],
  allowed: string[],
  flags: string[] = [],
): { values: Record<string, string>; positional: string[] } | null {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json' || flags.includes(arg)) continue;
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!allowed.includes(name) || i + 1 >= args.length) return null;
      values[name] = args[++i]!;
    } else positional.push(arg);
  }
  return { values, positional };
}

async function withIndex<T>(
  folder: string,
  profile: string,
  use: (db: IndexDb, result: UpdateResult) => T,
): Promise<T> {
  const root = resolve(folder);
  const db = openIndexDb(indexPathFor(profile, root));
  try {
    const result = await updateIndex(db, root);
    return use(db, result);
  } finally {
    db.close();
  }
}

/** What `parse --json` prints: one object for the whole run. */
export interface ParseOutput {
  root: string;
  posts: (Post & PostArticles)[];
  problems: Problem[];
  summary: {
    files: number;
    posts: number;
    comments: number;
    declaredComments: number;
    problems: number;
    errors: number;
  };
}

/** What `articles --json` prints. */
export interface ArticlesOutput {
  root: string;
  posts: {
    id: string;
    title: string;
    date: string | null;
    file: string;
    articles: LibraryArticle[];
    quotes: PostArticles['quotes'];
  }[];
  sources: SourceSummary[];
  summary: { posts: number; articles: number; links: number; quotes: number; sources: number };
}

async function articlesOf(target: string): Promise<ArticlesOutput> {
  const parsed = await parseTarget(target, false);
  const index = buildArticleIndex(parsed.posts);
  const posts = parsed.posts.map((post) => ({
    id: post.id,
    title: post.title,
    date: post.date,
    file: post.file,
    ...index.ofPost(post.id)!,
  }));
  const all = posts.flatMap((p) => p.articles);
  return {
    root: parsed.root,
    posts,
    sources: index.sources(),
    summary: {
      posts: posts.length,
      articles: all.filter((a) => a.kind === 'article').length,
      links: all.filter((a) => a.kind === 'link').length,
      quotes: posts.reduce((n, p) => n + p.quotes.length, 0),
      sources: index.sources().length,
    },
  };
}

function describeWhere(article: LibraryArticle): string {
  const location = article.location;
  if (location.part === 'body')
    return location.line === location.endLine
      ? `post, line ${location.line}`
      : `post, lines ${location.line}–${location.endLine}`;
  const ids = location.commentIds;
  return ids.length === 1 ? `comment ${ids[0]}` : `comment ${ids[0]} → ${ids[ids.length - 1]}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function printArticles(output: ArticlesOutput, write: (line: string) => void): void {
  for (const post of output.posts) {
    write(`${post.file}: ${post.date ?? 'undated'} "${post.title || '(untitled)'}"`);
    for (const article of post.articles) {
      const source = article.source.name ? `${article.source.name} (${article.source.kind})` : 'unknown source';
      const title = article.title ? ` "${article.title}"` : '';
      const url = article.url ? ` <${article.url}>` : '';
      write(
        `  ${article.kind === 'link' ? 'link   ' : 'article'} ${source}${title}${url} — ${describeWhere(article)} — ${Math.round(article.confidence * 100)}%`,
      );
      write(`          why: ${article.evidence.join('; ')}`);
      for (const other of article.alsoQuotedIn)
        write(`          also quoted in: ${other.date ?? 'undated'} "${other.postTitle}"`);
    }
    for (const quote of post.quotes) {
      const from = quote.span.part === 'comment' ? `comment ${quote.span.commentId}` : 'post';
      const to =
        quote.target.part === 'body' ? `the post (line ${quote.target.line})` : `comment ${quote.target.commentId}`;
      write(`  quote   ${from} quotes ${to}: "${quote.text.length > 80 ? `${quote.text.slice(0, 80)}…` : quote.text}"`);
    }
  }
  write('Sources:');
  for (const source of output.sources) {
    const counts = `${plural(source.articleCount, 'article')}, ${plural(source.linkCount, 'link')}`;
    write(`  ${source.name ?? 'unknown source'} (${source.kind}${source.site ? `, ${source.site}` : ''}): ${counts}`);
  }
  const s = output.summary;
  write(
    `${s.posts} posts, ${s.articles} articles, ${s.links} links, ${s.quotes} internal quotes, ${s.sources} sources`,
  );
}

async function parseTarget(target: string, withArticles = true): Promise<ParseOutput> {
  const absolute = resolve(target);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new UserError(
      'not-found',
      `Parsing failed: ${absolute} does not exist. Give a seed file or a folder of them.`,
    );
  }
  const root = info.isDirectory() ? absolute : dirname(absolute);
  let posts: Post[];
  let problems: Problem[];
  let files = 1;
  if (info.isDirectory()) {
    const library = await loadLibrary(root);
    ({ posts, problems } = library);
    files = library.fileCount;
  } else {
    const single = await readPage(root, basename(absolute));
    posts = single.posts;
    problems = single.problems;
  }
  return {
    root,
    posts: posts.map((post) => ({ ...post, ...(withArticles ? extractArticles(post) : { articles: [], quotes: [] }) })),
    problems,
    summary: {
      files,
      posts: posts.length,
      comments: posts.reduce((n, p) => n + p.foundCommentCount, 0),
      declaredComments: posts.reduce((n, p) => n + (p.declaredCommentCount ?? 0), 0),
      problems: problems.length,
      errors: problems.filter((p) => p.severity === 'error').length,
    },
  };
}

function printSummary(output: ParseOutput, write: (line: string) => void): void {
  for (const post of output.posts) {
    const declared = post.declaredCommentCount === null ? 'no count line' : `${post.declaredCommentCount} declared`;
    const top = post.comments.length;
    write(
      `${post.file}${post.part ? ` #${post.part + 1}` : ''} (${post.format}): ${post.date ?? 'undated'} "${post.title || '(untitled)'}"${post.author ? ` by ${post.author}` : ''} — ${post.body.length} paragraphs, ${post.foundCommentCount} comments found (${top} top-level, ${post.foundCommentCount - top} replies; ${declared}), ${post.articles.length} articles/links`,
    );
  }
  for (const problem of output.problems)
    write(`${problem.file}${problem.line !== null ? `:${problem.line}` : ''}: ${problem.severity}: ${problem.message}`);
  const s = output.summary;
  write(
    `${s.files} files, ${s.posts} posts, ${s.comments} comments (${s.declaredComments} declared), ${s.problems} problems (${s.errors} errors)`,
  );
}

/** What `search --timeline` prints: as JSON, the answer of the app's `search.timeline`; else a line a month. */
function printTimeline(timeline: Responses['search.timeline'], json: boolean, out: (text: string) => void): void {
  if (json) {
    out(JSON.stringify(timeline, null, 2));
    return;
  }
  for (const { month, count } of timeline.months) out(`${month}  ${count}`);
  if (timeline.undated) out(`undated  ${timeline.undated}`);
  out(`${timeline.total} matching texts in ${timeline.months.length} months in ${timeline.ms.toFixed(1)} ms`);
}

/** Runs the CLI; returns the exit status. Output goes through the given writers. */
export async function runCli(
  argv: string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const targets = rest.filter((a) => !a.startsWith('--'));
  if (command === '--help' || command === '-h' || command === 'help') {
    out(`${USAGE}\n\n${ANNOTATIONS_USAGE}\n\n${OPEN_USAGE}\n\n${EXPORT_THREAD_USAGE}`);
    return 0;
  }
  if (command === 'open') return runOpen(rest, out, err);
  if (command === 'export-thread')
    return runExportThread(rest, { profile: DEFAULT_PROFILE, library: BUNDLED_SEEDS }, out, err);
  if (command === 'annotations')
    return runAnnotations(rest, { profile: DEFAULT_PROFILE, library: BUNDLED_SEEDS }, out, err);
  if (command === 'index' || command === 'search') {
    const parsed =
      command === 'index'
        ? options(rest, ['profile'])
        : options(rest, ['profile', 'kind', 'from', 'to', 'source', 'author', 'sort'], ['--timeline']);
    const wanted = command === 'index' ? 1 : 2;
    if (!parsed || parsed.positional.length !== wanted) {
      err(USAGE);
      return 2;
    }
    const profile = resolve(parsed.values.profile ?? DEFAULT_PROFILE);
    const [folder, query] = parsed.positional as [string, string | undefined];
    try {
      return await withIndex(folder, profile, (db, result) => {
        if (command === 'index') {
          if (json) out(JSON.stringify(result, null, 2));
          else
            out(
              `${result.files} files (${result.parsed} parsed, ${result.unchanged} unchanged, ${result.removed} removed${result.rebuilt ? `; rebuilt: ${result.rebuilt}` : ''}): ` +
                `${result.posts} posts, ${result.comments} comments, ${result.articles} articles and links, ${result.problems} problems — ` +
                `post list in ${Math.round(result.postsReadyMs)} ms, full text in ${Math.round(result.totalMs)} ms`,
            );
          return 0;
        }
        const kind = parsed.values.kind;
        if (kind && !['post', 'comment', 'article'].includes(kind)) {
          err(`Searching failed: --kind must be post, comment or article, not "${kind}".`);
          return 2;
        }
        const sort = parsed.values.sort;
        if (sort && sort !== 'relevance' && sort !== 'date') {
          err(`Searching failed: --sort must be relevance or date, not "${sort}".`);
          return 2;
        }
        const filters = {
          kinds: kind ? [kind as 'post' | 'comment' | 'article'] : undefined,
          from: parsed.values.from ?? null,
          to: parsed.values.to ?? null,
          sourceKey: parsed.values.source ?? null,
          author: parsed.values.author ?? null,
        };
        if (rest.includes('--timeline')) {
          printTimeline({ ...searchTimeline(db, query!, filters), complete: !result.cancelled }, json, out);
          return 0;
        }
        const found = search(db, query!, { ...filters, ...(sort ? { sort: sort as 'relevance' | 'date' } : {}) });
        if (json) {
          out(JSON.stringify({ ...found, query: found.query }, null, 2));
          return 0;
        }
        if (found.query.dropped.length) out(`(left out of the query: ${found.query.dropped.join(', ')})`);
        for (const group of found.groups) {
          out(`${group.date ?? 'undated'} "${group.title}" [${group.postId}]`);
          for (const hit of group.hits) {
            const what =
              hit.kind === 'post' ? 'post' : hit.kind === 'comment' ? `comment ${hit.ref}` : `article ${hit.ref}`;
            const where = hit.author ? `${what} by ${hit.author}` : what;
            out(
              `  ${where}: ${hit.snippet
                .map((p) => (p.marked ? `[${p.text}]` : p.text))
                .join('')
                .replace(/\s+/g, ' ')}`,
            );
          }
        }
        const counted =
          found.totalHits === null
            ? 'a common search, ranked from its words’ top lists'
            : `${found.totalHits} matching texts`;
        out(`${found.groups.length} posts (${counted}) in ${found.ms.toFixed(1)} ms`);
        return 0;
      });
    } catch (error) {
      err(
        error instanceof UserError
          ? error.message
          : `${command === 'index' ? 'Indexing' : 'Searching'} failed unexpectedly: ${(error as Error).message}`,
      );
      return 1;
    }
  }
  if (
    (command !== 'parse' && command !== 'articles') ||
    targets.length !== 1 ||
    rest.some((a) => a.startsWith('--') && a !== '--json')
  ) {
    err(USAGE);
    return 2;
  }
  try {
    if (command === 'articles') {
      const output = await articlesOf(targets[0]!);
      if (json) out(JSON.stringify(output, null, 2));
      else printArticles(output, out);
      return 0;
    }
    const output = await parseTarget(targets[0]!);
    if (json) out(JSON.stringify(output, null, 2));
    else printSummary(output, out);
    return output.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    err(error instanceof UserError ? error.message : `Parsing failed unexpectedly: ${(error as Error).message}`);
    return 1;
  }
}
