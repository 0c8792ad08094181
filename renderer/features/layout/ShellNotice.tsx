import './shell-notice.css';
import { useApp } from '../../store';

/** What failed, in plain words with what to do (a crash, a helper process, an error in main), until dismissed. */
export function ShellNotice() {
  const notice = useApp((s) => s.shellNotice);
  const dismiss = useApp((s) => s.dismissShellNotice);
  if (!notice) return null;
  return (
    <div role="alert" className="shell-notice banner">
      <p>{notice}</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
