import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Problem } from '../../../preload/api';
import { StoreContext, useApp, type AppStore } from '../../store';
import { postLabel } from '../post-list/group-posts';
import { groupProblems, targetOfLine, type ProblemFile, type ProblemKind } from './problem-groups';
import './problems.css';

/** The toolbar's problems badge: where the focus goes back to when the panel closes. */
const badge = () => document.getElementById('problems-badge');

/** Opens the post a problem is in, and shows its line there (the comment or paragraph holding it) when the thread has it. */
async function goToProblem(store: AppStore, postId: string, line: number | null) {
  const state = store.getState();
  state.setProblemsOpen(false);
  if (state.view !== 'reader') state.setView('reader');
  if (state.openPostId !== postId || !state.detail) await state.openPost(postId);
  await store.getState().postArrived();
  const { detail, revealWhenArrived } = store.getState();
  if (detail?.post.id !== postId) return;
  const { post } = detail;
  // The head (date, title) or the whole file: the post's first paragraph, or its first comment.
  const target =
    (line === null ? null : targetOfLine(post, line)) ??
    (post.body[0] ? { bodyLine: post.body[0].line } : post.comments[0] ? { commentId: post.comments[0].id } : null);
  if (target) revealWhenArrived(target);
  else badge()?.focus();
}

/** "line 54", or "lines 80, 95 and 3 more". */
function linesOf(problems: Problem[]): string {
  const lines = problems.map((p) => p.line).filter((line): line is number => line !== null);
  if (!lines.length) return 'whole file';
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 3).join(', ');
  return lines.length > 3 ? `lines ${shown} and ${lines.length - 3} more` : `lines ${shown}`;
}

function KindRow({ kind, postId, store }: { kind: ProblemKind; postId: string | null; store: AppStore }) {
  const first = kind.problems[0]!;
  const more = kind.problems.length - 1;
  return (
    <li className={`problem severity-${kind.severity}`}>
      <span className="severity">{kind.severity === 'error' ? 'Error' : 'Warning'}</span>
      <span className="message">
        {kind.message}
        {more > 0 && (
          <span className="more">
            {' '}
            ({more} more like it, {linesOf(kind.problems)})
          </span>
        )}
      </span>
      {postId && (
        <button type="button" className="go-to" onClick={() => void goToProblem(store, postId, first.line)}>
          {first.line === null ? 'Open post' : `Go to line ${first.line}`}
        </button>
      )}
      {!postId && <span className="where">{first.line === null ? 'whole file' : `line ${first.line}`}</span>}
    </li>
  );
}

function FileGroup({ group, store }: { group: ProblemFile; store: AppStore }) {
  const count = group.kinds.reduce((sum, k) => sum + k.problems.length, 0);
  const label = group.post ? postLabel(group.post) : null;
  return (
    <li className="problem-file">
      <h3>
        <code className="file-name">{group.file}</code>{' '}
        <span className="file-count">
          {count} {count === 1 ? 'problem' : 'problems'}
        </span>
      </h3>
      <p className="file-post">
        {group.post && label ? (
          <>
            Post:{' '}
            <button
              type="button"
              className={label.untitled ? 'link-button untitled' : 'link-button'}
              onClick={() => void goToProblem(store, group.post!.id, null)}
            >
              {label.untitled && <span className="sr-only">Untitled: </span>}
              {label.text}
            </button>
          </>
        ) : (
          'No post could be read from this file.'
        )}
      </p>
      <ul className="problem-kinds">
        {group.kinds.map((kind, index) => (
          <KindRow key={index} kind={kind} postId={group.post?.id ?? null} store={store} />
        ))}
      </ul>
    </li>
  );
}

/**
 * The library's parse problems, grouped by file and, in each file, by kind; each links to its
 * post and line. A sheet over the right of the window, so the reader is not pushed down; Escape
 * or Close shuts it and gives the focus back to the problems badge.
 */
export function ProblemsPanel() {
  const store = useContext(StoreContext)!;
  const problems = useApp((s) => s.problems);
  const posts = useApp((s) => s.posts);
  const open = useApp((s) => s.problemsOpen);
  const setOpen = useApp((s) => s.setProblemsOpen);
  const groups = useMemo(() => groupProblems(problems, posts), [problems, posts]);
  const panel = useRef<HTMLElement>(null);
  const [top, setTop] = useState(0);

  // Below the toolbar, however many lines it wraps onto.
  useLayoutEffect(() => {
    if (!open) return;
    const toolbar = document.querySelector<HTMLElement>('.toolbar');
    const place = () => setTop(toolbar ? toolbar.getBoundingClientRect().bottom : 0);
    place();
    const observer = new ResizeObserver(place);
    if (toolbar) observer.observe(toolbar);
    return () => observer.disconnect();
  }, [open]);
  useEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);

  if (!open) return null;
  const close = () => {
    setOpen(false);
    badge()?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
  const files = groups.length;
  const unread = groups.filter((g) => g.errors > 0).length;
  return (
    <section
      ref={panel}
      id="problems-panel"
      className="problems"
      role="region"
      aria-labelledby="problems-heading"
      tabIndex={-1}
      style={{ top }}
      onKeyDown={onKeyDown}
    >
      <header>
        <h2 id="problems-heading">Problems in this library</h2>
        <button type="button" className="problems-close" onClick={close}>
          Close
        </button>
      </header>
      {problems.length === 0 ? (
        <p>Every file was read without problems.</p>
      ) : (
        <>
          <p className="problems-summary">
            {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in {files}{' '}
            {files === 1 ? 'file' : 'files'}
            {unread > 0 ? `; ${unread} ${unread === 1 ? 'file' : 'files'} could not be read` : ''}.
          </p>
          <ul className="problem-files">
            {groups.map((group) => (
              <FileGroup key={group.file} group={group} store={store} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
