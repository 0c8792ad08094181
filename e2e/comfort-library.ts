import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A comment in the seed grammar: "  N. first line", its continuation, and its ReplyDelete line. */
const comment = (n: number, text: string, end = true) => `  ${n}. ${text}\n${end ? '    ReplyDelete\n' : ''}`;

/**
 * A small library of the shapes seen on a folder of real pages, in the seed grammar
 * (docs/formats.md), written for these tests:
 * - a post with no title line (shown by its first words);
 * - an undated page whose long first paragraph became its title (clamped to two lines);
 * - the same post saved twice, in two files (the second marked as a copy);
 * - a page cut short: it declares 30 comments and holds 2, the last without its ReplyDelete;
 * - two posts in different months of 2016 (month headings), one in 2013 (none).
 */
export async function comfortLibrary(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-comfort-'));
  const files: Record<string, string> = {
    '010_no-title.txt':
      'Tuesday 12 April 2016\n\n\nThe regional office has written again about the rota for the approved premises, and staff are not happy with what it says about weekend cover.\n\nA second paragraph follows.\n\n1 comment:\n\n' +
      comment(1, 'Weekend cover has been short since the spring.'),
    '020_undated.txt':
      'Somebody asked why the office on the high street closed its doors to walk-in reporting last month, and the answer from management was that footfall did not justify the cost of a duty officer, which will surprise nobody who has sat in that waiting room on a Monday morning with twenty people queueing out of the door and onto the pavement in the rain.\n\nMore text of the page.\n',
    '030_napo-news.txt':
      'Friday 4 March 2016\n\nBranch News for March\n\nThe branch meets on Thursday to discuss the consultation.\n\nNo comments:\n',
    '031_napo-news-saved-again.txt':
      'Friday 4 March 2016\n\nBranch News for March\n\nThe branch meets on Thursday to discuss the consultation.\n\nNo comments:\n',
    '040_cut-short.txt':
      'Monday 8 April 2013\n\nA Page Saved Half Way\n\nOnly the start of this thread was saved.\n\n30 comments:\n\n' +
      comment(1, 'The first comment made it.') +
      comment(2, 'The second one stops in the middle of a sen', false),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A library of `count` short posts, a week apart back from 31 December 2016, so the post list scrolls through months. */
export async function weeklyLibrary(count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-weekly-'));
  const day = Date.UTC(2016, 11, 31);
  for (let i = 0; i < count; i++) {
    const date = new Date(day - i * 7 * 86_400_000);
    const line = date.toLocaleDateString('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await writeFile(
      join(dir, `${String(i).padStart(3, '0')}_week.txt`),
      `${line.replace(',', '')}\n\nWeekly Roundup ${count - i}\n\nWhat happened in the branch this week.\n\nNo comments:\n`,
    );
  }
  return dir;
}
