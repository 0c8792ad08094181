import './drop-target.css';
import { useEffect, useRef, useState } from 'react';
import type { Events } from '../../../preload/api';
import { getBridge } from '../../api/client';

type Progress = Events['library.progress'];

const PHASES: Record<Progress['phase'], string> = {
  scanning: 'Looking for files',
  parsing: 'Reading posts',
  extracting: 'Indexing text and quoted articles',
  grouping: 'Linking articles',
  done: 'Done',
};

/** Progress of reading a library (files done / total, then the search index), with Cancel. Hidden when idle. */
export function IndexProgress() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const latest = useRef<Progress | null>(null);
  useEffect(() => {
    const bridge = getBridge();
    let frame = 0;
    const off = bridge.on('library.progress', (payload) => {
      latest.current = payload;
      // Many events per second on a big library: show the latest once per frame.
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          const current = latest.current;
          if (current?.error) setNote(`Updating the library failed: ${current.error}`);
          setProgress(current && current.phase !== 'done' ? current : null);
        });
    });
    const offIndexed = bridge.on('library.indexed', () => setProgress(null));
    return () => {
      off();
      offIndexed();
      cancelAnimationFrame(frame);
    };
  }, []);
  const cancel = async () => {
    const cancelIndexing = getBridge()['library.cancelIndexing'];
    await cancelIndexing({});
    setNote('Indexing stopped; it carries on next time the library opens or changes.');
  };
  if (!progress && !note) return null;
  if (!progress) return <span className="index-progress error-text">{note}</span>;
  const share = progress.total ? Math.round((progress.done / progress.total) * 100) : null;
  const label = `${PHASES[progress.phase]}${progress.total ? ` ${progress.done.toLocaleString()} / ${progress.total.toLocaleString()}` : '…'}`;
  return (
    <span className="index-progress" role="status">
      <progress max={100} value={share ?? undefined} aria-label={label} />
      <span>{label}</span>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </span>
  );
}
