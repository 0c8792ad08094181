import type { Comment, Post, PostSummary, Problem } from '../../../preload/api';
import type { RevealTarget } from '../thread/reveal';

/** Problems of one kind in one file: the first says what it is, the rest are where else it happens. */
export interface ProblemKind {
  severity: Problem['severity'];
  /** The first problem's message. */
  message: string;
  /** Every problem of the kind, in line order. */
  problems: Problem[];
}

/** A file's problems, by kind, with the post it holds (none when it could not be read). */
export interface ProblemFile {
  file: string;
  post: PostSummary | null;
  errors: number;
  kinds: ProblemKind[];
}

/**
 * What makes two messages the same kind: the words, without the numbers and quoted text that
 * change from one comment to the next ("Comment 5 is numbered 7…", "Comment 9 is numbered 12…").
 */
export const kindOf = (problem: Problem): string =>
  `${problem.severity}:${problem.message.replace(/"[^"]*"|“[^”]*”/g, '"…"').replace(/\d+(?:\.\d+)*/g, '#')}`;

/**
 * The library's problems by file (files with errors first, then by name), and in each file by
 * kind (errors first, then by first line), so a page with many comments numbered oddly is one
 * line with a count, and a truncated page's "declares 30, found 2" is not lost among them.
 */
export function groupProblems(problems: readonly Problem[], posts: readonly PostSummary[]): ProblemFile[] {
  const postOf = new Map(posts.map((p) => [p.file, p]));
  const files = new Map<string, Map<string, ProblemKind>>();
  for (const problem of problems) {
    let kinds = files.get(problem.file);
    if (!kinds) files.set(problem.file, (kinds = new Map()));
    const key = kindOf(problem);
    const kind = kinds.get(key);
    if (kind) kind.problems.push(problem);
    else kinds.set(key, { severity: problem.severity, message: problem.message, problems: [problem] });
  }
  const firstLine = (kind: ProblemKind) => Math.min(...kind.problems.map((p) => p.line ?? 0));
  const grouped = [...files].map(([file, kinds]): ProblemFile => {
    const sorted = [...kinds.values()].map((kind) => {
      const problems = [...kind.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return { ...kind, problems, message: problems[0]!.message };
    });
    sorted.sort(
      (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || firstLine(a) - firstLine(b),
    );
    const errors = sorted.filter((k) => k.severity === 'error').reduce((sum, k) => sum + k.problems.length, 0);
    return { file, post: postOf.get(file) ?? null, errors, kinds: sorted };
  });
  return grouped.sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || (a.file < b.file ? -1 : 1));
}

/** The comment or reply holding a file line, deepest first; null when none does. */
function commentAt(comments: readonly Comment[], line: number): Comment | null {
  for (const comment of comments) {
    if (line < comment.line || line > comment.endLine) continue;
    return commentAt(comment.replies, line) ?? comment;
  }
  return null;
}

/**
 * Where in the thread a problem's line is: the comment holding it, the body paragraph, or for
 * a line between the body and the comments (the count line) the first comment. Null for the
 * head (date, title), which the post's top shows.
 */
export function targetOfLine(post: Post, line: number): RevealTarget | null {
  const comment = commentAt(post.comments, line);
  if (comment) return { commentId: comment.id };
  const first = post.body[0];
  const last = post.body[post.body.length - 1];
  // A blank line between paragraphs shows the paragraph before it.
  if (first && last && line >= first.line && line <= last.endLine)
    return { bodyLine: [...post.body].reverse().find((block) => block.line <= line)!.line };
  const firstComment = post.comments[0];
  if (firstComment && line < firstComment.line && line > (last?.endLine ?? post.line))
    return { commentId: firstComment.id };
  return null;
}
