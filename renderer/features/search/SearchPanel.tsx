import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResults, SourceSummary } from '../../../preload/api';
import { parsePart } from '../../../main/core/shared/part-keys';
import type { OpenPost } from '../../store/open-post';
import { useApp } from '../../store';
import { NO_FILTERS, SEARCH_KINDS, searchKey, type SearchFilters, type SearchKind } from '../../store/search-slice';
import { formatDate } from '../../ui/format';
import { AuthorField } from './AuthorField';
import { DateField } from './DateField';
import { SearchTimeline } from './SearchTimeline';
import { DIALOG_FOCUSABLE } from '../../ui/sheet-dialog';
import './search.css';
import { useFocusOnRequest } from '../../ui/use-focus-on-request';
import { useReturnFocus } from '../../ui/use-return-focus';

/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 120;

const KIND_LABELS: Record<SearchKind, string> = { post: 'Posts', comment: 'Comments', article: 'Articles' };

/** "Post", "Comment 3.2 by Jim Brown", "Article: The Guardian": what a hit is, in words. */
export function describeHit(hit: SearchHit, sourceName: string | null): string {
  if (hit.kind === 'note') {
    const part = hit.ref ? parsePart(hit.ref) : null;
    return part?.kind === 'comment' ? `Your note · comment ${part.id}` : 'Your note';
  }
  const by = hit.author ? ` by ${hit.author}` : '';
  if (hit.kind === 'post') return `Post${by}`;
  if (hit.kind === 'comment') return `${hit.ref ? `Comment ${hit.ref}` : 'Comment'}${by}`;
  return sourceName ? `Article: ${sourceName}` : 'Quoted article';
}

/** The source of an article hit, when it is known here: from the open post, or from the source filter. */
function sourceOf(
  hit: SearchHit,
  postId: string,
  detail: OpenPost | null,
  filters: SearchFilters,
  sources: SourceSummary[],
): string | null {
  if (hit.kind !== 'article') return null;
  if (detail?.post.id === postId) {
    const article = detail.articles.find((a) => a.id === hit.ref);
    if (article) return article.source.name ?? 'unknown source';
  }
  if (filters.sourceKey) return sources.find((s) => s.key === filters.sourceKey)?.name ?? null;
  return null;
}

const sameFilters = (a: SearchFilters, b: SearchFilters) =>
  a.from === b.from &&
  a.to === b.to &&
  a.sourceKey === b.sourceKey &&
  a.author.trim() === b.author.trim() &&
  a.kinds.length === b.kinds.length &&
  a.kinds.every((k) => b.kinds.includes(k));

const hitId = (index: number) => `search-hit-${index}`;

/** Elements Tab moves between inside the dialog (the timeline's bars are one tab stop). */
const FOCUSABLE = DIALOG_FOCUSABLE;

/** The library search (Ctrl/Cmd+K, "/", or the toolbar button): a modal dialog over the window. */
export function SearchPanel() {
  const open = useApp((s) => s.searchOpen);
  return open ? <SearchDialog /> : null;
}

