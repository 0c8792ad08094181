import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Annotation, Colour } from '../../../preload/api';
import { COLOURS } from '../../../main/core/shared/colours';
import { describePart } from '../../../main/core/shared/part-keys';
import { useApp } from '../../store';
import type { AnchorStateFilter, AnnotationsPanelFilters } from '../../store/annotations-panel-slice';
import { formatDate } from '../../ui/format';
import { useFocusOnRequest } from '../../ui/use-focus-on-request';
import { useReturnFocus, useReturnFocusOnUnmount } from '../../ui/use-return-focus';
import './annotations.css';
import { AnnotationsNotice } from './AnnotationEditor';
import { CopyAnnotationLink } from '../export/ThreadActions';

/** How long typing in the filter box must pause before the list is read again. */
export const ANNOTATIONS_FILTER_DEBOUNCE_MS = 150;

const COLOUR_NAMES: Record<Colour, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

const STATE_LABELS: Record<AnchorStateFilter, string> = {
  all: 'All',
  exact: 'Exact',
  fuzzy: 'Text changed',
  orphan: 'Orphaned',
};

/** What an orphan says: its words are kept, but they are no longer in the post. */
export const ORPHAN_MESSAGE = 'The passage you highlighted is no longer in this post';

/** "the post", "comment 3.2", "quoted article 2": where an annotation is, in words (a flag says so). */
export function describeWhere(annotation: Annotation): string {
  const where = describePart(annotation.anchor.part ?? annotation.part);
  return annotation.kind === 'flag' ? `${where} · flagged` : where;
}

/**
 * Every annotation of the open library, in the right pane (in place of the quoted articles) while
 * it is open, so that the reader can go from one to the next with the post beside the list.
 */
export function AnnotationsPanel() {
  const open = useApp((s) => s.annotationsPanelOpen);
  return open ? <Panel /> : null;
}

