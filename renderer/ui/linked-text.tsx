import type { MouseEvent } from 'react';
import { trimUrl, URL_IN_TEXT } from '../../main/core/shared/url-policy';
import { getBridge } from '../api/client';
import { markPieces, type MarkRange } from './highlight';
import { useTabStop } from './tab-stop';

/** Text with its web addresses split out, so they can be shown as links. */
export function splitLinks(text: string): { text: string; url?: string }[] {
  const parts: { text: string; url?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = trimUrl(match[0]);
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, url: raw });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function openLink(event: MouseEvent<HTMLAnchorElement>, url: string) {
  // Never navigate the app window: ask main to open the system browser.
  event.preventDefault();
  void getBridge()['links.open']({ url });
}

/** [from, to) of a text, with its marked pieces as <mark> elements. */
function Marked({ text, marks, from, to }: { text: string; marks: readonly MarkRange[]; from: number; to: number }) {
  const tabIndex = useTabStop(0);
  return (
    <>
      {markPieces(text, marks, from, to).map((piece) =>
        piece.mark?.annotation ? (
          // A highlight: focusable, opened by a click or Enter (the thread listens), described for screen readers.
          <mark
            key={piece.start}
            className={piece.mark.className}
            data-annotation-id={piece.mark.annotation.id}
            title={piece.mark.annotation.label}
            aria-description={piece.mark.annotation.label}
            tabIndex={tabIndex}
          >
            {piece.text}
          </mark>
        ) : piece.mark ? (
          <mark
            key={piece.start}
            className={piece.mark.className}
            id={piece.start === piece.mark.start ? piece.mark.id : undefined}
          >
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

/**
 * Renders text from a file as text (React escapes it; no HTML is ever injected), with web
 * addresses as links that open in the system browser only when clicked, and `marks` (search
 * words, find matches) as <mark> elements, inside links too.
 */
export function LinkedText({ text, marks }: { text: string; marks?: readonly MarkRange[] }) {
  const tabIndex = useTabStop();
  const parts = splitLinks(text);
  const starts = parts.map((_, index) => parts.slice(0, index).reduce((sum, part) => sum + part.text.length, 0));
  return (
    <>
      {parts.map((part, index) => {
        const from = starts[index]!;
        const to = from + part.text.length;
        const content = marks?.length ? (
          <Marked key={index} text={text} marks={marks} from={from} to={to} />
        ) : (
          part.text
        );
        return part.url ? (
          <a
            key={index}
            href={/^https?:/i.test(part.url) ? part.url : `https://${part.url.replace(/^\.+/, '')}`}
            onClick={(event) => openLink(event, part.url!)}
            rel="noreferrer"
            tabIndex={tabIndex}
            title={`Open ${part.url} in your browser`}
          >
            {content}
          </a>
        ) : (
          content
        );
      })}
    </>
  );
}
