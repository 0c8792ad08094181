import { useMemo, useState } from 'react';
import type { BusyThread, LibraryTimeline as Timeline } from '../../../preload/api';
import { monthName } from '../../../main/core/shared/timeline';
import { useApp } from '../../store';
import { formatDate } from '../../ui/format';
import { useReturnFocus } from '../../ui/use-return-focus';
import { SheetDialog } from '../../ui/sheet-dialog';
import { MonthBars, MonthTable } from './MonthBars';
import './timeline.css';

const number = (n: number) => n.toLocaleString('en-GB');
const count = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? '' : 's'}`;
const threadTitle = (thread: BusyThread) => thread.title || thread.lead || '(untitled)';

/** The button above the post list that opens the library timeline. */
export function LibraryTimelineButton() {
  const open = useApp((s) => s.openLibraryTimeline);
  return (
    <button type="button" className="library-timeline-button" title="Posts and comments per month" onClick={open}>
      Timeline
    </button>
  );
}

/** The library timeline: posts and comments per month and the busiest threads, in a dialog over the window. */
export function LibraryTimeline() {
  const open = useApp((s) => s.libraryTimelineOpen);
  return open ? <TimelineDialog /> : null;
}

function TimelineDialog() {
  const timeline = useApp((s) => s.libraryTimeline);
  const status = useApp((s) => s.libraryTimelineStatus);
  const error = useApp((s) => s.libraryTimelineError);
  const close = useApp((s) => s.closeLibraryTimeline);
  const openPost = useApp((s) => s.openPost);
  // Back where it was; when that has gone (the list re-rendered), to the Timeline button.
  const returnFocus = useReturnFocus(() => document.querySelector<HTMLElement>('.library-timeline-button'));

  const dismiss = () => {
    close();
    returnFocus();
  };
  const openThread = (postId: string) => {
    dismiss();
    void openPost(postId);
  };

  return (
    <SheetDialog name="timeline" headingId="library-timeline-heading" title="Library timeline" onDismiss={dismiss}>
      <div className="timeline-body">
        {error && (
          <p role="alert" className="timeline-error">
            {error}
          </p>
        )}
        {!timeline ? (
          <p role="status">{status === 'loading' ? 'Counting posts and comments…' : ''}</p>
        ) : (
          <TimelineContent timeline={timeline} openThread={openThread} />
        )}
      </div>
    </SheetDialog>
  );
}

function TimelineContent({ timeline, openThread }: { timeline: Timeline; openThread: (postId: string) => void }) {
  const [measure, setMeasure] = useState<'comments' | 'posts'>('comments');
  const [chosen, setChosen] = useState<string | null>(null);
  const busiestIn = useMemo(() => {
    const byMonth = new Map<string, BusyThread[]>();
    for (const thread of timeline.busiest) {
      const month = thread.date?.slice(0, 7);
      if (month) byMonth.set(month, [...(byMonth.get(month) ?? []), thread]);
    }
    return byMonth;
  }, [timeline]);
  const bars = useMemo(
    () =>
      timeline.months.map(({ month, posts, comments }) => {
        const busy = busiestIn.get(month) ?? [];
        return {
          month,
          value: measure === 'comments' ? comments : posts,
          label:
            `${monthName(month)}: ${count(posts, 'post')}, ${count(comments, 'comment')}` +
            (busy.length ? `; busiest: ${busy.map(threadTitle).join(', ')}` : ''),
          pressed: month === chosen,
          marked: busy.length > 0,
        };
      }),
    [timeline, measure, chosen, busiestIn],
  );
  const posts = timeline.months.reduce((n, m) => n + m.posts, 0) + timeline.undated.posts;
  const comments = timeline.months.reduce((n, m) => n + m.comments, 0) + timeline.undated.comments;
  const first = timeline.months[0]?.month;
  const last = timeline.months[timeline.months.length - 1]?.month;
  const chosenMonth = timeline.months.find((m) => m.month === chosen);
  return (
    <>
      <p className="timeline-summary">
        {count(posts, 'post')} and {count(comments, 'comment')}
        {first && last ? `, ${monthName(first)} to ${monthName(last)}` : ''}
        {timeline.undated.posts ? `; ${count(timeline.undated.posts, 'undated post')}` : ''}.
      </p>
      {timeline.months.length > 0 && (
        <section aria-labelledby="timeline-chart-heading">
          <div className="timeline-chart-head">
            <h3 id="timeline-chart-heading">{measure === 'comments' ? 'Comments' : 'Posts'} per month</h3>
            <div role="group" aria-label="Bars show" className="timeline-measure">
              <button type="button" aria-pressed={measure === 'comments'} onClick={() => setMeasure('comments')}>
                Comments
              </button>
              <button type="button" aria-pressed={measure === 'posts'} onClick={() => setMeasure('posts')}>
                Posts
              </button>
            </div>
            <span className="timeline-legend">
              <span className="timeline-legend-dot" aria-hidden="true" /> a busiest thread
            </span>
          </div>
          <MonthBars
            bars={bars}
            label={`${measure === 'comments' ? 'Comments' : 'Posts'} per month: choose a month for its numbers`}
            onActivate={(month) => setChosen(month === chosen ? null : month)}
          />
          <p className="timeline-chosen" aria-live="polite">
            {chosenMonth
              ? `${monthName(chosenMonth.month)}: ${count(chosenMonth.posts, 'post')}, ${count(chosenMonth.comments, 'comment')}`
              : ''}
          </p>
          <MonthTable
            caption="Posts and comments per month"
            columns={['Month', 'Posts', 'Comments']}
            rows={[
              // The months with posts: a table of every month between would be mostly zeros.
              ...timeline.months
                .filter(({ posts: p }) => p > 0)
                .map(({ month, posts: p, comments: c }) => ({
                  key: month,
                  cells: [monthName(month), number(p), number(c)],
                })),
              ...(timeline.undated.posts
                ? [
                    {
                      key: 'undated',
                      cells: ['Undated', number(timeline.undated.posts), number(timeline.undated.comments)],
                    },
                  ]
                : []),
            ]}
          />
        </section>
      )}
      {timeline.busiest.length > 0 && (
        <section aria-labelledby="timeline-busiest-heading">
          <h3 id="timeline-busiest-heading">Busiest threads</h3>
          <ol className="timeline-busiest">
            {timeline.busiest.map((thread) => (
              <li key={thread.postId}>
                <button type="button" className="timeline-thread" onClick={() => openThread(thread.postId)}>
                  <span className="timeline-thread-title">{threadTitle(thread)}</span>
                  <span className="timeline-thread-meta">
                    <time dateTime={thread.date ?? undefined}>{formatDate(thread.date)}</time> ·{' '}
                    {count(thread.comments, 'comment')}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