function Panel() {
  const filters = useApp((s) => s.panelFilters);
  const annotations = useApp((s) => s.panelAnnotations);
  const loading = useApp((s) => s.panelLoading);
  const error = useApp((s) => s.panelError);
  const message = useApp((s) => s.panelMessage);
  const focusRequest = useApp((s) => s.panelFocusRequest);
  const openPostId = useApp((s) => s.openPostId);
  const loadPanel = useApp((s) => s.loadPanel);
  const setOpen = useApp((s) => s.setAnnotationsPanelOpen);

  const input = useRef<HTMLInputElement>(null);
  // The focus goes back where it was when Escape closes the panel; when nothing in particular had
  // it (the shortcut pressed on the page), the toolbar button that opens the panel takes it.
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.annotations-button'));
  // Closed by the shortcut (Ctrl+Shift+A) with the focus inside: it goes back the same way.
  const panel = useRef<HTMLElement>(null);
  useReturnFocusOnUnmount(panel, returnFocus);
  useFocusOnRequest(input, focusRequest);

  // The list follows the filters (typing once it pauses) and, for "This post only", the open post.
  const postFilter = filters.thisPost ? openPostId : null;
  useEffect(() => {
    const timer = setTimeout(() => void loadPanel(), ANNOTATIONS_FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filters, postFilter, loadPanel]);

  const close = () => {
    setOpen(false);
    returnFocus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <aside ref={panel} className="annotations-panel" aria-labelledby="annotations-heading" onKeyDown={onKeyDown}>
      <header className="annotations-header">
        <h2 id="annotations-heading">{filters.bin ? 'Annotations in the bin' : 'Annotations'}</h2>
        <button
          type="button"
          className="annotations-close"
          aria-label="Close annotations"
          title="Close (Esc)"
          onClick={close}
        >
          <kbd aria-hidden="true">Esc</kbd>
        </button>
      </header>
      <AnnotationsNotice className="annotations-unavailable" />
      <Filters input={input} />
      <p className={message?.error ? 'annotations-status is-error' : 'annotations-status'} role="status">
        {message?.text ?? ''}
      </p>
      {error && (
        <p role="alert" className="annotations-error">
          {error}
        </p>
      )}
      <div className="annotations-scroll" aria-busy={loading}>
        {annotations && <AnnotationList annotations={annotations} />}
      </div>
      <Actions />
    </aside>
  );
}

/** Words, tag, colours, state, this post, and the bin. */
function Filters({ input }: { input: RefObject<HTMLInputElement | null> }) {
  const filters = useApp((s) => s.panelFilters);
  const setFilters = useApp((s) => s.setPanelFilters);
  const tags = useApp((s) => s.panelTags);
  const openPostId = useApp((s) => s.openPostId);
  const toggleColour = (colour: Colour) =>
    setFilters({
      colours: filters.colours.includes(colour)
        ? filters.colours.filter((c) => c !== colour)
        : COLOURS.filter((c) => c === colour || filters.colours.includes(c)),
    });
  return (
    <div className="annotations-filters">
      <input
        ref={input}
        type="search"
        className="annotations-text"
        aria-label="Words in the note or quote"
        placeholder="Words in the note or quote"
        spellCheck={false}
        autoComplete="off"
        maxLength={500}
        value={filters.text}
        onChange={(event) => setFilters({ text: event.target.value })}
      />
      <div className="annotations-filter-row">
        <div className="annotations-colours" role="group" aria-label="Colour">
          {COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={`annotations-colour annotations-swatch-${colour}`}
              aria-pressed={filters.colours.includes(colour)}
              aria-label={COLOUR_NAMES[colour]}
              title={COLOUR_NAMES[colour]}
              onClick={() => toggleColour(colour)}
            />
          ))}
        </div>
        <label>
          Tag{' '}
          <select value={filters.tag} onChange={(event) => setFilters({ tag: event.target.value })}>
            <option value="">Any tag</option>
            {/* A tag chosen before stays a choice while no annotation carries it any more. */}
            {filters.tag && !tags.some((t) => t.tag === filters.tag) && (
              <option value={filters.tag}>{filters.tag} (0)</option>
            )}
            {tags.map(({ tag, count }) => (
              <option key={tag} value={tag}>
                {tag} ({count})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="annotations-filter-row">
        <label>
          State{' '}
          <select
            value={filters.state}
            onChange={(event) => setFilters({ state: event.target.value as AnchorStateFilter })}
          >
            {(Object.keys(STATE_LABELS) as AnchorStateFilter[]).map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="annotations-toggle"
          aria-pressed={filters.thisPost && Boolean(openPostId)}
          disabled={!openPostId}
          onClick={() => setFilters({ thisPost: !filters.thisPost })}
        >
          This post only
        </button>
        <button
          type="button"
          className="annotations-toggle"
          aria-pressed={filters.bin}
          onClick={() => setFilters({ bin: !filters.bin })}
        >
          Bin
        </button>
      </div>
    </div>
  );
}

/** Whether anything narrows the list (the bin aside). */
const isFiltered = (f: AnnotationsPanelFilters) =>
  Boolean(f.text.trim() || f.tag || f.colours.length || f.state !== 'all' || f.thisPost);

/** The rows; Up and Down move between them, Enter or a click opens one. */
function AnnotationList({ annotations }: { annotations: Annotation[] }) {
  const filters = useApp((s) => s.panelFilters);
  const list = useRef<HTMLUListElement>(null);
  if (!annotations.length) {
    const text = filters.bin
      ? isFiltered(filters)
        ? 'Nothing in the bin matches these filters.'
        : 'The bin is empty.'
      : isFiltered(filters)
        ? 'No annotations match these filters.'
        : 'No annotations yet. Select words in a post to highlight them, or flag a comment.';
    return <p className="annotations-empty">{text}</p>;
  }
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = Array.from(list.current?.querySelectorAll<HTMLElement>('.annotations-item-open') ?? []);
    const at = rows.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <>
      <p className="annotations-count">{`${annotations.length} ${annotations.length === 1 ? 'annotation' : 'annotations'}`}</p>
      <ul
        ref={list}
        className="annotations-list"
        aria-label={filters.bin ? 'Annotations in the bin' : 'Annotations'}
        onKeyDown={onKeyDown}
      >
        {annotations.map((annotation) => (
          <Row key={annotation.id} annotation={annotation} />
        ))}
      </ul>
    </>
  );
}

function Row({ annotation }: { annotation: Annotation }) {
  const openAnnotation = useApp((s) => s.openAnnotation);
  const restore = useApp((s) => s.restoreFromBin);
  const active = useApp((s) => s.panelActiveId === annotation.id);
  const id = `annotation-${annotation.id}`;
  // Its name: the post, its date and the place; the rest describes it.
  const name = `${id}-post ${id}-date ${id}-where`;
  const state = annotation.anchor.state;
  const body = (
    <>
      <span className={`annotations-item-swatch annotations-swatch-${annotation.colour}`} aria-hidden="true" />
      <span className="annotations-item-main">
        <span className="annotations-item-title">
          <span id={`${id}-post`} className="annotations-item-post">
            {annotation.postTitle || '(untitled)'}
          </span>
          <time id={`${id}-date`} dateTime={annotation.postDate ?? undefined}>
            {formatDate(annotation.postDate)}
          </time>
        </span>
        <span id={`${id}-where`} className="annotations-item-where">
          {describeWhere(annotation)}
        </span>
        <span id={`${id}-details`} className="annotations-item-details">
          {state === 'orphan' && <span className="annotations-item-state orphan">{ORPHAN_MESSAGE}</span>}
          {annotation.quote?.exact && <span className="annotations-item-quote">{annotation.quote.exact}</span>}
          {annotation.note && <span className="annotations-item-note">{annotation.note}</span>}
          {(annotation.tags.length > 0 || state === 'fuzzy') && (
            <span className="annotations-item-tags">
              {state === 'fuzzy' && (
                <span
                  className="annotations-item-state fuzzy"
                  title="The words have changed since they were highlighted; this is where they are now."
                >
                  text changed
                </span>
              )}
              {annotation.tags.map((tag) => (
                <span key={tag} className="annotations-item-tag">
                  {tag}
                </span>
              ))}
            </span>
          )}
        </span>
      </span>
    </>
  );
  return (
    <li className={`annotations-item ${state}`}>
      {annotation.deleted ? (
        <div className="annotations-item-binned">
          {body}
          <button
            type="button"
            className="annotations-item-restore"
            aria-describedby={name}
            onClick={() => void restore(annotation.id)}
          >
            Restore
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="annotations-item-open"
          aria-current={active ? 'true' : undefined}
          aria-labelledby={name}
          aria-describedby={`${id}-details`}
          onClick={() => void openAnnotation(annotation)}
        >
          {body}
        </button>
      )}
      {!annotation.deleted && <CopyAnnotationLink annotation={annotation} />}
    </li>
  );
}

/** Export, import, and emptying the bin (asked twice: it cannot be undone). */
function Actions() {
  const filters = useApp((s) => s.panelFilters);
  const bin = filters.bin;
  // Nothing in the bin at all (not merely nothing matching the filters).
  const binEmpty = useApp((s) => s.panelFilters.bin && s.panelAnnotations?.length === 0) && !isFiltered(filters);
  const exportAnnotations = useApp((s) => s.exportAnnotations);
  const importAnnotations = useApp((s) => s.importAnnotations);
  const emptyBin = useApp((s) => s.emptyAnnotationsBin);
  const [confirming, setConfirming] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const emptyButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The question takes the focus; taken back, the focus returns to "Empty bin…".
  useEffect(() => {
    if (confirming) confirm.current?.focus();
    else if (asked.current) emptyButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  if (bin && confirming)
    return (
      <div
        className="annotations-actions annotations-confirm"
        role="group"
        aria-label="Empty the bin"
        onKeyDown={(event) => {
          // Escape here takes the question back, leaving the panel open.
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          setConfirming(false);
        }}
      >
        <span>Delete everything in the bin for good? This cannot be undone.</span>
        <button
          ref={confirm}
          type="button"
          className="danger"
          onClick={() => {
            setConfirming(false);
            void emptyBin();
          }}
        >
          Delete for good
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    );
  return (
    <div className="annotations-actions">
      {bin ? (
        <button ref={emptyButton} type="button" disabled={binEmpty} onClick={() => setConfirming(true)}>
          Empty bin…
        </button>
      ) : (
        <>
          {/* "Export" said once, in front of its two formats, so that the three buttons fit on one line of a narrow pane. */}
          <span className="annotations-actions-label" aria-hidden="true">
            Export
          </span>
          <button type="button" aria-label="Export Markdown…" onClick={() => void exportAnnotations('markdown')}>
            Markdown…
          </button>
          <button type="button" aria-label="Export JSON-LD…" onClick={() => void exportAnnotations('jsonld')}>
            JSON-LD…
          </button>
          <button type="button" className="annotations-import" onClick={() => void importAnnotations()}>
            Import…
          </button>
        </>
      )}
    </div>
  );
}
