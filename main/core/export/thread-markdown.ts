/**
 * A thread as Markdown: the post, then each comment under a heading with its number (replies a
 * level deeper), quoted articles as block quotes with their source, highlights as <mark> and
 * notes as footnotes ([^1]), each linking back into Threadline when the export has links.
 */
import { groupByQuote, quoteCaption, type CommentDoc, type Paragraph, type ThreadDoc } from './thread';

/** Escapes what Markdown would read as markup: emphasis, links, code, HTML, and a line that starts a block. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-])(?=\s|$)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, (_m, number: string) => `${number}\\.`);
}

const paragraphText = (paragraph: Paragraph): string =>
  paragraph.runs
    .map((run) => {
      const text = escapeMarkdown(run.text);
      const marked = run.colour ? `<mark>${text}</mark>` : text;
      return run.noteNumber ? `${marked}[^${run.noteNumber}]` : marked;
    })
    .join('');

function paragraphs(list: readonly Paragraph[]): string[] {
  const lines: string[] = [];
  for (const group of groupByQuote(list)) {
    if (!group.quote) {
      for (const p of group.paragraphs) lines.push(paragraphText(p), '');
      continue;
    }
    const { quote } = group;
    const url = quote.url ? ` <${quote.url}>` : '';
    lines.push(`> **${escapeMarkdown(quoteCaption(quote))}**${url}`, '>');
    group.paragraphs.forEach((p, i) => {
      lines.push(
        ...paragraphText(p)
          .split('\n')
          .map((line) => `> ${line}`.trimEnd()),
      );
      if (i < group.paragraphs.length - 1) lines.push('>');
    });
    lines.push('');
  }
  return lines;
}

function comment(doc: CommentDoc, level: number): string[] {
  const who = doc.author ? ` — ${escapeMarkdown(doc.author)}` : '';
  const lines = [`${'#'.repeat(level)} ${doc.id.includes('.') ? 'Reply' : 'Comment'} ${doc.id}${who}`, ''];
  if (doc.link) lines.push(`[Open in Threadline](${doc.link})`, '');
  if (doc.flag) lines.push(`*Flagged${doc.flag.note ? `: ${escapeMarkdown(doc.flag.note)}` : ''}*`, '');
  lines.push(...paragraphs(doc.paragraphs));
  for (const reply of doc.replies) lines.push(...comment(reply, level + 1));
  if (doc.hiddenReplies)
    lines.push(`*${doc.hiddenReplies} ${doc.hiddenReplies === 1 ? 'reply' : 'replies'} not included (collapsed).*`, '');
  return lines;
}

export function threadMarkdown(doc: ThreadDoc): string {
  const date = doc.dateText ?? doc.date ?? 'Undated';
  const lines = [`# ${escapeMarkdown(doc.title)}`, '', `*${escapeMarkdown(date)}*`, ''];
  if (doc.link) lines.push(`[Open in Threadline](${doc.link})`, '');
  lines.push(...paragraphs(doc.body), `## ${doc.commentCount}`, '');
  for (const c of doc.comments) lines.push(...comment(c, 3));
  if (doc.unplaced.length) {
    lines.push('## Notes not placed in the text', '');
    for (const u of doc.unplaced) {
      const quote = u.quote ? ` “${escapeMarkdown(u.quote)}”` : '';
      const link = u.link ? ` ([open](${u.link}))` : '';
      lines.push(`- ${u.where}:${quote}${u.note ? ` — ${escapeMarkdown(u.note)}` : ''}${link}`);
    }
    lines.push('');
  }
  for (const note of doc.notes) {
    const link = note.link ? ` ([open](${note.link}))` : '';
    lines.push(`[^${note.number}]: ${escapeMarkdown(note.text).replace(/\n/g, '\n    ')}${link}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
