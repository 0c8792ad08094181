import type { SourceKind } from '../../preload/api';

/** What each kind of source is called in words (for a visible or screen-reader label beside the icon). */
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  outlet: 'News outlet',
  organisation: 'Organisation',
  person: 'Person',
  website: 'Website',
  unknown: 'Unknown source',
};

/** 16×16 line drawings, stroked in the text colour so they follow the theme. */
const PATHS: Record<SourceKind, string> = {
  // A folded newspaper.
  outlet: 'M2.5 3.5h8.5v9H3.5a1 1 0 0 1-1-1zM11 6h2.5v5.5a1 1 0 0 1-2.5 0M4.5 6h4.5M4.5 8.25h4.5M4.5 10.5h3',
  // A building with windows.
  organisation: 'M2 13.5h12M3.5 13.5v-10h6v10M9.5 6.5h3v7M5.5 6h2M5.5 8.5h2M5.5 11h2',
  // Head and shoulders.
  person: 'M8 8a2.75 2.75 0 1 0 0-5.5A2.75 2.75 0 0 0 8 8zM2.75 13.75c.5-2.6 2.6-4 5.25-4s4.75 1.4 5.25 4',
  // A globe.
  website:
    'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM2 8h12M8 2c1.8 1.7 2.6 3.7 2.6 6S9.8 12.3 8 14M8 2C6.2 3.7 5.4 5.7 5.4 8s.8 4.3 2.6 6',
  // A question mark in a circle.
  unknown:
    'M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12zM6.25 6.25A1.85 1.85 0 0 1 8 5c1 0 1.8.7 1.8 1.6 0 1.3-1.8 1.5-1.8 2.9M8 11.25v.01',
};

/**
 * A small icon for the kind of a source (outlet, organisation, person, website, unknown).
 * Decorative: it is hidden from screen readers, so put the source's name or kind in text beside it.
 * It is 1em square and drawn in `currentColor`; size and colour it from CSS through `className`.
 */
export function SourceIcon({ kind, className }: { kind: SourceKind; className?: string }) {
  return (
    <svg
      className={className ? `source-icon ${className}` : 'source-icon'}
      data-kind={kind}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[kind] ?? PATHS.unknown} />
    </svg>
  );
}
