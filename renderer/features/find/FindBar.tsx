import { useContext, useEffect, useRef, type KeyboardEvent } from 'react';
import { StoreContext, useApp, type AppStore } from '../../store';
import { commentsToCome } from '../../store/open-post';
import type { FindMatch } from '../../store/find-slice';
import { revealInThread } from '../thread/reveal';
import { findMarkId } from '../thread/segments';
import './find.css';
import { useFocusOnRequest } from '../../ui/use-focus-on-request';
import { useReturnFocus } from '../../ui/use-return-focus';

/** The thread's scroller (the middle pane). */
const threadScroller = () => document.getElementById('thread-scroller');

/** The first paragraph of the thread in view: finding starts there, as in a browser. */
function firstParagraphInView(): string | null {
  const scroller = threadScroller();
  if (!scroller) return null;
  const top = scroller.getBoundingClientRect().top;
  for (const paragraph of scroller.querySelectorAll<HTMLElement>('p[id]'))
    if (paragraph.getBoundingClientRect().bottom > top + 1) return paragraph.id;
  return null;
}

/** True when a match's mark is rendered and wholly in the thread's view. */
function inView(elementId: string): boolean {
  const element = document.getElementById(elementId);
  const scroller = threadScroller();
  if (!element || !scroller) return false;
  const box = element.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
}

/** Scrolls the thread to a match, rendering its row and expanding collapsed replies as needed; the focus stays in the bar. */
export function revealMatch(match: FindMatch | null | undefined, always = true): void {
  if (!match) return;
  const elementId = findMarkId(match.index);
  if (!always && inView(elementId)) return;
  const target = match.commentId !== null ? { commentId: match.commentId } : { bodyLine: match.bodyLine! };
  revealInThread(target, { elementId, focus: false, block: 'center' });
}

/** Moves to the next or previous match and shows it. */
export function stepFind(store: AppStore, delta: 1 | -1): void {
  revealMatch(store.getState().findStep(delta));
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Find in the open post (Ctrl/Cmd+F): a small bar over the thread. */
export function FindBar() {
  const open = useApp((s) => s.findOpen);
  const hasPost = useApp((s) => s.detail !== null);
  const view = useApp((s) => s.view);
  return open && hasPost && view === 'reader' ? <FindBarOpen /> : null;
}

function FindBarOpen() {
  const store = useContext(StoreContext)!;
  const query = useApp((s) => s.findQuery);
  const matches = useApp((s) => s.findMatches);
  const current = useApp((s) => s.findCurrent);
  const capped = useApp((s) => s.findCapped);
  const focusRequest = useApp((s) => s.findFocusRequest);
  const detail = useApp((s) => s.detail);
  // The rest of a long thread is on its way: what is found so far, and all of it once it is here.
  const complete = !detail || !commentsToCome(detail);
  const setFindQuery = useApp((s) => s.setFindQuery);
  const closeFind = useApp((s) => s.closeFind);
  const refreshFind = useApp((s) => s.refreshFind);
  const input = useRef<HTMLInputElement>(null);
  // The focus goes back where it was when Escape closes the bar.
  const returnFocus = useReturnFocus();

  useFocusOnRequest(input, focusRequest);

  // More of the post arrived, or it was reloaded from disk: find again in what it says now.
  useEffect(() => refreshFind(), [detail, refreshFind]);

  const close = () => {
    closeFind();
    returnFocus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      stepFind(store, event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  const total = matches.length;
  const status = !query.trim()
    ? ''
    : total
      ? `${count(current + 1)} of ${count(total)}${capped ? '+' : complete ? '' : ' so far'}`
      : complete
        ? 'No matches'
        : 'Finding…';
  return (
    <div className="find-bar" role="search" aria-label="Find in this post">
      <input
        ref={input}
        type="text"
        aria-label="Find in this post"
        placeholder="Find in this post"
        spellCheck={false}
        autoComplete="off"
        value={query}
        aria-invalid={query.trim() !== '' && total === 0 && complete}
        onChange={(event) => {
          setFindQuery(event.target.value, firstParagraphInView());
          const state = store.getState();
          revealMatch(state.findMatches[state.findCurrent], false);
        }}
        onKeyDown={onKeyDown}
      />
      <span
        className={total || !query.trim() || !complete ? 'find-count' : 'find-count none'}
        role="status"
        aria-live="polite"
      >
        {status}
      </span>
      <button
        type="button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={!total}
        onClick={() => stepFind(store, -1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3.5 10l4.5-4.5 4.5 4.5" />
        </svg>
      </button>
      <button
        type="button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={!total}
        onClick={() => stepFind(store, 1)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3.5 6l4.5 4.5 4.5-4.5" />
        </svg>
      </button>
      <button type="button" aria-label="Close find bar" title="Close (Esc)" onClick={close}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );
}