function SearchDialog() {
  const query = useApp((s) => s.searchQuery);
  const filters = useApp((s) => s.searchFilters);
  const results = useApp((s) => s.searchResults);
  const status = useApp((s) => s.searchStatus);
  const error = useApp((s) => s.searchError);
  const focusRequest = useApp((s) => s.searchFocusRequest);
  const setQuery = useApp((s) => s.setSearchQuery);
  const runSearch = useApp((s) => s.runSearch);
  const closeSearch = useApp((s) => s.closeSearch);
  const openHit = useApp((s) => s.openSearchHit);
  const openFirstHit = useApp((s) => s.openFirstHit);
  const resultsKey = useApp((s) => s.searchResultsKey);
  const stale = resultsKey !== searchKey(query, filters);
  const detail = useApp((s) => s.detail);
  const sources = useApp((s) => s.sources);

  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // The focus goes back where it was when the dialog is closed without opening a hit; when nothing
  // in particular had it (the shortcut pressed on the page), the toolbar's Search button takes it.
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.search-button'));

  // The box takes the focus (its text selected) each time the search is asked for, also when already open.
  useFocusOnRequest(input, focusRequest);

  // Typing searches once it pauses; only the latest answer lands (see runSearch).
  useEffect(() => {
    const timer = setTimeout(() => void runSearch(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, filters, runSearch]);

  const hits = useMemo(
    () => results?.groups.flatMap((group) => group.hits.map((hit) => ({ postId: group.postId, hit }))) ?? [],
    [results],
  );
  // The active hit is kept per answer: a new answer starts at its first hit.
  const [activeFor, setActiveFor] = useState<{ results: SearchResults | null; index: number }>({
    results: null,
    index: 0,
  });
  const active = hits.length ? (activeFor.results === results ? Math.min(activeFor.index, hits.length - 1) : 0) : -1;
  useEffect(() => {
    if (active >= 0) document.getElementById(hitId(active))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const close = () => {
    closeSearch();
    returnFocus();
  };

  const onDialogKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab' && dialog.current) {
      // Keep Tab inside the dialog.
      const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!hits.length) return;
      const next = (active + (event.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      setActiveFor({ results, index: next });
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      // Typed and pressed Enter before the results caught up: the first hit of what is typed now.
      const chosen = hits[active];
      if (stale) void openFirstHit();
      else if (chosen) void openHit(chosen.postId, chosen.hit);
    }
  };

  const searched = query.trim().length > 0 && filters.kinds.length > 0;
  return (
    <div
      className="search-overlay"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) close();
      }}
    >
      <div
        ref={dialog}
        className="search-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="search-heading"
        onKeyDown={onDialogKeyDown}
      >
        <h2 id="search-heading" className="sr-only">
          Search the library
        </h2>
        <div className="search-box">
          <svg className="search-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M7 12.5A5.5 5.5 0 1 0 7 1.5a5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5" />
          </svg>
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-label="Search posts, comments and articles"
            aria-expanded={hits.length > 0}
            aria-controls="search-results"
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? hitId(active) : undefined}
            placeholder="Search posts, comments and articles"
            spellCheck={false}
            autoComplete="off"
            maxLength={1000}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onInputKeyDown}
          />
          <button type="button" className="search-close" aria-label="Close search" title="Close (Esc)" onClick={close}>
            <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
        <Filters />
        <Notes results={results} searched={searched} />
        {searched && <SearchTimeline />}
        {error && (
          <p role="alert" className="search-error">
            {error}
          </p>
        )}
        <div className="search-results-scroll">
          {!searched ? (
            <SearchHelp noKinds={query.trim().length > 0} />
          ) : results && results.groups.length === 0 ? (
            <NoResults
              query={resultsKey ? (JSON.parse(resultsKey) as string[])[0]! : query}
              filtered={!sameFilters(filters, NO_FILTERS)}
            />
          ) : (
            <div id="search-results" role="listbox" aria-label="Search results" aria-busy={status === 'loading'}>
              {results?.groups.map((group) => {
                const groupId = `search-group-${group.postId}`;
                return (
                  <div key={group.postId} role="group" aria-labelledby={groupId} className="search-group">
                    <div id={groupId} className="search-group-title">
                      <span className="search-post-title">{group.title || '(untitled)'}</span>
                      <time dateTime={group.date ?? undefined}>{formatDate(group.date)}</time>
                    </div>
                    {group.hits.map((hit) => {
                      const index = hits.findIndex((h) => h.hit === hit);
                      return (
                        <div
                          key={index}
                          id={hitId(index)}
                          role="option"
                          aria-selected={index === active}
                          className="search-hit"
                          onMouseDown={(event) => event.preventDefault()}
                          onClick={() => void openHit(group.postId, hit)}
                        >
                          <span className="search-hit-kind">
                            {describeHit(hit, sourceOf(hit, group.postId, detail, filters, sources))}
                          </span>
                          <span className="search-snippet">
                            {hit.snippet.map((part, i) =>
                              part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                            )}
                          </span>
                        </div>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          )}
        </div>
        <p className="search-footer" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </div>
  );
}

/** Kind toggles, date range, source and author. */
function Filters() {
  const filters = useApp((s) => s.searchFilters);
  const setFilters = useApp((s) => s.setSearchFilters);
  const sources = useApp((s) => s.sources);
  const toggle = (kind: SearchKind) =>
    setFilters({
      kinds: filters.kinds.includes(kind)
        ? filters.kinds.filter((k) => k !== kind)
        : SEARCH_KINDS.filter((k) => k === kind || filters.kinds.includes(k)),
    });
  return (
    <div className="search-filters">
      <div className="search-kinds" role="group" aria-label="Search in">
        {SEARCH_KINDS.map((kind) => (
          <button key={kind} type="button" aria-pressed={filters.kinds.includes(kind)} onClick={() => toggle(kind)}>
            {KIND_LABELS[kind]}
          </button>
        ))}
      </div>
      <DateField label="From" value={filters.from} onChange={(from) => setFilters({ from })} />
      <DateField label="To" value={filters.to} onChange={(to) => setFilters({ to })} />
      <label>
        Source{' '}
        <select value={filters.sourceKey} onChange={(event) => setFilters({ sourceKey: event.target.value })}>
          <option value="">Any source</option>
          {sources.map((source) => (
            <option key={source.key} value={source.key}>
              {source.name ?? 'Unknown source'}
            </option>
          ))}
        </select>
      </label>
      <AuthorField value={filters.author} onChange={(author) => setFilters({ author })} />
      <label>
        Order{' '}
        <select
          value={filters.sort}
          onChange={(event) => setFilters({ sort: event.target.value === 'date' ? 'date' : 'relevance' })}
        >
          <option value="relevance">Best match first</option>
          <option value="date">Newest first</option>
        </select>
      </label>
      {!sameFilters(filters, NO_FILTERS) && (
        <button type="button" className="link-button" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** What was left out of the query, whether the index is still being built, and how much was found. */
function Notes({ results, searched }: { results: SearchResults | null; searched: boolean }) {
  const progress = useApp((s) => s.indexProgress);
  const status = useApp((s) => s.searchStatus);
  if (!searched || !results)
    return (
      <p className="search-status" role="status">
        {searched && status === 'loading' ? 'Searching…' : ''}
      </p>
    );
  const posts = results.groups.length;
  const shown = results.groups.reduce((sum, g) => sum + g.hits.length, 0);
  return (
    <div className="search-notes">
      <p className="search-status" role="status">
        {posts
          ? `${shown} ${shown === 1 ? 'match' : 'matches'} in ${posts} ${posts === 1 ? 'post' : 'posts'}`
          : 'No results'}
        {results.totalHits !== null && results.totalHits > shown
          ? ` (of ${results.totalHits.toLocaleString('en-GB')} matching texts)`
          : ''}
      </p>
      {results.dropped.length > 0 && <p className="search-note">Left out: {results.dropped.join(' · ')}</p>}
      {!results.complete && (
        <p className="search-note search-indexing">
          Still indexing — results may be incomplete
          {progress?.phase === 'extracting' && progress.total > 0
            ? ` (${Math.floor((100 * progress.done) / progress.total)}%)`
            : ''}
        </p>
      )}
    </div>
  );
}

function SearchHelp({ noKinds }: { noKinds: boolean }) {
  if (noKinds) return <p className="search-help">Choose at least one of Posts, Comments and Articles to search in.</p>;
  return (
    <div className="search-help">
      <p>Search the posts, their comments and the articles quoted in them.</p>
      <ul>
        <li>
          All the words must be there: <code>probation hostel</code>
        </li>
        <li>
          A phrase in quotes: <code>"tipping point"</code>
        </li>
        <li>
          Words that start with…: <code>privatis*</code>
        </li>
      </ul>
    </div>
  );
}

function NoResults({ query, filtered }: { query: string; filtered: boolean }) {
  return (
    <div className="search-help">
      <p>Nothing matches “{query.trim()}”.</p>
      <p>Try fewer words, check the spelling, or end a word with * to find the words that start with it.</p>
      {filtered && <p>Filters are on: “Clear filters” above searches everything.</p>}
    </div>
  );
}
