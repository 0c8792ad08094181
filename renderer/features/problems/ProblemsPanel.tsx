import { useApp } from '../../store';

/** The library's parse problems, each with its file and line. */
export function ProblemsPanel() {
  const problems = useApp((s) => s.problems);
  const open = useApp((s) => s.problemsOpen);
  const setOpen = useApp((s) => s.setProblemsOpen);
  if (!open) return null;
  return (
    <section className="problems" role="region" aria-labelledby="problems-heading">
      <header>
        <h2 id="problems-heading">Problems in this library</h2>
        <button type="button" onClick={() => setOpen(false)}>
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
