/**
 * Read state above the post list: the All / Unread / New filter and "Mark read" for the library
 * or the open post's month. Kept out of the list itself, which is the posts alone.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReadScope } from '../../../preload/api';
import { useApp } from '../../store';
import { formatMonth } from '../../ui/format';
import type { PostFilter } from '../../store/read-slice';
import { LibraryTimelineButton } from '../timeline/LibraryTimeline';
import './read-state.css';

const FILTERS: { value: PostFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'unread', label: 'Unread' },
  { value: 'new', label: 'New' },
];

/** The filter (a segmented group of toggle buttons) and the "Mark read" menu, above the list. */
export function ReadFilterBar() {
  const filter = useApp((s) => s.postFilter);
  const setFilter = useApp((s) => s.setPostFilter);
  const posts = useApp((s) => s.posts);
  const counts = useApp((s) => s.readCounts);
  const totals = useMemo(() => {
    let unread = 0;
    let fresh = 0;
    for (const post of posts) {
      const c = counts[post.id];
      if (!c || c.unread > 0) unread++;
      if (c && c.fresh > 0) fresh++;
    }
    return { all: posts.length, unread, new: fresh };
  }, [posts, counts]);
  return (
    // A landmark of its own (as the list below is), so nothing of the page is outside one.
    <section className="read-bar" aria-label="Read state">
      <div role="group" aria-label="Show posts" className="read-filter">
        {FILTERS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            aria-pressed={filter === value}
            title={`${totals[value]} ${totals[value] === 1 ? 'post' : 'posts'}`}
            onClick={() => setFilter(value)}
          >
            {label}
            <span className="read-filter-count"> {totals[value]}</span>
          </button>
        ))}
      </div>
      <NextUnreadButton />
      <MarkReadMenu anyUnread={totals.unread > 0} />
      <LibraryTimelineButton />
    </section>
  );
}

/** "Next unread": the button for what `n` does; says so when nothing unread is left below. */
function NextUnreadButton() {
  const nextUnread = useApp((s) => s.nextUnread);
  const [none, setNone] = useState(false);
  return (
    <>
      <button
        type="button"
        className="next-unread"
        title="Go to the next unread or New comment"
        onClick={() => void nextUnread(1).then((found) => setNone(!found))}
      >
        Next unread
      </button>
      <span role="status" className="read-none">
        {none ? 'Nothing unread below.' : ''}
      </span>
    </>
  );
}

/**
 * "Mark read ▾": the whole library, or the open post's month. A disclosure of plain buttons:
 * Escape or choosing closes it and gives the focus back to its button.
 */
function MarkReadMenu({ anyUnread }: { anyUnread: boolean }) {
  const [open, setOpen] = useState(false);
  const markAllRead = useApp((s) => s.markAllRead);
  const month = useApp((s) => s.detail?.post.date?.slice(0, 7) ?? null);
  const toggle = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = (scope: ReadScope) => {
    close();
    void markAllRead(scope);
  };
  return (
    <div
      className="mark-read-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="mark-read-toggle"
        aria-expanded={open}
        aria-controls={id}
        disabled={!anyUnread}
        onClick={() => setOpen(!open)}
      >
        Mark read <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={id} role="group" aria-label="Mark read" className="mark-read-choices">
          <button ref={first} type="button" onClick={() => choose({ kind: 'library' })}>
            Mark all posts read
          </button>
          {month && (
            <button type="button" onClick={() => choose({ kind: 'month', month })}>
              Mark {formatMonth(`${month}-01`)} read
            </button>
          )}
        </div>
      )}
    </div>
  );
}
