import './export.css';
import type { Annotation } from '../../../preload/api';
import { useApp } from '../../store';
import { ReadAloudButton } from '../read-aloud/ReadAloudButton';
import { commentElementId } from '../thread/segments';
import { ExportDialog } from './ExportDialog';
import { useTabStop } from '../../ui/tab-stop';

/** The post header's actions: copy its link, export the thread, read the post aloud. */
export function PostActions() {
  const copyLink = useApp((s) => s.copyLink);
  const dialogOpen = useApp((s) => s.exportDialogOpen);
  const openDialog = useApp((s) => s.setExportDialogOpen);
  return (
    <div className="post-actions" role="group" aria-label="Post actions">
      <button type="button" className="copy-link" onClick={() => void copyLink({})}>
        Copy link
      </button>
      <button type="button" className="export-thread" aria-haspopup="dialog" onClick={() => openDialog(true)}>
        Export thread…
      </button>
      <ReadAloudButton
        name="post"
        label="Read the post aloud"
        roots={() => Array.from(document.querySelectorAll('#post-title, .thread .post-body'))}
      />
      {dialogOpen && <ExportDialog />}
    </div>
  );
}

/** A comment header's actions: copy its link, read it aloud. */
export function CommentActions({ commentId }: { commentId: string }) {
  const copyLink = useApp((s) => s.copyLink);
  const tabIndex = useTabStop();
  return (
    <span className="comment-actions">
      <button
        type="button"
        className="copy-link"
        tabIndex={tabIndex}
        aria-label={`Copy link to comment ${commentId}`}
        title="Copy link"
        onClick={() => void copyLink({ commentId })}
      >
        Copy link
      </button>
      <ReadAloudButton
        name={`comment:${commentId}`}
        label={`Read comment ${commentId} aloud`}
        roots={() => {
          const comment = document.getElementById(commentElementId(commentId));
          return comment ? [comment] : [];
        }}
      />
    </span>
  );
}

/** An annotation's "Copy link". */
export function CopyAnnotationLink({ annotation }: { annotation: Annotation }) {
  const copyLink = useApp((s) => s.copyLink);
  return (
    <button
      type="button"
      className="copy-link annotations-copy-link"
      aria-label="Copy link to this annotation"
      onClick={() => void copyLink({ annotation })}
    >
      Copy link
    </button>
  );
}

/**
 * What the last link, export or read-aloud action did: said politely (a live region always in the
 * page, so the change is heard), or as an alert when it failed.
 */
export function ActionStatus() {
  const status = useApp((s) => s.actionStatus);
  return (
    <>
      <p className="action-status" aria-live="polite">
        {status && !status.error ? status.text : ''}
      </p>
      {status?.error && (
        <p className="action-status action-error" role="alert">
          {status.text}
        </p>
      )}
    </>
  );
}
