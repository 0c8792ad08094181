import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { GroupedVirtuoso, type CalculateViewLocation, type GroupedVirtuosoHandle } from 'react-virtuoso';
import { useApp } from '../../store';
import { registerPostListFocuser } from '../layout/keyboard-actions';
import { formatCommentCount, formatDate } from '../../ui/format';
import { filterPosts } from '../../store/read-slice';
import { CountedHeading, ReadCountsBadge } from '../read-state/ReadMarks';
import { ReadFilterBar } from '../read-state/ReadListControls';
import { copiesOf, groupPosts, postLabel, postRows, sumCounts } from './group-posts';
import './post-list.css';

/** Rows rendered before the list has measured anything (the first screen; all that jsdom ever gets). */
const FIRST_ROWS = 40;
/** How far beyond the viewport rows are rendered, in pixels. */
const OVERSCAN = 400;

/** The year heading sticks to the top of the list: a post is only in sight below it. */
function stickyHeight(nav: HTMLElement | null): number {
  return nav?.querySelector<HTMLElement>('[data-testid="virtuoso-top-item-list"]')?.offsetHeight ?? 0;
}

let focusRequest = 0;

/**
 * Focuses a post's button once its row is rendered, and again if the list re-renders the row
 * while it settles (rows land at estimated places first), unless focus has moved on meanwhile
 * (from where it was when asked: F6 asks from another pane).
 */
function focusWhenRendered(nav: HTMLElement | null, postId: string) {
  const request = ++focusRequest;
  const from = document.activeElement;
  let frames = 0;
  let steady = 0;
  let placed = false;
  const step = () => {
    if (request !== focusRequest || !nav) return;
    const button = Array.from(nav.querySelectorAll<HTMLElement>('.post-item')).find(
      (b) => b.dataset['postId'] === postId,
    );
    const active = document.activeElement;
    if (button && active === button) steady++;
    // Where it was asked from counts as "not moved on" only until the button has had the focus once:
    // a later focus there (F6 back round to the same place) is the user's.
    else if (button && (!active || active === document.body || (!placed && active === from) || nav.contains(active))) {
      button.focus({ preventScroll: true });
      placed = true;
      steady = 0;
    } else if (button) return; // The user has moved on.
    if (steady < 5 && ++frames < 60) requestAnimationFrame(step);
  };
  step();
}

