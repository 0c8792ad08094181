import { useEffect, useMemo } from 'react';
import { monthDays, monthName } from '../../../main/core/shared/timeline';
import { useApp } from '../../store';
import { searchKey } from '../../store/search-slice';
import { timelineKey } from '../../store/timeline-slice';
import { MonthBars, MonthTable } from '../timeline/MonthBars';

const number = (n: number) => n.toLocaleString('en-GB');
const texts = (n: number) => `${number(n)} matching ${n === 1 ? 'text' : 'texts'}`;

/**
 * Where the search's matches fall in time: every matching text of the library per month, asked
 * for once the first results are on show. A bar filters the search to its month (the From and To
 * dates); pressed again, or "All months", it lets go.
 */
export function SearchTimeline() {
  const query = useApp((s) => s.searchQuery);
  const filters = useApp((s) => s.searchFilters);
  const results = useApp((s) => s.searchResults);
  const resultsKey = useApp((s) => s.searchResultsKey);
  const timeline = useApp((s) => s.searchTimeline);
  const shownKey = useApp((s) => s.searchTimelineKey);
  const status = useApp((s) => s.searchTimelineStatus);
  const error = useApp((s) => s.searchTimelineError);
  const load = useApp((s) => s.loadSearchTimeline);
  const setFilters = useApp((s) => s.setSearchFilters);

  // After the results: the count reads every match, the results only the best.
  const resultsShown = results !== null && resultsKey === searchKey(query, filters);
  useEffect(() => {
    if (resultsShown) void load();
  }, [results, resultsShown, load]);

  const chosen = useMemo(() => {
    const month = filters.from.slice(0, 7);
    return filters.from && monthDays(month).join() === `${filters.from},${filters.to}` ? month : null;
  }, [filters.from, filters.to]);
  const bars = useMemo(
    () =>
      (timeline?.months ?? []).map(({ month, count }) => ({
        month,
        value: count,
        label: `${monthName(month)}: ${texts(count)}`,
        pressed: month === chosen,
      })),
    [timeline, chosen],
  );

  const current = timelineKey(query, filters) === shownKey;
  if (error && current)
    return (
      <p className="search-note" role="alert">
        {error}
      </p>
    );
  if (!query.trim()) return null;
  // A new search's chart on its way: the last one stays, dimmed, so the panel does not jump as the words are typed.
  if (!timeline)
    return status === 'loading' ? <p className="search-timeline-status">Counting matches per month…</p> : null;
  if (!timeline.total) return null;
  const choose = (month: string) => {
    const [from, to] = month === chosen ? ['', ''] : monthDays(month);
    setFilters({ from, to });
  };
  const dated = timeline.total - timeline.undated;
  return (
    <section
      className={current ? 'search-timeline' : 'search-timeline stale'}
      aria-labelledby="search-timeline-heading"
      aria-busy={!current}
    >
      <div className="search-timeline-head">
        <h3 id="search-timeline-heading">Matches per month</h3>
        <p className="search-timeline-summary">
          {current ? `${texts(timeline.total)} in all` : 'Counting…'}
          {current && timeline.undated > 0 ? `, ${number(timeline.undated)} of them in undated posts` : ''}
          {current && !timeline.complete ? ' (still indexing: more may match)' : ''}
        </p>
        {(filters.from || filters.to) && (
          <button type="button" className="link-button" onClick={() => setFilters({ from: '', to: '' })}>
            {chosen ? `Showing ${monthName(chosen)} · ` : ''}All months
          </button>
        )}
      </div>
      {dated > 0 && (
        <>
          <MonthBars
            bars={bars}
            label="Matching texts per month: choose a month to search only in it"
            onActivate={choose}
          />
          <MonthTable
            caption="Matching texts per month"
            columns={['Month', 'Matching texts']}
            rows={[
              // The months with matches: a table of every month between would be mostly zeros.
              ...timeline.months
                .filter(({ count }) => count > 0)
                .map(({ month, count }) => ({ key: month, cells: [monthName(month), number(count)] })),
              ...(timeline.undated ? [{ key: 'undated', cells: ['Undated', number(timeline.undated)] }] : []),
            ]}
          />
        </>
      )}
    </section>
  );
}
