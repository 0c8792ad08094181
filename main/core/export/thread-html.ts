/**
 * A thread as one self-contained HTML file: its style inline, no scripts, nothing fetched (its
 * Content-Security-Policy forbids both), every text escaped. Comments keep their numbers and
 * replies nest under them; quoted articles are block quotes captioned with their source;
 * highlights are <mark>s and notes are numbered notes at the end. The same page is what the PDF
 * is printed from, so its print rules are the PDF's.
 */
import { groupByQuote, quoteCaption, type CommentDoc, type Paragraph, type ThreadDoc } from './thread';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Only web and threadline links become links; anything else (javascript:, data:) stays text. */
const safeHref = (url: string): string | null => (/^(https?|threadline):\/\//i.test(url) ? escapeHtml(url) : null);

/** The page's style: readable on screen, and on paper with no chrome, numbers and nesting kept, articles marked. */
export const THREAD_CSS = `
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, 'DejaVu Serif', serif; color: #1a1a1a; background: #fff; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .25rem; }
.meta { color: #4a4a4a; margin: 0 0 1.5rem; font-style: italic; }
p { margin: 0 0 .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: #0b4f8a; }
mark { background: #fff1a8; color: inherit; padding: 0 .1em; }
mark.green { background: #cdeecb; } mark.blue { background: #cfe3fb; } mark.pink { background: #f9d3e5; } mark.purple { background: #e3d7f7; }
sup.note a { text-decoration: none; font-size: .75em; }
blockquote.quoted { margin: 0 0 1rem; padding: .5rem .9rem; border-left: 4px solid #7a5c00; background: #faf6ea; }
blockquote.quoted > .caption { font: 600 .85rem/1.4 system-ui, sans-serif; color: #5a4500; margin: 0 0 .5rem; white-space: normal; }
h2 { font-size: 1.25rem; margin: 2rem 0 1rem; border-bottom: 1px solid #ccc; padding-bottom: .25rem; }
.comment { margin: 0 0 1.25rem; }
.comment > header { font: .9rem/1.4 system-ui, sans-serif; margin: 0 0 .4rem; }
.comment .number { font-weight: 700; display: inline-block; min-width: 2.5em; }
.comment .author { color: #333; }
.comment .flag { font: .85rem/1.4 system-ui, sans-serif; color: #7a1f1f; margin: 0 0 .4rem; }
.replies { margin: .75rem 0 0 1.25rem; padding-left: 1rem; border-left: 2px solid #bbb; }
.hidden-replies { font: italic .85rem/1.4 system-ui, sans-serif; color: #4a4a4a; }
.notes { font-size: .9rem; border-top: 1px solid #ccc; margin-top: 2rem; }
.notes li p { margin: 0 0 .3rem; }
.notes .quote { font-style: italic; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  p { orphans: 3; widows: 3; }
  h1, h2, .comment > header, blockquote.quoted > .caption { break-after: avoid-page; }
  mark { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  blockquote.quoted { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

function runs(paragraph: Paragraph): string {
  return paragraph.runs
    .map((run) => {
      const text = escapeHtml(run.text);
      const marked = run.colour ? `<mark class="${run.colour}">${text}</mark>` : text;
      return run.noteNumber
        ? `${marked}<sup class="note"><a href="#note-${run.noteNumber}" id="ref-${run.noteNumber}" aria-label="Note ${run.noteNumber}">[${run.noteNumber}]</a></sup>`
        : marked;
    })
    .join('');
}

function paragraphs(list: readonly Paragraph[]): string {
  return groupByQuote(list)
    .map((group) => {
      const inner = group.paragraphs.map((p) => `<p>${runs(p)}</p>`).join('\n');
      if (!group.quote) return inner;
      const href = group.quote.url ? safeHref(group.quote.url) : null;
      const url = group.quote.url
        ? ` · ${href ? `<a href="${href}">${escapeHtml(group.quote.url)}</a>` : escapeHtml(group.quote.url)}`
        : '';
      const cite = href ? ` cite="${href}"` : '';
      return `<blockquote class="quoted"${cite}>\n<p class="caption">${escapeHtml(quoteCaption(group.quote))}${url}</p>\n${inner}\n</blockquote>`;
    })
    .join('\n');
}

function comment(doc: CommentDoc): string {
  const kind = doc.id.includes('.') ? 'Reply' : 'Comment';
  const number = doc.link
    ? `<a class="number" href="${safeHref(doc.link)}">${escapeHtml(doc.id)}</a>`
    : `<span class="number">${escapeHtml(doc.id)}</span>`;
  const author = doc.author ? ` <span class="author">${escapeHtml(doc.author)}</span>` : '';
  const flag = doc.flag ? `<p class="flag">Flagged${doc.flag.note ? `: ${escapeHtml(doc.flag.note)}` : ''}</p>\n` : '';
  const replies = doc.replies.length
    ? `\n<div class="replies" role="group" aria-label="Replies to comment ${escapeHtml(doc.id)}">\n${doc.replies.map(comment).join('\n')}\n</div>`
    : '';
  const hidden = doc.hiddenReplies
    ? `\n<p class="hidden-replies">${doc.hiddenReplies} ${doc.hiddenReplies === 1 ? 'reply' : 'replies'} not included (collapsed).</p>`
    : '';
  return `<section class="comment" id="c${escapeHtml(doc.id)}" aria-label="${kind} ${escapeHtml(doc.id)}">\n<header>${number}${author}</header>\n${flag}${paragraphs(doc.paragraphs)}${replies}${hidden}\n</section>`;
}

export function threadHtml(doc: ThreadDoc): string {
  const date = doc.dateText ?? doc.date ?? 'Undated';
  const open = doc.link ? ` · <a href="${safeHref(doc.link)}">Open in Threadline</a>` : '';
  const unplaced = doc.unplaced.length
    ? `<h2>Notes not placed in the text</h2>\n<ul>\n${doc.unplaced
        .map(
          (u) =>
            `<li>${escapeHtml(u.where)}${u.quote ? `: <span class="quote">“${escapeHtml(u.quote)}”</span>` : ''}${u.note ? ` — ${escapeHtml(u.note)}` : ''}</li>`,
        )
        .join('\n')}\n</ul>`
    : '';
  const notes = doc.notes.length
    ? `<section class="notes" aria-label="Notes">\n<h2>Notes</h2>\n<ol>\n${doc.notes
        .map(
          (n) =>
            `<li id="note-${n.number}"><p class="quote">“${escapeHtml(n.quote)}”</p><p>${escapeHtml(n.text)} <a href="#ref-${n.number}" aria-label="Back to the text">↩</a></p></li>`,
        )
        .join('\n')}\n</ol>\n</section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Threadline">
<title>${escapeHtml(doc.title)}</title>
<style>${THREAD_CSS}</style>
</head>
<body>
<main>
<article>
<h1>${escapeHtml(doc.title)}</h1>
<p class="meta">${escapeHtml(date)}${open}</p>
${paragraphs(doc.body)}
<h2>${escapeHtml(doc.commentCount)}</h2>
${doc.comments.map(comment).join('\n')}
${unplaced}
${notes}
</article>
</main>
</body>
</html>
`;
}
