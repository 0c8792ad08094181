/** Generated libraries for the big-thread spec: a post with a very long discussion, and many small posts. */
import { MONTHS, WEEKDAYS } from '../main/core/shared/calendar';

/** Comment number that is only a URL, with the article pasted into its two replies. */
export const ARTICLE_COMMENT = 1500;
export const ARTICLE_URL =
  'http://www.westshire-gazette.co.uk/news/2019/06/03/probation-hostel-closures-leave-towns-without-cover';
/** A comment near the end that quotes an early one (an internal quote), and the comment it quotes. */
export const QUOTING_COMMENT = 1998;
export const QUOTED_COMMENT = 12;
/** Comments that get replies (besides the article comment): every REPLY_EVERY-th. */
const REPLY_EVERY = 40;

const WORDS =
  'probation officers report that caseloads keep rising while the new providers cut staff and close offices across the region leaving clients without support'.split(
    ' ',
  );

/** Deterministic filler: comment n gets a sentence or a few, of varying length. */
function filler(n: number, sentences: number): string {
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const length = 8 + ((n * 7 + s * 13) % 23);
    const words = Array.from({ length }, (_, i) => WORDS[(n * 5 + s * 3 + i) % WORDS.length]);
    out.push(`${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
  }
  return out.join(' ');
}

const ARTICLE_PART_1 = [
  'Three probation hostels in Westshire are to close by the end of the year, leaving whole towns without approved premises for people released from prison, the county council has confirmed.',
  'The closures, announced in a letter to staff on Friday, follow a review by the community rehabilitation company that runs the service under contract to the Ministry of Justice. The company said the hostels were under-used and too costly to maintain.',
  'Staff and magistrates said the decision would put the public at risk. "We are being asked to manage high-risk people with nowhere to put them," one senior officer said. "Nobody asked the people who do the work whether this makes any sense."',
];
const ARTICLE_PART_2 = [
  'The council leader said she had written to the justice secretary asking him to intervene before the first hostel closes in September, and that the authority would consider taking the buildings back into public hands.',
  'A Ministry of Justice spokesperson said: "We expect providers to maintain safe and effective services, and we are monitoring the situation closely. Decisions about the estate are for the provider."',
  'Campaigners say the closures are the latest sign that the part-privatised service is failing, and point to inspection reports that found caseloads in the area well above the recommended limit for the third year in a row.',
];

const commentText = (n: number) => `Comment ${n}. ${filler(n, 1 + (n % 3))}`;

/** One comment: "  N. text" (first line), further paragraphs indented like it, "ReplyDelete", then any replies. */
function comment(n: number, text: string[], replies: string[][] = []): string {
  const lines = [`  ${n}. ${text[0]}`, ...text.slice(1).flatMap((p) => ['', `    ${p}`]), '', '    ReplyDelete'];
  if (replies.length) {
    lines.push('    Replies');
    replies.forEach((reply, index) => {
      lines.push(
        `    ${index + 1}. ${reply[0]}`,
        ...reply.slice(1).flatMap((p) => ['', `      ${p}`]),
        '',
        '      Delete',
      );
    });
  }
  return lines.join('\n');
}

/** The whole file: date line, title, body, "N comments:", then `count` top-level comments, some with replies. */
export function bigThreadSeed(count = 2000): string {
  const parts = [
    'Monday, 3 June 2013',
    '',
    'The Longest Thread',
    '',
    'This is the open thread for the week. Say what is happening in your office, your court or your hostel.',
    '',
    'As ever, please keep it civil and remember that the people you are arguing with are colleagues.',
    '',
    `${count} comments:`,
    '',
  ];
  for (let n = 1; n <= count; n++) {
    if (n === QUOTING_COMMENT)
      parts.push(
        comment(n, [
          `"${commentText(QUOTED_COMMENT)}"`,
          'Exactly what I said back at the start of this thread, and nothing has changed since.',
        ]),
      );
    else if (n === ARTICLE_COMMENT) parts.push(comment(n, [ARTICLE_URL], [ARTICLE_PART_1, ARTICLE_PART_2]));
    else if (n % REPLY_EVERY === 0)
      parts.push(
        comment(
          n,
          [`Comment ${n}. ${filler(n, 2)}`],
          [[`Reply to ${n}. ${filler(n + 1, 1)}`], [`Another reply. ${filler(n + 2, 1)}`]],
        ),
      );
    else parts.push(comment(n, [commentText(n), ...(n % 5 === 0 ? [filler(n + 3, 2)] : [])]));
  }
  parts.push('');
  return parts.join('\n');
}

/** `count` small posts, one a week going back from `newest` (ISO date): [file name, text] pairs. */
export function weeklyPosts(count: number, newest: string): [string, string][] {
  const start = new Date(`${newest}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start.getTime() - i * 7 * 24 * 3600 * 1000);
    const dateLine = `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    const text = [
      dateLine,
      '',
      `Weekly Notes ${count - i}`,
      '',
      `Notes for the week. ${filler(i, 2)}`,
      '',
      'No comments:',
      '',
    ].join('\n');
    return [`week-${String(count - i).padStart(4, '0')}.txt`, text];
  });
}
