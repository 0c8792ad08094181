import type { MouseEvent } from 'react';
import { trimUrl, URL_IN_TEXT } from '../../main/core/articles/urls';
import { getBridge } from '../api/client';

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

/**
 * Renders text from a file as text (React escapes it; no HTML is ever injected), with web
 * addresses as links that open in the system browser only when clicked.
 */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.url ? (
          <a
            key={index}
            href={/^https?:/i.test(part.url) ? part.url : `https://${part.url.replace(/^\.+/, '')}`}
            onClick={(event) => openLink(event, part.url!)}
            rel="noreferrer"
            title={`Open ${part.url} in your browser`}
          >
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
