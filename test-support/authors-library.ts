import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '../preload/api';

/**
 * Text copies of two pages whose comments name their authors, in the old "Name said..." style
 * (docs/formats.md), and one in today's numbered style that names nobody. Written for these
 * tests; the names and words are made up.
 */
export const AUTHORS_LIBRARY: Record<string, string> = {
  '010_rota.txt': [
    'Monday 4 March 2013',
    '',
    'The Weekend Rota',
    '',
    'The new weekend rota for the approved premises starts next month, and nobody in the office was asked about it.',
    '',
    '3 comments:',
    '',
    'Jim Brown said...',
    'The rota leaves the hostel with one member of staff on a Sunday night.',
    '',
    'Anonymous said...',
    'Nobody asked us about the rota either. The union should take it up.',
    '',
    'Maggie Lyle said...',
    'I raised the rota at the branch meeting and was told it is a pilot.',
    '',
  ].join('\n'),
  '020_pilot.txt': [
    'Thursday 11 April 2013',
    '',
    'The Pilot Is Extended',
    '',
    'The weekend pilot has been extended to every office in the region.',
    '',
    '2 comments:',
    '',
    'Maggie Lyle said...',
    'So much for a pilot. The rota was never going to be dropped.',
    '',
    'Jim Brown said...',
    'Staff sickness has doubled since the pilot began.',
    '',
  ].join('\n'),
  '030_no-names.txt': [
    'Friday 3 May 2013',
    '',
    'Branch Meeting Notes',
    '',
    'The branch met on Wednesday to talk about the rota and the pilot.',
    '',
    '1 comment:',
    '',
    '  1. Thanks for writing these up; the rota item was the one I missed.',
    '    ReplyDelete',
    '',
  ].join('\n'),
};

/** Writes AUTHORS_LIBRARY into a new temporary folder and returns its path. */
export async function authorsLibrary(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-authors-'));
  for (const [name, text] of Object.entries(AUTHORS_LIBRARY)) await writeFile(join(dir, name), text);
  return dir;
}

/**
 * The post as a feed or a saved HTML page gives it, with what a text copy lacks: its author, its
 * time (with the blog's zone), labels, a draft mark, and each comment's time (10:15, 11:15, …).
 * Stands in for those readers in tests of the reader's display.
 */
export const richerPost = (post: Post): Post => ({
  ...post,
  author: 'Probation Officer',
  time: `${post.date ?? '2013-03-04'}T09:30:00.000-08:00`,
  labels: ['rota', 'approved premises'],
  draft: true,
  comments: post.comments.map((c, i) => ({ ...c, time: `${post.date ?? '2013-03-04'}T1${i}:15` })),
});
