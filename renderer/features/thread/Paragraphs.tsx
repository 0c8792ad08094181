import type { ReactNode } from 'react';

/** Splits text at blank lines into paragraphs; line breaks inside stay (CSS pre-wrap). */
export function splitParagraphs(text: string): string[] {
  return text.split(/\n[ \t\u00a0]*\n+/).filter((p) => p.trim() !== '');
}

export function Paragraphs({ text, render }: { text: string; render: (paragraph: string) => ReactNode }) {
  return (
    <>
      {splitParagraphs(text).map((paragraph, index) => (
        <p key={index}>{render(paragraph)}</p>
      ))}
    </>
  );
}
