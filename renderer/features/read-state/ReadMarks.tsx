/**
 * Read state in the thread: a "New" tag (words, not colour alone) or a quiet unread marker on
 * each comment, with its "Mark read" / "Mark unread" button, and the post header's "Mark post
 * read" / "Mark post unread".
 */
import { useId } from 'react';
import type { ReadCounts } from '../../../preload/api';
import { useApp } from '../../store';
import { useTabStop } from '../../ui/tab-stop';
import './read-state.css';

/** A part's state in the open post; null while its read state has not arrived. */
export function usePartRead(part: string): 'read' | 'unread' | 'new' | null {
  return useApp((s) => {
    if (!s.openPostId || s.readPostId !== s.openPostId) return null;
    if (s.readParts[part]) return 'read';
    return s.freshParts[part] ? 'new' : 'unread';
  });
}

/** "3 unread, 1 new" for screen readers; empty when all is read. */
export function describeCounts(counts: ReadCounts): string {
  if (!counts.unread) return 'all read';
  return counts.fresh ? `${counts.unread} unread, ${counts.fresh} new` : `${counts.unread} unread`;
}

/** Counts shown small ("3 · 1 new"), read out in full ("3 unread, 1 new"); nothing when all is read. */
export function ReadCountsBadge({ counts }: { counts: ReadCounts | undefined }) {
  if (!counts?.unread) return null;
  return (
    <span className="read-counts">
      <span aria-hidden="true">
        {counts.unread} unread
        {counts.fresh > 0 && <span className="new-tag">{counts.fresh} new</span>}
      </span>
      <span className="sr-only">{describeCounts(counts)}</span>
    </span>
  );
}

/**
 * A year or month heading with its counts beside its words. The heading is named by its words
 * alone ("May 2014"), so finding it by name stays simple; the counts are read after it.
 */
export function CountedHeading({
  level,
  className,
  label,
  counts,
}: {
  level: 2 | 3;
  className: string;
  label: string;
  counts: ReadCounts;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Heading className={className} aria-labelledby={id}>
      <span id={id}>{label}</span> <ReadCountsBadge counts={counts} />
    </Heading>
  );
}

/** A comment's New tag or unread marker, and its button to mark it read or unread. */
export function CommentReadMark({ part }: { part: string }) {
  const state = usePartRead(part);
  const toggle = useApp((s) => s.toggleRead);
  const tabIndex = useTabStop();
  if (state === null) return null;
  return (
    <>
      {state === 'new' && <span className="new-tag">New</span>}
      {state === 'unread' && (
        <span className="unread-marker" title="Unread">
          <span aria-hidden="true">●</span>
          <span className="sr-only">Unread</span>
        </span>
      )}
      <button
        type="button"
        className="mark-read"
        tabIndex={tabIndex}
        title={state === 'read' ? 'Mark this comment unread' : 'Mark this comment read'}
        onClick={() => void toggle(part)}
      >
        {state === 'read' ? 'Mark unread' : 'Mark read'}
      </button>
    </>
  );
}

/** The post header's counts and its "Mark post read" / "Mark post unread" button. */
export function PostReadControls({ postId }: { postId: string }) {
  const counts = useApp((s) => s.readCounts[postId]);
  const known = useApp((s) => s.readPostId === postId);
  const markPostRead = useApp((s) => s.markPostRead);
  const error = useApp((s) => s.readError);
  const clearError = useApp((s) => s.clearReadError);
  if (!counts && !known) return null;
  const unread = (counts?.unread ?? 1) > 0;
  return (
    <div className="post-read">
      {/* Not a live region: dwell changes the count every few seconds while reading. */}
      <span className="post-read-status">
        {counts && counts.unread > 0 ? (
          <ReadCountsBadge counts={counts} />
        ) : (
          <span className="read-all">✓ All read</span>
        )}
      </span>
      <button type="button" className="mark-post-read" onClick={() => void markPostRead(postId, unread)}>
        {unread ? 'Mark post read' : 'Mark post unread'}
      </button>
      {error && (
        <p role="alert" className="error read-error">
          {error}{' '}
          <button type="button" onClick={clearError}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
