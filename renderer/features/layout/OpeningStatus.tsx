import './shell-notice.css';
import { useApp } from '../../store';

/** "Opening …" while the window's first library is read behind it; gone once library.changed brings the list. */
export function OpeningStatus() {
  const opening = useApp((s) => s.openingLibrary);
  if (!opening) return null;
  return (
    <p role="status" className="opening-status banner">
      Opening {opening.isDefault ? 'the bundled library' : `“${opening.name}”`}…
    </p>
  );
}
