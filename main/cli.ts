import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { extractArticles, type PostArticles } from './core/articles';
import { loadLibrary, readSeed, UserError } from './core/library';
import type { Post, Problem } from './core/parse';

const USAGE = `Usage: threadline parse <file-or-folder> [--json]

  parse    Parse seed files (one file, or every .txt under a folder) and print each post
           with its comments, quoted articles and problems.
  --json   Print JSON (shape documented in the README) instead of a summary.

Exit status: 0 when every file was read (warnings allowed), 1 when a file could not be
read, 2 for a usage error.`;

/** What `parse --json` prints: one object for the whole run. */
export interface ParseOutput {
  root: string;
  posts: (Post & PostArticles)[];
  problems: Problem[];
  summary: { files: number; posts: number; comments: number; declaredComments: number; problems: number; errors: number };
}

async function parseTarget(target: string): Promise<ParseOutput> {
  const absolute = resolve(target);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new UserError('not-found', `Parsing failed: ${absolute} does not exist. Give a seed file or a folder of them.`);
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
    const single = await readSeed(root, basename(absolute));
    posts = single.post ? [single.post] : [];
    problems = single.problems;
  }
  return {
    root,
    posts: posts.map((post) => ({ ...post, ...extractArticles(post) })),
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
      `${post.file}: ${post.date ?? 'undated'} "${post.title || '(untitled)'}" — ${post.body.length} paragraphs, ${post.foundCommentCount} comments found (${top} top-level, ${post.foundCommentCount - top} replies; ${declared}), ${post.articles.length} articles/links`,
    );
  }
  for (const problem of output.problems) write(`${problem.file}${problem.line !== null ? `:${problem.line}` : ''}: ${problem.severity}: ${problem.message}`);
  const s = output.summary;
  write(`${s.files} files, ${s.posts} posts, ${s.comments} comments (${s.declaredComments} declared), ${s.problems} problems (${s.errors} errors)`);
}

/** Runs the CLI; returns the exit status. Output goes through the given writers. */
export async function runCli(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const targets = rest.filter((a) => !a.startsWith('--'));
  if (command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return 0;
  }
  if (command !== 'parse' || targets.length !== 1 || rest.some((a) => a.startsWith('--') && a !== '--json')) {
    err(USAGE);
    return 2;
  }
  try {
    const output = await parseTarget(targets[0]!);
    if (json) out(JSON.stringify(output, null, 2));
    else printSummary(output, out);
    return output.summary.errors > 0 ? 1 : 0;
  } catch (error) {
    err(error instanceof UserError ? error.message : `Parsing failed unexpectedly: ${(error as Error).message}`);
    return 1;
  }
}
