import type { KeyboardEvent } from 'react';
import { useApp } from '../../store';

/** The toolbar's problems badge, which opens this panel: the focus goes back to it when the panel closes. */
const problemsBadge = () => document.querySelector<HTMLElement>('.toolbar .badge');

/** The library's parse problems, each with its file and line. Close or Escape closes it, the focus back on the badge. */
export function ProblemsPanel() {
  const problems = useApp((s) => s.problems);
  const open = useApp((s) => s.problemsOpen);
  const setOpen = useApp((s) => s.setProblemsOpen);
  if (!open) return null;
  const close = () => {
    setOpen(false);
    problemsBadge()?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  };
  return (
    <section className="problems" role="region" aria-labelledby="problems-heading" onKeyDown={onKeyDown}>
      <header>
        <h2 id="problems-heading">Problems in this library</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      {problems.length === 0 ? (
        <p>Every file was read without problems.</p>
      ) : (
        <ul>
          {problems.map((problem, index) => (
            <li key={index} className={problem.severity}>
              <span className="severity">{problem.severity === 'error' ? 'Error' : 'Warning'}</span>
              <span className="where">
                {problem.file}
                {problem.line !== null ? `:${problem.line}` : ''}
              </span>
              <span className="message">{problem.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