/** How many annotations a post has: the number on show, the words for screen readers (part of the post button's name). */
function AnnotationBadge({ count }: { count: number }) {
  const label = `${count} ${count === 1 ? 'annotation' : 'annotations'}`;
  return (
    <span className="annotations-badge" title={label}>
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** A post's title, clamped to two lines; an untitled post's first words in italics, said to be such. */
function PostTitle({ label, read }: { label: ReturnType<typeof postLabel>; read: boolean }) {
  return (
    <span className={label.untitled ? 'post-title untitled' : 'post-title'}>
      {read && (
        <span className="read-check" title="Read">
          <span aria-hidden="true">✓ </span>
          <span className="sr-only">Read: </span>
        </span>
      )}
      {label.untitled && <span className="sr-only">Untitled: </span>}
      {label.text}
    </span>
  );
}

/** A second copy of a post (the same page saved twice): said so, with the file it is in. */
function CopyMark({ file }: { file: string }) {
  return (
    <span className="copy-mark">
      <span className="copy-label">Copy</span> <span className="copy-file">{file}</span>
    </span>
  );
}

const ListEnd = () => <div className="post-list-end" />;
const components = { Footer: ListEnd };

/** The left pane: every post, newest first, grouped by year and month; only the rows in sight are rendered. */
export function PostList() {
  const allPosts = useApp((s) => s.posts);
  const postFilter = useApp((s) => s.postFilter);
  const readCounts = useApp((s) => s.readCounts);
  const filterCounts = postFilter === 'all' ? null : readCounts;
  // While the first library is on its way the list is not empty, only not here yet ("Opening …" says so).
  const opening = useApp((s) => s.openingLibrary !== null);
  const openPostId = useApp((s) => s.openPostId);
  const openPost = useApp((s) => s.openPost);
  const annotationCounts = useApp((s) => s.annotationCounts);
  // Under the Unread and New filters, only those posts (and the open one).
  const posts = useMemo(
    () => (filterCounts ? filterPosts(allPosts, postFilter, filterCounts, openPostId) : allPosts),
    [allPosts, postFilter, filterCounts, openPostId],
  );
  const { headings, groupCounts, rows, rowOf, yearPosts } = useMemo(() => postRows(groupPosts(posts)), [posts]);
  // Which post is the copy does not change with the filter.
  const copies = useMemo(() => copiesOf(allPosts), [allPosts]);
  const list = useRef<GroupedVirtuosoHandle>(null);
  const nav = useRef<HTMLElement>(null);

  /**
   * Scrolls a post's row into sight (below the sticky year) if it is not, and leaves the list alone if it is:
   * by as little as needed when it is partly in sight or when stepping from post to post, else ('center')
   * to the middle of the list, as for a post opened from elsewhere.
   */
  const showPost = useCallback(
    (postId: string, how: 'center' | 'nearest') => {
      const index = rowOf.get(postId);
      if (index === undefined) return;
      const sticky = stickyHeight(nav.current);
      const calculateViewLocation: CalculateViewLocation = ({
        itemTop,
        itemBottom,
        viewportTop,
        viewportBottom,
        locationParams,
      }) => {
        const above = itemTop < viewportTop + sticky;
        if (!above && itemBottom <= viewportBottom) return null;
        const outOfSight = itemBottom <= viewportTop + sticky || itemTop >= viewportBottom;
        if (how === 'center' && outOfSight) return { ...locationParams, align: 'center', behavior: 'auto' };
        return above
          ? { ...locationParams, align: 'start', behavior: 'auto', offset: -sticky }
          : { ...locationParams, align: 'end', behavior: 'auto' };
      };
      list.current?.scrollIntoView({ index, calculateViewLocation });
    },
    [rowOf],
  );

  // The open post stays in sight, also when it was opened from elsewhere (a card, the Articles view).
  useEffect(() => {
    if (!openPostId) return;
    const frame = requestAnimationFrame(() => showPost(openPostId, 'center'));
    return () => cancelAnimationFrame(frame);
  }, [openPostId, showPost]);

  // F6 and the skip to the posts: the open post (else the first) takes the focus, its row scrolled in first.
  const tabStopId = openPostId ?? posts[0]?.id ?? null;
  useEffect(
    () =>
      registerPostListFocuser(() => {
        if (!tabStopId) return;
        showPost(tabStopId, 'nearest');
        focusWhenRendered(nav.current, tabStopId);
      }),
    [tabStopId, showPost],
  );

  // Up/Down/Home/End move between posts, scrolling rows in as needed.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const from = (event.target as HTMLElement).closest<HTMLElement>('.post-item');
    if (!from || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const order = Number(from.dataset['order']);
    const next = { ArrowDown: order + 1, ArrowUp: order - 1, Home: 0, End: posts.length - 1 }[event.key];
    const post = next === undefined ? undefined : posts[next];
    if (!post) return;
    event.preventDefault();
    showPost(post.id, 'nearest');
    focusWhenRendered(nav.current, post.id);
  };

  if (!allPosts.length && opening) return null;
  if (!allPosts.length)
    return <p className="empty">No posts in this library yet. Open a folder of saved posts (File → Open Folder…).</p>;
  return (
    <>
      <ReadFilterBar />
      {!posts.length && (
        <p className="empty" role="status">
          {postFilter === 'new' ? 'No posts with new comments.' : 'No unread posts.'} Choose “All” to see every post.
        </p>
      )}
      <nav ref={nav} className="post-list" aria-label="Posts" onKeyDown={onKeyDown}>
        <GroupedVirtuoso
          ref={list}
          className="post-list-scroller"
          groupCounts={groupCounts}
          components={components}
          initialItemCount={Math.min(FIRST_ROWS, rows.length)}
          increaseViewportBy={OVERSCAN}
          groupContent={(index) => (
            <CountedHeading
              level={2}
              className="year"
              label={headings[index] ?? ''}
              counts={sumCounts(yearPosts[index] ?? [], readCounts)}
            />
          )}
          itemContent={(index) => {
            const row = rows[index];
            if (!row) return null;
            if (row.kind === 'month')
              return (
                <CountedHeading
                  level={3}
                  className="month"
                  label={row.label}
                  counts={sumCounts(row.posts, readCounts)}
                />
              );
            const { post } = row;
            const annotated = annotationCounts[post.id] ?? 0;
            const counts = readCounts[post.id];
            const read = counts?.unread === 0;
            return (
              <button
                type="button"
                className={read ? 'post-item read' : 'post-item'}
                data-post-id={post.id}
                data-order={row.order}
                aria-current={post.id === openPostId ? 'true' : undefined}
                // One tab stop: the open post (else the first); the arrow keys move from there.
                tabIndex={post.id === tabStopId ? 0 : -1}
                onClick={() => void openPost(post.id)}
              >
                <PostTitle label={postLabel(post)} read={read} />
                <span className="post-meta">
                  {post.draft && <span className="draft-mark">Draft</span>}
                  <time dateTime={post.date ?? undefined}>{formatDate(post.date)}</time>
                  <span className="count">{formatCommentCount(post.foundCommentCount, post.declaredCommentCount)}</span>
                  {annotated > 0 && <AnnotationBadge count={annotated} />}
                  <ReadCountsBadge counts={counts} />
                </span>
                {copies.has(post.id) && <CopyMark file={copies.get(post.id)!} />}
              </button>
            );
          }}
        />
      </nav>
    </>
  );
}
