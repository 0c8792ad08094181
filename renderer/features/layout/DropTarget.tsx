import './drop-target.css';
import { useEffect, useState } from 'react';
import { useApp } from '../../store';

/**
 * Drop a folder anywhere on the window to open it as a library. While something is dragged
 * over the window an overlay says what dropping will do; the app never navigates to a dropped file.
 */
export function DropTarget() {
  const [over, setOver] = useState(false);
  const openDropped = useApp((s) => s.openDropped);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) =>
      Boolean(event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files'));
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setOver(true);
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) setOver(false);
    };
    const overHandler = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void openDropped(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [openDropped]);
  if (!over) return null;
  return (
    <div className="drop-overlay" role="status">
      <p>Drop a folder of saved posts to open it as a library</p>
    </div>
  );
}
